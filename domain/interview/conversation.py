"""Where the conversation stands, apart from the form itself: the fields answered, the current field, the
field a jump returns to, text typed but not submitted, notes kept between answers, and the undo history.

It goes to and from a draft as plain data (``to_state`` / ``from_state``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from domain.interview.outcome import DONE_ID, FIRST_ID, Outcome
from domain.interview.specs import SAVE_ID, FieldSpec, row_field_id, split_row_id
from domain.record.models import Evaluation

HISTORY_LIMIT = 500
JUDGED_FROM_DECLARED = "judged.declared"  # extras: rows whose judged score was taken from the opened form
PREFILLED = "targets.fields"  # extras: the fields answered from approved targets (domain.interview.from_targets)
Origin = Literal["new", "edit", "resumed"]


@dataclass(frozen=True)
class Step:
    """What undo restores: the form and the conversation as they were before one accepted answer."""

    field_id: str
    evaluation: Evaluation
    answered: frozenset[str]
    extras: tuple[tuple[str, str], ...]
    return_to: str | None


@dataclass
class Conversation:
    """The answers given (by field id), the position, the pending text and notes such as the chosen funding
    shortcut ("funds.sources"); ``version`` changes whenever anything that decides the field list does."""

    answered: set[str] = field(default_factory=set)
    extras: dict[str, str] = field(default_factory=dict)
    current_id: str | None = None
    return_to: str | None = None
    pending: tuple[str, str] | None = None  # (field id, text typed and not submitted)
    done: bool = False
    origin: Origin = "new"
    version: int = 0
    history: list[Step] = field(default_factory=list)

    def changed(self) -> None:
        self.version += 1

    def step(self, field_id: str, evaluation: Evaluation) -> Step:
        """A snapshot for undo, taken before an answer changes anything."""
        return Step(
            field_id,
            evaluation.model_copy(deep=True),
            frozenset(self.answered),
            tuple(sorted(self.extras.items())),
            self.return_to,
        )

    def remember(self, step: Step) -> None:
        self.history = [*self.history[-HISTORY_LIMIT:], step]

    def restore(self, step: Step, ask_again: bool = False) -> Evaluation:
        """Go back to ``step`` (with ``ask_again``, to asking its field: an undo); returns the form as it was."""
        self.answered = set(step.answered)
        self.extras = dict(step.extras)
        self.return_to = step.return_to
        if ask_again:
            self.current_id, self.done = step.field_id, False
        self.changed()
        return step.evaluation

    def mark_answered(self, field_ids: set[str]) -> None:
        self.answered |= field_ids
        self.changed()

    def apply(self, field_id: str, outcome: Outcome, step: Step) -> None:
        """An accepted answer to ``field_id``: what its outcome says of the answers and notes, and ``step``
        (taken before it) kept for undo."""
        if not outcome.answered:
            self.answered.discard(field_id)
        self.answered -= outcome.unanswer
        for key, value in outcome.extras.items():
            if value is None:
                self.extras.pop(key, None)
            else:
                self.extras[key] = value
        if outcome.clear_return:
            self.return_to = None
        self.remember(step)
        self.changed()

    def opened(self, extras: dict[str, str]) -> None:
        """The form was opened from a file: ``extras`` are the notes its content implies."""
        self.origin = "edit"
        self.extras.update(extras)
        self.changed()

    def go_back(self, spec: FieldSpec | None, ids: list[str]) -> bool:
        """To the field before ``spec`` (from the end, to the review); False when already at the first."""
        self.pending = None
        if self.done:
            self.done, self.current_id = False, SAVE_ID
            return True
        position = ids.index(spec.id) if spec is not None and spec.id in ids else 0
        if position == 0:
            return False
        self.current_id = ids[position - 1]
        return True

    def jump_to(self, field_id: str) -> None:
        """To any field; answering it returns here (to the review, when the interview had ended)."""
        here = SAVE_ID if self.done else self.current_id
        self.done = False
        if here is not None and here != field_id:
            self.return_to = here
        self.current_id = field_id

    def aside(self, field_id: str) -> tuple[str | None, str | None, bool]:
        """Answer ``field_id`` out of turn: returns where the conversation was, for ``back_from_aside``."""
        position = (self.current_id, self.return_to, self.done)
        self.done, self.current_id, self.return_to = False, field_id, None
        return position

    def back_from_aside(self, position: tuple[str | None, str | None, bool]) -> None:
        self.pending = None
        self.current_id, self.return_to, self.done = position

    def row_removed(self, index: int, rows_left: int, cleared: bool) -> None:
        """Row ``index`` was deleted (or, as the last row, ``cleared``): its answers go, later rows' move up,
        and the conversation goes on at the row now in its place."""
        if cleared:
            self.clear_row(index)
        else:
            self.forget_row(index)
            shift_after_removal(self.extras, index)
        self.return_to = None
        self.current_id = row_field_id(min(index, max(rows_left - 1, 0)), "level1")
        self.changed()

    def forget_row(self, removed: int) -> None:
        """Row ``removed`` was deleted: its answers go, and later rows' answers move up one (the fields
        answered from approved targets too)."""
        prefix = f"indicators[{removed}]."
        self.answered = {_shift_row(item, removed) for item in self.answered if not item.startswith(prefix)}
        if self.extras.get(PREFILLED):
            kept = (
                _shift_row(item, removed) for item in self.extras[PREFILLED].split(",") if not item.startswith(prefix)
            )
            self.extras[PREFILLED] = ",".join(sorted(kept))

    def clear_row(self, row: int) -> None:
        prefix = f"indicators[{row}]."
        self.answered = {item for item in self.answered if not item.startswith(prefix)}

    def first_unanswered(self, specs: list[FieldSpec]) -> str:
        return next((spec.id for spec in specs if spec.id not in self.answered), SAVE_ID)

    def advance(self, spec: FieldSpec, goto: str | None, specs: list[FieldSpec]) -> None:
        """Move on from the field just answered: to ``goto`` when the answer named one, else to the next field;
        after a jump, through the fields the change made necessary and then back to where the jump started."""
        if goto == DONE_ID:
            self.done, self.current_id, self.return_to = True, None, None
            return
        ids = [item.id for item in specs]
        if goto == FIRST_ID:
            goto = ids[0]
        if goto is not None:
            self.current_id = goto if goto in ids else self.first_unanswered(specs)
            return
        if spec.id not in ids:
            self.current_id = self.first_unanswered(specs)
            return
        position = ids.index(spec.id)
        if self.return_to is not None and self.return_to in ids:
            back_to = ids.index(self.return_to)
            if back_to > position:
                between = ids[position + 1 : back_to]
            else:
                between = [item.id for item in specs[position + 1 :] if spec.row is not None and item.row == spec.row]
            waiting = [item for item in between if item not in self.answered]
            if waiting:
                self.current_id = waiting[0]
            else:
                self.current_id, self.return_to = self.return_to, None
            return
        self.return_to = None
        skip = self.answered & set(self.extras.get(PREFILLED, "").split(","))  # answered from approved targets
        following = next((item for item in ids[position + 1 :] if item not in skip), SAVE_ID)
        self.current_id = following

    def to_state(self) -> dict[str, object]:
        """Where the conversation stands (kept in drafts beside the form)."""
        state: dict[str, object] = {
            "current": SAVE_ID if self.done else (self.current_id or ""),
            "answered": sorted(self.answered),
            "extras": dict(self.extras),
            "return_to": self.return_to or "",
        }
        if self.pending is not None and not self.done and self.pending[0] == self.current_id:
            state["pending"] = {"field": self.pending[0], "text": self.pending[1]}
        return state

    @classmethod
    def from_state(cls, state: dict[str, object]) -> Conversation:
        """The conversation a draft recorded (anything malformed in it is ignored)."""
        answered = state.get("answered", [])
        extras = state.get("extras", {})
        pending = state.get("pending")  # absent in drafts written before typed text was kept
        kept: tuple[str, str] | None = None
        if isinstance(pending, dict):
            field_id, text = pending.get("field"), pending.get("text")
            if isinstance(field_id, str) and isinstance(text, str):
                kept = (field_id, text)
        return cls(
            answered={str(item) for item in answered} if isinstance(answered, list) else set(),
            extras={str(k): str(v) for k, v in extras.items()} if isinstance(extras, dict) else {},
            current_id=str(state.get("current") or "") or None,
            return_to=str(state.get("return_to") or "") or None,
            pending=kept,
            origin="resumed",
            version=1,
        )


def _shift_row(field_id: str, removed: int) -> str:
    place = split_row_id(field_id)
    if place is None or place[0] < removed:
        return field_id
    return row_field_id(place[0] - 1, place[1])


def judged_from_declared(extras: dict[str, str]) -> set[int]:
    text = extras.get(JUDGED_FROM_DECLARED, "")
    return {int(part) for part in text.split(",") if part.strip().isdigit()}


def shift_after_removal(extras: dict[str, str], removed: int) -> None:
    """Keep the rows recorded above pointing at the same rows once row ``removed`` is deleted."""
    rows = judged_from_declared(extras)
    if not rows:
        return
    kept = sorted(index - 1 if index > removed else index for index in rows if index != removed)
    if kept:
        extras[JUDGED_FROM_DECLARED] = ",".join(str(index) for index in kept)
    else:
        extras.pop(JUDGED_FROM_DECLARED, None)

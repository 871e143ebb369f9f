"""The interview: a UI-free controller that walks a person field by field through an evaluation.

It owns the answers (an ``Evaluation``), the current field, which fields apply, jumping, undo and the
events to show. Renderers (the Textual app, the plain line mode, tests) only call its methods and draw
the events it returns; nothing here knows about a terminal.

Navigation: answering a field moves to the next one in order; after a jump, answering moves on to any
field the change made necessary (a new 二级, a direction to decide …) and then back to where that jump
started (each jump starts from the field it was made from). Undo restores the whole form as it was before
the last accepted answer. The form is dirty while it differs from what was last opened or saved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from pydantic import ValidationError

from domain.errors import InputError
from domain.interview.fields import (
    FUNDS_COLUMNS,
    FUNDS_WEIGHT_ID,
    MORE_ID,
    SAVE_ID,
    SOURCE_ROWS,
    SOURCES_ID,
    Choice,
    FieldKind,
    FieldSpec,
    row_field_id,
    split_row_id,
)
from domain.messages import t
from domain.record.models import Direction, Evaluation, IndicatorRow
from domain.record.problems import describe_validation_error
from domain.scoring.findings import Finding, Severity
from domain.scoring.profile import Profile
from domain.scoring.rounding import fixed, plain
from domain.scoring.rules import BudgetResult, RowResult, RowStatus, ScoredEvaluation, score_budget, score_row

__all__ = [
    "Choice", "Event", "EventKind", "FieldKind", "FieldSpec", "FieldState", "Interview", "Suggestion",
]

FULL_MARKS = Decimal(100)
ACCEPT_SCORE = 75.0  # a catalogue match this good is offered as the default (as domain.scoring.indicators does)
OFFER_SCORE = 50.0  # matches below this are not offered at all
HISTORY_LIMIT = 500
_WARNING_NOTES = frozenset({
    "overachieved", "unit_mismatch", "direction_conflict", "judged_out_of_band", "negative_actual",
    "low_execution", "executed_over_budget",
})
SCORE_KEYS = frozenset({"name", "catalogue", "level2", "target_text", "actual_text", "weight", "direction",
                         "judged_score"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
DONE_ID = "<done>"


class EventKind(StrEnum):
    QUESTION = "question"  # ask ``field``; text is the prompt
    HINT = "hint"  # a short aside (accepted formats, what was assumed)
    SUGGESTIONS = "suggestions"  # catalogue matches offered for an INDICATOR field (data: list[Suggestion])
    EXPLANATION = "explanation"  # a computed score with its derivation (data: RowResult or BudgetResult)
    WARNING = "warning"  # something to look at that does not block (funds not adding up, weight over 100 …)
    ERROR = "error"  # the answer was refused; the same field is asked again
    INFO = "info"  # neutral statement (saved, resumed, undone …)
    DONE = "done"  # the interview reached its end (saved or review finished)


@dataclass(frozen=True)
class Event:
    """Something a renderer shows, in order."""

    kind: EventKind
    text: str
    field: FieldSpec | None = None
    data: object = None


@dataclass(frozen=True)
class Suggestion:
    """A catalogue entry offered for an indicator name."""

    name: str
    level1: str
    level2: str
    direction: str
    unit: str
    score: float
    how: str  # "exact" | "alias" | "fuzzy" | "pinyin" | "initials"


@dataclass(frozen=True)
class FieldState:
    """One field in the jump list: its spec, the current answer as text, and whether it was answered."""

    spec: FieldSpec
    answer: str
    answered: bool
    current: bool


@dataclass
class _Step:
    """What undo restores: the form and the conversation state before one accepted answer."""

    field_id: str
    evaluation: Evaluation
    answered: frozenset[str]
    extras: dict[str, str]
    return_to: str | None


def _clean(text: object, kind: FieldKind) -> str:
    """An answer without control characters; one line unless the field takes several."""
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    if kind is FieldKind.LONG_TEXT:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        text = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub("", text).strip()


def direction_words(direction: Direction | str) -> str:
    from domain.scoring.rules import DIRECTION_WORDS

    return DIRECTION_WORDS[Direction(direction)][0]


def direction_pending(result: RowResult) -> bool:
    """A row that cannot be scored until the user says which way it counts (the target's wording and the
    catalogue disagree): what it needs is a direction, not a score."""
    return result.score is None and result.direction is None and result.has_note("direction_conflict")


def unit_words(unit: str) -> str:
    return t("choice.catalogue.unit", unit=unit) if unit else ""


@dataclass
class Interview:
    """The conversation state; every method returns the events to show next."""

    evaluation: Evaluation = field(default_factory=Evaluation)
    profile: Profile | None = None
    on_commit: Callable[[Interview], None] | None = None  # called after every accepted answer (autosave)

    _answered: set[str] = field(default_factory=set, init=False, repr=False, compare=False)
    _extras: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _current_id: str | None = field(default=None, init=False, repr=False, compare=False)
    _return_to: str | None = field(default=None, init=False, repr=False, compare=False)
    _history: list[_Step] = field(default_factory=list, init=False, repr=False, compare=False)
    _baseline: Evaluation | None = field(default=None, init=False, repr=False, compare=False)
    _done: bool = field(default=False, init=False, repr=False, compare=False)
    _pending: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)
    _origin: str = field(default="new", init=False, repr=False, compare=False)
    _version: int = field(default=0, init=False, repr=False, compare=False)
    _specs_cache: tuple[tuple[int, int], list[FieldSpec]] | None = field(default=None, init=False, repr=False,
                                                                           compare=False)
    _match_cache: dict[tuple[str, str, str], list] = field(default_factory=dict, init=False, repr=False,
                                                           compare=False)

    def __post_init__(self) -> None:
        if not self.evaluation.indicators:
            self.evaluation.indicators.append(IndicatorRow())
        if _has_content(self.evaluation):
            from domain.interview.declared import adopt_declared_judgements

            self._origin = "edit"
            adopt_declared_judgements(self)
            self._presume_answered()
        self._baseline = self.evaluation.model_copy(deep=True)

    # --- conversation -------------------------------------------------------------------------
    def start(self) -> list[Event]:
        """Greeting and the first question (or, for an existing evaluation, the first field to review)."""
        name = self.evaluation.header.project_name.strip() or t("interview.untitled")
        if self._origin == "edit":
            events = [Event(EventKind.INFO, t("interview.editing", name=name))]
        elif self._origin == "resumed":
            events = [Event(EventKind.INFO, t("interview.resumed", name=name, count=len(self._answered)))]
        else:
            events = [Event(EventKind.INFO, t("interview.greeting"))]
        if self._current_id is None and not self._done:
            self._current_id = self._specs()[0].id
        return events + self._ask()

    @property
    def current(self) -> FieldSpec | None:
        """The field being asked, or None when the interview is done."""
        if self._done:
            return None
        specs = self._specs()
        if self._current_id is None:
            self._current_id = specs[0].id
        for spec in specs:
            if spec.id == self._current_id:
                return spec
        self._current_id = self._first_unanswered(specs)
        return next(spec for spec in specs if spec.id == self._current_id)

    def answer(self, text: str) -> list[Event]:
        """Take an answer for the current field: ERROR and the same question again if refused, else the
        events that follow (explanations, warnings) and the next QUESTION."""
        spec = self.current
        self._pending = None
        if spec is None:
            return [Event(EventKind.ERROR, t("error.finished"))]
        from domain.interview.answers import apply_answer

        raw = _clean(text, spec.kind) or self._default_text(spec)
        if not raw and not spec.optional:
            return [Event(EventKind.ERROR, t("error.required", label=spec.label), spec), *self._ask()]
        keep = spec.id in self._answered and raw == self._value_text(spec)
        step = _Step(spec.id, self.evaluation.model_copy(deep=True), frozenset(self._answered), dict(self._extras),
                     self._return_to)
        self._answered.add(spec.id)
        self._version += 1
        try:
            outcome = apply_answer(self, spec, raw, keep)
        except InputError as error:
            self._restore(step)
            return [Event(EventKind.ERROR, error.message, spec), *self._ask()]
        except ValidationError as error:
            self._restore(step)
            return [Event(EventKind.ERROR, describe_validation_error(error, spec.label, show_keys=False), spec), *self._ask()]
        except (ArithmeticError, ValueError):  # a safety net: odd input is refused, never a traceback
            self._restore(step)
            return [Event(EventKind.ERROR, t("error.unusable", text=raw), spec), *self._ask()]
        if not outcome.answered:
            self._answered.discard(spec.id)
        from domain.interview.declared import forget_stale

        forget_stale(step.evaluation, self.evaluation)
        self._history = [*self._history[-HISTORY_LIMIT:], step]
        self._changed()
        self._advance(spec, outcome.goto)
        events = outcome.events + self._notify()
        if self._done:
            scored = self.scored()
            grade = t("interview.done.grade", grade=scored.grade) if scored.grade else ""
            events.append(Event(EventKind.DONE, t("interview.done", total=fixed(scored.total, 2), grade=grade),
                                data=scored))
            return events
        return events + self._ask()

    def echo(self, text: str) -> str:
        """An answer to the current field as a transcript repeats it: the label of the choice it picks (enter
        on a choice picks the default), else the text as given; "" for an empty answer to other fields."""
        spec = self.current
        raw = _clean(text, spec.kind if spec is not None else FieldKind.LONG_TEXT)
        if spec is None or not spec.choices or spec.kind not in (FieldKind.CHOICE, FieldKind.CONFIRM):
            return raw
        from domain.interview.fields import find_choice, parse_confirm

        wanted = raw or self._default_text(spec)
        choice = find_choice(spec, wanted)
        if choice is None and spec.kind is FieldKind.CONFIRM and (yes := parse_confirm(wanted)) is not None:
            choice = next((item for item in spec.choices if item.value == ("yes" if yes else "no")), None)
        return choice.label if choice is not None else raw

    def set_pending(self, text: str) -> None:
        """Remember what is typed for the current field but not yet submitted, so that a draft written now
        keeps it (nothing is kept when it is blank or just the field's default)."""
        spec = self.current
        typed = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")) if isinstance(text, str) else ""
        if spec is not None and spec.kind is not FieldKind.LONG_TEXT:
            typed = typed.replace("\n", " ")
        if spec is None or not typed.strip() or typed.strip() == self._default_text(spec).strip():
            self._pending = None
            return
        self._pending = (spec.id, typed)

    @property
    def pending(self) -> str:
        """Text typed for the current field and not submitted when the draft was written ("" when none);
        a renderer puts it back in the answer line, unsubmitted."""
        if self._pending is None or self._done:
            return ""
        field_id, text = self._pending
        return text if field_id == self._current_id else ""

    def suggestions(self, text: str, limit: int = 6) -> list[Suggestion]:
        """Live suggestions for what is being typed in the current field (catalogue for INDICATOR, matching
        choices for CHOICE); must be cheap — called on every keystroke."""
        spec = self.current
        if spec is None or limit <= 0:
            return []
        query = _clean(text, FieldKind.TEXT)
        if spec.kind is FieldKind.INDICATOR and spec.row is not None:
            row = self.evaluation.indicators[spec.row]
            if not query:
                entries = self._catalogue().entries_under(row.level2)[:limit]
                return [suggestion_of(entry, 0.0, "browse") for entry in entries]
            matches = self._matcher().search(query, row.level2 or None, limit, level1=row.level1 or None)
            return [suggestion_of(match.entry, match.score, match.how) for match in matches]
        if spec.kind in (FieldKind.CHOICE, FieldKind.CONFIRM):
            from domain.record.values import normalise_text

            wanted = normalise_text(query).lower()
            offered = [
                Suggestion(choice.label, "", "", "", "", 100.0 if wanted == choice.key else 50.0, "choice")
                for choice in spec.choices
                if not wanted or wanted == choice.key.lower() or wanted in normalise_text(choice.label).lower()
            ]
            return offered[:limit]
        return []

    def back(self) -> list[Event]:
        """Return to the previous field (always allowed, even if the current input is invalid)."""
        self._pending = None
        if self._done:
            self._done = False
            self._current_id = SAVE_ID
            return self._ask()
        spec = self.current
        ids = [item.id for item in self._specs()]
        position = ids.index(spec.id) if spec is not None else 0
        if position == 0:
            return [Event(EventKind.INFO, t("interview.first_field")), *self._ask()]
        self._current_id = ids[position - 1]
        return self._ask()

    def jump(self, field_id: str) -> list[Event]:
        """Go to any field that applies now (from the jump list)."""
        self._pending = None
        ids = [item.id for item in self._specs()]
        if field_id not in ids:
            return [Event(EventKind.ERROR, t("interview.jump_unknown", field=field_id)), *self._ask()]
        here = SAVE_ID if self._done else self._current_id
        self._done = False
        if here is not None and here != field_id:
            self._return_to = here
        self._current_id = field_id
        return self._ask()

    def edit(self, field_id: str, text: str) -> list[Event]:
        """Answer one field out of turn (a change decided elsewhere, such as a what-if being applied) and stay
        where the conversation was; the events say what the answer did (ERROR when it was refused)."""
        if field_id not in {item.id for item in self._specs()}:
            return [Event(EventKind.ERROR, t("interview.jump_unknown", field=field_id))]
        here, back_to, done = self._current_id, self._return_to, self._done
        self._done, self._current_id, self._return_to = False, field_id, None
        events = self.answer(text)
        self._pending = None
        self._current_id, self._return_to, self._done = here, back_to, done
        if not any(event.kind is EventKind.ERROR for event in events):
            events += self._notify()  # the draft records where the user is, not the field changed
        return [event for event in events if event.kind is not EventKind.QUESTION]

    def undo(self) -> list[Event]:
        """Take back the last accepted answer and ask that field again."""
        self._pending = None
        if not self._history:
            return [Event(EventKind.INFO, t("interview.nothing_to_undo")), *self._ask()]
        step = self._history.pop()
        self._restore(step)
        self._current_id = step.field_id
        self._done = False
        self._changed()
        spec = next((item for item in self._specs() if item.id == step.field_id), None)
        label = spec.label if spec is not None else step.field_id
        return [Event(EventKind.INFO, t("interview.undone", label=label)), *self._notify(), *self._ask()]

    def fields(self) -> list[FieldState]:
        """Every field that applies now, in order, for the jump list and side panel."""
        current = None if self._done else self.current
        return [
            FieldState(spec, self._value_text(spec) if spec.id in self._answered else "", spec.id in self._answered,
                       current is not None and spec.id == current.id)
            for spec in self._specs()
        ]

    # --- what the form says so far -----------------------------------------------------------
    def scored(self) -> ScoredEvaluation:
        """The evaluation as scored now (rows still being filled are skipped)."""
        rows = [row for index, row in enumerate(self.evaluation.indicators) if self._row_complete(index)]
        partial = self.evaluation.model_copy(update={"indicators": rows})
        return ScoredEvaluation(partial, self._profile(), self._budget(), [self._score(row) for row in rows])

    def row_result(self, row: int) -> RowResult | None:
        """The computed result of one indicator row, when it has enough answers."""
        if not 0 <= row < len(self.evaluation.indicators) or not self._row_complete(row):
            return None
        return self._score(self.evaluation.indicators[row])

    def weight_left(self) -> Decimal:
        """分值 still unassigned: 100 − budget weight − the indicators' weights."""
        from domain.scoring.checks import weight_total

        return FULL_MARKS - weight_total(self.evaluation)

    def findings(self) -> list[Finding]:
        """Form checks and structure findings for the review screen."""
        from domain.scoring.checks import form_checks
        from domain.scoring.indicators import match_row

        found = form_checks(self.scored())
        catalogue, matcher = self._catalogue(), self._matcher()
        for index, row in enumerate(self.evaluation.indicators):
            if self._row_complete(index):
                found.extend(match_row(row, catalogue, matcher).findings(index + 1))
        return found

    def help_for(self, field_id: str | None = None) -> str:
        """F1 text for a field (default: the current one), including why its score is what it is."""
        specs = self._specs()
        wanted = field_id or self._current_id
        spec = next((item for item in specs if item.id == wanted), None)
        if spec is None:
            return ""
        parts = [spec.help]
        if spec.placeholder:
            parts.append(spec.placeholder)
        if spec.row is not None:
            row = self.evaluation.indicators[spec.row]
            entry = self._entry(row)
            if entry is not None:
                parts.append(t("help.entry", name=entry.name, level1=entry.level1, level2=entry.level2,
                               direction=direction_words(entry.direction), unit=unit_words(entry.unit),
                               definition=entry.definition))
            result = self.row_result(spec.row)
            if result is not None:
                parts.append(t("help.row_score", explanation=result.explanation.zh))
                parts.extend(f"· {note.zh}" for note in result.notes)
        elif spec.section == "funds":
            budget = self._budget()
            parts.append(t("help.budget_score", explanation=budget.explanation.zh))
            parts.extend(f"· {note.zh}" for note in budget.notes)
        if spec.id == FUNDS_WEIGHT_ID or (spec.row is not None and spec.id.endswith(".weight")):
            parts.append(self._running_total_text())
        return "\n".join(part for part in parts if part)

    @property
    def dirty(self) -> bool:
        """True when the form differs from what was last opened or saved (a resumed draft always does)."""
        return self._baseline is None or self.evaluation != self._baseline

    @property
    def done(self) -> bool:
        return self._done

    # --- beyond the conversation: drafts, saving, rows ----------------------------------------
    def ask(self) -> list[Event]:
        """The current question again (with the review summary when at review), for a renderer redrawing."""
        return self._ask()

    def mark_saved(self) -> None:
        """The answers are now in the final file (called by the session after saving)."""
        self._baseline = self.evaluation.model_copy(deep=True)

    @property
    def answered_count(self) -> int:
        return len(self._answered)

    def state(self) -> dict[str, object]:
        """Where the conversation stands, beyond the evaluation itself (kept in drafts)."""
        state: dict[str, object] = {
            "current": SAVE_ID if self._done else (self._current_id or ""),
            "answered": sorted(self._answered),
            "extras": dict(self._extras),
            "return_to": self._return_to or "",
        }
        if self.pending:
            state["pending"] = {"field": self._current_id or "", "text": self.pending}
        return state

    @classmethod
    def restore(cls, evaluation: Evaluation, state: dict, profile: Profile | None = None,
                on_commit: Callable[[Interview], None] | None = None) -> Interview:
        """An interview continued from a draft: the same answers, asked from where the user was."""
        interview = cls(evaluation=evaluation, profile=profile, on_commit=on_commit)
        answered = state.get("answered", [])
        extras = state.get("extras", {})
        interview._answered = {str(item) for item in answered} if isinstance(answered, list) else set()
        interview._extras = {str(k): str(v) for k, v in extras.items()} if isinstance(extras, dict) else {}
        interview._current_id = str(state.get("current") or "") or None
        interview._return_to = str(state.get("return_to") or "") or None
        pending = state.get("pending")  # absent in drafts written before typed text was kept
        if isinstance(pending, dict) and isinstance(pending.get("field"), str) and isinstance(pending.get("text"), str):
            interview._pending = (pending["field"], pending["text"])
        interview._origin = "resumed"
        interview._baseline = None  # the draft holds work the file does not
        interview._version += 1
        return interview

    def finished_evaluation(self) -> Evaluation:
        """The evaluation to save: blank rows dropped; rows the user changed carry their computed scores,
        untouched rows of an opened form the scores it declared where the audit admits them (see
        domain.interview.declared), and the total is the sum of the scores written."""
        from domain.interview.declared import written_evaluation

        return written_evaluation(self)

    def remove_row(self, row: int | None = None) -> list[Event]:
        """Delete an indicator row (default: the current field's); the last row left is cleared instead."""
        spec = self.current
        self._pending = None
        row = spec.row if row is None and spec is not None else row
        rows = self.evaluation.indicators
        if row is None or not 0 <= row < len(rows):
            return [Event(EventKind.ERROR, t("interview.no_row")), *self._ask()]
        field_id = row_field_id(row, "level1")
        self._history.append(_Step(self._current_id or field_id, self.evaluation.model_copy(deep=True),
                                   frozenset(self._answered), dict(self._extras), self._return_to))
        prefix = f"indicators[{row}]."
        if len(rows) == 1:
            rows[0] = IndicatorRow()
            self._answered = {item for item in self._answered if not item.startswith(prefix)}
            message = t("interview.row_cleared", number=row + 1)
        else:
            from domain.interview.declared import shift_after_removal

            del rows[row]
            self._answered = {_shift_row(item, row) for item in self._answered if not item.startswith(prefix)}
            shift_after_removal(self, row)
            message = t("interview.row_removed", number=row + 1)
            field_id = row_field_id(min(row, len(rows) - 1), "level1")
        self._return_to = None
        self._current_id = field_id
        self._changed()
        return [Event(EventKind.INFO, message), *self._notify(), *self._ask()]

    # --- events -------------------------------------------------------------------------------
    def _ask(self) -> list[Event]:
        spec = self.current
        if spec is None:
            return []
        events = self._review_events() if spec.id == SAVE_ID else []
        default = self._default_text(spec)
        return [*events, Event(EventKind.QUESTION, spec.prompt, spec, default)]

    def _notify(self) -> list[Event]:
        if self.on_commit is None:
            return []
        try:
            self.on_commit(self)
        except InputError as error:
            return [Event(EventKind.WARNING, t("interview.autosave_failed", reason=error.message))]
        except OSError as error:
            return [Event(EventKind.WARNING, t("interview.autosave_failed", reason=error.strerror or str(error)))]
        return []

    def _row_events(self, index: int, spec: FieldSpec) -> list[Event]:
        result = self._score(self.evaluation.indicators[index])
        text = t("explanation.direction_pending") if direction_pending(result) else result.explanation.zh
        events = [Event(EventKind.EXPLANATION, text, spec, result)]
        events += [Event(EventKind.WARNING if note.code in _WARNING_NOTES else EventKind.HINT, note.zh, spec, note)
                   for note in result.notes]
        return [*events, Event(EventKind.HINT, self._running_total_text(), spec)]

    def _budget_events(self) -> list[Event]:
        budget = self._budget()
        if budget.score is None:
            return []
        events = [Event(EventKind.EXPLANATION, budget.explanation.zh, data=budget)]
        return events + [Event(EventKind.WARNING if note.code in _WARNING_NOTES else EventKind.HINT, note.zh,
                               data=note) for note in budget.notes]

    def _running_total_text(self) -> str:
        left = self.weight_left()
        return t("hint.running_total", total=fixed(self.scored().total, 2), assigned=plain(FULL_MARKS - left),
                 left=plain(left))

    def _review_events(self) -> list[Event]:
        scored = self.scored()
        budget = scored.budget.score or Decimal(0)
        grade = t("interview.done.grade", grade=scored.grade) if scored.grade else ""
        events = [Event(EventKind.INFO, t("review.summary", total=fixed(scored.total, 2), grade=grade,
                                          budget=fixed(budget, 2), indicators=fixed(scored.total - budget, 2)),
                        data=scored)]
        pending = [index + 1 for index in range(len(self.evaluation.indicators))
                   if (result := self.row_result(index)) is not None and result.score is None
                   and result.status is not RowStatus.UNUSED]
        if pending:
            events.append(Event(EventKind.WARNING, t("review.pending", count=len(pending),
                                                     rows="、".join(str(number) for number in pending))))
        findings = self.findings()
        for finding in findings:
            kind = EventKind.HINT if finding.severity is Severity.INFO else EventKind.WARNING
            events.append(Event(kind, finding.message, data=finding))
        if not findings and not pending:
            events.append(Event(EventKind.INFO, t("review.no_findings")))
        return events

    # --- navigation and state -----------------------------------------------------------------
    def _advance(self, spec: FieldSpec, goto: str | None) -> None:
        if goto == DONE_ID:
            self._done = True
            self._current_id = None
            self._return_to = None
            return
        specs = self._specs()
        ids = [item.id for item in specs]
        if goto is not None:
            self._current_id = goto if goto in ids else self._first_unanswered(specs)
            return
        if spec.id not in ids:
            self._current_id = self._first_unanswered(specs)
            return
        position = ids.index(spec.id)
        if self._return_to is not None and self._return_to in ids:
            back_to = ids.index(self._return_to)
            if back_to > position:
                between = ids[position + 1:back_to]
            else:
                between = [item.id for item in specs[position + 1:] if spec.row is not None and item.row == spec.row]
            pending = [item for item in between if item not in self._answered]
            if pending:
                self._current_id = pending[0]
            else:
                self._current_id, self._return_to = self._return_to, None
            return
        self._return_to = None
        self._current_id = ids[position + 1] if position + 1 < len(ids) else SAVE_ID

    def _first_unanswered(self, specs: list[FieldSpec]) -> str:
        return next((spec.id for spec in specs if spec.id not in self._answered), SAVE_ID)

    def _restore(self, step: _Step) -> None:
        self.evaluation = step.evaluation
        self._answered = set(step.answered)
        self._extras = dict(step.extras)
        self._return_to = step.return_to
        self._version += 1

    def _changed(self) -> None:
        self._version += 1

    def _presume_answered(self) -> None:
        """An existing evaluation: every field holding a value (or optional) counts as answered."""
        mode = _infer_sources(self.evaluation)
        if mode is not None:
            self._extras[SOURCES_ID] = mode
        self._extras[MORE_ID] = "no"
        for _ in range(2):  # answering some fields makes others apply (direction, judged score, reasons)
            for spec in self._specs():
                if spec.id == SAVE_ID or spec.id in self._answered:
                    continue
                if spec.id == MORE_ID or spec.optional or self._value_text(spec):
                    self._answered.add(spec.id)
            self._version += 1

    # --- the field list -----------------------------------------------------------------------
    def _specs(self) -> list[FieldSpec]:
        key = (self._version, id(self.evaluation))
        if self._specs_cache is not None and self._specs_cache[0] == key:
            return self._specs_cache[1]
        from domain.interview.fields import build_specs

        specs = build_specs(self)
        self._specs_cache = (key, specs)
        return specs

    def _value_text(self, spec: FieldSpec) -> str:
        from domain.interview.fields import value_text

        return value_text(self, spec)

    def _default_text(self, spec: FieldSpec) -> str:
        from domain.interview.fields import default_text

        if spec.id in self._answered:
            return self._value_text(spec)
        return default_text(self, spec)

    # --- scoring and the catalogue ------------------------------------------------------------
    def _profile(self) -> Profile:
        if self.profile is None:
            from domain.scoring.profile import builtin_profile, load_profile

            try:
                self.profile = load_profile(self.evaluation.profile)
            except InputError:
                self.profile = builtin_profile()
        return self.profile

    def _catalogue(self):
        from domain.catalogue.entries import load_catalogue

        return load_catalogue()

    def _matcher(self):
        from domain.catalogue.matching import default_matcher

        return default_matcher()

    def _entry(self, row: IndicatorRow):
        """The catalogue entry a row stands for: the one chosen, else its name when that is a catalogue name."""
        from domain.scoring.indicators import entry_for

        return entry_for(row, self._catalogue())

    def _matches(self, row: IndicatorRow) -> list:
        """Catalogue entries worth offering for a name that is not itself a catalogue name (cached)."""
        key = (row.name.strip(), row.level2, row.level1)
        if key not in self._match_cache:
            name = key[0]
            if not name or name == "*" or self._catalogue().resolve(name, row.level2 or None) is not None:
                found = []
            else:
                found = [match for match in self._matcher().search(name, row.level2 or None, 5,
                                                                   level1=row.level1 or None)
                         if match.score >= OFFER_SCORE]
            self._match_cache[key] = found
        return self._match_cache[key]

    def _score(self, row: IndicatorRow, **override: object) -> RowResult:
        entry = self._entry(row)
        scored_row = row.model_copy(update=override) if override else row
        return score_row(scored_row, self._profile(), entry.direction if entry is not None else None)

    def _budget(self) -> BudgetResult:
        return score_budget(self.evaluation.funds, self._profile())

    def _row_complete(self, index: int) -> bool:
        row = self.evaluation.indicators[index]
        name = row.name.strip()
        if not name or row_field_id(index, "name") not in self._answered:
            return False
        if name == "*" and row.weight == 0:
            return True
        return all(row_field_id(index, key) in self._answered for key in ("target_text", "actual_text", "weight"))


def suggestion_of(entry, score: float, how: str) -> Suggestion:
    return Suggestion(entry.name, entry.level1, entry.level2, entry.direction.value, entry.unit, float(score), how)










def _shift_row(field_id: str, removed: int) -> str:
    place = split_row_id(field_id)
    if place is None or place[0] < removed:
        return field_id
    return row_field_id(place[0] - 1, place[1])


def _has_content(evaluation: Evaluation) -> bool:
    header, funds, goals = evaluation.header, evaluation.funds, evaluation.goals
    return bool(
        header.project_name.strip() or header.department.strip() or goals.expected.strip()
        or funds.total.annual_budget is not None or funds.total.executed is not None
        or any(row.name.strip() or row.target_text.strip() for row in evaluation.indicators)
    )


def _infer_sources(evaluation: Evaluation) -> str | None:
    """Which shortcut the source rows of an existing form correspond to ("split" when none does)."""
    funds = evaluation.funds
    rows = {source: getattr(funds, source) for source in SOURCE_ROWS}
    if all(getattr(row, column) is None for row in rows.values() for column in FUNDS_COLUMNS):
        return None
    for source, row in rows.items():
        same = all((getattr(row, column) or 0) == (getattr(funds.total, column) or 0) for column in FUNDS_COLUMNS)
        others_zero = all(not getattr(other, column) for name, other in rows.items() if name != source
                          for column in FUNDS_COLUMNS)
        if same and others_zero:
            return source
    return "split"


"""The interview: a UI-free controller that walks a person field by field through an evaluation.

It keeps three things — the form record, the conversation (``Conversation``: answers given, position,
pending text, undo history) and the form's context (``FormContext``: profile, catalogue, matcher) — and
asks the question declarations in ``domain.interview.questions`` which fields apply and what an answer
does. Renderers (the Textual app, the plain line mode, tests) only call its methods and draw the events.

Navigation: answering a field moves to the next one in order; after a jump, answering moves on to any
field the change made necessary (a new 二级, a direction to decide …) and then back to where that jump
started. Undo restores the whole form as it was before the last accepted answer. The form is dirty while
it differs from what was last opened or saved.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from pydantic import ValidationError

from domain.errors import InputError
from domain.interview import from_targets
from domain.interview.context import FormContext
from domain.interview.conversation import Conversation, Step
from domain.interview.events import Event, EventKind, FieldState, Suggestion
from domain.interview.form import Form
from domain.interview.outcome import Outcome
from domain.interview.questions import build_specs, question_for
from domain.interview.specs import SAVE_ID, FieldKind, FieldSpec
from domain.interview.typing import IndicatorQuery, echo, pending_text
from domain.interview.typing import clean_answer as _clean
from domain.interview.words import direction_pending
from domain.messages import grade_name, t
from domain.record.models import Evaluation, IndicatorRow
from domain.record.problems import describe_validation_error
from domain.scoring.findings import Finding
from domain.scoring.profile import Profile
from domain.scoring.rounding import fixed
from domain.scoring.rules import RowResult, ScoredEvaluation

__all__ = ["Event", "EventKind", "FieldKind", "FieldSpec", "FieldState", "Interview", "Suggestion", "direction_pending"]


class Interview:
    """The conversation over one form; every method returns the events to show next."""

    def __init__(
        self,
        evaluation: Evaluation | None = None,
        profile: Profile | None = None,
        on_commit: Callable[[Interview], None] | None = None,
        conversation: Conversation | None = None,
    ) -> None:
        evaluation = evaluation if evaluation is not None else Evaluation()
        if not evaluation.indicators:
            evaluation.indicators.append(IndicatorRow())
        self.form = Form(evaluation, conversation or Conversation(), FormContext(evaluation.profile, profile))
        self.on_commit = on_commit  # called after every accepted answer (autosave)
        self._specs_cache: tuple[tuple[int, int], list[FieldSpec]] | None = None
        self._baseline: Evaluation | None = None  # None: the form holds work no file does (a resumed draft)
        if conversation is None:
            from domain.interview.opening import has_content, open_existing

            if has_content(evaluation):
                open_existing(self.form, self._specs, self._value_text)
            self._baseline = evaluation.model_copy(deep=True)

    @classmethod
    def restore(
        cls,
        evaluation: Evaluation,
        state: dict[str, object],
        profile: Profile | None = None,
        on_commit: Callable[[Interview], None] | None = None,
    ) -> Interview:
        """An interview continued from a draft: the same answers, asked from where the user was."""
        return cls(evaluation, profile, on_commit, Conversation.from_state(state))

    # --- the parts --------------------------------------------------------------------------------
    @property
    def evaluation(self) -> Evaluation:
        return self.form.evaluation

    @property
    def conversation(self) -> Conversation:
        return self.form.conversation

    @property
    def profile(self) -> Profile:
        return self.form.context.profile

    # --- conversation -------------------------------------------------------------------------
    def start(self) -> list[Event]:
        """Greeting and the first question (or, for an existing evaluation, the first field to review)."""
        conversation = self.conversation
        name = self.evaluation.header.project_name.strip() or t("interview.untitled")
        name = name.replace("“", "‘").replace("”", "’")  # quotes inside the message's own “…” nest as ‘…’
        if conversation.origin == "edit":
            events = [Event(EventKind.INFO, t("interview.editing", name=name))]
        elif conversation.origin == "resumed":
            events = [Event(EventKind.INFO, t("interview.resumed", name=name, count=len(conversation.answered)))]
        else:
            events = [Event(EventKind.INFO, t("interview.greeting"))]
        events += from_targets.start_events(self.form)
        if conversation.current_id is None and not conversation.done:
            conversation.current_id = self._specs()[0].id
        return events + self._ask()

    @property
    def current(self) -> FieldSpec | None:
        """The field being asked, or None when the interview is done."""
        conversation = self.conversation
        if conversation.done:
            return None
        specs = self._specs()
        if conversation.current_id is None:
            conversation.current_id = specs[0].id
        for spec in specs:
            if spec.id == conversation.current_id:
                return spec
        conversation.current_id = conversation.first_unanswered(specs)
        return next(spec for spec in specs if spec.id == conversation.current_id)

    def answer(self, text: str) -> list[Event]:
        """Take an answer for the current field: ERROR and the same question again if refused, else the
        events that follow (explanations, warnings) and the next QUESTION."""
        spec = self.current
        conversation = self.conversation
        conversation.pending = None
        if spec is None:
            return [Event(EventKind.ERROR, t("error.finished"))]
        raw = _clean(text, spec.kind) or self._default_text(spec)
        if not raw and not spec.optional:
            return [Event(EventKind.ERROR, t("error.required", label=spec.label), spec), *self._ask()]
        keep = spec.id in conversation.answered and raw == self._value_text(spec)
        step = conversation.step(spec.id, self.evaluation)
        conversation.mark_answered({spec.id})
        try:
            outcome = question_for(spec).apply(self.form, spec, raw, keep)
        except InputError as error:
            message = error.message
        except ValidationError as error:
            message = describe_validation_error(error, spec.label, show_keys=False)
        except (ArithmeticError, ValueError):  # a safety net: odd input is refused, never a traceback
            message = t("error.unusable", text=raw)
        else:
            return self._accepted(spec, step.evaluation, outcome, step)
        self.form.evaluation = conversation.restore(step)
        return [Event(EventKind.ERROR, message, spec), *self._ask()]

    def _accepted(self, spec: FieldSpec, before: Evaluation, outcome: Outcome, step: Step) -> list[Event]:
        from domain.interview.declared import forget_stale

        conversation = self.conversation
        conversation.apply(spec.id, outcome, step)
        forget_stale(before, self.evaluation)
        conversation.advance(spec, outcome.goto, self._specs())
        events = outcome.events + from_targets.changed_events(self.form, spec, before) + self._notify()
        if conversation.done:
            scored = self.scored()
            grade = t("interview.done.grade", grade=grade_name(scored.grade)) if scored.grade else ""
            events.append(
                Event(EventKind.DONE, t("interview.done", total=fixed(scored.total, 2), grade=grade), data=scored)
            )
            return events
        return events + self._ask()

    def echo(self, text: str) -> str:
        """An answer to the current field as a transcript repeats it: the label of the choice it picks (enter
        on a choice picks the default), else the text as given; "" for an empty answer to other fields."""
        spec = self.current
        return echo(spec, text, self._default_text(spec) if spec is not None else "")

    def set_pending(self, text: str) -> None:
        """Remember what is typed for the current field but not yet submitted, so that a draft written now
        keeps it (nothing is kept when it is blank or just the field's default)."""
        spec = self.current
        typed = pending_text(spec, text, self._default_text(spec) if spec is not None else "")
        self.conversation.pending = (spec.id, typed) if spec is not None and typed else None

    @property
    def pending(self) -> str:
        """Text typed for the current field and not submitted when the draft was written ("" when none);
        a renderer puts it back in the answer line, unsubmitted."""
        conversation = self.conversation
        if conversation.pending is None or conversation.done:
            return ""
        field_id, text = conversation.pending
        return text if field_id == conversation.current_id else ""

    def suggestions(self, text: str, limit: int = 6) -> list[Suggestion]:
        """Live suggestions for what is being typed in the current field (catalogue for INDICATOR, matching
        choices for CHOICE); must be cheap — called on every keystroke."""
        from domain.interview.typing import suggestions

        spec = self.current
        return suggestions(self.form, spec, _clean(text, FieldKind.TEXT), limit) if spec is not None else []

    def indicator_query(self, limit: int = 6) -> IndicatorQuery | None:
        """The current indicator-name field's catalogue search, to run off the UI thread (None otherwise)."""
        from domain.interview.typing import indicator_query

        spec = self.current
        return indicator_query(self.form, spec, limit) if spec is not None else None

    # --- moving around ------------------------------------------------------------------------
    def back(self) -> list[Event]:
        """Return to the previous field (always allowed, even if the current input is invalid)."""
        spec = None if self.conversation.done else self.current
        if not self.conversation.go_back(spec, [item.id for item in self._specs()]):
            return [Event(EventKind.INFO, t("interview.first_field")), *self._ask()]
        return self._ask()

    def jump(self, field_id: str) -> list[Event]:
        """Go to any field that applies now (from the jump list)."""
        self.conversation.pending = None
        if field_id not in {item.id for item in self._specs()}:
            return [Event(EventKind.ERROR, t("interview.jump_unknown", field=field_id)), *self._ask()]
        self.conversation.jump_to(field_id)
        return self._ask()

    def edit(self, field_id: str, text: str) -> list[Event]:
        """Answer one field out of turn (a change decided elsewhere, such as a what-if being applied) and stay
        where the conversation was; the events say what the answer did (ERROR when it was refused)."""
        if field_id not in {item.id for item in self._specs()}:
            return [Event(EventKind.ERROR, t("interview.jump_unknown", field=field_id))]
        position = self.conversation.aside(field_id)
        events = self.answer(text)
        self.conversation.back_from_aside(position)
        if not any(event.kind is EventKind.ERROR for event in events):
            events += self._notify()  # the draft records where the user is, not the field changed
        return [event for event in events if event.kind is not EventKind.QUESTION]

    def undo(self) -> list[Event]:
        """Take back the last accepted answer and ask that field again."""
        conversation = self.conversation
        conversation.pending = None
        if not conversation.history:
            return [Event(EventKind.INFO, t("interview.nothing_to_undo")), *self._ask()]
        step = conversation.history.pop()
        self.form.evaluation = conversation.restore(step, ask_again=True)
        spec = next((item for item in self._specs() if item.id == step.field_id), None)
        label = spec.label if spec is not None else step.field_id
        return [Event(EventKind.INFO, t("interview.undone", label=label)), *self._notify(), *self._ask()]

    def remove_row(self, row: int | None = None) -> list[Event]:
        """Delete an indicator row (default: the current field's); the last row left is cleared instead."""
        spec = self.current
        self.conversation.pending = None
        row = spec.row if row is None and spec is not None else row
        if row is None or not 0 <= row < len(self.evaluation.indicators):
            return [Event(EventKind.ERROR, t("interview.no_row")), *self._ask()]
        message = self.form.remove_row(row)
        return [Event(EventKind.INFO, message), *self._notify(), *self._ask()]

    def fields(self) -> list[FieldState]:
        """Every field that applies now, in order, for the jump list and side panel."""
        current = None if self.conversation.done else self.current
        answered = self.conversation.answered
        given = from_targets.prefilled(self.conversation.extras)
        mark = t("targets.from_mark") if given else ""
        return [
            FieldState(
                spec,
                self._value_text(spec) + (mark if spec.id in given else "") if spec.id in answered else "",
                spec.id in answered,
                current is not None and spec.id == current.id,
            )
            for spec in self._specs()
        ]

    # --- what the form says so far -----------------------------------------------------------
    def scored(self) -> ScoredEvaluation:
        """The evaluation as scored now (rows still being filled are left out; see ``row_results``)."""
        return self.form.scored()

    def row_result(self, row: int) -> RowResult | None:
        """The computed result of one indicator row, when it has enough answers."""
        return self.form.row_result(row)

    def row_results(self) -> list[RowResult | None]:
        """One result per row of the form, aligned with ``evaluation.indicators`` (None while incomplete)."""
        return self.form.row_results()

    def weight_left(self) -> Decimal:
        return self.form.weight_left()

    def findings(self) -> list[Finding]:
        from domain.interview.review import findings

        return findings(self.form)

    def help_for(self, field_id: str | None = None) -> str:
        """F1 text for a field (default: the current one), including why its score is what it is."""
        from domain.interview.review import help_text

        wanted = field_id or self.conversation.current_id
        spec = next((item for item in self._specs() if item.id == wanted), None)
        return help_text(self.form, spec) if spec is not None else ""

    @property
    def dirty(self) -> bool:
        """True when the form differs from what was last opened or saved (a resumed draft always does)."""
        return self._baseline is None or self.evaluation != self._baseline

    @property
    def done(self) -> bool:
        return self.conversation.done

    @property
    def answered_count(self) -> int:
        return len(self.conversation.answered)

    def ask(self) -> list[Event]:
        """The current question again (with the review summary when at review), for a renderer redrawing."""
        return self._ask()

    def mark_saved(self) -> None:
        """The answers are now in the final file (called by the session after saving)."""
        self._baseline = self.evaluation.model_copy(deep=True)

    def state(self) -> dict[str, object]:
        """Where the conversation stands, beyond the evaluation itself (kept in drafts)."""
        return self.conversation.to_state()

    def finished_evaluation(self) -> Evaluation:
        """The evaluation to save (see domain.interview.declared)."""
        from domain.interview.declared import written_evaluation

        return written_evaluation(self.form)

    # --- internals ----------------------------------------------------------------------------
    def _ask(self) -> list[Event]:
        spec = self.current
        if spec is None:
            return []
        if spec.id == SAVE_ID:
            from domain.interview.review import review_events

            events = review_events(self.form) + from_targets.review_events(self.form)
        else:
            events = []
        return [*events, Event(EventKind.QUESTION, spec.prompt, spec, self._default_text(spec))]

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

    def _specs(self) -> list[FieldSpec]:
        key = (self.conversation.version, id(self.evaluation))
        if self._specs_cache is not None and self._specs_cache[0] == key:
            return self._specs_cache[1]
        specs = build_specs(self.form)
        self._specs_cache = (key, specs)
        return specs

    def _value_text(self, spec: FieldSpec) -> str:
        return question_for(spec).value_text(self.form, spec)

    def _default_text(self, spec: FieldSpec) -> str:
        if spec.id in self.conversation.answered:
            return self._value_text(spec)
        return question_for(spec).default_text(self.form, spec)

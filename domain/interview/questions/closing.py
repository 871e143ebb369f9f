"""The end of the indicator loop (another row?) and the review's last question (save?)."""

from __future__ import annotations

from domain.errors import InputError
from domain.interview.events import Event, EventKind
from domain.interview.form import FULL_MARKS, Form
from domain.interview.outcome import DONE_ID, FIRST_ID, Outcome
from domain.interview.questions.base import Question
from domain.interview.specs import (
    MORE_ID,
    SAVE_ID,
    FieldKind,
    FieldSpec,
    label_of,
    make_spec,
    parse_confirm,
    row_field_id,
    yes_no,
)
from domain.messages import t
from domain.record.models import IndicatorRow
from domain.scoring.rounding import plain


class AnotherRow(Question):
    key = MORE_ID

    def specs(self, form: Form, row: int | None = None) -> list[FieldSpec]:
        return [make_spec(self.key, MORE_ID, "indicators", "loop.more", FieldKind.CONFIRM, choices=yes_no())]

    def value_text(self, form: Form, spec: FieldSpec) -> str:
        return label_of(spec, form.conversation.extras.get(MORE_ID))

    def default_text(self, form: Form, spec: FieldSpec) -> str:
        return label_of(spec, "yes" if form.weight_left() > 0 else "no")

    def apply(self, form: Form, spec: FieldSpec, raw: str, keep: bool) -> Outcome:
        wanted = parse_confirm(raw)
        if wanted is None:
            raise InputError(t("error.confirm"))
        rows = form.rows
        if wanted:
            rows.append(IndicatorRow())
            return Outcome(
                [Event(EventKind.INFO, t("interview.row_added", number=len(rows)))],
                goto=row_field_id(len(rows) - 1, "level1"),
                answered=False,
                extras={MORE_ID: None},
            )
        left = form.weight_left()
        events = []
        if left > 0:
            events.append(
                Event(EventKind.WARNING, t("warning.weights_short", total=plain(FULL_MARKS - left), left=plain(left)))
            )
        elif left < 0:
            events.append(Event(EventKind.WARNING, t("warning.weights_over", total=plain(FULL_MARKS - left))))
        return Outcome(events, goto=SAVE_ID, extras={MORE_ID: "no"})


class Save(Question):
    key = SAVE_ID

    def specs(self, form: Form, row: int | None = None) -> list[FieldSpec]:
        return [make_spec(self.key, SAVE_ID, "review", "review.save", FieldKind.CONFIRM, choices=yes_no())]

    def value_text(self, form: Form, spec: FieldSpec) -> str:
        return label_of(spec, form.conversation.extras.get(SAVE_ID))

    def default_text(self, form: Form, spec: FieldSpec) -> str:
        return label_of(spec, "yes")

    def apply(self, form: Form, spec: FieldSpec, raw: str, keep: bool) -> Outcome:
        wanted = parse_confirm(raw)
        if wanted is None:
            raise InputError(t("error.confirm"))
        if wanted:
            return Outcome(goto=DONE_ID, extras={SAVE_ID: "yes"})
        target = form.conversation.return_to or FIRST_ID
        return Outcome(
            [Event(EventKind.INFO, t("interview.review_declined"))],
            goto=target,
            answered=False,
            extras={SAVE_ID: None},
            clear_return=True,
        )

"""Scoring an indicator row: 年度指标值, 实际完成值, 分值, the direction when it is in doubt, the score judged
inside a band, and 偏差原因 where points were lost."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from domain.errors import InputError
from domain.interview.conversation import PREFILLED
from domain.interview.events import Event, EventKind
from domain.interview.form import FULL_MARKS, Form
from domain.interview.outcome import Outcome
from domain.interview.questions.base import choose, number_text, parse_amount_answer, parse_weight_answer
from domain.interview.questions.funds import weight_events
from domain.interview.questions.row import RowQuestion, reset_decisions
from domain.interview.specs import DIRECTION_CHOICES, Choice, FieldKind, FieldSpec, label_of
from domain.interview.words import direction_words
from domain.messages import t
from domain.record.models import Direction, IndicatorRow, ValueKind
from domain.record.value_text import normalise_text
from domain.record.values import describe, parse_value
from domain.scoring.rounding import fixed, plain
from domain.scoring.rules import RowStatus, Rule


class Value(RowQuestion):
    """年度指标值 (``target_text``) or 实际完成值 (``actual_text``), read by the value parser."""

    kind = FieldKind.VALUE

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__()

    def row_specs(self, form: Form, index: int, title: str) -> list[FieldSpec]:
        spec = self.spec(index, title=title)
        row = form.rows[index]
        given = form.conversation.extras.get(PREFILLED, "").split(",")
        if self.name == "actual_text" and row.target_text and f"indicators[{index}].target_text" in given:
            # started from approved targets: the target was never typed here, so the question names it
            spec = replace(spec, prompt=t("field.actual_text.prompt_target", title=title, target=row.target_text))
        entry = form.context.entry(row) if self.name == "target_text" else None
        if entry is not None and entry.typical_target:
            spec = replace(spec, placeholder=t("field.target_text.example", example=entry.typical_target))
        return [spec]

    def change(
        self, form: Form, spec: FieldSpec, index: int, row: IndicatorRow, raw: str, keep: bool
    ) -> tuple[Outcome, bool]:
        if keep:
            return Outcome(), True
        setattr(row, self.name, raw)
        outcome = Outcome(unanswer=reset_decisions(row, index))
        if self.name == "target_text":  # a unit that contradicts the catalogue entry taken: ask the entry again
            from domain.interview.questions.naming import unit_conflict

            conflict = unit_conflict(form, index, row)
            outcome.events += conflict.events
            outcome.unanswer |= conflict.unanswer
            outcome.goto = conflict.goto
        parsed = parse_value(raw)
        if parsed.kind is ValueKind.UNREADABLE:
            outcome.events.append(
                Event(EventKind.WARNING, t("warning.value_unreadable", value=raw, note=parsed.note), data=parsed)
            )
        elif parsed.direction_hint is not None and self.name == "target_text":
            text = _reading_with_direction(describe(parsed), direction_words(parsed.direction_hint))
            outcome.events.append(Event(EventKind.HINT, text, data=parsed))
        else:
            outcome.events.append(Event(EventKind.HINT, t("hint.value", value=describe(parsed)), data=parsed))
        return outcome, True


def _reading_with_direction(value: str, direction: str) -> str:
    """“读作：满意（达成，定性）”: a reading that already ends in brackets takes the direction inside them."""
    if value.endswith("）") and "（" in value:
        head, _, detail = value[:-1].rpartition("（")
        if head and "）" not in detail:
            return t("hint.value.detail_direction", value=head, detail=detail, direction=direction)
    return t("hint.value.direction", value=value, direction=direction)


class Weight(RowQuestion):
    name = "weight"
    kind = FieldKind.NUMBER

    def row_specs(self, form: Form, index: int, title: str) -> list[FieldSpec]:
        left = form.weight_left() + form.rows[index].weight
        return [self.spec(index, left=plain(left), title=title)]

    def value_text(self, form: Form, spec: FieldSpec) -> str:
        assert spec.row is not None
        return number_text(form.rows[spec.row].weight)

    def default_text(self, form: Form, spec: FieldSpec) -> str:
        assert spec.row is not None
        return self.value_text(form, spec) if form.rows[spec.row].weight else ""

    def change(
        self, form: Form, spec: FieldSpec, index: int, row: IndicatorRow, raw: str, keep: bool
    ) -> tuple[Outcome, bool]:
        weight = parse_weight_answer(raw)
        others = FULL_MARKS - form.weight_left() - row.weight
        outcome = Outcome(weight_events(others, weight, keep))
        if weight != row.weight:
            row.weight = weight
            outcome.unanswer = reset_decisions(row, index, judged_only=True)
        return outcome, True


class RowDirection(RowQuestion):
    """Which way the row counts, asked when the target's wording and the catalogue (or the name) disagree,
    or when nothing tells: no comparison sign, no catalogue entry, no telling word in the name."""

    name = "direction"
    kind = FieldKind.CHOICE

    def row_specs(self, form: Form, index: int, title: str) -> list[FieldSpec]:
        row = form.rows[index]
        if not form.row_complete(index):
            return []
        undecided = form.score(row, direction=None, judged_score=None)
        if not (
            undecided.has_note("direction_conflict")
            or undecided.has_note("direction_unknown")
            or row.direction is not None
        ):
            return []
        choices = tuple(
            Choice(str(number), value, t(f"choice.direction.{value}"))
            for number, value in enumerate(DIRECTION_CHOICES, start=1)
        )
        return [replace(self.spec(index, title=title), choices=choices)]

    def value_text(self, form: Form, spec: FieldSpec) -> str:
        assert spec.row is not None
        direction = form.rows[spec.row].direction
        return label_of(spec, direction.value if direction else None)

    def change(
        self, form: Form, spec: FieldSpec, index: int, row: IndicatorRow, raw: str, keep: bool
    ) -> tuple[Outcome, bool]:
        direction = Direction(choose(spec, raw).value)
        outcome = Outcome()
        if direction != row.direction:
            row.direction = direction
            outcome.unanswer = reset_decisions(row, index, judged_only=True)
        return outcome, True


class JudgedScore(RowQuestion):
    """The score judged inside a band. Where the method gives a score unless told otherwise (a met
    qualitative indicator: the top of its band), the field is optional and enter keeps that score."""

    name = "judged_score"
    kind = FieldKind.NUMBER

    def row_specs(self, form: Form, index: int, title: str) -> list[FieldSpec]:
        row = form.rows[index]
        if not form.row_complete(index):
            return []
        undecided = form.score(row, judged_score=None)
        qualitative = undecided.explanation.rule is Rule.QUALITATIVE
        banded = undecided.band is not None and (row.judged_score is not None or qualitative)
        if not (undecided.status is RowStatus.JUDGEMENT or banded):
            return []
        low, high = (plain(value) for value in (undecided.band or (Decimal(0), row.weight)))
        spec = self.spec(index, help_fields={"low": low, "high": high}, low=low, high=high, title=title)
        if undecided.status is RowStatus.JUDGEMENT or undecided.score is None:
            return [spec]
        default = plain(undecided.score)
        return [
            replace(
                spec,
                optional=True,
                prompt=t("field.judged_score.prompt_default", title=title, low=low, high=high, default=default),
                help=t("field.judged_score.help_default", low=low, high=high, default=default),
            )
        ]

    def value_text(self, form: Form, spec: FieldSpec) -> str:
        assert spec.row is not None
        row = form.rows[spec.row]
        if row.judged_score is None and spec.optional:
            return number_text(form.score(row, judged_score=None).score)  # the method's own score
        return number_text(row.judged_score)

    def change(
        self, form: Form, spec: FieldSpec, index: int, row: IndicatorRow, raw: str, keep: bool
    ) -> tuple[Outcome, bool]:
        value = parse_amount_answer(normalise_text(raw).removesuffix("分"), spec.label)
        undecided = form.score(row, judged_score=None)
        low, high = undecided.band or (Decimal(0), row.weight)
        if not undecided.admits(value):  # bands are half-open: 部分达成 stops below its top
            top = t("scoring.open_top", high=plain(high)) if undecided.band_open else plain(high)
            raise InputError(t("error.judged_band", low=plain(low), high=top, text=raw))
        wanted = None if spec.optional and undecided.score is not None and value == undecided.score else value
        if wanted == row.judged_score:
            return Outcome(), False
        row.judged_score = wanted
        return Outcome(), True


class DeviationReason(RowQuestion):
    """偏差原因, asked where the row lost points or went far past its target."""

    name = "deviation_reason"
    kind = FieldKind.LONG_TEXT
    scores = False

    def row_specs(self, form: Form, index: int, title: str) -> list[FieldSpec]:
        row = form.rows[index]
        if not form.row_complete(index):
            return []
        result = form.score(row)
        lost = result.deduction is not None and result.deduction > 0
        over = result.has_note("overachieved")
        if not ((result.status is not RowStatus.UNUSED and (lost or over)) or row.deviation_reason.strip()):
            return []
        why = (
            t("reason.lost", lost=fixed(result.deduction or Decimal(0), 2))
            if lost
            else t("reason.overachieved")
            if over
            else ""
        )
        return [replace(self.spec(index, why=why, title=title), optional=True)]

    def change(
        self, form: Form, spec: FieldSpec, index: int, row: IndicatorRow, raw: str, keep: bool
    ) -> tuple[Outcome, bool]:
        row.deviation_reason = raw
        events = [] if raw else [Event(EventKind.WARNING, t("warning.reason_missing"), spec)]
        return Outcome(events), True

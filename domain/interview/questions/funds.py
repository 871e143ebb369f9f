"""The funds block: the amounts of each row, the single-source shortcuts, the budget row's 分值 and the
reason asked for when too little was spent."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from domain.errors import InputError
from domain.interview.events import Event, EventKind
from domain.interview.form import FULL_MARKS, Form
from domain.interview.outcome import Outcome
from domain.interview.questions.base import Question, choose, number_text, parse_amount_answer, parse_weight_answer
from domain.interview.specs import (
    FUNDS_COLUMNS,
    FUNDS_REASON_ID,
    FUNDS_WEIGHT_ID,
    SOURCE_MODES,
    SOURCE_ROWS,
    SOURCES_ID,
    Choice,
    FieldKind,
    FieldSpec,
    label_of,
    make_spec,
)
from domain.messages import t
from domain.record.models import FundsRow
from domain.scoring.rounding import ONE_HUNDRED, plain


class FundsAmount(Question):
    """年初预算数 / 全年预算数 / 全年执行数 of the total row (always) or of one source row (when split)."""

    def __init__(self, row: str, column: str) -> None:
        self.row, self.column = row, column
        self.key = f"funds.{row}.{column}"

    def specs(self, form: Form, row: int | None = None) -> list[FieldSpec]:
        if self.row != "total" and form.conversation.extras.get(SOURCES_ID) != "split":
            return []
        names = {"source": t(f"funds.row.{self.row}"), "column": t(f"funds.column.{self.column}")}
        help_text = (
            t(f"field.funds.{self.column}.help") if self.row == "total" else t("field.funds.source.help", **names)
        )
        spec = make_spec(self.key, self.key, "funds", "funds.amount", FieldKind.AMOUNT, prompt=names)
        return [
            replace(
                spec,
                label=t("field.funds.amount.label", **names),
                help=help_text,
                placeholder=t("field.funds.amount.placeholder"),
            )
        ]

    def value_text(self, form: Form, spec: FieldSpec) -> str:
        return number_text(getattr(getattr(form.evaluation.funds, self.row), self.column))

    def default_text(self, form: Form, spec: FieldSpec) -> str:
        current = self.value_text(form, spec)
        if current:
            return current
        funds = form.evaluation.funds
        if self.row == "total":
            return number_text(funds.total.initial_budget) if self.column == "annual_budget" else ""
        total = getattr(funds.total, self.column)
        if total is None:
            return ""
        before = SOURCE_ROWS[: SOURCE_ROWS.index(self.row)]
        used = sum((getattr(getattr(funds, name), self.column) or Decimal(0) for name in before), Decimal(0))
        return number_text(max(Decimal(0), total - used))

    def apply(self, form: Form, spec: FieldSpec, raw: str, keep: bool) -> Outcome:
        from domain.scoring.checks import check_funds

        funds = form.evaluation.funds
        value = parse_amount_answer(raw, spec.label)
        before = getattr(getattr(funds, self.row), self.column)
        setattr(getattr(funds, self.row), self.column, value)
        mode = form.conversation.extras.get(SOURCES_ID)
        if self.row == "total" and mode in SOURCE_ROWS:
            fill_sources(form, mode)
        events: list[Event] = []
        sources_done = mode == "split" and all(form.answered(f"funds.{source}.{self.column}") for source in SOURCE_ROWS)
        label = t(f"funds.column.{self.column}")
        for finding in check_funds(funds):
            if finding.detail == "funds_sum" and sources_done and finding.message.startswith(label):
                events.append(Event(EventKind.WARNING, finding.message, data=finding))
            elif finding.detail == "executed_over_budget" and self.row == "total" and self.column != "initial_budget":
                events.append(Event(EventKind.WARNING, finding.message, data=finding))
        if self.row == "total" and form.answered(FUNDS_WEIGHT_ID) and value != before:
            events.extend(form.budget_events())
        return Outcome(events)


class FundingSources(Question):
    """Where the money came from: one source (its row copies the total) or split over the three."""

    key = SOURCES_ID

    def specs(self, form: Form, row: int | None = None) -> list[FieldSpec]:
        choices = tuple(
            Choice(str(number), mode, t(f"choice.sources.{mode}")) for number, mode in enumerate(SOURCE_MODES, start=1)
        )
        return [make_spec(self.key, SOURCES_ID, "funds", "funds.sources", FieldKind.CHOICE, choices=choices)]

    def value_text(self, form: Form, spec: FieldSpec) -> str:
        return label_of(spec, form.conversation.extras.get(SOURCES_ID))

    def default_text(self, form: Form, spec: FieldSpec) -> str:
        return self.value_text(form, spec) or label_of(spec, "fiscal")

    def apply(self, form: Form, spec: FieldSpec, raw: str, keep: bool) -> Outcome:
        choice = choose(spec, raw)
        outcome = Outcome(extras={SOURCES_ID: choice.value})
        if choice.value in SOURCE_ROWS:
            fill_sources(form, choice.value)
            outcome.unanswer = {f"funds.{row}.{column}" for row in SOURCE_ROWS for column in FUNDS_COLUMNS}
        return outcome


def fill_sources(form: Form, mode: str) -> None:
    """The single source ``mode`` takes the total's amounts; the other sources get 0 where the total has one."""
    funds = form.evaluation.funds
    total = funds.total
    zero = FundsRow(**{column: None if getattr(total, column) is None else Decimal(0) for column in FUNDS_COLUMNS})
    for source in SOURCE_ROWS:
        setattr(funds, source, total.model_copy() if source == mode else zero.model_copy())


class BudgetWeight(Question):
    """The budget row's 分值; enter takes the profile's usual one."""

    key = FUNDS_WEIGHT_ID

    def specs(self, form: Form, row: int | None = None) -> list[FieldSpec]:
        usual = plain(form.context.profile.budget_weight)
        return [
            make_spec(
                self.key, FUNDS_WEIGHT_ID, "funds", "funds.weight", FieldKind.NUMBER, help_fields={"usual": usual}
            )
        ]

    def value_text(self, form: Form, spec: FieldSpec) -> str:
        return number_text(form.evaluation.funds.weight)

    def default_text(self, form: Form, spec: FieldSpec) -> str:
        return plain(form.context.profile.budget_weight)

    def apply(self, form: Form, spec: FieldSpec, raw: str, keep: bool) -> Outcome:
        weight = parse_weight_answer(raw)
        others = FULL_MARKS - form.weight_left() - form.evaluation.funds.weight
        events = weight_events(others, weight, keep)
        form.evaluation.funds.weight = weight
        return Outcome(events + form.budget_events())


def weight_events(others: Decimal, weight: Decimal, keep: bool) -> list[Event]:
    """A 分值 that takes the form past 100 is refused, unless it was already there and is being kept."""
    if others + weight <= FULL_MARKS:
        return []
    if not keep:
        raise InputError(t("error.weight_over", left=plain(max(Decimal(0), FULL_MARKS - others))))
    return [Event(EventKind.WARNING, t("warning.weights_over", total=plain(others + weight)))]


class BudgetReason(Question):
    """Why the execution rate is low; asked only below the profile's threshold (or when already written)."""

    key = FUNDS_REASON_ID

    def specs(self, form: Form, row: int | None = None) -> list[FieldSpec]:
        profile = form.context.profile
        rate = form.budget().rate
        if not ((rate is not None and rate < profile.low_execution_rate) or form.evaluation.funds.reason.strip()):
            return []
        rate_text = "—" if rate is None else f"{plain(round(rate * ONE_HUNDRED, 2))}%"
        floor = plain(profile.low_execution_rate * ONE_HUNDRED)
        return [
            make_spec(
                self.key,
                FUNDS_REASON_ID,
                "funds",
                "funds.reason",
                FieldKind.LONG_TEXT,
                optional=True,
                help_fields={"floor": floor},
                prompt={"rate": rate_text, "floor": floor},
            )
        ]

    def value_text(self, form: Form, spec: FieldSpec) -> str:
        return form.evaluation.funds.reason

    def apply(self, form: Form, spec: FieldSpec, raw: str, keep: bool) -> Outcome:
        form.evaluation.funds.reason = raw
        return Outcome([Event(EventKind.WARNING, t("warning.reason_missing"))] if not raw else [])

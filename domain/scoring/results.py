"""What scoring takes and gives, as plain values: row and funds inputs, results, notes and explanations.

The pydantic records (``IndicatorRow``, ``Funds``, ``Evaluation``) are read through ``row_input`` and
``funds_input`` at the edge, so scoring itself never needs pydantic.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from domain.record.kinds import Direction, Frozen, Grade, ParsedValue, fresh
from domain.scoring.conventions import execution_cap
from domain.scoring.wording import Msg

if TYPE_CHECKING:
    from domain.record.models import Evaluation
    from domain.scoring.profile import Profile


class RowStatus(StrEnum):
    """Whether a row has a score by rule, needs the user's judgement, or is an unused placeholder."""

    SCORED = "scored"
    JUDGEMENT = "judgement"
    UNUSED = "unused"


class Rule(StrEnum):
    """Which part of the method produced a score."""

    POSITIVE_MET = "positive_met"
    POSITIVE_SHORTFALL = "positive_shortfall"
    REVERSE_MET = "reverse_met"
    REVERSE_LINEAR = "reverse_linear"
    REVERSE_RATIO = "reverse_ratio"
    TARGET_ZERO = "target_zero"
    DEVIATION = "deviation"
    TEXT_RESTATED = "text_restated"
    QUALITATIVE = "qualitative"
    JUDGEMENT = "judgement"
    UNUSED = "unused"
    BUDGET = "budget"


class RowInput(Frozen):
    """One indicator row as scoring reads it."""

    weight: Decimal
    target: ParsedValue
    actual: ParsedValue
    direction: Direction | None = None
    judged_score: Decimal | None = None
    is_unused: bool = False
    name: str = ""  # the 三级 name: its words tell the direction of an indicator outside the catalogue


class FundsInput(Frozen):
    """The funds block's total row and the budget row's 分值, as scoring reads them."""

    weight: Decimal
    initial_budget: Decimal | None
    annual_budget: Decimal | None
    executed: Decimal | None
    reason: str = ""
    from_parts: bool = False  # 年度资金总额 was left at 0: the amounts are its rows' sums


def row_input(row: Any) -> RowInput:
    """An ``IndicatorRow`` (or a ``RowInput``) as scoring input."""
    if isinstance(row, RowInput):
        return row
    return RowInput(row.weight, row.target, row.actual, row.direction, row.judged_score, row.is_unused, row.name)


def funds_input(funds: Any) -> FundsInput:
    """A ``Funds`` block (or a ``FundsInput``) as scoring input."""
    if isinstance(funds, FundsInput):
        return funds
    total = funds.total
    names = ("initial_budget", "annual_budget", "executed")
    if not any(getattr(total, name) for name in names):  # left at 0: the rows under it, when they hold money
        rows = [getattr(funds, source, None) for source in ("fiscal", "carryover", "other")]
        sums = [_sum_of(rows, name) for name in names]
        if any(sums):
            initial, annual, executed = sums
            return FundsInput(funds.weight, initial, annual, executed, funds.reason, True)
    return FundsInput(funds.weight, total.initial_budget, total.annual_budget, total.executed, funds.reason)


def _sum_of(rows: list[Any], name: str) -> Decimal | None:
    values = [getattr(row, name) for row in rows if row is not None]
    if all(value is None for value in values):
        return None
    return sum((value or Decimal(0) for value in values), Decimal(0))


class Note(Frozen):
    """Something the user should know about a computed number (assumption, flag, advice).

    Made by ``note(code, msg)``: a code and the message (id and fields); rendered only when shown."""

    code: str
    text: Msg

    @property
    def zh(self) -> str:
        return self.text.zh

    @property
    def en(self) -> str:
        return self.text.en

    @property
    def shown(self) -> str:
        """The note in the interface's language (``--lang`` / JIXIAO_LOCALE)."""
        return _in_locale(self.text)


def _in_locale(text: Msg) -> str:
    from domain.messages.lookup import current_locale

    return text.render(current_locale())


def note(code: str, text: Msg) -> Note:
    return Note(code, text)


class Explanation(Frozen):
    """How a number was reached: the rule, the formula with numbers, and a sentence in any locale."""

    rule: Rule
    formula_text: Msg
    sentence: Msg

    @property
    def formula(self) -> str:
        return self.formula_text.zh

    @property
    def zh(self) -> str:
        return self.sentence.zh

    @property
    def shown(self) -> str:
        """The sentence in the interface's language (``--lang`` / JIXIAO_LOCALE)."""
        return _in_locale(self.sentence)

    @property
    def en(self) -> str:
        return self.sentence.en


class RowResult(Frozen):
    """One indicator row scored: its score (None while it awaits judgement) and why."""

    weight: Decimal
    score: Decimal | None
    direction: Direction | None
    status: RowStatus
    explanation: Explanation
    notes: tuple[Note, ...] = ()
    band: tuple[Decimal, Decimal] | None = None  # admissible scores when judgement is needed
    grade: Grade | None = None
    band_open: bool = False  # the band's top is not itself admissible (部分达成 [60%, 80%))
    exact: Decimal | None = None  # the score before rounding, where rounding alone made it (see ``habit``)

    @property
    def deduction(self) -> Decimal | None:
        """Points lost against the row's 分值."""
        return None if self.score is None else self.weight - self.score

    def has_note(self, code: str) -> bool:
        return any(note.code == code for note in self.notes)

    @property
    def needs_direction(self) -> bool:
        """Not scored until someone says which way the row counts: the wording and the catalogue (or the
        name) disagree, or nothing tells."""
        return (
            self.score is None
            and self.direction is None
            and (self.has_note("direction_conflict") or self.has_note("direction_unknown"))
        )

    def admits(self, score: Decimal) -> bool:
        """Whether a judged score lies inside the row's band (0–分值 when it has none)."""
        low, high = self.band or (Decimal(0), self.weight)
        return low <= score < high if self.band_open else low <= score <= high


class BudgetResult(Frozen):
    """The budget execution row scored."""

    weight: Decimal
    rate: Decimal | None  # exact 执行数 ÷ 预算数
    rate_used: Decimal | None  # after the profile's rounding of the rate
    score: Decimal | None
    explanation: Explanation
    notes: tuple[Note, ...] = ()

    @property
    def deduction(self) -> Decimal | None:
        return None if self.score is None else self.weight - self.score


class ScoredEvaluation(Frozen):
    """A whole form scored: budget row, indicator rows, total and grade."""

    evaluation: Evaluation
    profile: Profile
    budget: BudgetResult
    rows: list[RowResult] = fresh(list)

    @property
    def pending_rows(self) -> list[int]:
        """Indexes of rows still awaiting the user's judgement."""
        return [
            index for index, row in enumerate(self.rows) if row.score is None and row.status is not RowStatus.UNUSED
        ]

    @property
    def sum(self) -> Decimal:
        """Budget score plus the sum of rounded row scores (rows awaiting judgement count 0)."""
        budget = self.budget.score or Decimal(0)
        return budget + sum((row.score or Decimal(0) for row in self.rows), Decimal(0))

    @property
    def cap(self) -> Decimal | None:
        """The highest total the profile allows at this execution rate, when it caps totals."""
        return execution_cap(self.profile.execution_caps, self.budget.rate)

    @property
    def total(self) -> Decimal:
        """The sum, capped by the execution rate where the profile says so."""
        cap = self.cap
        return self.sum if cap is None else min(self.sum, cap)

    @property
    def complete(self) -> bool:
        return self.budget.score is not None and not self.pending_rows

    @property
    def grade(self) -> str | None:
        """优/良/中/差 of the total; None while rows await a score, or for a form with no indicator row to score
        (as the audit says)."""
        if not self.complete or all(row.status is RowStatus.UNUSED for row in self.rows):
            return None
        return self.profile.grade_of(self.total)

"""The numbers behind the charts: each row's 分值 against its 得分 (the points lost), and each 一级 指标's
part of the total. Screens draw them; nothing here knows about cells or colours."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.scoring.rounding import ONE_HUNDRED, divide, quantize
from domain.scoring.rules import RowStatus, ScoredEvaluation


@dataclass(frozen=True)
class RowBar:
    """One chart line: ``number`` is the row as shown (1-based, 0 for the budget row), ``score`` None while
    the row waits for judgement."""

    number: int
    label: str
    weight: Decimal
    score: Decimal | None

    @property
    def lost(self) -> Decimal:
        return Decimal(0) if self.score is None else max(Decimal(0), self.weight - self.score)


@dataclass(frozen=True)
class LevelShare:
    """One 一级 指标 (or the budget row): its 分值, its 得分, and the 得分 as a percentage of the total."""

    label: str
    weight: Decimal
    score: Decimal
    share: Decimal  # percent of the form's total score, two places; 0 when the total is 0


def row_bars(scored: ScoredEvaluation, budget_label: str) -> list[RowBar]:
    """The budget row, then every row that counts (rows marked unused are left out), numbered as shown."""
    bars = [RowBar(0, budget_label, scored.budget.weight, scored.budget.score)]
    for index, (row, result) in enumerate(zip(scored.evaluation.indicators, scored.rows, strict=False)):
        if result.status is RowStatus.UNUSED:
            continue
        bars.append(RowBar(index + 1, row.name, row.weight, result.score))
    return bars


def level_shares(scored: ScoredEvaluation, budget_label: str) -> list[LevelShare]:
    """The budget row and each 一级 in the order first met, with its share of the total score."""
    weights: dict[str, Decimal] = {budget_label: scored.budget.weight}
    scores: dict[str, Decimal] = {budget_label: scored.budget.score or Decimal(0)}
    for row, result in zip(scored.evaluation.indicators, scored.rows, strict=False):
        if result.status is RowStatus.UNUSED:
            continue
        name = row.level1 or "—"
        weights[name] = weights.get(name, Decimal(0)) + row.weight
        scores[name] = scores.get(name, Decimal(0)) + (result.score or Decimal(0))
    total = sum(scores.values(), Decimal(0))
    return [
        LevelShare(
            name,
            weights[name],
            scores[name],
            quantize(divide(scores[name] * ONE_HUNDRED, total), 2) if total else Decimal(0),
        )
        for name in weights
    ]

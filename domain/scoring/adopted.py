"""A form scored as the audit counts it: one answer per form, whichever command asks.

``jixiao score``, ``jixiao check``, the review before saving and the training walk all give a filled form
the same total and grade: each row's score is the one the audit adopts — the computed one, or the form's own
declared score where the rules admit it (a judgement inside its band, the computed score written at the
form's rounding habit), marked as the form's own with a note saying why it stands.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from domain.scoring.audit_rows import needs_judgement
from domain.scoring.results import BudgetResult, RowResult, RowStatus, ScoredEvaluation, note
from domain.scoring.rounding import plain
from domain.scoring.rules import score_row
from domain.scoring.wording import msg

if TYPE_CHECKING:
    from domain.scoring.audit import FormAudit


def adopted_scoring(audit: FormAudit) -> ScoredEvaluation:
    """The audited form as a scored form whose rows and total are what ``jixiao check`` counts."""
    scored = audit.scored
    profile = scored.profile
    rows = audit.evaluation.indicators
    directions = [match.entry.direction if match.entry else None for match in audit.matches]
    habit = audit.habit.describe() if audit.habit is not None else None
    results = [
        _adopted_row(row, result, adopted, profile, direction, habit)
        for row, result, adopted, direction in zip(rows, scored.rows, audit.adopted_rows, directions, strict=True)
    ]
    return scored.replace(budget=_adopted_budget(scored.budget, audit.adopted_budget, audit.evaluation), rows=results)


def _adopted_row(row: Any, result: RowResult, adopted: Decimal, profile: Any, direction: Any, habit: Any) -> RowResult:
    if result.status is RowStatus.UNUSED or (result.score == adopted and result.status is RowStatus.SCORED):
        return result
    declared = row.declared_score
    if declared is not None and adopted == declared:
        if needs_judgement(result):
            if result.needs_direction:
                said = msg("scoring.note.declared_direction", declared=plain(declared))
                return _with(result, adopted, note("declared_direction", said))
            judged = score_row(row.model_copy(update={"judged_score": declared}), profile, direction)
            low, high = result.band or (Decimal(0), result.weight)
            said = msg("scoring.note.declared_kept", declared=plain(declared), low=plain(low), high=plain(high))
            base = judged if judged.score == declared else result
            return _with(base, adopted, note("declared_kept", said))
        said = msg(
            "scoring.note.declared_rounding",
            declared=plain(declared),
            computed=plain(result.score or adopted),
            habit=habit or "",
        )
        return _with(result, adopted, note("declared_rounding", said))
    if result.score is None:
        low, high = result.band or (Decimal(0), result.weight)
        if declared is None:
            return _with(result, adopted, note("nothing_declared", msg("scoring.note.nothing_declared")))
        said = msg(
            "scoring.note.declared_clamped",
            declared=plain(declared),
            low=plain(low),
            high=plain(high),
            adopted=plain(adopted),
        )
        return _with(result, adopted, note("declared_clamped", said))
    return result


def _with(result: RowResult, score: Decimal, said: Any) -> RowResult:
    return result.replace(score=score, status=RowStatus.SCORED, exact=None, notes=(*result.notes, said))


def _adopted_budget(budget: BudgetResult, adopted: Decimal, evaluation: Any) -> BudgetResult:
    if budget.score == adopted:
        return budget
    declared = evaluation.funds.declared_score
    if declared is not None and adopted == declared:
        said = (
            msg("scoring.note.budget_declared_rounding", declared=plain(declared), computed=plain(budget.score))
            if budget.score is not None
            else msg("scoring.note.budget_declared_unscored", declared=plain(declared))
        )
        return budget.replace(score=adopted, notes=(*budget.notes, note("declared_kept", said)))
    weight = evaluation.funds.weight
    said = (
        msg(
            "scoring.note.declared_clamped",
            declared=plain(declared),
            low="0",
            high=plain(weight),
            adopted=plain(adopted),
        )
        if declared is not None
        else msg("scoring.note.nothing_declared")
    )
    return budget.replace(score=adopted, notes=(*budget.notes, note("declared_clamped", said)))

"""The scores an opened form declares: which ones the interview takes as its judgements, when a change makes
one stale, and what is written back on saving.

Saving keeps what the user did not change. A row (or the budget row) whose inputs were not touched keeps the
score ``jixiao check`` adopts for it — its declared score wherever the audit admits that score (inside the
band of a row needing judgement, a rounding variant, …), else the computed one — so an untouched form saved
again checks to the same computed total. A row the user changed is written with its computed score. The
total written is the sum of what is written.
"""

from __future__ import annotations

from decimal import Decimal

from domain.interview.conversation import JUDGED_FROM_DECLARED, judged_from_declared
from domain.interview.form import Form
from domain.record.models import Evaluation, Funds, IndicatorRow
from domain.scoring.rules import RowResult


def admissible_judgement(row: IndicatorRow, undecided: RowResult) -> bool:
    """Whether the row's declared score stands as its judgement, by the rule the audit keeps declared scores by."""
    from domain.scoring.audit import admits

    return row.declared_score is not None and admits(undecided, row.declared_score)


def adopt_declared_judgements(form: Form) -> dict[str, str]:
    """An opened form: an admissible declared score of a row needing judgement (or of a qualitative row
    inside its band) becomes the row's judged score, so that enter keeps it. Returns the conversation note
    recording those rows (empty when there are none)."""
    taken = []
    for index, row in enumerate(form.rows):
        if row.judged_score is not None or row.declared_score is None:
            continue
        if admissible_judgement(row, form.score(row, judged_score=None)):
            row.judged_score = row.declared_score
            taken.append(index)
    return {JUDGED_FROM_DECLARED: ",".join(str(index) for index in taken)} if taken else {}


def _row_inputs(row: IndicatorRow) -> tuple[object, ...]:
    return (
        row.level2,
        row.name,
        row.catalogue_name,
        row.target_text,
        row.actual_text,
        row.weight,
        row.direction,
        row.judged_score,
    )


def _funds_inputs(funds: Funds) -> tuple[object, ...]:
    return (funds.total, funds.fiscal, funds.carryover, funds.other, funds.weight)


def forget_stale(before: Evaluation, after: Evaluation) -> None:
    """After an answer: a declared score no longer describes a row (or the budget row) whose inputs changed."""
    for old, new in zip(before.indicators, after.indicators, strict=False):
        if new.declared_score is not None and _row_inputs(old) != _row_inputs(new):
            new.declared_score = None
    funds = after.funds
    if (funds.declared_score is not None or funds.declared_rate is not None) and _funds_inputs(
        before.funds
    ) != _funds_inputs(funds):
        funds.declared_score = None
        funds.declared_rate = None


def written_evaluation(form: Form) -> Evaluation:
    """The evaluation to save: blank rows dropped; each row's and the budget row's score as described above,
    and the total of those scores (none when a row still waits for its score)."""
    from domain.scoring.audit import audit_evaluation

    taken = judged_from_declared(form.conversation.extras)
    rows: list[IndicatorRow] = []
    results: list[RowResult | None] = []
    for index, (row, result) in enumerate(zip(form.rows, form.row_results(), strict=True)):
        if not (row.name.strip() or row.target_text.strip() or row.actual_text.strip() or row.weight):
            continue
        if index in taken and row.declared_score is not None and row.judged_score == row.declared_score:
            row = row.model_copy(update={"judged_score": None})  # the form said it; it is not a new judgement
        rows.append(row.model_copy())
        results.append(result)
    evaluation = form.evaluation.model_copy(deep=True)
    evaluation.indicators = rows
    funds = evaluation.funds
    untouched_rows = [row.declared_score is not None for row in rows]
    untouched_budget = funds.declared_score is not None
    profile = form.context.profile
    audit = audit_evaluation(evaluation, profile) if any(untouched_rows) or untouched_budget else None
    budget = form.budget()
    for position, (row, result) in enumerate(zip(rows, results, strict=True)):
        if untouched_rows[position] and audit is not None:
            row.declared_score = audit.adopted_rows[position]
        else:
            row.declared_score = result.score if result is not None else None
    if untouched_budget and audit is not None:
        funds.declared_score = audit.adopted_budget
        if any(finding.code == "arithmetic.budget_rate" for finding in audit.findings):
            funds.declared_rate = budget.rate_used
    else:
        funds.declared_score = budget.score
        funds.declared_rate = budget.rate_used
    waiting = funds.declared_score is None or any(row.declared_score is None and not row.is_unused for row in rows)
    if waiting or funds.declared_score is None:
        evaluation.declared_total = None
    else:  # a budget score of 0.00 keeps its two places in the total
        evaluation.declared_total = funds.declared_score + sum(
            (row.declared_score or Decimal(0) for row in rows), Decimal(0)
        )
    return evaluation

"""The budget execution row: 执行率 = 全年执行数 ÷ 全年预算数, score = 分值 × min(1, 执行率)."""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Any

from domain.scoring.conventions import BudgetDenominator
from domain.scoring.profile import builtin_profile
from domain.scoring.results import BudgetResult, Explanation, FundsInput, Note, Rule, funds_input, note
from domain.scoring.rounding import ONE_HUNDRED, divide, fixed, plain, quantize
from domain.scoring.verdicts import round_score, score_text
from domain.scoring.wording import Msg, msg

if TYPE_CHECKING:
    from domain.scoring.profile import Profile

WORKING_PRECISION = 60  # significant digits for products of 24-digit amounts; results are rounded once


def score_budget(funds: Any, profile: Profile | None = None) -> BudgetResult:
    """The budget row of a ``Funds`` block (or ``FundsInput``). Never raises."""
    chosen: Profile = profile or builtin_profile()
    values = funds_input(funds)
    try:
        with localcontext() as context:
            context.prec = WORKING_PRECISION
            return _score_budget(values, chosen)
    except ArithmeticError:
        return BudgetResult(
            values.weight, None, None, None, Explanation(Rule.BUDGET, msg("budget.no_rate"), msg("budget.out_of_range"))
        )


def _score_budget(funds: FundsInput, profile: Profile) -> BudgetResult:
    weight = funds.weight
    use_initial = profile.budget_denominator is BudgetDenominator.INITIAL
    budget = funds.initial_budget if use_initial else funds.annual_budget
    budget_name = msg("budget.initial" if use_initial else "budget.annual")
    executed = funds.executed
    if budget is None or executed is None or budget == 0:
        missing = msg("budget.executed") if executed is None else budget_name
        return BudgetResult(
            weight,
            None,
            None,
            None,
            Explanation(Rule.BUDGET, msg("budget.no_rate"), msg("budget.missing", missing=missing)),
        )
    rate = divide(executed, budget)
    notes: list[Note] = []
    rate_text = plain(quantize(rate, 6))
    rate_msg: Msg
    if profile.round_rate:
        rate_used = quantize(rate, profile.rate_decimals)
        used_text = fixed(rate_used, profile.rate_decimals)
        rate_msg = msg(
            "budget.rate_rounded",
            executed=plain(executed),
            budget=plain(budget),
            rate=rate_text,
            places=profile.rate_decimals,
            used=used_text,
        )
    else:
        rate_used = rate
        used_text = rate_text
        rate_msg = msg("budget.rate_exact", executed=plain(executed), budget=plain(budget), rate=rate_text)
    score = round_score(weight * min(Decimal(1), rate_used), profile)
    lost = weight - score
    percent = plain(quantize(rate * ONE_HUNDRED, 2))
    if funds.from_parts:
        notes.append(
            note(
                "total_from_parts", msg("budget.note.total_from_parts", budget=plain(budget), executed=plain(executed))
            )
        )
    if rate > 1:
        notes.append(note("executed_over_budget", msg("budget.note.over_budget", budget=budget_name, percent=percent)))
    if rate < profile.low_execution_rate and not funds.reason.strip():
        notes.append(
            note(
                "low_execution", msg("budget.note.low_execution", floor=plain(profile.low_execution_rate * ONE_HUNDRED))
            )
        )
    for below, cap in sorted(profile.execution_caps):
        if rate < below:
            notes.append(
                note(
                    "total_capped",
                    msg("budget.note.total_capped", percent=percent, below=plain(below * ONE_HUNDRED), cap=plain(cap)),
                )
            )
            break
    factor: Msg | str = msg("budget.capped_factor") if rate_used > 1 else used_text
    formula = msg("budget.formula", weight=plain(weight), factor=factor, score=score_text(score, profile))
    loss = msg("budget.loss", lost=score_text(lost, profile)) if lost else msg("budget.full")
    return BudgetResult(
        weight=weight,
        rate=rate,
        rate_used=rate_used,
        score=score,
        explanation=Explanation(
            Rule.BUDGET, formula, msg("budget.sentence", rate=rate_msg, formula=formula, loss=loss)
        ),
        notes=tuple(notes),
    )

"""The audit of one row and of the budget row: the score adopted for the total, and what was found.

A declared score is kept when the rules admit it: the computed one at the form's rounding habit, or a
judgement inside its band. Full marks for a missed target is never a rounding unless the computed score
itself rounds to full marks at the form's precision.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from domain.record.kinds import Direction
from domain.scoring.conventions import ReverseConvention, Rounding
from domain.scoring.findings import Finding, FindingClass
from domain.scoring.habit import PRECISIONS, Habit, gives, habit_of, places_word, vary
from domain.scoring.results import BudgetResult, RowResult, RowStatus, Rule
from domain.scoring.rounding import plain, quantize
from domain.scoring.rules import score_budget, score_row
from domain.scoring.wording import Msg, msg

if TYPE_CHECKING:
    from domain.scoring.profile import Profile

ROUNDING_TOLERANCE = Decimal("0.5")  # a "rounding" that moves a score further than this is not one


def needs_judgement(result: RowResult) -> bool:
    """A row whose score is a person's call within a band: pending judgement, or qualitative."""
    return result.band is not None and (
        result.status is RowStatus.JUDGEMENT or result.explanation.rule is Rule.QUALITATIVE
    )


def admits(result: RowResult, declared: Decimal) -> bool:
    """Whether a declared score stands as the row's judgement: inside its band (its top included, see
    ``at_open_top``) and inside 0–分值."""
    if not needs_judgement(result) or not Decimal(0) <= declared <= result.weight:
        return False
    assert result.band is not None
    return result.band[0] <= declared <= result.band[1]


def at_open_top(result: RowResult, declared: Decimal) -> bool:
    """A declared score exactly at the top of a half-open band (部分达成 at 80%): kept, but named."""
    return result.band_open and result.band is not None and declared == result.band[1]


def _rounding(
    row: Any, result: RowResult, profile: Profile, habit: Habit, declared: Decimal, direction: Direction | None
) -> bool | None:
    """True when the declared score is the computed one at the form's habit, False when at another usual
    precision, None when it is no rounding at all. Full marks for a missed target is a rounding only when
    the computed score itself rounds to full marks at the form's habit."""
    if result.score is None or abs(result.score - declared) > ROUNDING_TOLERANCE:
        return None
    if gives(row, result, profile, habit, direction, declared):
        return True
    if declared == result.weight and result.score < result.weight:
        return None
    others = (Habit(*precision) for precision in PRECISIONS)
    return (
        False
        if any(gives(row, result, profile, other, direction, declared) for other in others if other != habit)
        else None
    )


def _method_hint(row: Any, result: RowResult, profile: Profile, declared: Decimal, direction: Direction | None) -> Msg:
    """A guess, in plain words, at what the form did instead of the method."""
    computed = result.score
    assert computed is not None
    if declared > result.weight:
        return msg("audit.hint.above_weight")
    if declared == result.weight and computed < result.weight:
        return msg("audit.hint.full_for_missed")
    if computed == result.weight and declared < result.weight:
        return msg("audit.hint.deducted_when_met")
    other = (
        ReverseConvention.RATIO if profile.reverse_convention is ReverseConvention.LINEAR else ReverseConvention.LINEAR
    )
    if result.explanation.rule in (Rule.REVERSE_LINEAR, Rule.REVERSE_RATIO):
        for decimals, rounding in PRECISIONS:
            variant = vary(profile, reverse_convention=other, score_decimals=decimals, rounding=rounding)
            if score_row(row, variant, direction).score == declared:
                return msg("audit.hint.ratio" if other is ReverseConvention.RATIO else "audit.hint.linear")
    actual = row.actual
    if actual.number is not None and actual.unit == "%":
        ignoring_target = result.weight * actual.number / Decimal(100)
        if abs(ignoring_target - declared) < Decimal("0.01"):
            return msg("audit.hint.target_ignored")
    return msg("audit.hint.other")


def audit_row(
    number: int, row: Any, result: RowResult, profile: Profile, habit: Habit, direction: Direction | None
) -> tuple[Decimal, list[Finding]]:
    """The score adopted for the total and the findings for one row."""
    declared = row.declared_score
    name = row.name
    computed = result.score
    if result.status is RowStatus.UNUSED:
        if declared not in (None, Decimal(0)):
            return Decimal(0), [
                Finding(
                    FindingClass.METHOD,
                    "unused_row_scored",
                    msg("audit.unused_row_scored", row=number, declared=plain(declared)),
                    number,
                    name,
                    declared,
                    Decimal(0),
                )
            ]
        return Decimal(0), []
    if declared is None:
        adopted = computed if computed is not None else Decimal(0)
        return adopted, [
            Finding(
                FindingClass.JUDGEMENT,
                "missing_score",
                msg("audit.missing_score", row=number, name=name),
                number,
                name,
                None,
                computed,
            )
        ]
    if declared < 0 or declared > row.weight:
        low, high = result.band or (Decimal(0), row.weight)
        adopted = computed if computed is not None else min(max(declared, low), high)
        return adopted, [
            Finding(
                FindingClass.METHOD,
                "score_out_of_range",
                msg(
                    "audit.score_out_of_range",
                    row=number,
                    name=name,
                    declared=plain(declared),
                    weight=plain(row.weight),
                ),
                number,
                name,
                declared,
                adopted,
            )
        ]
    if needs_judgement(result):
        return _audit_judged(number, row, result, declared)
    assert computed is not None
    if declared == computed:
        return computed, []
    rounding = _rounding(row, result, profile, habit, declared, direction)
    if rounding is not None:
        key = "audit.rounding" if rounding else "audit.rounding_off_habit"
        return declared, [
            Finding(
                FindingClass.ROUNDING,
                "row_score",
                msg(
                    key,
                    row=number,
                    name=name,
                    declared=plain(declared),
                    computed=plain(computed),
                    precision=habit_of(profile).describe(),
                    habit=habit.describe(),
                ),
                number,
                name,
                declared,
                computed,
            )
        ]
    hint = _method_hint(row, result, profile, declared, direction)
    return computed, [
        Finding(
            FindingClass.METHOD,
            "row_score",
            msg(
                "audit.row_score",
                row=number,
                name=name,
                declared=plain(declared),
                computed=plain(computed),
                hint=hint,
                explanation=result.explanation.sentence,
            ),
            number,
            name,
            declared,
            computed,
        )
    ]


def _audit_judged(number: int, row: Any, result: RowResult, declared: Decimal) -> tuple[Decimal, list[Finding]]:
    assert result.band is not None
    name, computed = row.name, result.score
    low, high = result.band
    if admits(result, declared):
        if computed is not None and declared == computed:
            return declared, []
        found = [
            Finding(
                FindingClass.JUDGEMENT,
                "kept_declared",
                msg(
                    "audit.kept_declared",
                    row=number,
                    name=name,
                    explanation=result.explanation.sentence,
                    declared=plain(declared),
                    low=plain(low),
                    high=plain(high),
                ),
                number,
                name,
                declared,
                computed,
            )
        ]
        if at_open_top(result, declared):
            found.append(
                Finding(
                    FindingClass.JUDGEMENT,
                    "band_top",
                    msg("audit.band_top", row=number, name=name, declared=plain(declared)),
                    number,
                    name,
                    declared,
                    computed,
                )
            )
        return declared, found
    adopted = high if declared > high else low
    return adopted, [
        Finding(
            FindingClass.METHOD,
            "outside_band",
            msg(
                "audit.outside_band",
                row=number,
                name=name,
                explanation=result.explanation.sentence,
                declared=plain(declared),
                low=plain(low),
                high=plain(high),
                adopted=plain(adopted),
            ),
            number,
            name,
            declared,
            adopted,
        )
    ]


def audit_budget(evaluation: Any, budget: BudgetResult, profile: Profile) -> tuple[Decimal, list[Finding]]:
    declared = evaluation.funds.declared_score
    computed = budget.score
    weight = evaluation.funds.weight
    findings = _audit_declared_rate(evaluation, budget)
    if declared is not None and not Decimal(0) <= declared <= weight:
        adopted = computed if computed is not None else min(max(declared, Decimal(0)), weight)
        return adopted, [
            *findings,
            Finding(
                FindingClass.METHOD,
                "score_out_of_range",
                msg("audit.budget_out_of_range", declared=plain(declared), weight=plain(weight)),
                0,
                "预算执行率",
                declared,
                adopted,
            ),
        ]
    if computed is None:
        adopted = declared if declared is not None else Decimal(0)
        return adopted, [
            *findings,
            Finding(
                FindingClass.JUDGEMENT,
                "budget_rate",
                msg("audit.budget_rate", explanation=budget.explanation.sentence),
                0,
                "预算执行率",
                declared,
                None,
            ),
        ]
    adopted, score_findings = _audit_budget_score(evaluation, budget, profile)
    return adopted, [*findings, *score_findings]


def _audit_declared_rate(evaluation: Any, budget: BudgetResult) -> list[Finding]:
    """The 执行率 written on the form against 执行数 ÷ 预算数 (any usual rounding of it is accepted)."""
    declared = evaluation.funds.declared_rate
    if declared is None or budget.rate is None:
        return []
    exponent = declared.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    readings = {quantize(budget.rate, places, rounding) for rounding in Rounding} | {budget.rate}
    if declared in readings or (budget.rate_used is not None and declared == budget.rate_used):
        return []
    return [
        Finding(
            FindingClass.ARITHMETIC,
            "budget_rate",
            msg("audit.declared_rate", declared=plain(declared), computed=plain(quantize(budget.rate, max(places, 2)))),
            0,
            "预算执行率",
            declared,
            budget.rate_used,
        )
    ]


def _audit_budget_score(evaluation: Any, budget: BudgetResult, profile: Profile) -> tuple[Decimal, list[Finding]]:
    declared = evaluation.funds.declared_score
    computed = budget.score
    assert computed is not None
    if declared is None:
        return computed, [
            Finding(
                FindingClass.JUDGEMENT,
                "missing_score",
                msg("audit.budget_missing_score"),
                0,
                "预算执行率",
                None,
                computed,
            )
        ]
    if declared == computed:
        return computed, []
    for variant in (
        vary(profile, round_rate=False),
        vary(profile, rate_decimals=3),
        vary(profile, rate_decimals=4),
        vary(profile, score_decimals=1),
        vary(profile, score_decimals=0),
    ):
        if score_budget(evaluation.funds, variant).score == declared:
            return declared, [
                Finding(
                    FindingClass.ROUNDING,
                    "budget_score",
                    msg(
                        "audit.budget_rounding",
                        declared=plain(declared),
                        computed=plain(computed),
                        places=places_word(profile.rate_decimals),
                    ),
                    0,
                    "预算执行率",
                    declared,
                    computed,
                )
            ]
    return computed, [
        Finding(
            FindingClass.METHOD,
            "budget_score",
            msg(
                "audit.budget_score",
                declared=plain(declared),
                computed=plain(computed),
                explanation=budget.explanation.sentence,
            ),
            0,
            "预算执行率",
            declared,
            computed,
        )
    ]

"""`--profile auto`: the shipped profile a form's own layout and numbers point to, and why.

A 20-point budget row points to 湖北's profiles; reverse rows whose declared scores follow
分值 × 指标值 ÷ 实际值 point to the ratio convention (hubei-2020, or ratio-reverse); the rows' rounding
habit is reported with the choice.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.scoring.conventions import ReverseConvention
from domain.scoring.habit import find_habit, vary
from domain.scoring.profile import builtin_profile, builtin_profile_names
from domain.scoring.results import Rule
from domain.scoring.rules import score_row
from domain.scoring.wording import Msg, msg


def _follows_ratio(evaluation: Any) -> bool:
    """Whether the reverse rows that missed their target were scored 分值 × 指标值 ÷ 实际值 on the form."""
    linear = builtin_profile("default")
    ratio = vary(linear, reverse_convention=ReverseConvention.RATIO)
    votes = 0
    for row in evaluation.indicators:
        if row.declared_score is None:
            continue
        result = score_row(row, linear)
        if result.explanation.rule is not Rule.REVERSE_LINEAR:
            continue
        by_ratio = score_row(row, ratio).score
        if by_ratio is not None and abs(by_ratio - row.declared_score) < abs((result.score or 0) - row.declared_score):
            votes += 1
        elif result.score == row.declared_score:
            votes -= 1
    return votes > 0


def choose_profile(evaluation: Any) -> tuple[str, Msg]:
    """The name of the profile to audit the form by, and the sentence saying which and why."""
    reasons: list[Msg] = []
    ratio = _follows_ratio(evaluation)
    layout_profile = getattr(evaluation, "profile", "default")
    if layout_profile != "default" and layout_profile in builtin_profile_names():
        name = layout_profile  # the form's layout declares the profile its forms are scored by
        reasons.append(msg("profile.auto.layout", name=name))
    elif evaluation.funds.weight == Decimal(20):
        name = "hubei-2020" if ratio else "hubei"
        reasons.append(msg("profile.auto.budget_weight", weight="20"))
    else:
        name = "ratio-reverse" if ratio else "default"
    if ratio:
        reasons.append(msg("profile.auto.ratio_reverse"))
    profile = builtin_profile(name)
    from domain.scoring.indicators import score_with_catalogue

    scored, matches = score_with_catalogue(evaluation, profile)
    directions = [match.entry.direction if match.entry else None for match in matches]
    habit, told = find_habit(evaluation.indicators, scored.rows, directions, profile)
    if told:
        reasons.append(msg("profile.auto.habit", habit=msg("audit.habit.own", habit=habit.describe())))
    if not reasons:
        reasons.append(msg("profile.auto.default"))
    why = (
        reasons[0]
        if len(reasons) == 1
        else msg(
            f"check.join{min(len(reasons), 4)}", **{f"part{index}": part for index, part in enumerate(reasons[:4])}
        )
    )
    return name, msg("profile.auto", name=name, why=why)

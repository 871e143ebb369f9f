"""What-if calculations: one indicator's or the budget row's score from values typed on the spot."""

from __future__ import annotations

import re
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

from domain.errors import InputError
from domain.messages import t
from domain.record.kinds import Direction
from domain.record.value_text import normalise_text
from domain.record.values import parse_value
from domain.scoring.budget import score_budget
from domain.scoring.profile import builtin_profile
from domain.scoring.results import BudgetResult, FundsInput, RowInput, RowResult
from domain.scoring.rules import score_row

if TYPE_CHECKING:
    from domain.scoring.profile import Profile

MAX_DIGITS = 24  # as many significant digits as an evaluation file may hold


def parse_amount(text: str, what: str, *, allow_zero: bool = True) -> Decimal:
    """A non-negative decimal typed by the user (commas, spaces, full-width digits and 万 allowed)."""
    cleaned = normalise_text(str(text)).replace(",", "").replace("，", "").removesuffix("元")
    multiplier = Decimal(1)
    for word, factor in (("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4)):
        if cleaned.endswith(word):
            cleaned, multiplier = cleaned.removesuffix(word), factor
            break
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
        raise InputError(t("number.not_a_number", what=what, text=text))
    number = Decimal(cleaned)
    if len(number.as_tuple().digits) > MAX_DIGITS:
        raise InputError(t("number.too_many_digits", what=what, text=text, digits=MAX_DIGITS))
    with localcontext() as context:
        context.prec = 2 * MAX_DIGITS
        value = number * multiplier
    if value < 0 or (value == 0 and not allow_zero):
        raise InputError(t("number.positive" if not allow_zero else "number.not_negative", what=what, text=text))
    check_record_bounds(value, what, str(text))
    return value


def check_record_bounds(value: Decimal, what: str, text: str) -> None:
    """Refuse a number a form cannot hold (more than 10 decimals, 10^14 or more) with a plain message."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -10 and value != value.quantize(Decimal(10) ** -10):
        raise InputError(t("number.too_many_places", what=what, text=text))
    if abs(value) >= Decimal(10) ** 14:
        raise InputError(t("number.too_large", what=what, text=text))


def parse_weight(text: str) -> Decimal:
    """A 分值 between 0 and 100."""
    weight = parse_amount(text.strip().removesuffix("分").strip() or text, t("number.weight"))  # "20分" is 20
    if weight > 100:
        raise InputError(t("number.weight_over", text=text))
    return weight


def indicator_whatif(
    weight: Decimal,
    target_text: str,
    actual_text: str,
    direction: Direction | None = None,
    catalogue_direction: Direction | None = None,
    judged_score: Decimal | None = None,
    profile: Profile | None = None,
    name: str = "",
) -> RowResult:
    """Score one indicator as if it were a row on a form (``name``: its 三级 name, whose words tell the
    direction of an indicator outside the catalogue)."""
    row = RowInput(weight, parse_value(target_text), parse_value(actual_text), direction, judged_score, name=name)
    return score_row(row, profile or builtin_profile(), catalogue_direction)


def budget_whatif(
    budget: Decimal, executed: Decimal, weight: Decimal | None = None, profile: Profile | None = None
) -> BudgetResult:
    """Score the budget execution row from a full-year budget and the amount spent."""
    chosen = profile or builtin_profile()
    funds = FundsInput(weight if weight is not None else chosen.budget_weight, budget, budget, executed, "（试算）")
    return score_budget(funds, chosen)

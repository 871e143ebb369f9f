"""The words of a rule profile that scoring reads (its enumerations) and the arithmetic on a profile's tables.

The profile itself is declared once, in ``domain.scoring.profile``.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from pathlib import Path

PROFILE_DIR = Path(__file__).parent / "profiles"
DEFAULT_PROFILE = "default"
DEFAULT_TITLE = "默认（财预〔2020〕10号，执行率先取两位小数）"  # as default.toml names it


class ReverseConvention(StrEnum):
    """How a reverse indicator that missed its target loses points."""

    LINEAR = "linear"  # 分值 × max(0, 1 − (实际 − 指标) ÷ 指标): zero at twice the target
    RATIO = "ratio"  # 分值 × 指标 ÷ 实际


class Rounding(StrEnum):
    """How a row score is cut to its precision."""

    HALF_UP = "half_up"
    TRUNCATE = "truncate"


class BudgetDenominator(StrEnum):
    """Which budget column the execution rate divides by."""

    ANNUAL = "annual"  # 全年预算数 (the method)
    INITIAL = "initial"  # 年初预算数 (some older local methods)


def grade_of(grades: dict[str, Decimal], lowest: str, total: Decimal) -> str:
    for word, floor in sorted(grades.items(), key=lambda item: item[1], reverse=True):
        if total >= floor:
            return word
    return lowest


def execution_cap(caps: list[tuple[Decimal, Decimal]], rate: Decimal | None) -> Decimal | None:
    """The highest total an execution rate allows (caps are (rate below which, highest total)), or None."""
    if rate is None:
        return None
    found: Decimal | None = None
    for below, cap in caps:
        if rate < below and (found is None or cap < found):
            found = cap
    return found

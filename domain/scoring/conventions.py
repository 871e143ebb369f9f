"""The conventions scoring needs, as plain values: no pydantic, so a what-if never loads the records.

``domain.scoring.profile`` validates profile files into its pydantic ``Profile``; the rules accept
anything shaped like ``ScoringProfile`` — that model, or the ``PlainProfile`` read here from a shipped
file (shipped files are checked against the validated reading by the tests).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, Protocol

PROFILE_DIR = Path(__file__).parent / "profiles"
DEFAULT_PROFILE = "default"


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


class ScoringBands(Protocol):
    @property
    def achieved(self) -> tuple[Decimal, Decimal]: ...
    @property
    def partial(self) -> tuple[Decimal, Decimal]: ...
    @property
    def not_achieved(self) -> tuple[Decimal, Decimal]: ...


class ScoringProfile(Protocol):
    """What the rules read from a profile."""

    @property
    def name(self) -> str: ...
    @property
    def reverse_convention(self) -> ReverseConvention: ...
    @property
    def round_rate(self) -> bool: ...
    @property
    def rate_decimals(self) -> int: ...
    @property
    def score_decimals(self) -> int: ...
    @property
    def rounding(self) -> Rounding: ...
    @property
    def budget_weight(self) -> Decimal: ...
    @property
    def budget_denominator(self) -> BudgetDenominator: ...
    @property
    def overachievement_ratio(self) -> Decimal: ...
    @property
    def low_execution_rate(self) -> Decimal: ...
    @property
    def bands(self) -> ScoringBands: ...
    @property
    def bands_half_open(self) -> bool: ...
    @property
    def deviation_ratio(self) -> Decimal: ...
    @property
    def deviation_deduction(self) -> Decimal: ...
    @property
    def deviation_needs_reason(self) -> bool: ...
    @property
    def execution_caps(self) -> list[tuple[Decimal, Decimal]]: ...

    def grade_of(self, total: Decimal) -> str: ...


@dataclass(frozen=True)
class PlainBands:
    achieved: tuple[Decimal, Decimal] = (Decimal("0.8"), Decimal("1.0"))
    partial: tuple[Decimal, Decimal] = (Decimal("0.6"), Decimal("0.8"))
    not_achieved: tuple[Decimal, Decimal] = (Decimal("0.0"), Decimal("0.6"))


@dataclass(frozen=True)
class PlainProfile:
    """A shipped profile read without validation (see the module docstring)."""

    name: str = DEFAULT_PROFILE
    title: str = ""
    reverse_convention: ReverseConvention = ReverseConvention.LINEAR
    round_rate: bool = True
    rate_decimals: int = 2
    score_decimals: int = 2
    rounding: Rounding = Rounding.HALF_UP
    budget_weight: Decimal = Decimal(10)
    budget_denominator: BudgetDenominator = BudgetDenominator.ANNUAL
    overachievement_ratio: Decimal = Decimal("1.2")
    low_execution_rate: Decimal = Decimal("0.9")
    level1_weights: dict[str, Decimal] = field(default_factory=dict)
    grades: dict[str, Decimal] = field(default_factory=lambda: {"优": Decimal(90), "良": Decimal(80), "中": Decimal(60)})
    bands: PlainBands = field(default_factory=PlainBands)
    lowest_grade: str = "差"
    bands_half_open: bool = True
    deviation_ratio: Decimal = Decimal("1.3")
    deviation_deduction: Decimal = Decimal(0)
    deviation_needs_reason: bool = False
    execution_caps: list[tuple[Decimal, Decimal]] = field(default_factory=list)

    def grade_of(self, total: Decimal) -> str:
        """The grade word (优/良/中/差) a total earns."""
        return grade_of(self.grades, self.lowest_grade, total)


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


def _number(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _pair(value: Any) -> tuple[Decimal, Decimal]:
    return _number(value[0]), _number(value[1])


def merged_profile_data(path: Path) -> dict[str, Any]:
    """A profile file's keys over the default profile's (bands merged key by key)."""
    def read(file: Path) -> dict[str, Any]:
        with file.open("rb") as handle:
            return tomllib.load(handle, parse_float=Decimal)

    data = read(PROFILE_DIR / f"{DEFAULT_PROFILE}.toml") if path.stem != DEFAULT_PROFILE else {}
    own = read(path)
    if isinstance(data.get("bands"), dict) and isinstance(own.get("bands"), dict):
        own = {**own, "bands": {**data["bands"], **own["bands"]}}
    return {**data, **own}


@cache
def plain_profile(name: str = DEFAULT_PROFILE) -> PlainProfile:
    """A shipped profile by name, read without pydantic; KeyError when there is no such profile."""
    path = PROFILE_DIR / f"{name}.toml"
    if not path.is_file():
        raise KeyError(name)
    data = merged_profile_data(path)
    bands = data.get("bands", {})
    return PlainProfile(
        name=str(data.get("name", name)),
        title=str(data.get("title", "")),
        reverse_convention=ReverseConvention(data.get("reverse_convention", "linear")),
        round_rate=bool(data.get("round_rate", True)),
        rate_decimals=int(data.get("rate_decimals", 2)),
        score_decimals=int(data.get("score_decimals", 2)),
        rounding=Rounding(data.get("rounding", "half_up")),
        budget_weight=_number(data.get("budget_weight", 10)),
        budget_denominator=BudgetDenominator(data.get("budget_denominator", "annual")),
        overachievement_ratio=_number(data.get("overachievement_ratio", "1.2")),
        low_execution_rate=_number(data.get("low_execution_rate", "0.9")),
        level1_weights={key: _number(value) for key, value in data.get("level1_weights", {}).items()},
        grades={key: _number(value) for key, value in data.get("grades", {}).items()},
        bands=PlainBands(**{key: _pair(value) for key, value in bands.items()}),
        lowest_grade=str(data.get("lowest_grade", "差")),
        bands_half_open=bool(data.get("bands_half_open", True)),
        deviation_ratio=_number(data.get("deviation_ratio", "1.3")),
        deviation_deduction=_number(data.get("deviation_deduction", 0)),
        deviation_needs_reason=bool(data.get("deviation_needs_reason", False)),
        execution_caps=[_pair(pair) for pair in data.get("execution_caps", [])],
    )

"""The conventions scoring needs, as plain values: no pydantic, so a what-if never loads the records.

``domain.scoring.profile`` validates profile files into its pydantic ``Profile``; the rules accept
anything shaped like ``ScoringProfile`` — that model, or the ``PlainProfile`` read here from a shipped
file (shipped files are checked against the validated reading by the tests).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from domain.record.kinds import Frozen, factory

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


if TYPE_CHECKING:  # for annotations only: a what-if does not pay for building protocols

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


class BudgetDenominator(StrEnum):
    """Which budget column the execution rate divides by."""

    ANNUAL = "annual"  # 全年预算数 (the method)
    INITIAL = "initial"  # 年初预算数 (some older local methods)


class PlainBands(Frozen):
    """The share of a row's 分值 each qualitative grade may earn, as (low, high)."""

    __slots__ = ("achieved", "partial", "not_achieved")
    _defaults: ClassVar[dict[str, Any]] = {
        "achieved": (Decimal("0.8"), Decimal("1.0")),
        "partial": (Decimal("0.6"), Decimal("0.8")),
        "not_achieved": (Decimal("0.0"), Decimal("0.6")),
    }

    achieved: tuple[Decimal, Decimal]
    partial: tuple[Decimal, Decimal]
    not_achieved: tuple[Decimal, Decimal]


class PlainProfile(Frozen):
    """A shipped profile read without validation (see the module docstring); defaults are the default profile's."""

    __slots__ = (
        "name", "title", "reverse_convention", "round_rate", "rate_decimals", "score_decimals", "rounding",
        "budget_weight", "budget_denominator", "overachievement_ratio", "low_execution_rate", "level1_weights",
        "grades", "bands", "lowest_grade", "bands_half_open", "deviation_ratio", "deviation_deduction",
        "deviation_needs_reason", "execution_caps",
    )
    _defaults: ClassVar[dict[str, Any]] = {
        "name": DEFAULT_PROFILE, "title": "", "reverse_convention": ReverseConvention.LINEAR, "round_rate": True,
        "rate_decimals": 2, "score_decimals": 2, "rounding": Rounding.HALF_UP, "budget_weight": Decimal(10),
        "budget_denominator": BudgetDenominator.ANNUAL, "overachievement_ratio": Decimal("1.2"),
        "low_execution_rate": Decimal("0.9"),
        "level1_weights": factory(lambda: {"产出指标": Decimal(50), "效益指标": Decimal(30), "满意度指标": Decimal(10)}),
        "grades": factory(lambda: {"优": Decimal(90), "良": Decimal(80), "中": Decimal(60)}),
        "bands": factory(PlainBands), "lowest_grade": "差", "bands_half_open": True,
        "deviation_ratio": Decimal("1.3"), "deviation_deduction": Decimal(0), "deviation_needs_reason": False,
        "execution_caps": factory(list),
    }

    name: str
    title: str
    reverse_convention: ReverseConvention
    round_rate: bool
    rate_decimals: int
    score_decimals: int
    rounding: Rounding
    budget_weight: Decimal
    budget_denominator: BudgetDenominator
    overachievement_ratio: Decimal
    low_execution_rate: Decimal
    level1_weights: dict[str, Decimal]
    grades: dict[str, Decimal]
    bands: PlainBands
    lowest_grade: str
    bands_half_open: bool
    deviation_ratio: Decimal
    deviation_deduction: Decimal
    deviation_needs_reason: bool
    execution_caps: list[tuple[Decimal, Decimal]]

    def grade_of(self, total: Decimal) -> str:
        """The grade word (优/良/中/差) a total earns."""
        return grade_of(self.grades, self.lowest_grade, total)

    def __hash__(self) -> int:
        return hash((self.name, self.title))



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
    import tomllib

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
    """A shipped profile by name, read without pydantic; KeyError when there is no such profile.

    The default profile is this module's defaults (the tests check them against default.toml)."""
    if name == DEFAULT_PROFILE:
        return PlainProfile(title="默认（财预〔2020〕10号，执行率先取两位小数）")
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

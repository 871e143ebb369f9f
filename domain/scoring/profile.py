"""Rule profiles: the named conventions a locality scores by, loadable from TOML without code.

A profile file names only what differs from the default profile; everything else is inherited.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from domain.errors import InputError
from domain.messages import t
from domain.record.problems import describe_validation_error
from domain.scoring.conventions import (
    DEFAULT_PROFILE,
    PROFILE_DIR,
    BudgetDenominator,
    ReverseConvention,
    Rounding,
    grade_of,
)

__all__ = [
    "DEFAULT_PROFILE", "PROFILE_DIR", "Bands", "BudgetDenominator", "Profile", "ReverseConvention", "Rounding",
    "builtin_profile", "builtin_profile_names", "load_profile", "profile_from_toml",
]

Fraction = Annotated[Decimal, Field(ge=0, le=1)]


class Bands(BaseModel):
    """The share of a row's 分值 each qualitative grade may earn, as [low, high]."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    achieved: tuple[Fraction, Fraction] = (Decimal("0.8"), Decimal("1.0"))
    partial: tuple[Fraction, Fraction] = (Decimal("0.6"), Decimal("0.8"))
    not_achieved: tuple[Fraction, Fraction] = (Decimal("0.0"), Decimal("0.6"))

    @field_validator("achieved", "partial", "not_achieved")
    @classmethod
    def _low_not_above_high(cls, band: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
        if band[0] > band[1]:
            raise ValueError(t("profile.band_reversed"))
        return band


class Profile(BaseModel):
    """Every convention the scoring engine needs, with the seed forms' arithmetic as default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = DEFAULT_PROFILE
    title: str = ""
    reverse_convention: ReverseConvention = ReverseConvention.LINEAR
    round_rate: bool = True
    rate_decimals: Annotated[int, Field(ge=0, le=6)] = 2
    score_decimals: Annotated[int, Field(ge=0, le=4)] = 2
    rounding: Rounding = Rounding.HALF_UP
    budget_weight: Annotated[Decimal, Field(ge=0, le=100)] = Decimal(10)
    budget_denominator: BudgetDenominator = BudgetDenominator.ANNUAL
    overachievement_ratio: Annotated[Decimal, Field(gt=1)] = Decimal("1.2")
    low_execution_rate: Fraction = Decimal("0.9")
    level1_weights: dict[str, Annotated[Decimal, Field(ge=0, le=100)]] = Field(
        default_factory=lambda: {"产出指标": Decimal(50), "效益指标": Decimal(30), "满意度指标": Decimal(10)}
    )
    grades: dict[str, Annotated[Decimal, Field(ge=0, le=100)]] = Field(
        default_factory=lambda: {"优": Decimal(90), "良": Decimal(80), "中": Decimal(60)}
    )
    bands: Bands = Field(default_factory=Bands)
    lowest_grade: str = "差"
    # Bands include their lower bound only (部分达成 [60%, 80%)); 达成 includes its top.
    bands_half_open: bool = True
    # Platform options, off by default: at ≥ deviation_ratio of the target a row loses deviation_deduction
    # points (指标偏离) and, with deviation_needs_reason, needs a 偏差原因; execution_caps cap the total by
    # the execution rate as [rate below which, highest total] pairs.
    deviation_ratio: Annotated[Decimal, Field(gt=1)] = Decimal("1.3")
    deviation_deduction: Annotated[Decimal, Field(ge=0, le=100)] = Decimal(0)
    deviation_needs_reason: bool = False
    execution_caps: list[tuple[Fraction, Annotated[Decimal, Field(ge=0, le=100)]]] = Field(default_factory=list)

    def grade_of(self, total: Decimal) -> str:
        """The grade word (优/良/中/差) a total earns."""
        return grade_of(self.grades, self.lowest_grade, total)


def _read_toml(path: Path) -> dict[str, Any]:
    from domain.record.files import MAX_SETTINGS_BYTES
    from domain.record.storage import parse_toml, read_text_file

    what = t("storage.what.profile")
    return parse_toml(read_text_file(path, what, MAX_SETTINGS_BYTES), f"{what} {path}", MAX_SETTINGS_BYTES)


def profile_from_toml(path: Path) -> Profile:
    """Load a profile file; keys it leaves out come from the default profile."""
    data = dict(_read_toml(PROFILE_DIR / f"{DEFAULT_PROFILE}.toml")) if path.stem != DEFAULT_PROFILE else {}
    own = _read_toml(path)
    if isinstance(data.get("bands"), dict) and isinstance(own.get("bands"), dict):
        own = {**own, "bands": {**data["bands"], **own["bands"]}}
    data.update(own)
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        raise InputError(describe_validation_error(error, str(path))) from None


def builtin_profile_names() -> list[str]:
    """Names of the profiles that ship with jixiao."""
    return sorted(path.stem for path in PROFILE_DIR.glob("*.toml"))


_PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


@cache
def builtin_profile(name: str = DEFAULT_PROFILE) -> Profile:
    """A shipped profile by name (a name only: never a path)."""
    if not isinstance(name, str) or not _PROFILE_NAME.match(name):

        shown = name if len(name) <= 40 else name[:40] + "…"
        raise InputError(t("profile.not_a_name", name=shown, known="、".join(builtin_profile_names())))
    path = PROFILE_DIR / f"{name}.toml"
    if not path.is_file():
        raise InputError(t("profile.unknown", name=name, known=t("ui.review.list_separator").join(builtin_profile_names())))
    return profile_from_toml(path)


def load_profile(name_or_path: str | None, allow_path: bool = False) -> Profile:
    """A shipped profile by name; None gives the default.

    A profile file by path only with ``allow_path`` (a path the user gave on the command line): the
    profile a form file names is a name, never a path, so a form cannot make jixiao read /dev/zero,
    the terminal or another user's files."""
    if not name_or_path:
        return builtin_profile(DEFAULT_PROFILE)
    if allow_path:
        candidate = Path(name_or_path)
        if candidate.suffix == ".toml" or os.path.lexists(candidate):
            return profile_from_toml(candidate)
    return builtin_profile(name_or_path)

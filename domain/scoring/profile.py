"""Rule profiles: the named conventions a locality scores by, declared once and loaded from TOML.

``Profile`` declares every option with its default (the default profile: the seed forms' arithmetic) and
what a file may set it to. A profile file names only what differs from the default; ``load_profile``
reads it, checking every key against the declaration, with one plain message per problem naming the
file and the key. No pydantic: the one-shot what-if reads profiles with this module too.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

from domain.errors import InputError
from domain.messages import t
from domain.record.kinds import Frozen, factory
from domain.scoring.conventions import (
    DEFAULT_PROFILE,
    DEFAULT_TITLE,
    PROFILE_DIR,
    BudgetDenominator,
    ReverseConvention,
    Rounding,
    grade_of,
)

__all__ = [
    "DEFAULT_PROFILE",
    "PROFILE_DIR",
    "Bands",
    "BudgetDenominator",
    "Profile",
    "ReverseConvention",
    "Rounding",
    "builtin_profile",
    "builtin_profile_names",
    "load_profile",
    "profile_from_data",
    "profile_from_toml",
]

_T = TypeVar("_T")
Bounds = tuple[Decimal | None, Decimal | None]
_ZERO, _ONE, _HUNDRED = Decimal(0), Decimal(1), Decimal(100)
FRACTION: Bounds = (_ZERO, _ONE)
POINTS: Bounds = (_ZERO, _HUNDRED)


class _Setting(factory):
    """An option's default and what a profile file may set it to (a fresh copy of the default each time)."""

    __slots__ = ("default", "bounds", "above", "pair", "ordered")

    def __init__(
        self, default: Any, bounds: Bounds, above: Decimal | None, pair: tuple[Bounds, Bounds] | None, ordered: bool
    ) -> None:
        made = (
            (lambda: dict(default))
            if isinstance(default, dict)
            else ((lambda: list(default)) if isinstance(default, list) else (lambda: default))
        )
        super().__init__(made)
        self.default, self.bounds, self.above, self.pair, self.ordered = default, bounds, above, pair, ordered


def setting(
    default: _T,
    *,
    low: Decimal | int | None = None,
    high: Decimal | int | None = None,
    above: Decimal | int | None = None,
    pair: tuple[Bounds, Bounds] | None = None,
    ordered: bool = False,
) -> _T:
    """Declares an option: its default; ``low``/``high`` (inclusive) or ``above`` for a number or each
    number of a table; ``pair`` the bounds of each half of a pair (or of each pair of a list);
    ``ordered`` when a pair's first half may not exceed its second."""
    bounds = (None if low is None else Decimal(low), None if high is None else Decimal(high))
    declared: Any = _Setting(default, bounds, None if above is None else Decimal(above), pair, ordered)
    return cast(_T, declared)


class Bands(Frozen):
    """The share of a row's 分值 each qualitative grade may earn, as (low, high)."""

    achieved: tuple[Decimal, Decimal] = setting(
        (Decimal("0.8"), Decimal("1.0")), pair=(FRACTION, FRACTION), ordered=True
    )
    partial: tuple[Decimal, Decimal] = setting(
        (Decimal("0.6"), Decimal("0.8")), pair=(FRACTION, FRACTION), ordered=True
    )
    not_achieved: tuple[Decimal, Decimal] = setting(
        (Decimal("0.0"), Decimal("0.6")), pair=(FRACTION, FRACTION), ordered=True
    )


class Profile(Frozen):
    """Every convention the scoring engine reads, with the seed forms' arithmetic as default.

    Adding an option is one line here (its default and bounds) and the code that reads it."""

    name: str = setting(DEFAULT_PROFILE)
    title: str = setting(DEFAULT_TITLE)
    reverse_convention: ReverseConvention = setting(ReverseConvention.LINEAR)
    round_rate: bool = setting(True)
    rate_decimals: int = setting(2, low=0, high=6)
    score_decimals: int = setting(2, low=0, high=4)
    rounding: Rounding = setting(Rounding.HALF_UP)
    budget_weight: Decimal = setting(Decimal(10), low=0, high=100)
    budget_denominator: BudgetDenominator = setting(BudgetDenominator.ANNUAL)
    overachievement_ratio: Decimal = setting(Decimal("1.2"), above=1)
    low_execution_rate: Decimal = setting(Decimal("0.9"), low=0, high=1)
    level1_weights: dict[str, Decimal] = setting(
        {"产出指标": Decimal(50), "效益指标": Decimal(30), "满意度指标": Decimal(10)}, low=0, high=100
    )
    grades: dict[str, Decimal] = setting({"优": Decimal(90), "良": Decimal(80), "中": Decimal(60)}, low=0, high=100)
    bands: Bands = setting(Bands())
    lowest_grade: str = setting("差")
    # Bands include their lower bound only (部分达成 [60%, 80%)); 达成 includes its top.
    bands_half_open: bool = setting(True)
    # Platform options, off by default: at ≥ deviation_ratio of the target a row loses deviation_deduction
    # points (指标偏离) and, with deviation_needs_reason, needs a 偏差原因; execution_caps cap the total by
    # the execution rate as [rate below which, highest total] pairs.
    deviation_ratio: Decimal = setting(Decimal("1.3"), above=1)
    deviation_deduction: Decimal = setting(Decimal(0), low=0, high=100)
    deviation_needs_reason: bool = setting(False)
    execution_caps: list[tuple[Decimal, Decimal]] = setting([], pair=(FRACTION, POINTS))

    def grade_of(self, total: Decimal) -> str:
        """The grade word (优/良/中/差) a total earns."""
        return grade_of(self.grades, self.lowest_grade, total)

    def __hash__(self) -> int:  # tables inside: hashed by name and title, equal by every value
        return hash((self.name, self.title))


# Reading a profile file against the declaration


class _Problems:
    def __init__(self, where: str) -> None:
        self.where = where
        self.lines: list[str] = []

    def add(self, key: str, problem: str) -> None:
        self.lines.append(t("problem.line", place=self.where, path=key, problem=problem))


def _number(value: Any, key: str, declared: _Setting, bounds: Bounds, problems: _Problems) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        problems.add(key, t("problem.number"))
        return None
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        problems.add(key, t("problem.finite"))
        return None
    low, high = bounds
    if low is not None and number < low:
        problems.add(key, t("problem.at_least", limit=low))
    elif high is not None and number > high:
        problems.add(key, t("problem.at_most", limit=high))
    elif declared.above is not None and number <= declared.above:
        problems.add(key, t("problem.above", limit=declared.above))
    else:
        return number
    return None


def _pair(value: Any, key: str, declared: _Setting, problems: _Problems) -> tuple[Decimal, Decimal] | None:
    assert declared.pair is not None
    if not isinstance(value, list | tuple) or len(value) != 2:
        problems.add(key, t("problem.pair"))
        return None
    first = _number(value[0], f"{key}[1]", declared, declared.pair[0], problems)
    second = _number(value[1], f"{key}[2]", declared, declared.pair[1], problems)
    if first is None or second is None:
        return None
    if declared.ordered and first > second:
        problems.add(key, t("profile.band_reversed"))
        return None
    return first, second


def _value(value: Any, key: str, declared: _Setting, problems: _Problems) -> Any:
    """A file's value for one option, checked against its declaration (None after saying what is wrong)."""
    default = declared.default
    if isinstance(default, Frozen):
        return (
            _record(type(default), value, key, problems)
            if isinstance(value, dict)
            else problems.add(key, t("problem.table"))
        )
    if isinstance(default, StrEnum):
        kind = type(default)
        if isinstance(value, str) and value in kind._value2member_map_:
            return kind(value)
        problems.add(key, t("problem.one_of", expected=t("ui.review.list_separator").join(kind)))
        return None
    if isinstance(default, bool):
        return value if isinstance(value, bool) else problems.add(key, t("problem.bool"))
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            return problems.add(key, t("problem.integer"))
        number = _number(value, key, declared, declared.bounds, problems)
        return None if number is None else value
    if isinstance(default, Decimal):
        return _number(value, key, declared, declared.bounds, problems)
    if isinstance(default, str):
        return value if isinstance(value, str) else problems.add(key, t("problem.text"))
    if isinstance(default, tuple):
        return _pair(value, key, declared, problems)
    if isinstance(default, dict):
        if not isinstance(value, dict):
            return problems.add(key, t("problem.table"))
        table = {
            name: _number(number, f"{key}.{name}", declared, declared.bounds, problems)
            for name, number in value.items()
        }
        return table if None not in table.values() else None
    if not isinstance(value, list):
        return problems.add(key, t("problem.list"))
    pairs = [_pair(item, f"{key}[{index}]", declared, problems) for index, item in enumerate(value, start=1)]
    return pairs if None not in pairs else None


def _record(kind: type[Frozen], data: dict[str, Any], prefix: str, problems: _Problems) -> Any:
    """A record of ``kind`` from a table: the declared defaults, with what the table names checked and set."""
    declared = kind._field_defaults
    values: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        spec = declared.get(key)
        if not isinstance(spec, _Setting):
            problems.add(path, t("problem.extra_forbidden"))
            continue
        checked = _value(value, path, spec, problems)
        if checked is not None:
            values[key] = checked
    return kind(**values)


def profile_from_data(data: dict[str, Any], where: str) -> Profile:
    """A profile from a file's parsed keys over the default profile; InputError naming every problem."""
    problems = _Problems(where)
    profile = cast(Profile, _record(Profile, data, "", problems))
    if problems.lines:
        raise InputError("\n".join(problems.lines))
    return profile


def _read_file(path: Path) -> dict[str, Any]:
    """A profile file given by the user, read within the bounds every settings file has."""
    from domain.record.files import MAX_SETTINGS_BYTES
    from domain.record.storage import parse_toml, read_text_file

    what = t("storage.what.profile")
    return parse_toml(read_text_file(path, what, MAX_SETTINGS_BYTES), f"{what} {path}", MAX_SETTINGS_BYTES)


def profile_from_toml(path: Path) -> Profile:
    """Load a profile file; keys it leaves out come from the default profile."""
    return profile_from_data(_read_file(path), str(path))


def builtin_profile_names() -> list[str]:
    """Names of the profiles that ship with jixiao."""
    return sorted(path.stem for path in PROFILE_DIR.glob("*.toml"))


_PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


@cache
def builtin_profile(name: str = DEFAULT_PROFILE) -> Profile:
    """A shipped profile by name (a name only: never a path). The default profile is the declaration's
    defaults, read without opening a file (the tests check them against default.toml)."""
    if not isinstance(name, str) or not _PROFILE_NAME.match(name):
        shown = name if len(name) <= 40 else name[:40] + "…"
        raise InputError(t("profile.not_a_name", name=shown, known="、".join(builtin_profile_names())))
    if name == DEFAULT_PROFILE:
        return Profile()
    path = PROFILE_DIR / f"{name}.toml"
    if not path.is_file():
        raise InputError(
            t("profile.unknown", name=name, known=t("ui.review.list_separator").join(builtin_profile_names()))
        )
    import tomli

    return profile_from_data(tomli.loads(path.read_text(encoding="utf-8"), parse_float=Decimal), str(path))


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

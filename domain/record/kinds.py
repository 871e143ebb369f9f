"""The plain kinds every layer shares: directions, comparators, value kinds, grades and a parsed value.

No pydantic here: the value parser and the scoring rules work on these alone, so a quick calculation
never loads the record models. ``domain.record.models`` uses them in the validated records.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

__all__ = ["Comparator", "Direction", "Frozen", "Grade", "ParsedValue", "ValueKind", "factory"]


class factory:  # noqa: N801 - reads as a marker in a defaults table
    """A default made fresh for each record (a dict or list)."""

    __slots__ = ("make",)

    def __init__(self, make: Any) -> None:
        self.make = make


class Frozen:
    """A small immutable record: fields named by ``__slots__``, defaults in ``_defaults``, equality by value.

    Used instead of dataclasses on the paths a one-shot calculation takes (the dataclasses module alone
    costs more to import than the whole calculation); ``replace`` gives a changed copy.
    """

    __slots__: tuple[str, ...] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = self.__slots__
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__} takes at most {len(names)} values")
        values: dict[str, Any] = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in names or name in values:
                raise TypeError(f"{type(self).__name__}: unexpected or repeated {name!r}")
            values[name] = value
        defaults = self._defaults
        for name in names:
            if name in values:
                value = values[name]
            elif name in defaults:
                value = defaults[name]
                if isinstance(value, factory):
                    value = value.make()
            else:
                raise TypeError(f"{type(self).__name__}: missing {name!r}")
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Frozen) and type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._values())

    def replace(self, **changes: Any) -> Any:
        """A copy with some fields changed."""
        return type(self)(**{**{name: getattr(self, name) for name in self.__slots__}, **changes})

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


class Direction(StrEnum):
    """How an indicator is scored: higher is better, lower is better, must equal, or graded."""

    POSITIVE = "positive"
    REVERSE = "reverse"
    EQUAL = "equal"
    QUALITATIVE = "qualitative"


class Comparator(StrEnum):
    """The comparison a 年度指标值 states, normalised from ≥ / 以上 / 不少于 / 以内 / …"""

    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    EQ = "="


class ValueKind(StrEnum):
    """What a written value turned out to be."""

    QUANTITY = "quantity"  # a number, maybe with comparator and unit: ≥99%, 72小时之内, 94.8万份
    DATE = "date"  # a deadline such as 2023年12月 (number = year*100 + month)
    GRADE = "grade"  # a qualitative word mapped to a band: 满意, 基本满意, 有效 …
    TEXT = "text"  # words that can only be compared by restating them: 不高于社会平均
    UNUSED = "unused"  # the placeholder of an unused 二级 row: *, 0 on a * row, blank
    UNREADABLE = "unreadable"  # could not be read; needs judgement (reason in ``note``)


class Grade(StrEnum):
    """The three qualitative bands of the method."""

    ACHIEVED = "achieved"  # 达成年度指标: 80%–100%
    PARTIAL = "partial"  # 部分达成年度指标并具有一定效果: 60%–80%
    NOT_ACHIEVED = "not_achieved"  # 未达成年度指标且效果较差: 0–60%


class ParsedValue(Frozen):
    """A 年度指标值 or 实际完成值 as read by ``domain.record.values.parse_value``."""

    __slots__ = ("raw", "kind", "comparator", "number", "unit", "grade", "direction_hint", "note")
    _defaults: ClassVar[dict[str, Any]] = {"comparator": None, "number": None, "unit": "", "grade": None,
                                           "direction_hint": None, "note": ""}

    raw: str
    kind: ValueKind
    comparator: Comparator | None
    number: Decimal | None  # multipliers applied: 94.8万 → 948000; 90% → 90 with unit "%"
    unit: str
    grade: Grade | None
    direction_hint: Direction | None  # what the wording alone implies (以内 → reverse)
    note: str  # why it needs judgement, or what was assumed

"""The plain kinds every layer shares: directions, comparators, value kinds, grades and a parsed value.

No pydantic here: the value parser and the scoring rules work on these alone, so a quick calculation
never loads the record models. ``domain.record.models`` uses them in the validated records.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = ["Comparator", "Direction", "Grade", "ParsedValue", "ValueKind"]


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


@dataclass(frozen=True)
class ParsedValue:
    """A 年度指标值 or 实际完成值 as read by ``domain.record.values.parse_value``."""

    raw: str
    kind: ValueKind
    comparator: Comparator | None = None
    number: Decimal | None = None  # multipliers applied: 94.8万 → 948000; 90% → 90 with unit "%"
    unit: str = ""
    grade: Grade | None = None
    direction_hint: Direction | None = None  # what the wording alone implies (以内 → reverse)
    note: str = ""  # why it needs judgement, or what was assumed

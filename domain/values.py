"""Parse what people write in 年度指标值 / 实际完成值 into a comparator, number and unit, or a grade."""

from __future__ import annotations

from domain.models import ParsedValue, ValueKind


def parse_value(text: str) -> ParsedValue:
    """Read one written value; never raises (unreadable text becomes ValueKind.UNREADABLE)."""
    raw = text if isinstance(text, str) else str(text)
    return ParsedValue(raw=raw, kind=ValueKind.UNREADABLE, note="parser not yet written")

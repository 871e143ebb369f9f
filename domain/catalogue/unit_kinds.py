"""What kind of quantity a unit measures, so that a catalogue match whose unit contradicts the written
target (a 万元 amount taken as a percentage entry) is not taken on trust."""

from __future__ import annotations

TIME_UNITS = frozenset({"秒", "分钟", "小时", "天", "日", "工作日", "周", "月", "个月", "季度", "年"})


def unit_kind(unit: str) -> str:
    """ "percent", "money", "time", "count" (any other unit) or "" (no unit)."""
    unit = unit.strip()
    if not unit:
        return ""
    if unit in ("%", "％", "‰"):
        return "percent"
    if unit.split("/")[0].endswith("元"):
        return "money"
    if unit in TIME_UNITS:
        return "time"
    return "count"


def contradicts(entry_unit: str, target_text: str) -> bool:
    """Whether a written target is in a unit of another kind than the entry's (both stated): ≤36万元
    against 项目招标资金节约率 (%). A bare number or a grade contradicts nothing."""
    from domain.record.values import parse_value

    if not entry_unit.strip() or not target_text.strip():
        return False
    written = unit_kind(parse_value(target_text).unit)
    expected = unit_kind(entry_unit)
    return bool(written) and bool(expected) and written != expected

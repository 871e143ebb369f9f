"""Read a date written as a value (2023年12月, 2021年12月底, 2020年12月31日前) as year × 100 + month."""

from __future__ import annotations

from decimal import Decimal

from domain.record.kinds import Comparator, Direction, ParsedValue, ValueKind
from domain.record.value_notes import Unreadable, join_notes, say
from domain.record.value_quantities import acceptable_tail
from domain.record.value_words import DATE, DATE_PART_MONTH, DATE_PREFIXES, MONTH_ONLY


def read_date(raw: str, text: str) -> ParsedValue | None:
    """2023年12月, 2021年12月底, 2020年12月31日前 → DATE with number = year × 100 + month."""
    lead = text
    comparator: Comparator | None = None
    for prefix in DATE_PREFIXES:
        if lead.startswith(prefix) and DATE.match(lead, len(prefix)):
            if prefix in ("不晚于", "不迟于", "≤", "<="):
                comparator = Comparator.LE
            elif prefix in ("早于", "<"):
                comparator = Comparator.LT
            lead = lead[len(prefix) :]
            break
    match = DATE.match(lead)
    if match is None:
        return _read_month_only(raw, text)
    year = int(match["year"])
    if not 1900 <= year <= 2100:
        return None
    tail_notes: list[str] = []
    if not acceptable_tail(lead[match.end() :], tail_notes):
        return None
    notes: list[str] = []
    part = match["part"]
    if match["month"] is not None:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise Unreadable(say("values.bad_month", month=month))
    elif part in DATE_PART_MONTH:
        month = DATE_PART_MONTH[part]
    else:
        month = 12
        notes.append(say("values.no_month"))
    if match["day"] is not None:
        import calendar

        day = int(match["day"])
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise Unreadable(say("values.bad_day", month=month, day=day))
        if day != last:
            notes.append(say("values.day_ignored"))
    if match["cmp"] in ("之前", "以前", "前", "以内", "之内", "内"):
        comparator = comparator or Comparator.LE
    return ParsedValue(
        raw=raw,
        kind=ValueKind.DATE,
        comparator=comparator,
        number=Decimal(year * 100 + month),
        direction_hint=Direction.REVERSE,
        note=join_notes(notes + tail_notes),
    )


def _read_month_only(raw: str, text: str) -> ParsedValue | None:
    match = MONTH_ONLY.fullmatch(text)
    if match is None or not 1 <= int(match["month"]) <= 12:
        return None
    return ParsedValue(
        raw=raw,
        kind=ValueKind.TEXT,
        comparator=Comparator.LE if match["cmp"] else None,
        direction_hint=Direction.REVERSE,
        note=say("values.no_year"),
    )

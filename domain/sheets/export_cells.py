"""The cells of an exported sheet: text widths and line counts, sheet names, amounts in other units, formats."""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from domain.record.models import FundsRow

UNITS: dict[str, Decimal] = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(10**8)}
FONT = "宋体"
LINE_POINTS = 14.0  # one line of 10-point text, with leading
SHEET_NAME_LIMIT = 31
DEFAULT_SHEET_NAME = "自评表"  # the form's own words, written in Chinese whatever the interface language
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")

CJK_WIDTH = 1.8  # a Chinese character of 10-point 宋体 in Excel's width units (the width of a "0")


def display_width(text: str) -> float:
    """Width units a text takes in a cell: about 1.8 for a Chinese character, one for a Latin one."""
    return sum(CJK_WIDTH if unicodedata.east_asian_width(char) in ("W", "F") else 1.0 for char in text)


@functools.lru_cache(maxsize=8192)  # the same labels, heads and row names come back on every form
def lines_needed(text: str, width: float) -> int:
    """How many lines a wrapped text takes in a cell ``width`` characters wide."""
    usable = max(1.0, width - 1.2)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in (text or "").split("\n"))


def sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("", name).strip("'").strip() or DEFAULT_SHEET_NAME
    base = base[:SHEET_NAME_LIMIT]
    candidate, number = base, 2
    while candidate.lower() in used:
        suffix = f"({number})"
        candidate = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        number += 1
    used.add(candidate.lower())
    return candidate


def convert(amount: Decimal | None, from_unit: str, to_unit: str) -> Decimal | None:
    if amount is None or from_unit == to_unit:
        return amount
    result = amount * UNITS[from_unit] / UNITS[to_unit]
    return result.normalize() if result == result.to_integral_value() else result


def even_spans(columns: int, count: int) -> list[tuple[int, int]]:
    size = columns / count
    spans = []
    for index in range(count):
        left = round(index * size)
        right = round((index + 1) * size) - 1
        spans.append((left, max(left, right)))
    return spans


def sum_rows(first: FundsRow, second: FundsRow) -> FundsRow:
    def add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
        return None if a is None and b is None else (a or Decimal(0)) + (b or Decimal(0))

    return FundsRow(
        initial_budget=add(first.initial_budget, second.initial_budget),
        annual_budget=add(first.annual_budget, second.annual_budget),
        executed=add(first.executed, second.executed),
    )


def funds_rate(row: FundsRow) -> Decimal | None:
    """A source row's 执行率 as computed, to the 0.01 % the percent format shows."""
    if row.annual_budget and row.executed is not None:
        return (row.executed / row.annual_budget).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    return None


def cell_formats(workbook: Any) -> dict[str, Any]:
    base = {"font_name": FONT, "font_size": 10, "border": 1, "valign": "vcenter", "text_wrap": True}

    def make(**extra: Any) -> Any:
        return workbook.add_format({**base, **extra})

    return {
        "title": workbook.add_format(
            {"font_name": FONT, "font_size": 16, "bold": True, "align": "center", "valign": "vcenter"}
        ),
        "subtitle": workbook.add_format({"font_name": FONT, "font_size": 11, "align": "center", "valign": "vcenter"}),
        "label": make(bold=True, align="center"),
        "head": make(bold=True, align="center", bg_color="#F2F2F2"),
        "text": make(align="center"),
        "center": make(align="center"),
        "left": make(align="left"),
        "general": make(align="center", num_format="General"),
        "amount": make(align="right", num_format="#,##0.00"),
        "score": make(align="center", num_format="0.00"),
        "percent0": make(align="center", num_format="0%"),
        "percent1": make(align="center", num_format="0.0%"),
        "percent2": make(align="center", num_format="0.00%"),
        "footer": workbook.add_format({"font_name": FONT, "font_size": 10, "align": "left", "valign": "vcenter"}),
    }

"""A sheet as a person sees it: rows of cell texts, merged ranges, and whether the sheet is hidden.

Every reader (workbook, CSV, tab-separated text) produces ``Grid`` values, so that one form reader can
work on all of them. A cell's text is what the cell shows: a number stored with a percent format reads
"90%", a whole number "20", a date "2023-01-05"; a cell covered by a merged range shows the text of the
range's top-left cell (see ``Grid.seen``).
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import cast

Range = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based, inclusive)
MAX_MERGE_CELLS = 20_000  # a merge larger than this (a whole column merged) is no part of a form: ignored

# The hidden sheet an export keeps the clerk's decisions on (``domain.sheets.decisions``): the one hidden
# sheet whose cells are read.
DECISIONS_SHEET = "jixiao-decisions"


@dataclass
class Grid:
    """One sheet: ``rows[r][c]`` is the text of a cell (rows may be ragged), ``merges`` its merged ranges."""

    name: str
    rows: list[list[str]]
    merges: list[Range] = field(default_factory=list)
    hidden: bool = False
    _covered: dict[tuple[int, int], tuple[int, int]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        last_row = len(self.rows) - 1
        kept: list[Range] = []
        for top, left, bottom, right in self.merges:
            bottom, right = min(bottom, last_row), min(right, left + 512)
            if top <= bottom and left <= right and (bottom - top + 1) * (right - left + 1) <= MAX_MERGE_CELLS:
                kept.append((top, left, bottom, right))
        self.merges = kept

    def at(self, row: int, column: int) -> str:
        """The text stored in a cell ("" outside the sheet or under a merge)."""
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= column < len(cells):
                return cells[column]
        return ""

    def covered(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Each cell covered by a merge (not its top-left) → the top-left cell."""
        if self._covered is None:
            covered: dict[tuple[int, int], tuple[int, int]] = {}
            for top, left, bottom, right in self.merges:
                for row in range(top, bottom + 1):
                    for column in range(left, right + 1):
                        if (row, column) != (top, left):
                            covered[(row, column)] = (top, left)
            self._covered = covered
        return self._covered

    def origin(self, row: int, column: int) -> tuple[int, int]:
        """The top-left cell of the merge covering a cell (the cell itself when not merged)."""
        return self.covered().get((row, column), (row, column))

    def seen(self, row: int, column: int) -> str:
        """What a person sees in a cell: under a merge, the text of the merged range."""
        covered = self._covered if self._covered is not None else self.covered()
        if covered:
            row, column = covered.get((row, column), (row, column))
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= column < len(cells):
                return cells[column]
        return ""

    def width(self, row: int) -> int:
        return len(self.rows[row]) if 0 <= row < len(self.rows) else 0


def plain_decimal(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros after the point: 20 for 20.0, 0.955 as written."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def number_text(value: float | int, percent: bool = False) -> str:
    """The text of a stored number: shortest exact reading of the float, times 100 with "%" when percent."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    try:
        number = Decimal(_shown(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    if percent:
        return plain_decimal(number.scaleb(2)) + "%"
    return plain_decimal(number)


def _shown(number: float) -> str:
    """A stored double as a spreadsheet shows it: at most 15 significant digits (0.6659999999999999 is
    0.666, 0.1 + 0.2 is 0.3); a formula's quotient keeps its 15 (0.973469387755102)."""
    return format(number, ".15g")


def value_text(value: object, percent: bool = False) -> str:
    """The text a cell shows for any value a reader returns."""
    kind = type(value)
    if kind is str:
        return cast(str, value).strip()
    if kind is float and not percent:
        number = cast(float, value)  # the common case, kept fast: a sheet may hold millions of numbers
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        text = repr(number)
        if len(text) > 16:
            text = _shown(number)
        if "e" not in text and "n" not in text:
            return text
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return number_text(value, percent)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    return str(value).strip()

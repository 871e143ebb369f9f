"""Worksheets written row by row for the reviewer's workbook, within Excel's limits and made to print.

A ``Sheet`` is a table (a header row, then data) that continues on a new worksheet — ``问题 (2)``,
``问题 (3)`` … with the header repeated — when it reaches the row limit (Excel's 1,048,576 rows; smaller in
tests), so that nothing is ever dropped. XlsxWriter in constant-memory mode writes each row out as the next
one starts: only the column widths are remembered.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from domain.errors import InputError
from domain.messages import t

EXCEL_ROWS = 1_048_576
MAX_WIDTH = 60
_MEASURED_ROWS = 2000  # column widths are fitted to the first rows; later ones rarely widen them
LINE_HEIGHT = 13.5  # points per line of 10-point text


def width(text: object) -> int:
    """Display columns of a value: CJK characters count two."""
    shown = str(text)
    if shown.isascii():
        return len(shown)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in shown)


def rough_width(text: str) -> int:
    """``width`` for sizing cells, many times faster: a character of three or four UTF-8 bytes (CJK, full-width
    punctuation) counts two, others one; it differs only on rare narrow three-byte characters."""
    size = len(text)
    return size + (len(text.encode("utf-8", "surrogatepass")) - size) // 2


def lines_needed(text: object, columns: float) -> int:
    """How many lines a wrapped cell of ``columns`` character widths takes (long texts without spaces too)."""
    if text is None:
        return 1
    usable = max(1, int(columns) - 3)  # wrapping breaks between words and after / or -: a margin
    return sum(max(1, -(-rough_width(part) // usable)) for part in str(text).split("\n"))


@dataclass(frozen=True, slots=True)
class Column:
    """A column's heading, cell style and width (None: fitted to the values, up to MAX_WIDTH); wrapped columns
    keep their width and grow the row instead."""

    heading: str
    style: str
    width: float | None = None
    wrap: bool = False
    printed: bool = True


class Sheet:
    """A table over one or more worksheets: the header frozen, filterable and repeated on every printed page."""

    def __init__(
        self, book: Workbook, name: str, formats: dict[str, Any], columns: Sequence[Column], max_rows: int = EXCEL_ROWS
    ) -> None:
        self.book, self.name, self.formats, self.columns = book, name, formats, list(columns)
        self.max_rows = max(2, max_rows)
        self.parts: list[tuple[Worksheet, int]] = []  # each worksheet with the rows written on it
        self.widths = [width(column.heading) for column in self.columns]
        self.sheet = self._start(name)
        self.row = 1

    def _start(self, name: str) -> Worksheet:
        sheet = self.book.add_worksheet(name)
        sheet.set_row(
            0, LINE_HEIGHT * max(lines_needed(column.heading, column.width or MAX_WIDTH) for column in self.columns)
        )
        for index, column in enumerate(self.columns):
            sheet.write_string(0, index, column.heading, self.formats["header"])
        return sheet

    def write(self, values: Sequence[object]) -> None:
        """One data row (continuing on a new worksheet at the row limit); wrapped cells set the row's height."""
        if self.row >= self.max_rows:
            self.parts.append((self.sheet, self.row))
            self.sheet = self._start(t("report.sheet.continued", name=self.name, part=len(self.parts) + 1))
            self.row = 1
        lines = 1
        for index, (column, value) in enumerate(zip(self.columns, values, strict=True)):
            style = self.formats[column.style]
            if value is None:
                code = self.sheet.write_blank(self.row, index, None, style)
            elif isinstance(value, str):
                code = self.sheet.write_string(self.row, index, value, style)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                code = self.sheet.write_number(self.row, index, value, style)
            else:
                code = self.sheet.write(self.row, index, value, style)
            if value is None:
                pass
            elif column.wrap and column.width:
                lines = max(lines, lines_needed(value, column.width))
            elif self.row < _MEASURED_ROWS:
                shown = f"{value:.2f}" if isinstance(value, float) else str(value)
                self.widths[index] = max(self.widths[index], rough_width(shown))
            if code is not None and code < 0:  # never drop a value silently
                raise InputError(t("report.cell_refused", sheet=self.name, row=self.row + 1))
        if lines > 1:  # no program fits a wrapped row's height when the file is opened
            self.sheet.set_row(self.row, LINE_HEIGHT * min(lines, 30))
        _forget_written_row(self.sheet, self.row - 1)
        self.row += 1

    def finish(self) -> list[Worksheet]:
        """Widths, filters, frozen header and page set-up on every part; returns the worksheets."""
        self.parts.append((self.sheet, self.row))
        last = len(self.columns) - 1
        printed = max((index for index, column in enumerate(self.columns) if column.printed), default=last)
        for sheet, rows in self.parts:
            for index, column in enumerate(self.columns):
                fitted = column.width if column.width is not None else min(self.widths[index] + 2, MAX_WIDTH)
                sheet.set_column(index, index, fitted)
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, max(rows - 1, 1), last)
            page_setup(sheet)
            sheet.repeat_rows(0)
            sheet.print_area(0, 0, max(rows - 1, 0), printed)
        return [sheet for sheet, _ in self.parts]


def _forget_written_row(sheet: Worksheet, row: int) -> None:
    """Drop what XlsxWriter keeps of a row's height once the row is written out: in constant-memory mode it
    writes the cells as the next row starts but keeps every ``set_row`` for ever (about 300 bytes a row)."""
    for kept in (getattr(sheet, "row_info", None), getattr(sheet, "row_sizes", None)):
        if isinstance(kept, dict):
            kept.pop(row, None)


def page_setup(sheet: Worksheet) -> None:
    """A4 landscape, one page wide, narrow margins, page numbers in the footer."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.set_footer("&C&P / &N")


def formats(book: Workbook) -> dict[str, Any]:
    base = {"font_name": "等线", "font_size": 10, "valign": "top"}
    cell = {**base, "border": 1, "border_color": "#BFBFBF"}
    return {
        "title": book.add_format({**base, "bold": True, "font_size": 14}),
        "note": book.add_format({**base, "font_color": "#555555"}),
        "header": book.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
        "text": book.add_format(cell),
        "wrap": book.add_format({**cell, "text_wrap": True}),
        "int": book.add_format({**cell, "num_format": "0"}),
        "score": book.add_format({**cell, "num_format": "0.00"}),
        "rate": book.add_format({**cell, "num_format": "0.0%"}),
        "bad": book.add_format({"bg_color": "#FCE4E4", "font_color": "#9C0006"}),
    }

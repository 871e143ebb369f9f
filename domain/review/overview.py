"""The report's first sheet: the headline counts, the grade distribution and the largest gaps with their
charts, then the forms read twice (counted once) and the files that could not be read, each named."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from domain.messages import t
from domain.review.report import Review
from domain.review.sheets import EXCEL_ROWS, width


class _Page:
    """Rows written top to bottom (constant-memory mode writes each row out as the next starts)."""

    def __init__(self, sheet: Worksheet, styles: dict[str, Any]) -> None:
        self.sheet, self.styles, self.row, self.first_width = sheet, styles, 0, 10

    def title(self, text: str) -> None:
        self.sheet.set_row(self.row, 22)
        self.sheet.write_string(self.row, 0, text, self.styles["title"])
        self.row += 1

    def note(self, text: str) -> None:  # notes run on over the empty cells: left out of the widths
        self.sheet.write_string(self.row, 0, text, self.styles["note"])
        self.row += 1

    def pair(self, label: str, value: object, style: str, label_style: str = "text") -> None:
        self.sheet.write(self.row, 0, label, self.styles[label_style])
        if value is None:
            self.sheet.write_blank(self.row, 1, None, self.styles[style])
        else:
            self.sheet.write(self.row, 1, value, self.styles[style])
        if label_style == "text":
            self.first_width = max(self.first_width, width(label))
        self.row += 1

    def lines(self, texts: Iterable[str]) -> None:
        """Every line, up to the sheet's last row, where a last line says how many more there are."""
        pending = iter(texts)
        for text in pending:
            if self.row >= EXCEL_ROWS - 1:
                self.note(t("report.more_lines", count=1 + sum(1 for _ in pending)))
                return
            self.note(text)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def write_overview(book: Workbook, sheet: Worksheet, styles: dict[str, Any], review: Review) -> None:
    page = _Page(sheet, styles)
    headline = review.headline()
    name = t("report.sheet.overview")
    page.title(t("report.title"))
    page.note(t("report.generated", profile=review.profile.name, forms=headline.forms))
    page.note(t("report.order"))
    if headline.read_twice:
        page.note(t("report.read_twice", count=headline.read_twice))
    if headline.unusable:
        page.note(t("report.unusable", count=headline.unusable))
    page.row += 1
    for key, value, style in (
        ("forms", headline.forms, "int"),
        ("with_errors", headline.with_errors, "int"),
        ("errors", headline.errors, "int"),
        ("warnings", headline.warnings, "int"),
        ("infos", headline.infos, "int"),
        ("mean", _number(headline.mean_total), "score"),
        ("gap", _number(headline.overstated), "score"),
        ("read_twice", headline.read_twice, "int"),
        ("unusable", headline.unusable, "int"),
    ):
        page.pair(t(f"report.headline.{key}"), value, style)
    page.row += 1
    grades_at = page.row
    page.title(t("report.grades.title"))
    page.pair(t("report.grades.grade"), t("report.grades.count"), "header", "header")
    grades = review.grade_counts()
    for word, count in grades:
        page.pair(word, count, "int")
    chart = book.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": t("report.grades.count"),
            "categories": [name, grades_at + 2, 0, grades_at + 1 + len(grades), 0],
            "values": [name, grades_at + 2, 1, grades_at + 1 + len(grades), 1],
            "fill": {"color": "#4472C4"},
            "data_labels": {"value": True},
        }
    )
    chart.set_title({"name": t("report.grades.title"), "name_font": {"size": 12}})
    chart.set_legend({"none": True})
    most = max((count for _, count in grades), default=0)
    chart.set_y_axis(
        {
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
            "min": 0,
            "major_unit": max(1, -(-most // 8)),
            "num_format": "0",
        }
    )  # whole forms only
    sheet.insert_chart(grades_at, 3, chart, {"x_scale": 1.1, "y_scale": 1.0})
    page.row = max(page.row, grades_at + 15) + 1
    gaps_at = page.row
    page.title(t("report.gaps.title"))
    gaps = review.largest_gaps()
    if not gaps:
        page.note(t("report.gaps.none"))
    else:
        page.pair(t("report.column.project"), t("report.gaps.gap"), "header", "header")
        for form in gaps:
            page.pair(form.project or form.file, _number(form.gap), "score")
        bars = book.add_chart({"type": "bar"})
        bars.add_series(
            {
                "name": t("report.gaps.gap"),
                "categories": [name, gaps_at + 2, 0, gaps_at + 1 + len(gaps), 0],
                "values": [name, gaps_at + 2, 1, gaps_at + 1 + len(gaps), 1],
                "fill": {"color": "#C00000"},
                "invert_if_negative": False,
                "data_labels": {"value": True, "num_format": "0.00"},
            }
        )
        bars.set_title({"name": t("report.gaps.title"), "name_font": {"size": 12}})
        bars.set_legend({"none": True})
        bars.set_y_axis({"reverse": True, "label_position": "low"})
        bars.set_x_axis({"label_position": "low"})
        bars.set_size({"width": 620, "height": 60 + 28 * len(gaps)})
        sheet.insert_chart(gaps_at, 3, bars)
        page.row = max(page.row, gaps_at + 2 + (60 + 28 * len(gaps)) // 20)
    if headline.read_twice:  # named in full: the reviewer may want to remove the copies
        page.row += 1
        page.title(t("report.read_twice.title"))
        page.lines(t("report.read_twice.line", file=file, first=first) for file, first in review.read_twice())
    if headline.unusable:  # named in full below the tables: the reviewer must chase them
        page.row += 1
        page.title(t("report.unusable.title"))
        page.lines(line for problem in review.unusable() for line in problem.splitlines())
    sheet.set_column(0, 0, min(page.first_width + 2, 44))
    sheet.set_column(1, 1, 14)

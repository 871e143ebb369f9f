"""The reviewer's workbook (.xlsx, with XlsxWriter): an overview with the charts, one row per form, every
finding, and every indicator across the forms. Laid out to be handed on as it is: headers frozen and
filterable, widths fitted to Chinese text, numbers as numbers, printing one page wide."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from domain.errors import InputError
from domain.messages import t
from domain.review.report import Review
from domain.review.summary import FormSummary
from domain.scoring.findings import Finding, Severity

_MAX_WIDTH = 60
_MEASURED_ROWS = 2000  # column widths are fitted to the first rows; later ones rarely widen them
_FILE_WIDTH = 40


def _width(text: object) -> int:
    """Display columns of a value: CJK characters count two."""
    shown = str(text)
    if shown.isascii():
        return len(shown)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in shown)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


class _Sheet:
    """A worksheet written row by row, remembering each column's widest value."""

    def __init__(self, book: Workbook, name: str, formats: dict[str, Any]) -> None:
        self.sheet: Worksheet = book.add_worksheet(name)
        self.formats = formats
        self.row = 0
        self.widths: dict[int, int] = {}

    def write(self, values: Sequence[object], styles: Sequence[str | None] | None = None, row: int | None = None,
              column: int = 0) -> None:
        at = self.row if row is None else row
        for offset, value in enumerate(values):
            style = self.formats.get(styles[offset] or "") if styles else None
            if value is None:
                self.sheet.write_blank(at, column + offset, None, style)
            else:
                self.sheet.write(at, column + offset, value, style)
                if at < _MEASURED_ROWS:
                    shown = f"{value:.2f}" if isinstance(value, float) else value
                    self.widths[column + offset] = max(self.widths.get(column + offset, 0), _width(shown))
        if row is None:
            self.row += 1

    def header(self, headers: Sequence[str]) -> None:
        self.write(headers, ["header"] * len(headers))

    def finish(self, columns: int) -> None:
        """Freeze the header row, give it filters, repeat it on every printed page, fit the widths."""
        self.sheet.freeze_panes(1, 0)
        self.sheet.autofilter(0, 0, max(self.row - 1, 1), columns - 1)
        self.sheet.repeat_rows(0)
        self.fit()

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[object]], styles: Sequence[str | None]) -> None:
        """A header row (frozen, with filters) and the data below it."""
        self.header(headers)
        for values in rows:
            self.write(values, styles)
        self.finish(len(headers))

    def fit(self, wrap: Sequence[int] = ()) -> None:
        for column, width in self.widths.items():
            self.sheet.set_column(column, column, min(width + 2, _MAX_WIDTH))
        self.sheet.set_landscape()
        self.sheet.set_paper(9)  # A4
        self.sheet.fit_to_pages(1, 0)


def _formats(book: Workbook) -> dict[str, Any]:
    base = {"font_name": "等线", "font_size": 10, "valign": "top"}
    return {
        "title": book.add_format({**base, "bold": True, "font_size": 14}),
        "note": book.add_format({**base, "font_color": "#555555"}),
        "header": book.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
        "text": book.add_format(base),
        "wrap": book.add_format({**base, "text_wrap": True}),
        "int": book.add_format({**base, "num_format": "0"}),
        "score": book.add_format({**base, "num_format": "0.00"}),
        "rate": book.add_format({**base, "num_format": "0.0%"}),
        "bad": book.add_format({"bg_color": "#FCE4E4", "font_color": "#9C0006"}),
    }


def _message(finding: Finding) -> str:
    return finding.shown


def _overview(book: Workbook, formats: dict[str, Any], review: Review) -> None:
    sheet = _Sheet(book, t("report.sheet.overview"), formats)
    headline = review.headline()
    sheet.sheet.set_row(0, 22)
    sheet.sheet.write(0, 0, t("report.title"), formats["title"])
    sheet.row = 1
    notes = [t("report.generated", profile=review.profile.name, forms=headline.forms)]
    if review.unusable:
        notes.append(t("report.unusable", count=len(review.unusable)))
    for note in notes:  # left out of the column widths: they run on over the empty cells
        sheet.sheet.write(sheet.row, 0, note, formats["note"])
        sheet.row += 1
    sheet.row += 1
    for key, value, style in (
        ("forms", headline.forms, "int"), ("with_errors", headline.with_errors, "int"), ("errors", headline.errors, "int"),
        ("warnings", headline.warnings, "int"), ("infos", headline.infos, "int"),
        ("mean", _number(headline.mean_total), "score"), ("gap", _number(headline.overstated), "score"),
    ):
        sheet.write([t(f"report.headline.{key}"), value], ["text", style])
    sheet.row += 1
    grades_at = sheet.row
    sheet.sheet.set_row(sheet.row, 22)
    sheet.sheet.write(sheet.row, 0, t("report.grades.title"), formats["title"])
    sheet.row += 1
    sheet.write([t("report.grades.grade"), t("report.grades.count")], ["header", "header"])
    grades = review.grade_counts()
    for word, count in grades:
        sheet.write([word, count], ["text", "int"])
    name = t("report.sheet.overview")
    chart = book.add_chart({"type": "column"})
    chart.add_series({"name": t("report.grades.count"), "categories": [name, grades_at + 2, 0, grades_at + 1 + len(grades), 0],
                      "values": [name, grades_at + 2, 1, grades_at + 1 + len(grades), 1], "fill": {"color": "#4472C4"},
                      "data_labels": {"value": True}})
    chart.set_title({"name": t("report.grades.title"), "name_font": {"size": 12}})
    chart.set_legend({"none": True})
    most = max((count for _, count in grades), default=0)
    chart.set_y_axis({"major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}, "min": 0,
                      "major_unit": max(1, -(-most // 8)), "num_format": "0"})  # whole forms only
    sheet.sheet.insert_chart(1, 3, chart, {"x_scale": 1.1, "y_scale": 1.0})
    sheet.row = max(sheet.row, 17) + 1
    gaps_at = sheet.row
    sheet.sheet.set_row(sheet.row, 22)
    sheet.sheet.write(sheet.row, 0, t("report.gaps.title"), formats["title"])
    sheet.row += 1
    sheet.write([t("report.column.project"), t("report.gaps.gap")], ["header", "header"])
    gaps = review.largest_gaps()
    for form in gaps:
        sheet.write([form.project or form.file, _number(form.gap)], ["text", "score"])
    if gaps:
        bars = book.add_chart({"type": "bar"})
        bars.add_series({"name": t("report.gaps.gap"), "categories": [name, gaps_at + 2, 0, gaps_at + 1 + len(gaps), 0],
                         "values": [name, gaps_at + 2, 1, gaps_at + 1 + len(gaps), 1], "fill": {"color": "#C00000"},
                         "invert_if_negative": False, "data_labels": {"value": True, "num_format": "0.00"}})
        bars.set_title({"name": t("report.gaps.title"), "name_font": {"size": 12}})
        bars.set_legend({"none": True})
        bars.set_y_axis({"reverse": True, "label_position": "low"})
        bars.set_x_axis({"label_position": "low"})
        bars.set_size({"width": 620, "height": 60 + 28 * len(gaps)})
        sheet.sheet.insert_chart(gaps_at, 3, bars)
    if review.unusable:  # named in full below the tables: the reviewer must chase them
        sheet.row = max(sheet.row, gaps_at + 2 + len(gaps)) + 1
        sheet.sheet.set_row(sheet.row, 22)
        sheet.sheet.write(sheet.row, 0, t("report.unusable.title"), formats["title"])
        sheet.row += 1
        for problem in review.unusable:
            for line in problem.splitlines():
                sheet.sheet.write(sheet.row, 0, line, formats["note"])
                sheet.row += 1
    sheet.fit()
    sheet.sheet.set_column(0, 0, min(sheet.widths.get(0, 10) + 2, 44))
    sheet.sheet.activate()


def changed_targets(form: FormSummary) -> int:
    """How many differences from the approved targets a form has (``--targets``)."""
    return sum(1 for finding in form.findings if finding.code.startswith("targets.") and finding.code != "targets.no_match")


def _forms(book: Workbook, formats: dict[str, Any], review: Review) -> None:
    sheet = _Sheet(book, t("report.sheet.forms"), formats)
    levels = review.levels()
    headers = [t(f"report.column.{key}") for key in ("project", "unit", "declared", "computed", "gap", "grade", "errors",
                                                       "warnings", "infos")]
    compared = any(finding.code.startswith("targets.") for form in review.forms for finding in form.findings)
    headers += [t("report.column.lost", level=level) for level in levels]
    headers += [t("targets.report.column")] * compared + [t("report.column.file")]
    styles = ["text", "text", "score", "score", "score", "text", "int", "int", "int", *(["score"] * len(levels)),
              *(["int"] * compared), "text"]

    def row(form: FormSummary) -> list[object]:
        lost = form.lost()
        changed = [changed_targets(form)] if compared else []
        return [form.project, form.unit, _number(form.declared_total), _number(form.computed_total), _number(form.gap),
                form.grade, *(form.count(severity) for severity in Severity),
                *(_number(lost.get(level, Decimal(0))) for level in levels), *changed, form.file]

    sheet.table(headers, (row(form) for form in review.forms), styles)
    if review.forms:
        sheet.sheet.conditional_format(1, 6, len(review.forms), 6,
                                       {"type": "cell", "criteria": ">", "value": 0, "format": formats["bad"]})
    sheet.sheet.set_column(0, 0, min(sheet.widths.get(0, 10) + 2, 44))
    sheet.sheet.set_column(len(headers) - 1, len(headers) - 1, min(sheet.widths.get(len(headers) - 1, 10) + 2, _FILE_WIDTH))


def _findings(book: Workbook, formats: dict[str, Any], review: Review) -> None:
    sheet = _Sheet(book, t("report.sheet.findings"), formats)
    headers = [t(f"report.column.{key}") for key in ("project", "row", "indicator", "severity", "code", "declared_score",
                                                       "computed_score", "message", "file")]
    sheet.header(headers)
    styles = ["wrap", "int", "text", "text", "text", "score", "score", "wrap", "text"]
    for form in review.forms:
        for finding in form.findings:
            message = _message(finding)
            lines = max(-(-_width(message) // (_MAX_WIDTH - 2)), -(-_width(form.project) // 28), 1)
            if lines > 1:  # wrapped cells get their height here: no program fits it on opening
                sheet.sheet.set_row(sheet.row, 13.5 * lines)
            sheet.write([form.project, finding.row, finding.indicator or t("report.form_level"),
                         t(f"review.severity.{finding.severity.value}"), finding.code, _number(finding.declared),
                         _number(finding.computed), message, form.file], styles)
    sheet.finish(len(headers))
    sheet.sheet.set_column(0, 0, 30)
    sheet.sheet.set_column(7, 7, _MAX_WIDTH)
    sheet.sheet.set_column(8, 8, min(sheet.widths.get(8, 10) + 2, _FILE_WIDTH))


def _indicators(book: Workbook, formats: dict[str, Any], review: Review) -> None:
    sheet = _Sheet(book, t("report.sheet.indicators"), formats)
    headers = [t(f"report.column.{key}") for key in ("level1", "level2", "catalogue", "rows", "weight", "score", "rate",
                                                       "losing", "lost_total", "worst")]
    rows = ([tally.level1, tally.level2, tally.name if tally.in_catalogue else t("report.not_in_catalogue", name=tally.name),
             tally.rows, _number(tally.weight), _number(tally.score), _number(tally.rate), tally.losing, _number(tally.lost),
             _number(tally.worst_rate)] for tally in review.indicators())
    sheet.table(headers, rows, ["text", "text", "text", "int", "score", "score", "rate", "int", "score", "rate"])


def write_workbook(review: Review, path: Path) -> None:
    """Write the report; an unwritable path is a plain InputError."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                            "strings_to_formulas": False, "strings_to_urls": False})
    formats = _formats(book)
    _overview(book, formats, review)
    _forms(book, formats, review)
    _findings(book, formats, review)
    _indicators(book, formats, review)
    try:
        book.close()
    except (OSError, xlsxwriter.exceptions.FileCreateError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise InputError(t("report.cannot_write", path=path, reason=reason)) from None

"""The reviewer's workbook (.xlsx, with XlsxWriter in constant-memory mode): an overview with the charts, one
row per form, every finding, and every indicator across the forms. Forms and findings are read back from the
review's spool in the order to send forms back (errors first, then the largest gaps), so memory stays flat.
Laid out to be handed on as it is: headers frozen and filterable, numbers as numbers, long texts wrapped,
each sheet printing on A4 landscape one page wide with its header repeated."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook

from domain.messages import grade_name, t
from domain.review.forms import ReportFinding, ReportForm
from domain.review.output import write_atomically
from domain.review.report import Review
from domain.review.sheets import EXCEL_ROWS, Column, Sheet, formats, page_setup, width
from domain.scoring.findings import Severity


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _message(finding: ReportFinding) -> str:
    return finding.message


def _category(finding: ReportFinding) -> str:
    category = finding.category
    return t(f"report.category.{category}") if category in _CATEGORIES else category


_CATEGORIES = ("arithmetic", "method", "judgement", "structure", "completeness", "rounding", "advice")


def changed_targets(form: ReportForm) -> int:
    """How many differences from the approved targets a form has (``--targets``)."""
    return sum(
        1 for finding in form.findings if finding.code.startswith("targets.") and finding.code != "targets.no_match"
    )


def _forms(book: Workbook, styles: dict[str, Any], review: Review, max_rows: int) -> None:
    levels = review.levels()
    columns = [
        Column(t("report.column.project"), "wrap", 26, wrap=True),
        Column(t("report.column.unit"), "wrap", 16, wrap=True),
        *(Column(t(f"report.column.{key}"), "score", 8) for key in ("declared", "computed", "gap")),
        Column(t("report.column.grade"), "text", 6),
        *(Column(t(f"report.column.{key}"), "int", 6) for key in ("errors", "warnings", "infos")),
        *(Column(t("report.column.lost", level=level), "score", 9) for level in levels),
        *[Column(t("targets.report.column"), "int", 8)] * review.compared_targets,
        Column(t("report.column.file"), "wrap", 30, wrap=True),
    ]
    sheet = Sheet(book, t("report.sheet.forms"), styles, columns, max_rows)
    for form in review.forms():
        lost = dict(form.lost)
        changed = [changed_targets(form)] if review.compared_targets else []
        sheet.write(
            [
                form.project,
                form.unit,
                _number(form.declared_total),
                _number(form.computed_total),
                _number(form.gap),
                grade_name(form.grade),
                *(form.count(severity) for severity in Severity),
                *(_number(lost.get(level, Decimal(0))) for level in levels),
                *changed,
                form.file,
            ]
        )
    for part in sheet.finish():
        part.conditional_format(
            1, 6, max_rows, 6, {"type": "cell", "criteria": ">", "value": 0, "format": styles["bad"]}
        )


def _findings(book: Workbook, styles: dict[str, Any], review: Review, max_rows: int) -> int:
    severity = 2 + max(width(t(f"review.severity.{level.value}")) for level in Severity)
    columns = [
        Column(t("report.column.project"), "wrap", 24, wrap=True),
        Column(t("report.column.row"), "int", 5),
        Column(t("report.column.indicator"), "wrap", 16, wrap=True),
        Column(t("report.column.severity"), "text", severity),
        Column(
            t("report.column.category"), "text", 2 + max(width(t(f"report.category.{name}")) for name in _CATEGORIES)
        ),
        Column(t("report.column.declared_score"), "score", 8),
        Column(t("report.column.computed_score"), "score", 8),
        Column(t("report.column.message"), "wrap", 52, wrap=True),
        Column(t("report.column.file"), "wrap", 28, wrap=True),
        Column(t("report.column.code"), "text", 26, printed=False),
    ]
    sheet = Sheet(book, t("report.sheet.findings"), styles, columns, max_rows)
    order = {severity: index for index, severity in enumerate(Severity)}
    written = 0
    for form in review.forms():
        for finding in sorted(
            form.findings, key=lambda item: (order[item.severity], -1 if item.row is None else item.row)
        ):
            sheet.write(
                [
                    form.project or form.file,
                    finding.row,
                    finding.indicator or t("report.form_level"),
                    t(f"review.severity.{finding.severity.value}"),
                    _category(finding),
                    _number(finding.declared),
                    _number(finding.computed),
                    _message(finding),
                    form.file,
                    finding.code,
                ]
            )
            written += 1
    sheet.finish()
    return written


def _indicators(book: Workbook, styles: dict[str, Any], review: Review, max_rows: int) -> None:
    columns = [
        Column(t("report.column.level1"), "text"),
        Column(t("report.column.level2"), "text"),
        Column(t("report.column.catalogue"), "wrap", 30, wrap=True),
        Column(t("report.column.rows"), "int"),
        *(Column(t(f"report.column.{key}"), "score") for key in ("weight", "score")),
        Column(t("report.column.rate"), "rate"),
        Column(t("report.column.losing"), "int"),
        Column(t("report.column.lost_total"), "score"),
        Column(t("report.column.worst"), "rate"),
    ]
    sheet = Sheet(book, t("report.sheet.indicators"), styles, columns, max_rows)
    for tally in review.indicators():
        sheet.write(
            [
                tally.level1,
                tally.level2,
                tally.name if tally.in_catalogue else t("report.not_in_catalogue", name=tally.name),
                tally.rows,
                _number(tally.weight),
                _number(tally.score),
                _number(tally.rate),
                tally.losing,
                _number(tally.lost),
                _number(tally.worst_rate),
            ]
        )
    sheet.finish()


def _write(review: Review, target: Path, max_rows: int) -> int:
    from domain.review.overview import write_overview

    book = xlsxwriter.Workbook(
        str(target),
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "tmpdir": str(target.parent),
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    styles = formats(book)
    overview = book.add_worksheet(t("report.sheet.overview"))  # first tab; written last, when everything is counted
    _forms(book, styles, review, max_rows)
    findings = _findings(book, styles, review, max_rows)
    _indicators(book, styles, review, max_rows)
    write_overview(book, overview, styles, review)
    page_setup(overview)
    overview.activate()
    try:
        book.close()
    except xlsxwriter.exceptions.FileCreateError as error:  # the OSError it wraps
        cause = error.args[0] if error.args else None
        raise cause if isinstance(cause, OSError) else OSError(str(error)) from None
    return findings


def write_workbook(
    review: Review, path: Path, *, force: bool = False, inputs: tuple[Path, ...] = (), max_rows: int = EXCEL_ROWS
) -> int:
    """Write the report to ``path`` atomically; returns how many findings it lists. An existing file is refused
    without ``force``, an input file always; an unwritable path is a plain InputError."""
    written = 0

    def write(target: Path) -> None:
        nonlocal written
        written = _write(review, target, max_rows)

    write_atomically(path, write, force=force, inputs=inputs)
    return written

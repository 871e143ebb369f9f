"""Write evaluations as the official 项目支出绩效自评表 workbook (XlsxWriter), one sheet per form.

The layout's declaration (``domain.sheets.layouts``) gives every word written — title, labels, heads, row
names — so a form written here reads back through the same declaration. The scores written are the ones
``jixiao check`` adopts (computed, or the declared score where it is an admissible judgement), the total
is the audited total, and amounts are converted to the unit asked for.

The sheet is made to be printed and opened: thin borders, wrapped text, widths that fit Chinese, numbers
stored as numbers (percentages with a percent format), A4 landscape fitted to one page wide, the indicator
heads repeated on every page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from domain.errors import InputError
from domain.messages import t
from domain.record.atomic import ANY, write_file
from domain.record.models import Evaluation
from domain.sheets.decisions import decision_lines, write_sheet
from domain.sheets.export_cells import UNITS, cell_formats, sheet_name
from domain.sheets.form_writer import FormWriter, SheetForm
from domain.sheets.grid import plain_decimal
from domain.sheets.layouts import layout

__all__ = ["SheetForm", "audited", "workbook_bytes", "write_workbook"]


def audited(evaluation: Evaluation) -> SheetForm:
    """The form with the scores ``jixiao check`` adopts."""
    from domain.scoring.audit import audit_evaluation

    audit = audit_evaluation(evaluation)
    budget = audit.scored.budget
    return SheetForm(
        evaluation,
        list(audit.adopted_rows),
        audit.adopted_budget,
        budget.rate_used,
        audit.computed_total,
        audit.grade or "",
        budget.rate,
        rate_note(budget, audit.adopted_budget),
    )


def rate_note(budget: Any, adopted: Decimal) -> str:
    """The line saying that the 执行率 was rounded before scoring (empty when it was scored as computed)."""
    from domain.scoring.rounding import fixed

    if budget.rate is None or budget.rate_used is None or budget.rate_used == budget.rate or budget.score is None:
        return ""
    if budget.rate_used > 1 or adopted != budget.score:
        return ""
    return t(
        "export.rate_rounded",
        rate=f"{fixed(budget.rate * 100, 2)}%",
        used=f"{plain_decimal(budget.rate_used * 100)}%",
        weight=plain_decimal(budget.weight),
        factor=plain_decimal(budget.rate_used),
        score=fixed(budget.score, 2),
    )


def _page_setup(worksheet: Any, writer: FormWriter) -> None:
    for index, width in enumerate(writer.widths):
        worksheet.set_column(index, index, width)
    worksheet.set_landscape()
    worksheet.set_paper(9)  # A4
    worksheet.fit_to_pages(1, 0)  # one page wide, as many tall as it takes
    worksheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    worksheet.center_horizontally()
    worksheet.set_footer("&C第 &P 页，共 &N 页")
    worksheet.hide_gridlines(2)


def write_workbook(
    forms: Sequence[SheetForm],
    path: Path,
    layout_id: str = "central",
    unit: str | None = None,
    stacked: bool = False,
    overwrite: bool = True,
) -> list[str]:
    """Write the forms to ``path`` atomically, one sheet each (or all on one sheet, one under another, when
    ``stacked``, as some offices collect them); returns notes about what had to be adapted.

    The workbook is built in memory and written by ``domain.record.atomic.write_file``: a full or read-only
    disk is one plain InputError with the old file unchanged; a file that exists is refused (SaveConflict)
    unless ``overwrite``; a new file gets the permissions the umask gives any file."""
    notes: list[str] = []
    data = workbook_bytes(forms, layout_id, unit, stacked, notes)
    write_file(Path(path), data, expected=ANY if overwrite else None)
    return notes


def workbook_bytes(
    forms: Sequence[SheetForm],
    layout_id: str = "central",
    unit: str | None = None,
    stacked: bool = False,
    notes: list[str] | None = None,
) -> bytes:
    """The .xlsx file of the forms, built in memory; ``notes`` receives what had to be adapted."""
    import xlsxwriter

    declared = layout(layout_id)
    notes = [] if notes is None else notes
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    formats = cell_formats(workbook)
    used: set[str] = set()
    writer: FormWriter | None = None
    writers: list[FormWriter] = []
    decisions: list[list[str]] = []
    position = 0
    for form in forms:
        evaluation = form.evaluation
        form_unit = unit or evaluation.funds.unit or declared.funds_unit
        if form_unit not in UNITS or evaluation.funds.unit not in UNITS:
            raise InputError(
                t("export.unit_unknown", unit=form_unit if form_unit not in UNITS else evaluation.funds.unit)
            )
        carry = evaluation.funds.carryover
        if "carryover" not in declared.write["funds_rows"] and (carry.annual_budget or carry.executed):
            notes.append(
                t(
                    "export.note.carryover",
                    project=evaluation.header.project_name,
                    amount=plain_decimal(carry.annual_budget or carry.executed or Decimal(0)),
                )
            )
        if writer is None or not stacked:
            worksheet = workbook.add_worksheet(sheet_name(evaluation.header.project_name, used))
            writer = FormWriter(workbook, worksheet, declared, form_unit, formats)
            writers.append(writer)
            _page_setup(worksheet, writer)
            position = 0
        else:
            writer.unit = form_unit
            writer.row += 1  # a blank row between stacked forms
        writer.write(form)
        position += 1
        decisions += decision_lines(writer.sheet.name, position, evaluation)
    for finished in writers:
        finished.finish()
        finished.sheet.print_area(0, 0, finished.row - 1, finished.last)
    write_sheet(workbook, decisions)
    workbook.close()
    return buffer.getvalue()

"""The clerk's decisions that the printed form cannot show, kept on a hidden sheet of an exported workbook.

A form filled in the assistant carries decisions beside what is written on paper: the direction chosen
where the target's wording and the catalogue disagree, the score judged inside a qualitative band, the
catalogue entry a name was matched to, the rule profile. ``export`` writes them, one line per indicator
row, on a hidden sheet named ``DECISIONS_SHEET``; reading the workbook back gives them to each form read
from it with ``restore``, so that ``jixiao check`` of the export finds what it finds on the saved form.

A decision is taken back only for a row that still reads as it was written (same names, target and
actual): a row changed by hand in the workbook since is scored from what it now says.

The reading side is two calls (see ``domain/sheets/forms.py`` and ``workbook.py``): ``is_decisions_sheet(name)``
to read that hidden sheet's cells instead of skipping it, and ``restore(evaluation, sheet, position, cells)``
on each form read, with the sheet's name and the form's place on it (1 for the first form of the sheet);
``restore_all`` does it for a list of (form, sheet, place). The sheet comes after the forms' sheets.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from domain.record.kinds import Direction
from domain.record.models import Evaluation, IndicatorRow
from domain.sheets.grid import DECISIONS_SHEET

HEAD = [
    "sheet",
    "form",
    "indicator",
    "level1",
    "level2",
    "name",
    "target",
    "actual",
    "catalogue_name",
    "direction",
    "judged_score",
    "profile",
]
NO_MATCH = "-"  # catalogue_name "" (the clerk declined every catalogue entry), told apart from no decision


def is_decisions_sheet(name: str) -> bool:
    return name == DECISIONS_SHEET


def decision_lines(sheet: str, position: int, evaluation: Evaluation) -> list[list[str]]:
    """The lines of one form: one per indicator row holding a decision (``position``: 1 for the sheet's
    first form, 2 for the one stacked under it …)."""
    lines = []
    for index, row in enumerate(evaluation.indicators, start=1):
        catalogue = NO_MATCH if row.catalogue_name == "" else (row.catalogue_name or "")
        direction = row.direction.value if row.direction else ""
        judged = "" if row.judged_score is None else str(row.judged_score)
        if catalogue or direction or judged or (index == 1 and evaluation.profile != "default"):
            lines.append(
                [
                    sheet,
                    str(position),
                    str(index),
                    row.level1,
                    row.level2,
                    row.name,
                    row.target_text,
                    row.actual_text,
                    catalogue,
                    direction,
                    judged,
                    evaluation.profile,
                ]
            )
    if not lines and evaluation.profile != "default":
        lines.append([sheet, str(position), "0", "", "", "", "", "", "", "", "", evaluation.profile])
    return lines


def write_sheet(workbook: Any, lines: Sequence[Sequence[str]]) -> None:
    """The hidden sheet (XlsxWriter workbook), written only when some form holds a decision."""
    if not lines:
        return
    sheet = workbook.add_worksheet(DECISIONS_SHEET)
    sheet.hide()
    for number, line in enumerate([HEAD, *lines]):
        for column, text in enumerate(line):
            if text:
                sheet.write_string(number, column, text)


def _same(row: IndicatorRow, line: list[str]) -> bool:
    written = [row.level1, row.level2, row.name, row.target_text, row.actual_text]
    return [" ".join(text.split()) for text in written] == [" ".join(text.split()) for text in line[3:8]]


def restore(evaluation: Evaluation, sheet: str, position: int, cells: Sequence[Sequence[str]]) -> Evaluation:
    """The form with the decisions the hidden sheet keeps for it (its sheet's name and its place there)."""
    lines = [[*(str(cell).strip() for cell in line), *[""] * len(HEAD)][: len(HEAD)] for line in cells[1:]]
    mine = [line for line in lines if line[0] == sheet and line[1] == str(position)]
    for line in mine:
        if line[11]:
            evaluation.profile = line[11]
        try:
            index = int(line[2]) - 1
        except ValueError:
            continue
        if not 0 <= index < len(evaluation.indicators):
            continue
        row = evaluation.indicators[index]
        if not _same(row, line):
            continue
        update: dict[str, Any] = {}
        if line[8]:
            update["catalogue_name"] = "" if line[8] == NO_MATCH else line[8]
        if line[9] in {direction.value for direction in Direction}:
            update["direction"] = Direction(line[9])
        if line[10]:
            try:
                update["judged_score"] = Decimal(line[10])
            except InvalidOperation:
                pass
        if update:
            evaluation.indicators[index] = row.model_copy(update=update)
    return evaluation


def restore_all(placed: Sequence[tuple[Any, str, int]], cells: Sequence[Sequence[str]]) -> None:
    """``restore`` on every form read so far: (a FormRead, its sheet's name, its place on the sheet)."""
    for form, sheet, position in placed:
        if form.evaluation is not None:
            form.evaluation = restore(form.evaluation, sheet, position, cells)

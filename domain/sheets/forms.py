"""Every form in a file, whatever its kind: the one entry point for import, check, score and edit.

``read_file`` yields each form found (read completely, or refused with the reason) and notes about the
file (hidden sheets skipped, sheets without a form); ``open_forms`` gives the readable ones as
(label, Evaluation) pairs for commands that audit or score, and fails with one plain message when a file
holds no readable form at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from domain.errors import InputError
from domain.messages import t
from domain.record.models import Evaluation
from domain.sheets import decisions
from domain.sheets.reader import FormRead, read_grid
from domain.sheets.targets_file import settle, take_targets
from domain.sheets.targets_grid import TargetsRead
from domain.sheets.tsv import SheetError, tsv_grid, year_from_name
from domain.sheets.workbook import Kind, open_workbook

TOML_SUFFIX = ".toml"


@dataclass
class FileRead:
    """What reading one file gave: its kind, the forms in order, and notes about the file itself."""

    path: Path
    kind: str = ""
    forms: list[FormRead] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # the file as a whole is unusable
    targets: list[TargetsRead] = field(default_factory=list)  # target tables (绩效目标表) found instead of forms
    other_sheets: list[str] = field(default_factory=list)  # sheets holding neither

    @property
    def read(self) -> list[FormRead]:
        return [form for form in self.forms if form.evaluation is not None]

    @property
    def refused(self) -> list[FormRead]:
        return [form for form in self.forms if form.evaluation is None]


def _base_name(name: str) -> str:
    return PureWindowsPath(PurePosixPath(name).name).name


def _sheet_label(path: Path, sheet: str, kind: str) -> str:
    return path.name if kind in (Kind.CSV, Kind.TSV) else f"{path.name}:{sheet}"


def read_file(path: Path, year: int | None = None) -> FileRead:
    """Every form in a spreadsheet or text export; never raises for bad content (see ``FileRead.error``)."""
    path = Path(path)
    result = FileRead(path=path)
    try:
        workbook = open_workbook(path)
        result.kind = workbook.kind
        grids = workbook.sheets()
        if workbook.kind == Kind.TSV:
            grids = iter([tsv_grid(workbook.text, path.name)])  # a grid like any sheet
        name_year = year_from_name(_base_name(path.name))
        placed: list[tuple[FormRead, str, int]] = []  # each form with its sheet and place there
        for grid in grids:
            if grid.hidden and decisions.is_decisions_sheet(grid.name):
                decisions.restore_all(placed, grid.rows)
                continue
            if grid.hidden:
                result.notes.append(t("sheets.note.hidden_sheet", sheet=grid.name))
                continue
            found = False
            for position, form in enumerate(read_grid(grid), start=1):
                found = True
                placed.append((form, grid.name, position))
                form.sheet = _sheet_label(path, grid.name, workbook.kind)
                if form.evaluation is not None:
                    evaluation = form.evaluation
                    evaluation.source = f"{form.sheet}:{form.row}"
                    if year is not None:
                        evaluation.header.year = year
                    elif evaluation.header.year is None and name_year is not None:
                        evaluation.header.year = name_year
                        form.warnings.append(t("sheets.read.year_from_name", year=name_year))
                result.forms.append(form)
            if not found and any(any(cell for cell in row) for row in grid.rows):
                result.notes.append(t("sheets.note.no_form", sheet=grid.name))
            take_targets(result, grid, _sheet_label(path, grid.name, workbook.kind))
        settle(result)
    except SheetError as error:
        result.error = error.message
    except InputError as error:
        result.error = error.message
    if result.error is None and not result.forms and not result.targets:
        result.error = t("sheets.file.no_form", title="项目支出绩效自评表")
    return result


def is_evaluation_file(path: Path) -> bool:
    """A saved evaluation (TOML) rather than a spreadsheet: told by its name, then by its first bytes."""
    return Path(path).suffix.lower() == TOML_SUFFIX


def open_forms(path: Path) -> Iterator[tuple[str, Evaluation]]:
    """(label, Evaluation) for each readable form in a file: a TOML evaluation or any spreadsheet.

    Raises InputError naming the file when it holds no readable form, or naming each refused form when
    some could not be read completely (after yielding the readable ones).
    """
    path = Path(path)
    if is_evaluation_file(path):
        from domain.record.storage import load_evaluation

        yield str(path), load_evaluation(path)
        return
    result = read_file(path)
    if result.error:
        raise InputError(f"{path}：{result.error}")
    if result.targets and not result.forms:
        raise InputError(t("targets.only_targets", path=path))
    for form in result.read:
        assert form.evaluation is not None
        label = (
            str(path)
            if len(result.forms) == 1
            else f"{path} · {form.sheet.split(':', 1)[-1]} {t('sheets.row', row=form.row)}"
        )
        yield label, form.evaluation
    refused = result.refused
    if refused:
        raise InputError("\n".join(f"{path}：{form.where}：{form.refusal}" for form in refused))


def spreadsheet_forms(path: Path) -> list[tuple[str, Evaluation]]:
    """The readable forms of one spreadsheet file, for choosing one to edit (raises when there is none)."""
    result = read_file(Path(path))
    if result.error:
        raise InputError(f"{path}：{result.error}")
    if result.targets and not result.forms:
        raise InputError(t("targets.only_targets", path=path))
    forms = [(f"{form.where} {form.project}", form.evaluation) for form in result.read if form.evaluation is not None]
    if not forms:
        raise InputError("\n".join(f"{path}：{form.where}：{form.refusal}" for form in result.refused))
    return forms

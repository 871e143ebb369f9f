"""Target tables in files: the hook the form reader calls for each sheet, and reading targets from any path.

``take_targets`` runs only on sheets where no self-evaluation was read (a refused form, or none at all), so
filled forms cost nothing more. A sheet holding target tables gives them to ``FileRead.targets`` instead of
refusals. ``settle`` then names, in one note, the sheets of a targets workbook that hold neither (项目基本信息,
实施方案 …), and drops a table repeated on a second sheet (the 自评表 of a project workbook repeating its 申报表).

``targets_in`` reads a targets TOML file, a workbook or a folder of them, for ``new``, ``export`` and ``check``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from domain.errors import InputError
from domain.messages import t
from domain.record.targets import Targets, is_targets_file, load_targets
from domain.sheets.grid import Grid
from domain.sheets.targets_grid import TargetsRead, read_targets_grid

if TYPE_CHECKING:
    from domain.sheets.form_writer import SheetForm
    from domain.sheets.forms import FileRead

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt")


def take_targets(result: FileRead, grid: Grid, label: str) -> None:
    """Read a sheet's target tables when no self-evaluation was read from it."""
    mine = [form for form in result.forms if form.sheet == label]
    if any(form.evaluation is not None for form in mine):
        return
    tables = list(read_targets_grid(grid))
    if not tables:
        if any(any(cell for cell in row) for row in grid.rows[:200]):
            result.other_sheets.append(grid.name)
        return
    result.forms = [form for form in result.forms if form.sheet != label]
    no_form = t("sheets.note.no_form", sheet=grid.name)
    result.notes = [note for note in result.notes if note != no_form]
    for table in tables:
        table.sheet = label
        table.targets.source = f"{label}:{table.row}"
    result.targets.extend(tables)


def settle(result: FileRead) -> None:
    """Once every sheet is read: the other sheets of a targets workbook in one note, repeats dropped."""
    if not result.targets:
        return
    others = list(dict.fromkeys(result.other_sheets))
    refused = {form.sheet for form in result.forms if form.evaluation is None}
    result.forms = [form for form in result.forms if form.evaluation is not None]
    result.notes = [
        note for note in result.notes if note not in {t("sheets.note.no_form", sheet=name) for name in others}
    ]
    names = others + [sheet.split(":", 1)[-1] for sheet in sorted(refused) if sheet.split(":", 1)[-1] not in others]
    if names:
        result.notes.append(t("targets.note.other_sheets", count=len(names), sheets="、".join(names)))
    kept: list[TargetsRead] = []
    for table in result.targets:
        same = next((other for other in kept if _same(other.targets, table.targets)), None)
        if same is None:
            kept.append(table)
        else:
            result.notes.append(
                t("targets.note.repeated", sheet=table.sheet.split(":", 1)[-1], first=same.sheet.split(":", 1)[-1])
            )
    result.targets = kept


def _same(one: Targets, other: Targets) -> bool:
    def rows(targets: Targets) -> list[tuple[str, str]]:
        return [(row.name, row.target_text) for row in targets.indicators]

    return one.header.project_name == other.header.project_name and rows(one) == rows(other)


def read_targets(path: Path) -> list[tuple[str, Targets]]:
    """(label, targets) for each table in one file: a targets TOML file or a workbook."""
    path = Path(path)
    if path.suffix.lower() == ".toml":
        return [(str(path), load_targets(path))]
    from domain.sheets.forms import read_file

    result = read_file(path)
    if not result.targets:
        raise InputError(t("targets.none_in_file", path=path, reason=result.error or t("targets.no_table")))
    return [
        (
            f"{path} · {table.sheet.split(':', 1)[-1]} {t('sheets.row', row=table.row)}"
            if len(result.targets) > 1
            else str(path),
            table.targets,
        )
        for table in result.targets
    ]


def targets_in(paths: list[Path]) -> list[tuple[str, Targets]]:
    """Every targets table under the paths (folders searched for targets files and workbooks)."""
    found: list[tuple[str, Targets]] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for item in sorted(path.rglob("*")):
                if is_targets_file(item):  # a targets file that cannot be read is said, never skipped
                    found.extend(read_targets(item))
                elif item.is_file() and item.suffix.lower() in SHEET_SUFFIXES[:4]:
                    try:
                        found.extend(read_targets(item))
                    except InputError:
                        continue  # a workbook in the folder that holds no targets
        elif not path.exists():
            raise InputError(t("targets.missing", path=path))
        else:
            found.extend(read_targets(path))
    return found


def write_targets(
    tables: list[TargetsRead], out_dir: Path, overwrite: bool, first_index: int
) -> list[tuple[Path, TargetsRead]]:
    """Write each table as a targets TOML file under ``out_dir`` (``NN-项目名称.targets.toml``); nothing is
    written when a file of the same name exists and ``overwrite`` is not set."""
    from domain.record.targets import save_targets
    from domain.sheets.tsv import _UNSAFE_IN_NAME, FILE_NAME_LIMIT, UNNAMED_FILE

    paths = []
    for index, table in enumerate(tables, start=first_index):
        name = _UNSAFE_IN_NAME.sub("", table.targets.header.project_name).strip(".")[:FILE_NAME_LIMIT].rstrip(".")
        paths.append(Path(out_dir) / f"{index:02d}-{name or UNNAMED_FILE}.targets.toml")
    existing = [path.name for path in paths if path.exists()]
    if existing and not overwrite:
        raise InputError(t("import.exists", out=out_dir, count=len(existing), shown="、".join(existing[:3])))
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    for path, table in zip(paths, tables, strict=True):
        save_targets(table.targets, path)
    return list(zip(paths, tables, strict=True))


def blank_form(targets: Targets) -> SheetForm:
    """The self-evaluation to write for Excel users: the targets filled in, scores and the year's figures empty."""
    from domain.sheets.form_writer import SheetForm

    evaluation = targets.to_evaluation()
    empty: Any = None  # written as blank cells
    return SheetForm(evaluation, [empty] * len(evaluation.indicators), empty, None, empty, "")

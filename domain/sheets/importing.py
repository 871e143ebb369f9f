"""Import forms from workbooks and sheet exports: read every form, match its indicator names, write one TOML each.

A form is written only when it was read completely; the others are reported by sheet and row with the
reason. Nothing is written when a file of the same name exists in the output directory (unless told to
overwrite), and no name — whatever the project is called — ever leads outside the output directory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from domain.errors import InputError
from domain.messages import t
from domain.record.batch_write import write_batch
from domain.record.models import Evaluation
from domain.record.storage import to_toml
from domain.scoring.indicators import match_rows
from domain.sheets.forms import read_file
from domain.sheets.reader import FormRead
from domain.sheets.targets_file import write_targets
from domain.sheets.targets_grid import TargetsRead
from domain.sheets.tsv import form_file_name, parse_sheet

EXIT_ALL, EXIT_SOME, EXIT_NONE = 0, 1, 2


@dataclass(frozen=True)
class WrittenForm:
    """One imported form and where it was written."""

    path: Path
    project: str
    rows: int
    line: int
    warnings: list[str]
    sheet: str = ""
    layout: str = ""


@dataclass
class Refusal:
    """A form, or a whole file, that was not written, and why."""

    where: str
    project: str
    reason: str
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import did: forms written, forms and files refused, notes (hidden sheets …)."""

    written: list[WrittenForm] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every form found was written, 1 when some were and others not, 2 when none was."""
        if not self.written:
            return EXIT_NONE
        return EXIT_SOME if self.refused else EXIT_ALL


MatchKey = tuple[str, str, str, str | None, bool]


def with_catalogue_names(evaluation: Evaluation, known: dict[MatchKey, str | None] | None = None) -> Evaluation:
    """The evaluation with each row's confidently matched catalogue entry recorded beside its written name.

    ``known`` remembers the matches of rows already seen (a batch of forms repeats its indicator names)."""
    known = {} if known is None else known
    keys = [(row.level1, row.level2, row.name, row.catalogue_name, row.is_unused) for row in evaluation.indicators]
    fresh = [row for row, key in zip(evaluation.indicators, keys, strict=True) if key not in known]
    for row, match in zip(fresh, match_rows(fresh), strict=True):
        known[(row.level1, row.level2, row.name, row.catalogue_name, row.is_unused)] = (
            match.entry.name if match.entry else None
        )
    rows = [
        row.model_copy(update={"catalogue_name": known[key]})
        for row, key in zip(evaluation.indicators, keys, strict=True)
    ]
    return evaluation.model_copy(update={"indicators": rows})


def _inside(out_dir: Path, name: str) -> Path:
    """``out_dir / name``, refusing any name that would lead elsewhere."""
    base = out_dir.resolve()
    target = (base / name).resolve()
    if target.parent != base:
        raise InputError(t("import.out_escape", name=name))
    return out_dir / name


def _in_the_way(out_dir: Path) -> Callable[[list[str]], InputError]:
    def refusal(existing: list[str]) -> InputError:
        shown = "、".join(existing[:3]) + (t("import.exists.more") if len(existing) > 3 else "")
        return InputError(t("import.exists", out=out_dir, count=len(existing), shown=shown))

    return refusal


def write_forms(evaluations: Sequence[tuple[Evaluation, Path]], out_dir: Path, overwrite: bool) -> None:
    """Write each evaluation as TOML, all or nothing (``domain.record.batch_write``): files already there are
    refused unless ``overwrite``, except those an import cut short left, so running it again just works."""
    write_batch(
        [path for _, path in evaluations],
        lambda index: to_toml(evaluations[index][0]).encode("utf-8"),
        out_dir,
        overwrite,
        _in_the_way(out_dir),
    )


def import_files(
    paths: Sequence[Path], out_dir: Path, year: int | None = None, overwrite: bool = False
) -> ImportReport:
    """Read every form of every file and write the complete ones under ``out_dir``.

    Raises InputError (writing nothing) when files of the same names exist and ``overwrite`` is not set.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(t("import.out_is_file", out=out_dir))
    report = ImportReport()
    complete: list[tuple[FormRead, Evaluation]] = []
    tables: list[TargetsRead] = []  # target tables (绩效目标表): written as targets files
    known: dict[MatchKey, str | None] = {}
    for path in paths:
        result = read_file(Path(path), year=year)
        report.notes.extend(f"{Path(path).name}：{note}" for note in result.notes)
        if result.error:
            report.refused.append(Refusal(str(path), "", result.error))
            continue
        for form in result.forms:
            if form.evaluation is None:
                report.refused.append(
                    Refusal(form.where, "", form.refusal or t("sheets.refuse.incomplete"), form.warnings)
                )
            else:
                complete.append((form, with_catalogue_names(form.evaluation, known)))
        tables.extend(result.targets)
    if not complete:
        return _with_targets(report, tables, out_dir, overwrite, 1)
    names = [form_file_name(evaluation, index) for index, (_, evaluation) in enumerate(complete, start=1)]
    targets = [_inside(out_dir, name) for name in names]
    write_forms(
        [(evaluation, target) for (_, evaluation), target in zip(complete, targets, strict=True)], out_dir, overwrite
    )
    for (form, evaluation), target in zip(complete, targets, strict=True):
        report.written.append(
            WrittenForm(
                target,
                evaluation.header.project_name,
                len(evaluation.indicators),
                form.row,
                form.warnings,
                form.sheet,
                form.layout,
            )
        )
    return _with_targets(report, tables, out_dir, overwrite, len(complete) + 1)


def _with_targets(
    report: ImportReport, tables: list[TargetsRead], out_dir: Path, overwrite: bool, first: int
) -> ImportReport:
    for path, table in write_targets(tables, out_dir, overwrite, first) if tables else []:
        report.written.append(
            WrittenForm(
                path,
                table.targets.project,
                len(table.targets.indicators),
                table.row,
                table.warnings,
                table.sheet,
                "targets",
            )
        )
    return report


def import_sheet(
    text: str, source_name: str, out_dir: Path, year: int | None = None, overwrite: bool = False
) -> list[WrittenForm]:
    """Parse a tab-separated sheet export and save each form under ``out_dir`` (the text already decoded)."""
    forms = parse_sheet(text, source_name=source_name, year=year)
    evaluations = [with_catalogue_names(form.evaluation) for form in forms]
    paths = [
        _inside(Path(out_dir), form_file_name(evaluation, index))
        for index, evaluation in enumerate(evaluations, start=1)
    ]
    write_forms(list(zip(evaluations, paths, strict=True)), Path(out_dir), overwrite)
    return [
        WrittenForm(path, evaluation.header.project_name, len(evaluation.indicators), form.line, form.warnings)
        for form, evaluation, path in zip(forms, evaluations, paths, strict=True)
    ]

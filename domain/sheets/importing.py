"""Import a sheet export: read every form, match its indicator names, and write one TOML per form."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from domain.errors import InputError
from domain.record.models import Evaluation
from domain.record.storage import ANY, save_evaluation
from domain.scoring.indicators import match_rows
from domain.sheets.tsv import form_file_name, parse_sheet


@dataclass(frozen=True)
class WrittenForm:
    """One imported form and where it was written."""

    path: Path
    project: str
    rows: int
    line: int
    warnings: list[str]


def with_catalogue_names(evaluation: Evaluation) -> Evaluation:
    """The evaluation with each row's confidently matched catalogue entry recorded beside its written name."""
    rows = [match.row.model_copy(update={"catalogue_name": match.entry.name if match.entry else None})
            for match in match_rows(evaluation.indicators)]
    return evaluation.model_copy(update={"indicators": rows})


def import_sheet(text: str, source_name: str, out_dir: Path, year: int | None = None,
                 overwrite: bool = False) -> list[WrittenForm]:
    """Parse a sheet export and save each form under ``out_dir``.

    Raises SheetError on unusable input, and InputError (writing nothing) when files of the same names
    exist and ``overwrite`` is not set, so hand edits are never lost by a second import.
    """
    forms = parse_sheet(text, source_name=source_name, year=year)
    evaluations = [with_catalogue_names(form.evaluation) for form in forms]
    paths = [Path(out_dir) / form_file_name(evaluation, index) for index, evaluation in enumerate(evaluations, start=1)]
    existing = [path.name for path in paths if path.exists()]
    if existing and not overwrite:
        shown = "、".join(existing[:3]) + ("等" if len(existing) > 3 else "")
        raise InputError(f"{out_dir} 中已有 {len(existing)} 个同名文件（{shown}），未写入任何文件；确认覆盖请加 --force")
    written: list[WrittenForm] = []
    try:
        for form, evaluation, path in zip(forms, evaluations, paths, strict=True):
            save_evaluation(evaluation, path, expected=ANY if overwrite else None)
            written.append(WrittenForm(path, evaluation.header.project_name, len(evaluation.indicators), form.line,
                                       form.warnings))
    except BaseException:
        # all or nothing: a failure part-way (a full disk, Ctrl-C) removes what this run wrote, so running
        # the same import again just works, without --force
        if not overwrite:
            for item in written:
                item.path.unlink(missing_ok=True)
        raise
    return written

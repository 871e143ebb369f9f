"""Import a sheet export: read every form, match its indicator names, and write one TOML per form."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from domain.indicators import ACCEPT_SCORE, match_rows
from domain.models import Evaluation
from domain.sheet_import import form_file_name, parse_sheet
from domain.storage import save_evaluation


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
    rows = []
    for match in match_rows(evaluation.indicators):
        name = match.entry.name if match.entry is not None and match.score >= ACCEPT_SCORE else None
        rows.append(match.row.model_copy(update={"catalogue_name": name}))
    return evaluation.model_copy(update={"indicators": rows})


def import_sheet(text: str, source_name: str, out_dir: Path, year: int | None = None) -> list[WrittenForm]:
    """Parse a sheet export and save each form under ``out_dir``; raises SheetError on unusable input."""
    forms = parse_sheet(text, source_name=source_name, year=year)
    written: list[WrittenForm] = []
    for index, form in enumerate(forms, start=1):
        evaluation = with_catalogue_names(form.evaluation)
        path = Path(out_dir) / form_file_name(evaluation, index)
        save_evaluation(evaluation, path)
        written.append(WrittenForm(path, evaluation.header.project_name, len(evaluation.indicators), form.line, form.warnings))
    return written

"""Tab-separated sheet exports: decoding the text, telling it is one, and reading it as a grid.

Sheet exports leave merged cells blank, shift some rows by a column, repeat or displace cells and cut
long texts. The text becomes a grid like any sheet and is read by the one sheet reader, which puts
displaced cells back where the form's own header row says they belong and reports each such repair as
a warning naming the line, so that nothing is silently invented or lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath

from domain.errors import InputError
from domain.messages import t
from domain.messages.sanitise import without_invisible
from domain.record.models import Evaluation
from domain.sheets.grid import Grid
from domain.sheets.reader_words import YEAR_MAX, YEAR_MIN

TITLE = "项目支出绩效自评表"

UNNAMED_FILE = "未命名"  # a file name for a form without a project name (the form's language)
FILE_NAME_LIMIT = 40  # characters of the project name kept in a file name (UTF-8: at most 120 bytes)


class SheetError(InputError, ValueError):
    """Input that holds no readable form; the message is one plain Chinese sentence for the user."""


@dataclass
class ImportedForm:
    """One form read from a sheet: the record, the 1-based line of its title, and what had to be guessed."""

    evaluation: Evaluation
    line: int
    warnings: list[str]
    missing: list[str] = field(default_factory=list)  # blocks not found: the form is incomplete


# ---------------------------------------------------------------------------------------------- text


def decode_sheet(data: bytes) -> str:
    """The text of a sheet file: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SheetError(t("tsv.utf16_broken")) from None
    if b"\x00" in data:
        raise SheetError(t("tsv.binary"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError(t("tsv.encoding"))


_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def _check_usable(text: object) -> str:
    if not isinstance(text, str):
        raise SheetError(t("tsv.not_text"))
    text = _SURROGATE.sub("\ufffd", text).removeprefix("\ufeff")
    if not text.strip():
        raise SheetError(t("sheets.file.empty"))
    if "\x00" in text or len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise SheetError(t("tsv.binary_chars"))
    if "\t" not in text:
        if "," in text:
            raise SheetError(t("tsv.is_csv"))
        raise SheetError(t("tsv.no_tabs"))
    return text


# --------------------------------------------------------------------------------------------- years

_YEAR_TOKEN = re.compile(r"(?<![0-9])((?:19|20|21)[0-9]{2})(?![0-9])")


def _plausible_year(text: str) -> int | None:
    value = int(text)
    return value if YEAR_MIN <= value <= YEAR_MAX else None


def year_from_name(name: str) -> int | None:
    """The one 4-digit year in a file name (sheet-2020-shenzhen.tsv → 2020), or None if none or several."""
    found = {year for token in _YEAR_TOKEN.findall(name) if (year := _plausible_year(token))}
    return found.pop() if len(found) == 1 else None


# -------------------------------------------------------------------------------------------- public


def tsv_grid(text: str, name: str) -> Grid:
    """A tab-separated text as a grid, one row per line (quoted cells unquoted): read like any sheet."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Grid(name=name, rows=[[_unquote(cell) for cell in line.split("\t")] for line in lines])


def _unquote(cell: str) -> str:
    cell = cell.strip()
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        cell = cell[1:-1].replace('""', '"').strip()
    return cell


def parse_sheet(text: str, source_name: str = "", year: int | None = None) -> list[ImportedForm]:
    """Every 项目支出绩效自评表 in a tab-separated sheet export, in order; raises only SheetError.

    The text is read as a grid by the one sheet reader (``domain.sheets.reader``). ``source_name`` is the
    file the text came from (its base name goes into each form's ``source``); ``year`` is the year the
    forms concern. When it is None the year is taken from the form itself (a 年度 cell, or a title such as
    2020年度项目支出绩效自评表), else from a single year in the file name, else left unknown. A form that
    could not be read completely is returned empty with the reason in ``missing``.
    """
    from domain.sheets.reader import read_grid

    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX):
        raise SheetError(t("tsv.year_range", low=YEAR_MIN, high=YEAR_MAX))
    text = _check_usable(text)
    file_name = PureWindowsPath(PurePosixPath(source_name).name).name if source_name else ""
    grid = tsv_grid(text, file_name)
    name_year = year_from_name(file_name) if year is None else None
    forms: list[ImportedForm] = []
    for read in read_grid(grid):
        source = f"{file_name}:{read.row}" if file_name else t("sheets.row", row=read.row)
        if read.evaluation is None:
            forms.append(ImportedForm(Evaluation(source=source), read.row, read.warnings, [read.refusal or ""]))
            continue
        evaluation = read.evaluation
        evaluation.source = source
        if year is not None:
            evaluation.header.year = year
        elif evaluation.header.year is None and name_year is not None:
            evaluation.header.year = name_year
        forms.append(ImportedForm(evaluation, read.row, read.warnings))
    if not forms:
        raise SheetError(t("tsv.no_title", title=TITLE))
    first = forms[0].line - 1
    forms[0].warnings[:0] = [
        t("sheets.at_row", row=number + 1, message=t("tsv.before_first"))
        for number, cells in enumerate(grid.rows[:first])
        if any(cells)
    ]
    return forms


_UNSAFE_IN_NAME = re.compile(r"[\s\"'“”‘’「」『』/\\:*?<>|\x00-\x1f\x7f]+")


def form_file_name(evaluation: Evaluation, index: int) -> str:
    """A stable, filesystem-safe file name for a form: 01-项目名称.toml (index is the 1-based position)."""
    name = _UNSAFE_IN_NAME.sub("", without_invisible(evaluation.header.project_name)).strip(".")
    name = name[:FILE_NAME_LIMIT].rstrip(".") or UNNAMED_FILE
    return f"{index:02d}-{name}.toml"

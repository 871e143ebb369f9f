"""Open a spreadsheet file of any usual kind and give its sheets as ``Grid`` values.

The kind is told from the content, never from the extension: an OOXML workbook (.xlsx), an OpenDocument
spreadsheet (.ods), a BIFF workbook (.xls), a CSV or a tab-separated text (UTF-8 with or without BOM,
UTF-16 with BOM, GB18030). A binary workbook is read whole in a child process with memory and CPU limits
(``sandbox``, which runs ``binary``): every part bounded before it is parsed, and whatever still goes wrong
there — an abort, a panic, a limit reached — refuses that one file.

Every problem becomes a ``SheetError`` with one plain sentence (corrupt, encrypted, empty, too large).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from domain.messages import t
from domain.sheets import limits
from domain.sheets.binary import OLE_MAGIC, ZIP_MAGIC
from domain.sheets.grid import Grid
from domain.sheets.limits import MAX_COLUMNS, MAX_ROWS, MAX_TEXT_BYTES
from domain.sheets.tsv import SheetError, decode_sheet


@dataclass(frozen=True)
class Kind:
    XLSX = "xlsx"
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"
    TSV = "tsv"


def sniff(head: bytes) -> str:
    """The kind of a file from its first bytes; a zip is called .xlsx here and told apart in the sandbox."""
    if not head:
        raise SheetError(t("sheets.file.empty"))
    if head.startswith(OLE_MAGIC):
        return Kind.XLS  # or an encrypted OOXML workbook: told apart when opened
    if head.startswith(ZIP_MAGIC):
        return Kind.XLSX  # or .ods, or a zip that is no workbook: the sandbox reads its members
    return Kind.TSV  # text: TSV or CSV, decided once decoded


# ---------------------------------------------------------------------------------------------- text


def _text_grids(data: bytes, name: str) -> tuple[str, list[Grid]]:
    """A CSV or tab-separated text as one grid; the kind is decided by the separator the lines use."""
    if len(data) > MAX_TEXT_BYTES:
        raise SheetError(t("sheets.file.too_large", limit=MAX_TEXT_BYTES // (1024 * 1024)))
    text = decode_sheet(data).removeprefix("\ufeff")
    if not text.strip():
        raise SheetError(t("sheets.file.empty"))
    lines = [line for line in text.splitlines() if line.strip()]
    tabs = sum(1 for line in lines if "\t" in line)
    if tabs * 2 >= len(lines):
        return Kind.TSV, []  # the caller reads it with the tab-separated reader, which knows its exports
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        rows = [row[:MAX_COLUMNS] for _, row in zip(range(MAX_ROWS + 1), reader, strict=False)]
    except csv.Error:
        raise SheetError(t("sheets.file.not_table")) from None
    if len(rows) > MAX_ROWS:
        raise SheetError(t("sheets.sheet.too_many_rows", sheet=name, limit=MAX_ROWS))
    if not any(len(row) > 1 for row in rows):
        raise SheetError(t("sheets.file.not_table"))
    return Kind.CSV, [Grid(name=name, rows=[[cell.strip() for cell in row] for row in rows])]


# ------------------------------------------------------------------------------------------ workbook


@dataclass
class Workbook:
    """An opened spreadsheet file: its kind and its sheets."""

    path: Path
    kind: str
    text: str = ""  # the decoded text of a tab-separated file (read by the tab-separated reader)
    _grids: list[Grid] | None = None

    def sheets(self) -> Iterator[Grid]:
        """Each sheet, in workbook order, hidden ones included (marked ``hidden``)."""
        yield from self._grids or []


def _binary_workbook(path: Path, kind: str) -> Workbook:
    """A binary workbook read whole in the sandbox (its size checked first)."""
    from domain.sheets.sandbox import read_isolated

    try:
        size = path.stat().st_size
    except OSError as error:
        raise SheetError(t("sheets.file.unreadable", path=path, detail=error.strerror or error)) from None
    if size > limits.MAX_WORKBOOK_BYTES:
        raise SheetError(t("sheets.bounds.file_too_large", limit=limits.MAX_WORKBOOK_BYTES // limits.MIB))
    found, sheets = read_isolated(str(path), kind)
    grids = [Grid(name=name, rows=rows, merges=list(merges), hidden=hidden) for name, hidden, rows, merges in sheets]
    return Workbook(path=path, kind=found, _grids=grids)


def open_workbook(path: Path) -> Workbook:
    """Open any spreadsheet file; raises SheetError with a plain sentence when it cannot be read."""
    path = Path(path)
    from domain.errors import InputError
    from domain.record.files import MAX_SHEET_BYTES, regular_or_absent
    from domain.record.storage import read_bytes_file

    try:  # a FIFO, device or socket is refused before it is opened (reading one waits or never ends)
        regular_or_absent(path, t("sheets.what.sheet_file"))
    except InputError as error:
        raise SheetError(error.message) from None
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except FileNotFoundError:
        raise SheetError(t("sheets.file.missing", path=path)) from None
    except IsADirectoryError:
        raise SheetError(t("sheets.file.directory", path=path)) from None
    except OSError as error:
        raise SheetError(t("sheets.file.unreadable", path=path, detail=error.strerror or error)) from None
    kind = sniff(head)
    if kind in (Kind.XLSX, Kind.XLS):
        return _binary_workbook(path, kind)
    data = read_bytes_file(path, t("sheets.what.sheet_file"), MAX_SHEET_BYTES)
    text_kind, grids = _text_grids(data, path.name)
    if text_kind == Kind.TSV:
        return Workbook(path=path, kind=Kind.TSV, text=decode_sheet(data))
    return Workbook(path=path, kind=Kind.CSV, _grids=grids)

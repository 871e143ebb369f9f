"""Open a spreadsheet file of any usual kind and give its sheets as ``Grid`` values.

The kind is told from the content, never from the extension: an OOXML workbook (.xlsx), an OpenDocument
spreadsheet (.ods), a BIFF workbook (.xls), a CSV or a tab-separated text (UTF-8 with or without BOM,
UTF-16 with BOM, GB18030). Cell values come from python-calamine; what calamine does not tell — which
numbers carry a percent format, and the merged ranges of an .ods — is read from the file's own XML,
streamed, and only when the workbook uses percent formats at all.

Every problem becomes a ``SheetError`` with one plain sentence (corrupt, encrypted, empty, too large).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from domain.messages import t
from domain.sheets.grid import Grid, Range, value_text
from domain.sheets.limits import MAX_COLUMNS, MAX_ROWS, MAX_TEXT_BYTES
from domain.sheets.tsv import SheetError, decode_sheet
from domain.sheets.xml_extras import (
    OdsSheet,
    check_part_sizes,
    read_ods_extras,
    xlsx_percent_cells,
    xlsx_percent_styles,
    xlsx_sheet_parts,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class Kind:
    XLSX = "xlsx"
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"
    TSV = "tsv"


def sniff(head: bytes, path: Path) -> str:
    """The kind of a file from its first bytes (and, for a zip, its members)."""
    if not head:
        raise SheetError(t("sheets.file.empty"))
    if head.startswith(OLE_MAGIC):
        return Kind.XLS  # or an encrypted OOXML workbook: told apart when opened
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and archive.read("mimetype").strip().startswith(ODS_MIME):
                    return Kind.ODS
        except (zipfile.BadZipFile, OSError, KeyError, EOFError, RuntimeError, NotImplementedError):
            raise SheetError(t("sheets.file.corrupt_zip")) from None
        if "xl/workbook.xml" in names:
            return Kind.XLSX
        if "xl/workbook.bin" in names:
            raise SheetError(t("sheets.file.xlsb"))
        raise SheetError(t("sheets.file.zip_not_workbook"))
    return Kind.TSV  # text: TSV or CSV, decided once decoded


def _is_encrypted_ooxml(path: Path) -> bool:
    """An OLE2 container holding an encrypted OOXML workbook (it has an EncryptionInfo stream)."""
    with path.open("rb") as stream:
        head = stream.read(1024 * 1024)
    return "EncryptionInfo".encode("utf-16-le") in head or "EncryptedPackage".encode("utf-16-le") in head


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
    """An opened spreadsheet file: its kind and its sheets (read one at a time by ``sheets``)."""

    path: Path
    kind: str
    text: str = ""  # the decoded text of a tab-separated file (read by the tab-separated reader)
    _grids: list[Grid] | None = None

    def sheets(self) -> Iterator[Grid]:
        """Each sheet, in workbook order, hidden ones included (marked ``hidden``)."""
        if self._grids is not None:
            yield from self._grids
            return
        yield from _calamine_grids(self.path, self.kind)


def _calamine_grids(path: Path, kind: str) -> Iterator[Grid]:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetVisibleEnum

    from domain.sheets.decisions import is_decisions_sheet

    percent_cells: list[set[tuple[int, int]]] = []
    ods_extras: list[OdsSheet] = []
    if kind in (Kind.XLSX, Kind.ODS):
        try:
            with zipfile.ZipFile(path) as archive:
                if kind == Kind.XLSX:
                    parts = xlsx_sheet_parts(archive)
                    check_part_sizes(archive, parts)
                    styles = xlsx_percent_styles(archive)
                    percent_cells = [xlsx_percent_cells(archive, part, styles) if styles else set() for part in parts]
                else:
                    check_part_sizes(archive, ["content.xml"])
                    ods_extras = read_ods_extras(archive)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ElementTree.ParseError):
            raise SheetError(t("sheets.file.corrupt_zip")) from None
    elif kind == Kind.XLS:
        from domain.sheets.biff import percent_cells as xls_percent_cells

        percent_cells = xls_percent_cells(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise SheetError(t("sheets.file.encrypted")) from None
    except CalamineError as error:
        if kind == Kind.XLS and _is_encrypted_ooxml(path):
            raise SheetError(t("sheets.file.encrypted")) from None
        raise SheetError(t("sheets.file.corrupt", kind=kind, detail=_short(error))) from None
    except Exception as error:  # noqa: BLE001 - calamine raises plain errors for some damage
        raise SheetError(t("sheets.file.corrupt", kind=kind, detail=_short(error))) from None
    with workbook:
        for index, meta in enumerate(workbook.sheets_metadata):
            hidden = meta.visible != SheetVisibleEnum.Visible
            try:
                sheet = workbook.get_sheet_by_index(index)
            except PasswordError:
                raise SheetError(t("sheets.file.encrypted")) from None
            except Exception as error:  # noqa: BLE001
                raise SheetError(t("sheets.sheet.unreadable", sheet=meta.name, detail=_short(error))) from None
            if hidden:
                kept = _sheet_rows(sheet, set()) if is_decisions_sheet(meta.name) else []
                yield Grid(name=meta.name, rows=kept, hidden=True)
                continue
            percent = percent_cells[index] if index < len(percent_cells) else set()
            merges: list[Range] = []
            if kind == Kind.ODS:
                extra = ods_extras[index] if index < len(ods_extras) else OdsSheet([], set())
                merges, percent = extra.merges, extra.percent
            else:
                merges = [(top, left, bottom, right)
                          for (top, left), (bottom, right) in (sheet.merged_cell_ranges or [])]
            yield Grid(name=meta.name, rows=_sheet_rows(sheet, percent), merges=merges)


def _sheet_rows(sheet: object, percent: set[tuple[int, int]]) -> list[list[str]]:
    start = getattr(sheet, "start", None)
    if start is None:
        return []
    top, left = start
    height = getattr(sheet, "height", 0)
    if height > MAX_ROWS:
        raise SheetError(t("sheets.sheet.too_many_rows", sheet=getattr(sheet, "name", ""), limit=MAX_ROWS))
    keep = max(0, MAX_COLUMNS - left)
    listed = list(sheet.iter_rows())  # type: ignore[attr-defined]
    # calamine yields the rows above ``start`` too (blank) on some files and not on others: tell by the count
    first = 0 if len(listed) == top + height else top
    rows: list[list[str]] = [[] for _ in range(first)]
    for number, values in enumerate(listed, start=first):
        cells = [""] * left
        if percent:
            cells.extend(value_text(value, (number, column) in percent)
                         for column, value in enumerate(values[:keep], start=left))
        else:
            cells.extend(value_text(value) for value in values[:keep])
        while cells and not cells[-1]:
            cells.pop()
        rows.append(cells)
    return rows


def _short(error: object) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:120]


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
    kind = sniff(head, path)
    if kind in (Kind.XLSX, Kind.XLS, Kind.ODS):
        return Workbook(path=path, kind=kind)
    data = read_bytes_file(path, t("sheets.what.sheet_file"), MAX_SHEET_BYTES)
    text_kind, grids = _text_grids(data, path.name)
    if text_kind == Kind.TSV:
        return Workbook(path=path, kind=Kind.TSV, text=decode_sheet(data))
    return Workbook(path=path, kind=Kind.CSV, _grids=grids)

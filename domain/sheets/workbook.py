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
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from domain.messages import t
from domain.sheets.grid import Grid, Range, value_text
from domain.sheets.tsv import SheetError, decode_sheet

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"

# Bounds: a sheet whose XML is larger than this (uncompressed) is refused before it is read, so a zip bomb or
# a runaway export costs neither minutes nor gigabytes; the limits are far above any real form.
MAX_PART_BYTES = 400 * 1024 * 1024
MAX_TEXT_BYTES = 200 * 1024 * 1024
MAX_ROWS = 1_000_000
MAX_COLUMNS = 200  # cells right of this are never part of a form and are not read


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


# ---------------------------------------------------------------------------------------------- xlsx

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PERCENT_BUILTIN = {9, 10}
_QUOTED = re.compile(r'"[^"]*"|\\.')
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\s([^>]*?)/?>")
_ATTR_R = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_ATTR_S = re.compile(rb'\bs="([0-9]+)"')


def _percent_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indices of the cell formats (cellXfs) whose number format shows a percent."""
    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except (KeyError, ElementTree.ParseError):
        return set()
    percent_ids = set(_PERCENT_BUILTIN)
    for fmt in root.iter(f"{_NS_MAIN}numFmt"):
        code = _QUOTED.sub("", fmt.get("formatCode", ""))
        if "%" in code:
            percent_ids.add(int(fmt.get("numFmtId", "-1")))
    cell_xfs = root.find(f"{_NS_MAIN}cellXfs")
    if cell_xfs is None:
        return set()
    return {index for index, xf in enumerate(cell_xfs.findall(f"{_NS_MAIN}xf"))
            if int(xf.get("numFmtId", "0")) in percent_ids}


def _sheet_parts(archive: zipfile.ZipFile) -> list[str]:
    """The XML part of each sheet, in workbook order."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return []
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts: list[str] = []
    for sheet in workbook.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        parts.append(target.lstrip("/") if target.startswith("/") else "xl/" + target)
    return parts


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _percent_cells(archive: zipfile.ZipFile, part: str, styles: set[int]) -> set[tuple[int, int]]:
    """(row, column) of the cells of one sheet that carry a percent style, scanning the XML in chunks."""
    found: set[tuple[int, int]] = set()
    wanted = {str(style).encode() for style in styles}
    try:
        stream = archive.open(part)
    except KeyError:
        return found
    with stream:
        carry = b""
        while True:
            chunk = stream.read(1 << 20)
            data = carry + chunk
            end = data.rfind(b">") + 1 if chunk else len(data)
            for match in _CELL_TAG.finditer(data, 0, end):
                attributes = match.group(1)
                style = _ATTR_S.search(attributes)
                if style is None or style.group(1) not in wanted:
                    continue
                where = _ATTR_R.search(attributes)
                if where is not None:
                    found.add((int(where.group(2)) - 1, _column_index(where.group(1))))
            carry = data[end:]
            if not chunk:
                break
    return found


def _check_part_sizes(archive: zipfile.ZipFile, parts: list[str]) -> None:
    for part in parts:
        try:
            size = archive.getinfo(part).file_size
        except KeyError:
            continue
        if size > MAX_PART_BYTES:
            raise SheetError(t("sheets.file.too_large", limit=MAX_PART_BYTES // (1024 * 1024)))


# ----------------------------------------------------------------------------------------------- ods

_NS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_NS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


@dataclass
class _OdsSheet:
    merges: list[Range]
    percent: set[tuple[int, int]]


def _ods_extras(archive: zipfile.ZipFile) -> list[_OdsSheet]:
    """Merged ranges and percent cells of each table of an .ods (calamine gives neither), streamed."""
    sheets: list[_OdsSheet] = []
    table, row, column = f"{{{_NS_TABLE}}}table", f"{{{_NS_TABLE}}}table-row", f"{{{_NS_TABLE}}}table-cell"
    covered = f"{{{_NS_TABLE}}}covered-table-cell"
    rows_repeated, columns_repeated = f"{{{_NS_TABLE}}}number-rows-repeated", f"{{{_NS_TABLE}}}number-columns-repeated"
    rows_spanned, columns_spanned = f"{{{_NS_TABLE}}}number-rows-spanned", f"{{{_NS_TABLE}}}number-columns-spanned"
    value_type = f"{{{_NS_OFFICE}}}value-type"
    current: _OdsSheet | None = None
    row_index = column_index = 0
    with archive.open("content.xml") as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == table:
                    current = _OdsSheet([], set())
                    row_index = 0
                elif tag == row:
                    column_index = 0
                continue
            if tag in (column, covered) and current is not None:
                repeat = min(int(element.get(columns_repeated, "1")), MAX_COLUMNS)
                if tag == column:
                    down, across = int(element.get(rows_spanned, "1")), int(element.get(columns_spanned, "1"))
                    if down > 1 or across > 1:
                        current.merges.append((row_index, column_index, row_index + down - 1, column_index + across - 1))
                    if element.get(value_type) == "percentage" and row_index < MAX_ROWS:
                        for offset in range(repeat):
                            current.percent.add((row_index, column_index + offset))
                column_index += repeat
                element.clear()
            elif tag == row:
                row_index += int(element.get(rows_repeated, "1"))
                element.clear()
            elif tag == table and current is not None:
                sheets.append(current)
                current = None
                element.clear()
    return sheets


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

    percent_cells: list[set[tuple[int, int]]] = []
    ods_extras: list[_OdsSheet] = []
    if kind in (Kind.XLSX, Kind.ODS):
        try:
            with zipfile.ZipFile(path) as archive:
                if kind == Kind.XLSX:
                    parts = _sheet_parts(archive)
                    _check_part_sizes(archive, parts)
                    styles = _percent_styles(archive)
                    percent_cells = [_percent_cells(archive, part, styles) if styles else set() for part in parts]
                else:
                    _check_part_sizes(archive, ["content.xml"])
                    ods_extras = _ods_extras(archive)
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
                yield Grid(name=meta.name, rows=[], hidden=True)
                continue
            percent = percent_cells[index] if index < len(percent_cells) else set()
            merges: list[Range] = []
            if kind == Kind.ODS:
                extra = ods_extras[index] if index < len(ods_extras) else _OdsSheet([], set())
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
    rows: list[list[str]] = [[] for _ in range(top)]
    keep = max(0, MAX_COLUMNS - left)
    for number, values in enumerate(sheet.iter_rows(), start=top):  # type: ignore[attr-defined]
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

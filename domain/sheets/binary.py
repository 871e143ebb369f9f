"""A binary workbook (.xlsx, .xls, .ods) read into plain grids: the work the sandbox runs in its child.

The kind is told from the content: an OLE2 container is .xls (or an encrypted OOXML workbook), a zip is
.ods when its mimetype says so and .xlsx when it has ``xl/workbook.xml``. Every member of a zip is bounded
(``archive``) before calamine or our XML readers touch it. Cell values come from python-calamine; what
calamine does not tell — which numbers carry a percent format, and the merged ranges of an .ods — from the
file's own XML (``xml_extras``) or BIFF records (``biff``).

What leaves this module is plain data (``SheetData`` tuples of str, lists and ints), so the child's answer
is unpickled without naming a single class.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from domain.messages import t
from domain.sheets.archive import check_archive
from domain.sheets.grid import DECISIONS_SHEET, value_text
from domain.sheets.limits import MAX_COLUMNS, MAX_ROWS
from domain.sheets.tsv import SheetError
from domain.sheets.xml_extras import (
    OdsSheet,
    read_ods_extras,
    xlsx_percent_cells,
    xlsx_percent_styles,
    xlsx_sheet_parts,
)

XLSX, XLS, ODS = "xlsx", "xls", "ods"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    KeyError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
)

# One sheet: name, hidden, rows, merges as (top, left, bottom, right)
SheetData = tuple[str, bool, list[list[str]], list[tuple[int, int, int, int]]]


def zip_kind(archive: zipfile.ZipFile) -> str:
    """.ods or .xlsx, from a zip's members (anything else refused)."""
    names = set(archive.namelist())
    if "mimetype" in names:
        info = archive.getinfo("mimetype")
        if info.file_size <= 256 and archive.read(info).strip().startswith(ODS_MIME):
            return ODS
    if "xl/workbook.xml" in names:
        return XLSX
    if "xl/workbook.bin" in names:
        raise SheetError(t("sheets.file.xlsb"))
    raise SheetError(t("sheets.file.zip_not_workbook"))


def read_binary(path: str, kind: str) -> tuple[str, list[SheetData]]:
    """The kind (decided for a zip here) and every sheet of a binary workbook, hidden ones with no rows."""
    percent_cells: list[set[tuple[int, int]]] = []
    ods_extras: list[OdsSheet] = []
    if kind != XLS:
        try:
            with zipfile.ZipFile(path) as archive:
                check_archive(archive)
                kind = zip_kind(archive)
                if kind == XLSX:
                    parts = xlsx_sheet_parts(archive)
                    styles = xlsx_percent_styles(archive)
                    percent_cells = [xlsx_percent_cells(archive, part, styles) if styles else set() for part in parts]
                else:
                    ods_extras = read_ods_extras(archive)
        except SheetError:
            raise
        except _ZIP_ERRORS:
            raise SheetError(t("sheets.file.corrupt_zip")) from None
    else:
        from domain.sheets.biff import percent_cells as xls_percent_cells

        percent_cells = xls_percent_cells(Path(path))
    return kind, _calamine_sheets(path, kind, percent_cells, ods_extras)


def _is_encrypted_ooxml(path: str) -> bool:
    """An OLE2 container holding an encrypted OOXML workbook (it has an EncryptionInfo stream)."""
    with open(path, "rb") as stream:
        head = stream.read(1024 * 1024)
    return "EncryptionInfo".encode("utf-16-le") in head or "EncryptedPackage".encode("utf-16-le") in head


def _calamine_sheets(
    path: str, kind: str, percent_cells: list[set[tuple[int, int]]], ods_extras: list[OdsSheet]
) -> list[SheetData]:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetVisibleEnum

    try:
        workbook = CalamineWorkbook.from_path(path)
    except PasswordError:
        raise SheetError(t("sheets.file.encrypted")) from None
    except CalamineError as error:
        if kind == XLS and _is_encrypted_ooxml(path):
            raise SheetError(t("sheets.file.encrypted")) from None
        raise SheetError(t("sheets.file.corrupt", kind=kind, detail=short(error))) from None
    except Exception as error:  # noqa: BLE001 - calamine raises plain errors for some damage
        raise SheetError(t("sheets.file.corrupt", kind=kind, detail=short(error))) from None
    sheets: list[SheetData] = []
    with workbook:
        for index, meta in enumerate(workbook.sheets_metadata):
            hidden = meta.visible != SheetVisibleEnum.Visible
            if hidden and meta.name != DECISIONS_SHEET:  # of hidden sheets only an export's decisions are read
                sheets.append((meta.name, True, [], []))
                continue
            try:
                sheet = workbook.get_sheet_by_index(index)
            except PasswordError:
                raise SheetError(t("sheets.file.encrypted")) from None
            except Exception as error:  # noqa: BLE001
                raise SheetError(t("sheets.sheet.unreadable", sheet=meta.name, detail=short(error))) from None
            percent = percent_cells[index] if index < len(percent_cells) else set()
            merges: list[tuple[int, int, int, int]] = []
            if kind == ODS:
                extra = ods_extras[index] if index < len(ods_extras) else OdsSheet([], set())
                merges, percent = extra.merges, extra.percent
            else:
                merges = [
                    (top, left, bottom, right) for (top, left), (bottom, right) in (sheet.merged_cell_ranges or [])
                ]
            try:
                rows = _sheet_rows(sheet, percent, meta.name)
            except SheetError:
                raise
            except Exception as error:  # noqa: BLE001
                raise SheetError(t("sheets.sheet.unreadable", sheet=meta.name, detail=short(error))) from None
            sheets.append((meta.name, hidden, rows, merges))
    return sheets


def _sheet_rows(sheet: object, percent: set[tuple[int, int]], name: str) -> list[list[str]]:
    start = getattr(sheet, "start", None)
    if start is None:
        return []
    top, left = start
    height = getattr(sheet, "height", 0)
    if height > MAX_ROWS or top > MAX_ROWS:
        raise SheetError(t("sheets.sheet.too_many_rows", sheet=name, limit=MAX_ROWS))
    keep = max(0, MAX_COLUMNS - left)
    padding = min(left, MAX_COLUMNS)
    listed = list(sheet.iter_rows())  # type: ignore[attr-defined]
    # calamine yields the rows above ``start`` too (blank) on some files and not on others: tell by the count
    first = 0 if len(listed) == top + height else top
    rows: list[list[str]] = [[] for _ in range(first)]
    for number, values in enumerate(listed, start=first):
        cells = [""] * padding
        if percent:
            cells.extend(
                value_text(value, (number, column) in percent) for column, value in enumerate(values[:keep], start=left)
            )
        else:
            cells.extend(value_text(value) for value in values[:keep])
        while cells and not cells[-1]:
            cells.pop()
        rows.append(cells)
    return rows


def short(error: object) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:120]

"""What calamine does not tell, read from a workbook's own XML: percent cells, and the merged ranges of an .ods."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from domain.messages import t
from domain.sheets.grid import Range
from domain.sheets.limits import MAX_COLUMNS, MAX_PART_BYTES, MAX_ROWS
from domain.sheets.tsv import SheetError

# ---------------------------------------------------------------------------------------------- xlsx

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PERCENT_BUILTIN = {9, 10}
_QUOTED = re.compile(r'"[^"]*"|\\.')
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\s([^>]*?)/?>")
_ATTR_R = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_ATTR_S = re.compile(rb'\bs="([0-9]+)"')


def xlsx_percent_styles(archive: zipfile.ZipFile) -> set[int]:
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


def xlsx_sheet_parts(archive: zipfile.ZipFile) -> list[str]:
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


def xlsx_percent_cells(archive: zipfile.ZipFile, part: str, styles: set[int]) -> set[tuple[int, int]]:
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


def check_part_sizes(archive: zipfile.ZipFile, parts: list[str]) -> None:
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
class OdsSheet:
    merges: list[Range]
    percent: set[tuple[int, int]]


def read_ods_extras(archive: zipfile.ZipFile) -> list[OdsSheet]:
    """Merged ranges and percent cells of each table of an .ods (calamine gives neither), streamed."""
    sheets: list[OdsSheet] = []
    table, row, column = f"{{{_NS_TABLE}}}table", f"{{{_NS_TABLE}}}table-row", f"{{{_NS_TABLE}}}table-cell"
    covered = f"{{{_NS_TABLE}}}covered-table-cell"
    rows_repeated, columns_repeated = f"{{{_NS_TABLE}}}number-rows-repeated", f"{{{_NS_TABLE}}}number-columns-repeated"
    rows_spanned, columns_spanned = f"{{{_NS_TABLE}}}number-rows-spanned", f"{{{_NS_TABLE}}}number-columns-spanned"
    value_type = f"{{{_NS_OFFICE}}}value-type"
    current: OdsSheet | None = None
    row_index = column_index = 0
    with archive.open("content.xml") as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == table:
                    current = OdsSheet([], set())
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


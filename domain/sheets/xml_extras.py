"""What calamine does not tell, read from a workbook's own XML: percent cells, and the merged ranges of an .ods.

Every part is streamed (never built as a whole tree), every scan is linear in the size of the part, and a
number that is not one (a format id, a repeat count, a span) refuses the file with the part and attribute
named: a workbook read half right is worse than one refused. The parts have been bounded by ``archive``
before any of this runs.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO
from xml.etree import ElementTree

from domain.messages import t
from domain.sheets.grid import Range
from domain.sheets.limits import MAX_COLUMNS, MAX_ROWS
from domain.sheets.tsv import SheetError

# ---------------------------------------------------------------------------------------------- xlsx

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PERCENT_BUILTIN = {9, 10}
_QUOTED = re.compile(r'"[^"]*"|\\.')
# A cell's start tag: its attributes may hold neither '<' nor '>', so each match attempt stops at the next
# bracket and the scan stays linear however the part is made.
_CELL_TAG = re.compile(rb"<(?:\w{1,16}:)?c\s([^<>]{0,4096})>")
_ATTR_R = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_ATTR_S = re.compile(rb'\bs="([0-9]{1,9})"')
_MAX_CARRY = 8192  # a start tag longer than this is not a cell's
_LAST_ROW, _LAST_COLUMN = 1_048_576, 16_384
_LARGEST_ID = 1 << 31


def _number(text: str, part: str, attribute: str, low: int = 0, high: int = _LARGEST_ID) -> int:
    """A whole number an attribute must hold; anything else refuses the file, naming where."""
    value = text.strip()
    if not (value.isascii() and value.lstrip("-").isdigit() and len(value) <= 12 and low <= int(value) <= high):
        raise SheetError(t("sheets.bounds.bad_number", part=part, attribute=attribute, value=text[:40]))
    return int(value)


def _elements(archive: zipfile.ZipFile, part: str) -> Iterator[tuple[str, ElementTree.Element]]:
    """(event, element) of a part, streamed; a part that is not well-formed XML refuses the file."""
    try:
        stream: IO[bytes] = archive.open(part)
    except KeyError:
        return
    with stream:
        try:
            yield from ElementTree.iterparse(stream, events=("start", "end"))
        except ElementTree.ParseError as error:
            raise SheetError(t("sheets.bounds.bad_xml", part=part, detail=str(error)[:120])) from None


def xlsx_percent_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indices of the cell formats (cellXfs) whose number format shows a percent."""
    part = "xl/styles.xml"
    percent_ids = set(_PERCENT_BUILTIN)
    formats: list[int] = []
    inside_xfs = False
    for event, element in _elements(archive, part):
        tag = element.tag
        if tag == f"{_NS_MAIN}cellXfs":
            inside_xfs = event == "start"
        elif event == "end" and tag == f"{_NS_MAIN}numFmt":
            code = _QUOTED.sub("", element.get("formatCode", ""))
            if "%" in code:
                percent_ids.add(_number(element.get("numFmtId", ""), part, "numFmtId"))
            element.clear()
        elif event == "end" and tag == f"{_NS_MAIN}xf" and inside_xfs:
            formats.append(_number(element.get("numFmtId", "0"), part, "numFmtId"))
            element.clear()
    return {index for index, number in enumerate(formats) if number in percent_ids}


def xlsx_sheet_parts(archive: zipfile.ZipFile) -> list[str]:
    """The XML part of each sheet, in workbook order (a workbook that cannot say which is refused)."""
    targets: dict[str | None, str] = {}
    for event, element in _elements(archive, "xl/_rels/workbook.xml.rels"):
        if event == "end" and element.tag in (f"{_NS_PACKAGE_REL}Relationship", "Relationship"):
            targets[element.get("Id")] = element.get("Target", "")
            element.clear()
    parts: list[str] = []
    found = False
    for event, element in _elements(archive, "xl/workbook.xml"):
        found = True
        if event == "end" and element.tag == f"{_NS_MAIN}sheet":
            target = targets.get(element.get(f"{_NS_REL}id"), "")
            parts.append(target.lstrip("/") if target.startswith("/") else "xl/" + target)
            element.clear()
    if not found:
        raise SheetError(t("sheets.bounds.missing_part", part="xl/workbook.xml"))
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
                    row, column = int(where.group(2)) - 1, _column_index(where.group(1))
                    if 0 <= row < _LAST_ROW and 0 <= column < _LAST_COLUMN:
                        found.add((row, column))
            carry = data[end:][-_MAX_CARRY:]  # what follows the last '>' (a tag cut by the chunk), bounded
            if not chunk:
                break
    return found


# ----------------------------------------------------------------------------------------------- ods

_NS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_NS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


@dataclass
class OdsSheet:
    merges: list[Range]
    percent: set[tuple[int, int]]


def read_ods_extras(archive: zipfile.ZipFile) -> list[OdsSheet]:
    """Merged ranges and percent cells of each table of an .ods (calamine gives neither), streamed."""
    part = "content.xml"
    sheets: list[OdsSheet] = []
    table, row, column = f"{{{_NS_TABLE}}}table", f"{{{_NS_TABLE}}}table-row", f"{{{_NS_TABLE}}}table-cell"
    covered = f"{{{_NS_TABLE}}}covered-table-cell"
    rows_repeated, columns_repeated = f"{{{_NS_TABLE}}}number-rows-repeated", f"{{{_NS_TABLE}}}number-columns-repeated"
    rows_spanned, columns_spanned = f"{{{_NS_TABLE}}}number-rows-spanned", f"{{{_NS_TABLE}}}number-columns-spanned"
    value_type = f"{{{_NS_OFFICE}}}value-type"
    current: OdsSheet | None = None
    row_index = column_index = 0
    if part not in archive.namelist():
        raise SheetError(t("sheets.bounds.missing_part", part=part))

    def count(element: ElementTree.Element, attribute: str, name: str) -> int:
        text = element.get(attribute)
        return 1 if text is None else _number(text, part, name, 1, _LARGEST_ID)

    for event, element in _elements(archive, part):
        tag = element.tag
        if event == "start":
            if tag == table:
                current = OdsSheet([], set())
                row_index = 0
            elif tag == row:
                column_index = 0
            continue
        if tag in (column, covered) and current is not None:
            repeat = count(element, columns_repeated, "table:number-columns-repeated")
            if tag == column:
                down = count(element, rows_spanned, "table:number-rows-spanned")
                across = count(element, columns_spanned, "table:number-columns-spanned")
                if (down > 1 or across > 1) and row_index < MAX_ROWS and column_index < MAX_COLUMNS:
                    current.merges.append((row_index, column_index, row_index + down - 1, column_index + across - 1))
                if element.get(value_type) == "percentage" and row_index < MAX_ROWS:
                    for offset in range(min(repeat, max(0, MAX_COLUMNS - column_index))):
                        current.percent.add((row_index, column_index + offset))
            column_index += repeat
            element.clear()
        elif tag == row:
            row_index += count(element, rows_repeated, "table:number-rows-repeated")
            element.clear()
        elif tag == table and current is not None:
            sheets.append(current)
            current = None
            element.clear()
    return sheets

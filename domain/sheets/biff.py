"""Which number cells of a BIFF8 workbook (.xls) carry a percent format — the one thing calamine does not say.

Reads the OLE2 container's Workbook stream, the FORMAT and XF records of its globals, and the NUMBER, RK,
MULRK and FORMULA records of each sheet; nothing else. A sector chain that comes back on itself (which would
otherwise be followed until memory runs out) refuses the file; any other damage gives an empty answer (the
values are still read by calamine, which reports damage itself). Every chain is bounded by the sectors the
file holds.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path

from domain.messages import t
from domain.sheets.limits import MAX_OLE_SECTORS, MAX_WORKBOOK_BYTES
from domain.sheets.tsv import SheetError

_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
_QUOTED = re.compile(r'"[^"]*"|\\.')
_MAX_SECTORS = MAX_OLE_SECTORS


class _Damaged(Exception):
    pass


def _looping() -> SheetError:
    return SheetError(t("sheets.bounds.xls_loop"))


def _chain(fat: list[int], start: int, limit: int = _MAX_SECTORS) -> list[int]:
    """The sectors of a chain from ``start``: each at most once (a loop refuses the file), at most ``limit``."""
    sectors: list[int] = []
    seen: set[int] = set()
    sector = start
    while sector not in (_END_OF_CHAIN, _FREE):
        if sector >= len(fat) or len(sectors) >= limit:
            raise _Damaged
        if sector in seen:
            raise _looping()
        seen.add(sector)
        sectors.append(sector)
        sector = fat[sector]
    return sectors


def workbook_stream(data: bytes) -> bytes:
    """The bytes of the Workbook (or Book) stream of an OLE2 compound file."""
    if len(data) < 512:
        raise _Damaged
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if sector_shift not in (9, 12) or mini_shift != 6:
        raise _Damaged
    sector_size, mini_size = 1 << sector_shift, 1 << mini_shift
    sectors_in_file = len(data) // sector_size
    (first_directory,) = struct.unpack_from("<I", data, 0x30)
    cutoff, first_minifat, minifat_count, first_difat, difat_count = struct.unpack_from("<IIIII", data, 0x38)

    def sector(number: int) -> bytes:
        offset = 512 + number * sector_size
        if number >= sectors_in_file or offset + sector_size > len(data) + sector_size:
            raise _Damaged
        return data[offset : offset + sector_size]

    difat = [entry for entry in struct.unpack_from("<109I", data, 0x4C) if entry not in (_FREE, _END_OF_CHAIN)]
    next_difat = first_difat
    visited: set[int] = set()
    for _ in range(min(difat_count, sectors_in_file)):
        if next_difat in (_FREE, _END_OF_CHAIN):
            break
        if next_difat in visited:
            raise _looping()
        visited.add(next_difat)
        block = sector(next_difat)
        numbers = struct.unpack(f"<{sector_size // 4}I", block)
        difat.extend(entry for entry in numbers[:-1] if entry not in (_FREE, _END_OF_CHAIN))
        next_difat = numbers[-1]
    if len(difat) > sectors_in_file:
        raise _Damaged
    fat: list[int] = []
    for number in difat:
        fat.extend(struct.unpack(f"<{sector_size // 4}I", sector(number)))
    limit = min(_MAX_SECTORS, sectors_in_file)
    directory = b"".join(sector(number) for number in _chain(fat, first_directory, limit))
    entries: list[tuple[str, int, int, int]] = []
    for offset in range(0, len(directory) - 127, 128):
        length = struct.unpack_from("<H", directory, offset + 64)[0]
        name = directory[offset : offset + max(0, length - 2)].decode("utf-16-le", "replace")
        kind = directory[offset + 66]
        start, size = struct.unpack_from("<II", directory, offset + 116)
        entries.append((name, kind, start, size))
    if not entries:
        raise _Damaged
    root = entries[0]
    for name, kind, start, size in entries:
        if kind == 2 and name in ("Workbook", "Book"):
            if size >= cutoff:
                return b"".join(sector(number) for number in _chain(fat, start, limit))[:size]
            minifat: list[int] = []
            for number in _chain(fat, first_minifat, limit)[:minifat_count]:
                minifat.extend(struct.unpack(f"<{sector_size // 4}I", sector(number)))
            ministream = b"".join(sector(number) for number in _chain(fat, root[2], limit))
            mini_limit = len(ministream) // mini_size + 1
            return b"".join(
                ministream[n * mini_size : (n + 1) * mini_size] for n in _chain(minifat, start, mini_limit)
            )[:size]
    raise _Damaged


def _records(stream: bytes, start: int = 0) -> Iterator[tuple[int, bytes]]:
    offset = start
    end = len(stream)
    while offset + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, offset)
        yield kind, stream[offset + 4 : offset + 4 + length]
        offset += 4 + length
        if kind == 0x000A and offset > start + 4:  # EOF of a substream
            return


def _format_text(data: bytes) -> str:
    if len(data) < 5:
        return ""
    count, flags = struct.unpack_from("<HB", data, 2)
    raw = data[5:]
    return raw[: count * 2].decode("utf-16-le", "replace") if flags & 1 else raw[:count].decode("latin-1")


def percent_cells(path: Path) -> list[set[tuple[int, int]]]:
    """For each sheet (in workbook order), the (row, column) of number cells with a percent format; a sector
    chain that loops raises SheetError."""
    try:
        with Path(path).open("rb") as stream:
            data = stream.read(MAX_WORKBOOK_BYTES + 1)
        if len(data) > MAX_WORKBOOK_BYTES:
            raise SheetError(t("sheets.bounds.file_too_large", limit=MAX_WORKBOOK_BYTES // (1024 * 1024)))
        return _percent_cells(data)
    except SheetError:
        raise
    except (_Damaged, struct.error, IndexError, ValueError, OverflowError, OSError):
        return []


def _percent_cells(data: bytes) -> list[set[tuple[int, int]]]:
    stream = workbook_stream(data)
    percent_formats = {9, 10}
    xf_formats: list[int] = []
    sheets: list[int] = []
    for kind, body in _records(stream):
        if kind == 0x041E:  # FORMAT
            if "%" in _QUOTED.sub("", _format_text(body)):
                percent_formats.add(struct.unpack_from("<H", body, 0)[0])
        elif kind == 0x00E0:  # XF
            xf_formats.append(struct.unpack_from("<H", body, 2)[0])
        elif kind == 0x0085:  # BOUNDSHEET
            sheets.append(struct.unpack_from("<I", body, 0)[0])
        elif kind == 0x002F:  # FILEPASS: encrypted, calamine says so
            return []
    percent_xf = {index for index, fmt in enumerate(xf_formats) if fmt in percent_formats}
    result: list[set[tuple[int, int]]] = []
    for position in sheets:
        cells: set[tuple[int, int]] = set()
        if percent_xf and 0 <= position < len(stream):
            for kind, body in _records(stream, position):
                if kind in (0x0203, 0x027E, 0x0006) and len(body) >= 6:  # NUMBER, RK, FORMULA
                    row, column, xf = struct.unpack_from("<HHH", body, 0)
                    if xf in percent_xf:
                        cells.add((row, column))
                elif kind == 0x00BD and len(body) >= 6:  # MULRK
                    row, first = struct.unpack_from("<HH", body, 0)
                    count = (len(body) - 6) // 6
                    for index in range(count):
                        xf = struct.unpack_from("<H", body, 4 + index * 6)[0]
                        if xf in percent_xf:
                            cells.add((row, first + index))
        result.append(cells)
    return result

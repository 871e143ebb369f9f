"""Hostile workbooks: crafted cases for each way a workbook has hurt a reader, and seeded mutations of the
fixture workbooks (.xlsx, .xls, .ods).

``crafted()`` makes the crafted corpus (zip bombs in each part the reader touches, size lies, huge
dimensions and repeat counts, a looping .xls sector chain, bad number formats and cell references, DTDs …),
byte for byte the same on every run; ``python -m tests.fuzz.workbooks`` writes it to
fixtures/workbooks/crafted/. ``mutations(seed, count)`` derives damaged copies of the fixture workbooks
(byte flips, zip members corrupted, sizes that lie, truncation) from a seeded generator.
"""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "workbooks"
CRAFTED = FIXTURES / "crafted"
BASES = {
    ".xlsx": FIXTURES / "central-2022.xlsx",
    ".xls": FIXTURES / "central-2022.xls",
    ".ods": FIXTURES / "central-2022.ods",
}
MIB = 1024 * 1024
BOMB = 30 * MIB  # a part of this many blanks: far past the compression ratio the reader allows

# ------------------------------------------------------------------------------------------- zip tools


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    """A zip of the members in order (the .ods mimetype stored, everything else deflated at level 9)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            if name == "mimetype":
                archive.writestr(info, body, compress_type=zipfile.ZIP_STORED)
            else:
                archive.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buffer.getvalue()


def replaced(
    base: bytes, changes: dict[str, bytes | Callable[[bytes], bytes]], extra: list[tuple[str, bytes]] = ()
) -> bytes:  # type: ignore[assignment]
    """The zip ``base`` with some members' bodies replaced (a bytes value or a function of the old body)."""
    members = []
    for info, body in _members(base):
        change = changes.get(info.filename)
        if change is not None:
            body = change(body) if callable(change) else change
        members.append((info.filename, body))
    return _zip(members + list(extra))


def lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """The zip with ``member``'s uncompressed size declared as ``size`` in its local and central headers."""
    out = bytearray(data)
    encoded = member.encode()
    at = 0
    while True:
        at = out.find(b"PK\x03\x04", at)
        if at < 0:
            break
        name_length = struct.unpack_from("<H", out, at + 26)[0]
        if bytes(out[at + 30 : at + 30 + name_length]) == encoded:
            struct.pack_into("<I", out, at + 22, size)
        at += 4
    at = 0
    while True:
        at = out.find(b"PK\x01\x02", at)
        if at < 0:
            break
        name_length = struct.unpack_from("<H", out, at + 28)[0]
        if bytes(out[at + 46 : at + 46 + name_length]) == encoded:
            struct.pack_into("<I", out, at + 24, size)
        at += 4
    return bytes(out)


def _padded_xml(body: bytes, size: int) -> bytes:
    """The XML with a comment of about ``size`` bytes after its declaration (compresses to almost nothing)."""
    end = body.find(b"?>") + 2 if body.startswith(b"<?xml") else 0
    return body[:end] + b"<!--" + b" " * size + b"-->" + body[end:]


def _ref_in_first_cell(body: bytes, ref: bytes) -> bytes:
    return re.sub(rb'(<c\b[^>]*?\br=")[^"]*(")', lambda match: match.group(1) + ref + match.group(2), body, count=1)


def _flip_numfmt(value: bytes) -> Callable[[bytes], bytes]:
    def change(body: bytes) -> bytes:
        body = re.sub(rb'numFmtId="[0-9]+"', b'numFmtId="' + value + b'"', body, count=2)
        if b"<numFmts" not in body:  # make sure a custom percent format is there to be read
            body = body.replace(
                b"<fonts",
                b'<numFmts count="1"><numFmt numFmtId="' + value + b'" formatCode="0.0%"/></numFmts><fonts',
                1,
            )
        return body

    return change


_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10) for n in range(1, 10))
    + b"]>"
)


def _with_dtd(body: bytes) -> bytes:
    """The XML behind a billion-laughs DTD, with the deepest entity used in its first text."""
    start = body.find(b"?>") + 2 if body.startswith(b"<?xml") else 0
    text = body[start:]
    text = re.sub(rb"(<text:p>)", rb"\1&lol9;", text, count=1)
    return _LAUGHS + text


# --------------------------------------------------------------------------------------------- xls tools


def _ole(data: bytes) -> tuple[int, list[int], list[int]]:
    """Sector size, FAT sector numbers and the FAT of an OLE2 file (header DIFAT only: fixtures are small)."""
    sector_size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    difat = [n for n in struct.unpack_from("<109I", data, 0x4C) if n < 0xFFFFFFFA]
    fat: list[int] = []
    for number in difat:
        fat.extend(struct.unpack_from(f"<{sector_size // 4}I", data, 512 + number * sector_size))
    return sector_size, difat, fat


def _set_fat(data: bytes, index: int, value: int) -> bytes:
    sector_size, difat, _ = _ole(data)
    per = sector_size // 4
    out = bytearray(data)
    struct.pack_into("<I", out, 512 + difat[index // per] * sector_size + (index % per) * 4, value)
    return bytes(out)


def _workbook_start(data: bytes) -> int:
    sector_size, _, fat = _ole(data)
    directory = struct.unpack_from("<I", data, 0x30)[0]
    entries = data[512 + directory * sector_size : 512 + (directory + 1) * sector_size]
    for offset in range(0, len(entries), 128):
        length = struct.unpack_from("<H", entries, offset + 64)[0]
        if entries[offset : offset + length - 2].decode("utf-16-le", "replace") in ("Workbook", "Book"):
            return struct.unpack_from("<I", entries, offset + 116)[0]
    raise ValueError("no Workbook stream")


def _xls_loop(data: bytes) -> bytes:
    """The Workbook stream's chain made to come back to its first sector after two steps."""
    start = _workbook_start(data)
    _, _, fat = _ole(data)
    second = fat[start]
    return _set_fat(data, second, start)


def _xls_self_loop(data: bytes) -> bytes:
    start = _workbook_start(data)
    return _set_fat(data, start, start)


def _xls_directory_loop(data: bytes) -> bytes:
    directory = struct.unpack_from("<I", data, 0x30)[0]
    return _set_fat(data, directory, directory)


def _xls_header(offset: int, fmt: str, value: int) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        out = bytearray(data)
        struct.pack_into(fmt, out, offset, value)
        return bytes(out)

    return change


def _xls_out_of_bounds(data: bytes) -> bytes:
    start = _workbook_start(data)
    return _set_fat(data, start, 0x00FFFFFF)


# ------------------------------------------------------------------------------------------ the corpus


def _sheet_bomb(body: bytes) -> bytes:
    """A sheet of a million rows of styled cells in a few hundred kilobytes."""
    filler = b"<row><c><v>1</v></c></row>" * 1_100_000
    return re.sub(rb"<sheetData>.*</sheetData>", lambda _: b"<sheetData>" + filler + b"</sheetData>", body, flags=re.S)


def _no_close_bracket(body: bytes) -> bytes:
    """A sheet holding a run of 40 MiB of cell starts with no '>' (the percent scan must stay linear)."""
    return body.replace(b"</sheetData>", b"</sheetData><!--" + b"<c s=1 " * (20 * MIB // 7) + b"-->", 1)


def crafted() -> dict[str, bytes]:
    """Every crafted case by file name (the suffix is the kind the file claims to be)."""
    xlsx, xls, ods = (BASES[suffix].read_bytes() for suffix in (".xlsx", ".xls", ".ods"))
    sheet = "xl/worksheets/sheet1.xml"
    cases: dict[str, bytes] = {
        # zip bombs in each part the reader touches, declared truthfully (refused by the declared size)
        "bomb-shared-strings.xlsx": replaced(
            xlsx,
            {},
            [
                (
                    "xl/sharedStrings.xml",
                    _padded_xml(
                        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
                        BOMB,
                    ),
                )
            ],
        ),
        "bomb-styles.xlsx": replaced(xlsx, {"xl/styles.xml": lambda body: _padded_xml(body, BOMB)}),
        "bomb-workbook.xlsx": replaced(xlsx, {"xl/workbook.xml": lambda body: _padded_xml(body, BOMB)}),
        "bomb-sheet.xlsx": replaced(xlsx, {sheet: lambda body: _padded_xml(body, BOMB)}),
        "bomb-theme.xlsx": replaced(xlsx, {"xl/theme/theme1.xml": lambda body: _padded_xml(body, BOMB)}),
        "oversized-workbook.xlsx": replaced(xlsx, {"xl/workbook.xml": lambda body: _padded_xml(body, 70 * MIB)}),
        "many-rows.xlsx": replaced(xlsx, {sheet: _sheet_bomb}),
        "no-close-bracket.xlsx": replaced(xlsx, {sheet: _no_close_bracket}),
        "many-members.xlsx": replaced(xlsx, {}, [(f"m/{n}", b"") for n in range(2_100)]),
        # the same bombs with their sizes lying (declared tiny)
        "lie-shared-strings.xlsx": lie_about_size(
            replaced(
                xlsx,
                {},
                [
                    (
                        "xl/sharedStrings.xml",
                        _padded_xml(
                            b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
                            BOMB,
                        ),
                    )
                ],
            ),
            "xl/sharedStrings.xml",
            100,
        ),
        "lie-styles.xlsx": lie_about_size(
            replaced(xlsx, {"xl/styles.xml": lambda b: _padded_xml(b, BOMB)}), "xl/styles.xml", 5000
        ),
        "lie-sheet.xlsx": lie_about_size(replaced(xlsx, {sheet: lambda b: _padded_xml(b, BOMB)}), sheet, 10_000),
        "lie-small.xlsx": lie_about_size(xlsx, "xl/workbook.xml", 10),
        # what the sheet says about itself
        "huge-dimension.xlsx": replaced(
            xlsx, {sheet: lambda body: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', body)}
        ),
        "huge-dimension-only.xlsx": replaced(
            xlsx,
            {
                sheet: lambda body: re.sub(
                    rb"<sheetData>.*</sheetData>",
                    b'<sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>',
                    re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', body),
                    flags=re.S,
                )
            },
        ),
        "ref-last-cell.xlsx": replaced(xlsx, {sheet: lambda body: _ref_in_first_cell(body, b"XFD1048576")}),
        "ref-garbage.xlsx": replaced(xlsx, {sheet: lambda body: _ref_in_first_cell(body, b"garbage!")}),
        "ref-zero.xlsx": replaced(xlsx, {sheet: lambda body: _ref_in_first_cell(body, b"A0")}),
        "ref-enormous.xlsx": replaced(
            xlsx, {sheet: lambda body: _ref_in_first_cell(body, b"ZZZZZZZZ99999999999999999")}
        ),
        "numfmt-text.xlsx": replaced(xlsx, {"xl/styles.xml": _flip_numfmt(b"abc")}),
        "numfmt-negative.xlsx": replaced(xlsx, {"xl/styles.xml": _flip_numfmt(b"-99999999999999999999")}),
        "style-index-text.xlsx": replaced(
            xlsx, {sheet: lambda body: re.sub(rb'\bs="[0-9]+"', b's="x"', body, count=3)}
        ),
        "dtd-shared-strings.xlsx": replaced(
            xlsx,
            {},
            [
                (
                    "xl/sharedStrings.xml",
                    _LAUGHS + b'<sst xmlns="http://'
                    b'schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t>'
                    b"</si></sst>",
                )
            ],
        ),
        "dtd-styles.xlsx": replaced(xlsx, {"xl/styles.xml": lambda body: _LAUGHS + body[body.find(b"?>") + 2 :]}),
        "workbook-missing-rels.xlsx": replaced(xlsx, {"xl/_rels/workbook.xml.rels": b"<Relationships/>"}),
        "workbook-not-xml.xlsx": replaced(xlsx, {"xl/workbook.xml": b"<workbook><sheets><sheet"}),
        "sheet-outside.xlsx": replaced(
            xlsx,
            {
                "xl/_rels/workbook.xml.rels": lambda body: body.replace(
                    b'Target="worksheets/sheet1.xml"', b'Target="../../../../etc/passwd"'
                )
            },
        ),
        "zlib-damage.xlsx": _damage_deflate(xlsx, "xl/styles.xml"),
        "truncated.xlsx": xlsx[: len(xlsx) // 2],
        # .ods
        "ods-repeat-text.ods": replaced(
            ods,
            {
                "content.xml": lambda body: re.sub(
                    rb"<table:table-cell\b", b'<table:table-cell table:number-columns-repeated="lots"', body, count=1
                )
            },
        ),
        "ods-rows-repeat-text.ods": replaced(
            ods,
            {
                "content.xml": lambda body: re.sub(
                    rb"<table:table-row\b", b'<table:table-row table:number-rows-repeated="many"', body, count=1
                )
            },
        ),
        "ods-span-text.ods": replaced(
            ods,
            {
                "content.xml": lambda body: re.sub(
                    rb"<table:table-cell\b", b'<table:table-cell table:number-columns-spanned="two"', body, count=1
                )
            },
        ),
        "ods-repeat-huge.ods": replaced(
            ods,
            {
                "content.xml": lambda body: re.sub(
                    rb"<table:table-row\b([^>]*)>",
                    rb'<table:table-row\1 table:number-rows-repeated="1048576">',
                    body,
                    count=1,
                )
            },
        ),
        "ods-cells-huge.ods": replaced(
            ods,
            {
                "content.xml": lambda body: re.sub(
                    rb'<table:table-cell office:value-type="string"',
                    b'<table:table-cell table:number-columns-repeated="16384" office:value-type="string"',
                    body,
                    count=200,
                )
            },
        ),
        "ods-repeat-negative.ods": replaced(
            ods,
            {
                "content.xml": lambda body: re.sub(
                    rb"<table:table-cell\b", b'<table:table-cell table:number-columns-repeated="-5"', body, count=1
                )
            },
        ),
        "ods-dtd.ods": replaced(ods, {"content.xml": _with_dtd}),
        "ods-bomb-content.ods": replaced(ods, {"content.xml": lambda body: _padded_xml(body, BOMB)}),
        "ods-bomb-styles.ods": replaced(ods, {"styles.xml": lambda body: _padded_xml(body, BOMB)}),
        "ods-lie-content.ods": lie_about_size(
            replaced(ods, {"content.xml": lambda b: _padded_xml(b, BOMB)}), "content.xml", 60_000
        ),
        "ods-no-content.ods": _zip([("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")]),
        "ods-zlib-damage.ods": _damage_deflate(ods, "content.xml"),
        # .xls
        "xls-chain-loop.xls": _xls_loop(xls),
        "xls-chain-self.xls": _xls_self_loop(xls),
        "xls-directory-loop.xls": _xls_directory_loop(xls),
        "xls-sector-shift.xls": _xls_header(0x1E, "<H", 40)(xls),
        "xls-mini-shift.xls": _xls_header(0x20, "<H", 30)(xls),
        "xls-fat-out-of-bounds.xls": _xls_out_of_bounds(xls),
        "xls-difat-loop.xls": _xls_header(0x44, "<I", 0)(_xls_header(0x48, "<I", 0xFFFFFF)(xls)),
        "xls-truncated.xls": xls[: len(xls) // 3],
        "xls-header-only.xls": xls[:512],
    }
    return cases


def _damage_deflate(data: bytes, member: str) -> bytes:
    """The zip with the middle of ``member``'s compressed bytes overwritten (zlib fails on it)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    for offset in range(start + info.compress_size // 3, start + info.compress_size // 3 + 16):
        out[offset] = 0xFF
    return bytes(out)


# ----------------------------------------------------------------------------------------- mutations


def _mutate_zip(data: bytes, rng: random.Random) -> bytes:
    members = _members(data)
    choice = rng.randrange(6)
    index = rng.randrange(len(members))
    info = members[index][0]
    if choice == 0:  # a member's size lies
        return lie_about_size(
            data, info.filename, rng.choice([0, 1, info.file_size // 2, info.file_size * 7, 0xFFFFFFFF, 0x7FFFFFFF])
        )
    if choice == 1:  # a member's XML mangled (a span repeated, deleted or an attribute garbled), re-zipped
        body = members[index][1]
        at = rng.randrange(len(body) + 1)
        end = min(len(body), at + rng.randint(1, 300))
        kind = rng.randrange(4)
        if kind == 0:
            body = body[:end] + body[at:end] * rng.randint(2, 2000) + body[end:]
        elif kind == 1:
            body = body[:at] + body[end:]
        elif kind == 2:
            body = re.sub(
                rb'="[^"]*"',
                lambda _: (
                    b'="' + rng.choice([b"", b"-1", b"x", b"99999999999", b"1e9", b"A0", b"XFD1048576", b"\xff"]) + b'"'
                ),
                body,
                count=rng.randint(1, 20),
            )
        else:
            body = body[:at]
        return _zip(
            [(item.filename, body if number == index else content) for number, (item, content) in enumerate(members)]
        )
    if choice == 2:  # bytes of a member's compressed data flipped
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            if info.compress_size:
                out[start + rng.randrange(info.compress_size)] ^= 1 << rng.randrange(8)
        return bytes(out)
    if choice == 3:  # a member dropped
        return _zip([(item.filename, content) for number, (item, content) in enumerate(members) if number != index])
    return _flip(data, rng) if choice == 4 else data[: rng.randrange(len(data))]


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _mutate_xls(data: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(5)
    if choice == 0:  # the header's numbers (sector shifts, directory, FAT counts, DIFAT)
        out = bytearray(data)
        offset = rng.choice([0x1E, 0x20, 0x2C, 0x30, 0x38, 0x3C, 0x40, 0x44, 0x48, 0x4C])
        struct.pack_into(
            "<I" if offset >= 0x2C else "<H",
            out,
            offset,
            rng.choice([0, 1, 2, 7, 40, 0xFFFF, 0xFFFFFFFE, 0xFFFFFFFF, 0x7FFFFFFF])
            & (0xFFFFFFFF if offset >= 0x2C else 0xFFFF),
        )
        return bytes(out)
    if choice == 1:  # a FAT entry pointing somewhere else (often a loop)
        sector_size, _, fat = _ole(data)
        index = rng.randrange(len(fat))
        return _set_fat(data, index, rng.choice([index, rng.randrange(len(fat)), 0xFFFFFFFE, 0xFFFFFFFF, 0x0FFFFFFF]))
    if choice == 2:  # a BIFF record's length changed
        out = bytearray(data)
        for _ in range(rng.randint(1, 5)):
            at = rng.randrange(512, len(out) - 4)
            struct.pack_into("<H", out, at, rng.choice([0, 1, 0xFFFF, rng.randrange(0x10000)]))
        return bytes(out)
    return _flip(data, rng) if choice == 3 else data[: rng.randrange(len(data))]


def mutations(seed: int, count: int) -> list[tuple[str, bytes]]:
    """``count`` damaged copies of the fixture workbooks, named by number and suffix, the same for a seed."""
    rng = random.Random(f"workbooks:{seed}")
    suffixes = sorted(BASES)
    bases = {suffix: BASES[suffix].read_bytes() for suffix in suffixes}
    found: list[tuple[str, bytes]] = []
    for number in range(count):
        suffix = suffixes[number % len(suffixes)]
        data = bases[suffix]
        for _ in range(rng.randint(1, 3)):
            try:
                data = _mutate_xls(data, rng) if suffix == ".xls" else _mutate_zip(data, rng)
            except Exception:  # noqa: BLE001 - an earlier mutation left nothing to unpack: damage it plainly
                data = _flip(data, rng) if data else bases[suffix]
        found.append((f"w{number:05d}{suffix}", data))
    return found


def write_crafted(folder: Path = CRAFTED) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file() and old.suffix in BASES:
            old.unlink()
    written = []
    for name, data in sorted(crafted().items()):
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_crafted():
        print(f"{path.stat().st_size:>9}  {path.relative_to(ROOT)}")

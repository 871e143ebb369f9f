"""Every member of a workbook's zip measured before anything parses it.

What each member declares (its size, its compression ratio, the count and sum of them all) is checked from
the central directory; then each member is inflated once, counted and CRC-checked, so a size that lies, a
damaged deflate stream or a DTD (entity expansion) is refused before calamine or our XML readers see it.
Each refusal is a ``SheetError`` naming the member.
"""

from __future__ import annotations

import zipfile
import zlib

from domain.messages import t
from domain.sheets import limits
from domain.sheets.tsv import SheetError

_CHUNK = 1 << 20
_DOCTYPE = b"<!DOCTYPE"
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def _mib(size: int) -> int:
    return size // limits.MIB


def check_declared(archive: zipfile.ZipFile) -> None:
    """The central directory's word on each member: how many, how large each and all, how compressed."""
    members = archive.infolist()
    if len(members) > limits.MAX_MEMBERS:
        raise SheetError(t("sheets.bounds.members", count=len(members), limit=limits.MAX_MEMBERS))
    total = 0
    for info in members:
        if info.file_size > limits.MAX_PART_BYTES:
            raise SheetError(t("sheets.bounds.part_too_large", part=info.filename, limit=_mib(limits.MAX_PART_BYTES)))
        if info.file_size > limits.RATIO_FLOOR and info.file_size > limits.MAX_RATIO * max(1, info.compress_size):
            raise SheetError(
                t(
                    "sheets.bounds.ratio",
                    part=info.filename,
                    ratio=info.file_size // max(1, info.compress_size),
                    limit=limits.MAX_RATIO,
                )
            )
        total += info.file_size
    if total > limits.MAX_UNPACKED_BYTES:
        raise SheetError(t("sheets.bounds.total_too_large", limit=_mib(limits.MAX_UNPACKED_BYTES)))


def check_actual(archive: zipfile.ZipFile) -> None:
    """Each member inflated and counted (never past its declared size, its CRC checked), XML ones searched
    for a DTD."""
    for info in archive.infolist():
        if info.is_dir():
            continue
        xml = info.filename.lower().endswith(_XML_SUFFIXES)
        seen = 0
        carry = b""
        try:
            with archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    seen += len(chunk)
                    if seen > info.file_size or seen > limits.MAX_PART_BYTES:
                        raise SheetError(t("sheets.bounds.size_lie", part=info.filename))
                    if xml and _DOCTYPE in carry + chunk:
                        raise SheetError(t("sheets.bounds.dtd", part=info.filename))
                    carry = chunk[-len(_DOCTYPE) :]
        except SheetError:
            raise
        except zipfile.BadZipFile as error:
            lied = "CRC" in str(error) or "runcated" in str(error) or "size" in str(error)
            raise SheetError(
                t("sheets.bounds.size_lie" if lied else "sheets.bounds.damaged_part", part=info.filename)
            ) from None
        except (zlib.error, EOFError, OSError, ValueError):
            raise SheetError(t("sheets.bounds.damaged_part", part=info.filename)) from None
        except (RuntimeError, NotImplementedError):  # an encrypted member, or a compression zipfile lacks
            raise SheetError(t("sheets.bounds.damaged_part", part=info.filename)) from None
        if seen != info.file_size:
            raise SheetError(t("sheets.bounds.size_lie", part=info.filename))


def check_archive(archive: zipfile.ZipFile) -> None:
    """Declared and actual sizes of every member, before any of them is parsed."""
    check_declared(archive)
    check_actual(archive)

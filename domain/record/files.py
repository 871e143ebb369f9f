"""Files on a shared disk: bounded reads of regular files only, where a write goes (through links), and
every OS error as a plain sentence naming the path and what to do. Writing itself is ``domain.record.atomic``."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from domain.errors import InputError
from domain.messages import t

KIB = 1024
MIB = 1024 * KIB
MAX_FORM_BYTES = 2 * MIB  # the largest seed form is 9 KB; a form of 500 rows is about 300 KB
MAX_SETTINGS_BYTES = 256 * KIB  # profiles and keymaps
MAX_SHEET_BYTES = 64 * MIB

_KINDS = (
    (stat.S_ISDIR, "storage.kind.directory"),
    (stat.S_ISFIFO, "storage.kind.fifo"),
    (stat.S_ISSOCK, "storage.kind.socket"),
    (stat.S_ISCHR, "storage.kind.device"),
    (stat.S_ISBLK, "storage.kind.device"),
)


class SaveConflict(InputError):
    """The file changed on disk (or appeared) between opening and saving: nothing was written."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words ("" for a regular file)."""
    for test, key in _KINDS:
        if test(mode):
            return t(key)
    return "" if stat.S_ISREG(mode) else t("storage.kind.other")


def os_error_message(error: OSError, path: Path | str, writing: bool = False, what: str = "") -> str:
    """An OS error as one plain sentence: which path, what went wrong, what to do."""
    what = what or t("storage.what.file")
    code = error.errno
    place = str(path)
    if code == errno.ENOENT:
        return t("storage.os.missing_dir" if writing else "storage.os.missing", path=place, what=what)
    if code in (errno.EACCES, errno.EPERM):
        return t("storage.os.denied_write" if writing else "storage.os.denied_read", path=place, what=what)
    if code in (errno.ENOSPC, errno.EDQUOT):
        return t("storage.os.full", path=place)
    if code == errno.EROFS:
        return t("storage.os.read_only", path=place)
    if code in (errno.EEXIST, errno.ENOTDIR):
        return t("storage.os.not_a_directory", path=place, blocker=_file_in_the_way(Path(place)))
    if code == errno.EISDIR:
        return t("storage.os.is_directory", path=place, what=what)
    if code == errno.ENAMETOOLONG:
        return t("storage.os.name_too_long", path=place)
    if code == errno.ELOOP:
        return t("storage.os.loop", path=place)
    if code == errno.EIO:
        return t("storage.os.io", path=place)
    name = errno.errorcode.get(code or 0, str(code))
    return t("storage.os.other_write" if writing else "storage.os.other_read", path=place, code=name, what=what)


def _file_in_the_way(path: Path) -> str:
    """The first existing component of ``path``'s parents that is not a directory (for "File exists")."""
    for parent in (*reversed(path.parents), path):
        if parent.exists() and not parent.is_dir():
            return str(parent)
    return str(path.parent)


def read_bounded(path: Path, limit: int, what: str = "") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is refused at once.

    Devices, FIFOs, sockets and directories are refused before they are read (a FIFO is opened without
    blocking, so nothing waits for a writer), and a file is never read past its limit.
    """
    what = what or t("storage.what.file")
    path = Path(path)
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            raise InputError(t("storage.not_regular", path=path, what=what, kind=kind_of(before.st_mode)))
        descriptor = os.open(
            path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
        )
    except OSError as error:
        raise InputError(os_error_message(error, path, what=what)) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise InputError(t("storage.not_regular", path=path, what=what, kind=kind_of(status.st_mode)))
        if status.st_size > limit:
            raise InputError(
                t("storage.too_large", path=path, what=what, size=_size(status.st_size), limit=_size(limit))
            )
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, MIB))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
    except OSError as error:
        raise InputError(os_error_message(error, path, what=what)) from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise InputError(t("storage.too_large", path=path, what=what, size=_size(len(data)), limit=_size(limit)))
    return data


def _size(count: int) -> str:
    return f"{count / MIB:.1f} MB" if count >= MIB else f"{max(1, count // KIB)} KB"


def regular_or_absent(path: Path, what: str = "") -> None:
    """Refuse a path that exists but is not a regular file (a directory, device, FIFO or socket)."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise InputError(os_error_message(error, path, what=what)) from None
    if not stat.S_ISREG(status.st_mode):
        raise InputError(
            t("storage.not_regular", path=path, what=what or t("storage.what.file"), kind=kind_of(status.st_mode))
        )


def write_target(path: Path) -> Path:
    """Where a save to ``path`` really goes: through symbolic links to the file they point to."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def make_directory(directory: Path, mode: int = 0o777) -> None:
    """Create ``directory`` and its parents (with ``mode`` for those created); a file in the way is said plainly."""
    if directory.is_dir():
        return
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=mode)
    except OSError as error:
        raise InputError(os_error_message(error, directory, writing=True)) from None


def plain_os_error(error: OSError, writing: bool = False, what: str = "") -> str:
    """An OS error as one plain sentence naming the path it carries: for any place that would otherwise show
    ``[Errno 28] No space left on device: 'x'``."""
    place = error.filename if error.filename is not None else (what or t("storage.what.file"))
    return os_error_message(error, os.fsdecode(place) if isinstance(place, bytes) else str(place), writing, what)

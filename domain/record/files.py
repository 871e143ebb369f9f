"""Files on a shared disk: bounded reads of regular files only, locked atomic writes that follow links,
and every OS error as a plain sentence naming the path and what to do."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from domain.errors import InputError
from domain.messages import t

KIB = 1024
MIB = 1024 * KIB
MAX_FORM_BYTES = 2 * MIB  # the largest seed form is 9 KB; a form of 500 rows is about 300 KB
MAX_SETTINGS_BYTES = 256 * KIB  # profiles and keymaps
MAX_SHEET_BYTES = 64 * MIB

_KINDS = ((stat.S_ISDIR, "storage.kind.directory"), (stat.S_ISFIFO, "storage.kind.fifo"),
          (stat.S_ISSOCK, "storage.kind.socket"), (stat.S_ISCHR, "storage.kind.device"),
          (stat.S_ISBLK, "storage.kind.device"))


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
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise InputError(os_error_message(error, path, what=what)) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise InputError(t("storage.not_regular", path=path, what=what, kind=kind_of(status.st_mode)))
        if status.st_size > limit:
            raise InputError(t("storage.too_large", path=path, what=what, size=_size(status.st_size),
                               limit=_size(limit)))
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
        raise InputError(t("storage.not_regular", path=path, what=what or t("storage.what.file"),
                           kind=kind_of(status.st_mode)))


def write_target(path: Path) -> Path:
    """Where a save to ``path`` really goes: through symbolic links to the file they point to."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


@contextlib.contextmanager
def directory_lock(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``directory`` (every save into it takes this lock, one at a time).

    The lock is the directory itself, so nothing is left beside the files; where the directory cannot be
    opened for locking the save goes ahead unlocked, as before."""
    try:
        descriptor = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _mode_for(path: Path, mode: int | None) -> int:
    """The mode asked for; else an existing file's permissions; else 0666 less the umask."""
    if mode is not None:
        return mode
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def remove_stale_temporaries(path: Path) -> None:
    """Remove the temporary files a killed save of ``path`` left (call with the directory locked)."""
    with contextlib.suppress(OSError):
        for leftover in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def glob_escape(name: str) -> str:
    return "".join(f"[{char}]" if char in "*?[" else char for char in name)


def make_directory(directory: Path, mode: int = 0o777) -> None:
    """Create ``directory`` and its parents (with ``mode`` for those created); a file in the way is said plainly."""
    if directory.is_dir():
        return
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=mode)
    except OSError as error:
        raise InputError(os_error_message(error, directory, writing=True)) from None


def write_in_place(path: Path, data: bytes) -> None:
    """Overwrite a file's bytes through its own inode (a file with several hard links keeps them all)."""
    with open(path, "r+b") as stream:
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


def atomic_replace(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write through a temporary file, fsync and rename: a crash leaves the old file whole.

    Call with the directory locked. A file with several hard links is written in place instead, so every
    name keeps seeing the same, updated form."""
    directory = path.parent
    try:
        if path.stat().st_nlink > 1:
            write_in_place(path, data)
            return
    except FileNotFoundError:
        pass
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        os.fchmod(handle, _mode_for(path, mode))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):
        directory_handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(directory_handle)
        finally:
            os.close(directory_handle)

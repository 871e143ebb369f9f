"""Every file jixiao writes goes through here: a temporary file beside the target, fsync, rename.

- A file is never written in place: a full disk, a read-only disk or a kill -9 leaves the old file whole.
- A temporary file is named ``.<name>.<random>.jixiao.tmp``; the temporaries a killed run left are removed by
  the next write into the same folder (under the folder lock no other write is under way there), and every
  reader of folders ignores them.
- A file with other names (hard links) is refused: replacing it would leave the other names with the old
  contents, and writing it in place could tear it. The message says so and what to do.
- A new file gets the permissions the user's umask gives any new file; a replaced file keeps its own.
- Every OS error becomes one plain sentence (``WriteFailed``), after the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from domain.errors import InputError
from domain.messages import t
from domain.record.files import SaveConflict, make_directory, os_error_message, regular_or_absent, write_target
from domain.record.locking import folder_lock

TEMP_SUFFIX = ".jixiao.tmp"
_NAME_BYTES = 160  # of the target's name kept in its temporary's (a name is at most 255 bytes)
ANY = object()  # ``expected`` for a write that does not care what is on disk


class WriteFailed(InputError):
    """The disk refused a write; the message says why in plain words, and the old file is unchanged."""


def temporary_name(target: Path) -> str:
    """The name of a fresh temporary file for ``target``: hidden, random, marked as jixiao's."""
    short = target.name.encode("utf-8")[:_NAME_BYTES].decode("utf-8", "ignore")
    return f".{short}.{secrets.token_hex(4)}{TEMP_SUFFIX}"


def is_temporary(name: str) -> bool:
    """True for the name of a temporary file a write makes (or an older version made: ``.*.tmp``)."""
    return name.startswith(".") and name.endswith(".tmp")


def remove_stale_temporaries(directory: Path, target: Path | None = None) -> None:
    """Remove the temporaries killed writes left in ``directory`` (call with the folder locked): every
    ``*.jixiao.tmp``, and the older ``.<target name>.*.tmp`` of ``target``."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    older = f".{target.name}." if target is not None else None
    for name in names:
        if name.endswith(TEMP_SUFFIX) or (older and name.startswith(older) and name.endswith(".tmp")):
            with contextlib.suppress(OSError):
                os.unlink(directory / name)


def fingerprint(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_fingerprint(path: Path) -> str | None:
    """A digest of a file's bytes (None when it does not exist), to notice changes made by others."""
    try:
        regular_or_absent(Path(path))
        digest = hashlib.sha256()
        with open(path, "rb") as stream:
            while chunk := stream.read(1024 * 1024):
                digest.update(chunk)
        return digest.hexdigest()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise InputError(os_error_message(error, path)) from None


def refuse_other_names(target: Path) -> None:
    """Refuse a target that has other names (hard links): see the module's note."""
    try:
        links = os.stat(target).st_nlink
    except OSError:
        return
    if links > 1:
        raise WriteFailed(t("writes.hard_links", path=target, others=links - 1))


def replace_file(target: Path, data: bytes, mode: int | None = None, sync_folder: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``target``, fsync it and rename it over ``target``.

    The low-level step: call with the folder locked and the target checked. ``mode``: the permissions of
    the file (default: an existing target's own, else what the umask gives a new file). OS errors are
    raised as they are, after the temporary file is removed."""
    temporary = write_temporary(target, data, mode)
    try:
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if sync_folder:
        sync_directory(target.parent)


def write_temporary(target: Path, data: bytes, mode: int | None = None) -> Path:
    """A new temporary file beside ``target`` holding ``data``, fsynced and closed, with the permissions
    ``replace_file`` describes; removed again when anything fails (the OS error is raised)."""
    temporary = target.parent / temporary_name(target)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        try:
            wanted = mode if mode is not None else stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            wanted = None  # the umask already gave the new file its permissions
        if wanted is not None:
            _set_mode(descriptor, temporary, wanted)
        view = memoryview(data)
        while view:
            written = os.write(descriptor, view)
            view = view[written:]
        os.fsync(descriptor)
        os.close(descriptor)
        descriptor = -1
    except BaseException:
        if descriptor >= 0:
            with contextlib.suppress(OSError):
                os.close(descriptor)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary


def _set_mode(descriptor: int, temporary: Path, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, mode)
    else:  # pragma: no cover - Windows
        os.chmod(temporary, mode)


def sync_directory(directory: Path) -> None:
    """fsync a folder so a rename in it survives a power cut (where folders can be opened: not Windows)."""
    with contextlib.suppress(OSError):
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def prepared_target(path: Path, folder_mode: int = 0o777) -> Path:
    """Where a write to ``path`` goes (through symbolic links), refusing what is not a regular file and
    creating the folder (InputError with a plain message when that fails)."""
    target = write_target(Path(path))
    regular_or_absent(target)
    make_directory(target.parent if str(target.parent) else Path("."), folder_mode)
    return target


def write_file(path: Path, data: bytes | Callable[[], bytes], mode: int | None = None, expected: object = ANY) -> str:
    """Write ``data`` to ``path`` atomically and return the fingerprint of what was written.

    Writes into one folder are serialised by a lock; under it the file is checked against ``expected`` (a
    fingerprint, or None for "must not exist") and SaveConflict is raised when it differs. A symbolic link
    is written through (the file it points to is replaced). ``mode`` as for ``replace_file``; a private
    ``mode`` (no group or other bits) makes a missing folder private too. Raises WriteFailed with one plain
    sentence when the disk refuses (full, read-only, no permission …): the old file is then unchanged."""
    private = mode is not None and not mode & 0o077
    target = prepared_target(Path(path), 0o700 if private else 0o777)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        with folder_lock(directory) as held:
            if expected is not ANY:
                current = file_fingerprint(target)
                if current != expected:
                    key = "storage.conflict.exists" if expected is None else "storage.conflict.changed"
                    raise SaveConflict(t(key, path=path))
            refuse_other_names(target)
            if held:
                remove_stale_temporaries(directory, target)
            payload = data() if callable(data) else data
            replace_file(target, payload, mode)
    except OSError as error:
        raise WriteFailed(os_error_message(error, path, writing=True)) from None
    return fingerprint(payload)


def write_text(path: Path, text: str, mode: int | None = None, expected: object = ANY) -> str:
    """``write_file`` for UTF-8 text."""
    return write_file(path, text.encode("utf-8"), mode, expected)

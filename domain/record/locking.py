"""One lock per folder, on POSIX and on Windows: every write into a folder takes it, one writer at a time.

POSIX locks the folder itself with ``flock`` (nothing is left beside the files); Windows, where a folder
cannot be opened as a file, locks the first byte of a small ``.jixiao.lock`` file in it with ``msvcrt``.
Neither module is imported until a lock is taken, so every module imports on both.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

WINDOWS_LOCK_NAME = ".jixiao.lock"

# The folders each thread holds locked now. A thread that already holds a folder's lock takes it again at
# once: a hangup's handler saving the draft runs on the main thread in the middle of that thread's own write,
# and waiting there for a lock it holds itself would hang the process for good.
_held: dict[tuple[int, str], int] = {}


@contextlib.contextmanager
def folder_lock(directory: Path) -> Iterator[bool]:
    """Hold an exclusive lock on ``directory``; yields True when it is held, False when the folder could
    not be locked (a file system without locks): the caller goes ahead, only more carefully. The lock is
    re-entrant within a thread."""
    key = (threading.get_ident(), os.path.realpath(directory))
    if _held.get(key):
        _held[key] += 1
        try:
            yield True
        finally:
            _held[key] -= 1
        return
    opener = _windows_lock if sys.platform == "win32" else _posix_lock
    with opener(Path(directory)) as held:
        _held[key] = 1
        try:
            yield held
        finally:
            _held.pop(key, None)


@contextlib.contextmanager
def _posix_lock(directory: Path) -> Iterator[bool]:
    import fcntl

    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(directory, flags)
    except OSError:
        yield False
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        except OSError:
            yield False
            return
        yield True
    finally:
        os.close(descriptor)  # closing releases the lock


@contextlib.contextmanager
def _windows_lock(directory: Path) -> Iterator[bool]:  # pragma: no cover - exercised on Windows only
    import msvcrt

    try:
        descriptor = os.open(directory / WINDOWS_LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        yield False
        return
    held = False
    try:
        for _ in range(600):  # LK_NBLCK gives up at once: try for up to a minute
            try:
                msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
                held = True
                break
            except OSError:
                time.sleep(0.1)
        yield held
    finally:
        if held:
            with contextlib.suppress(OSError):
                os.lseek(descriptor, 0, os.SEEK_SET)
                msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        os.close(descriptor)

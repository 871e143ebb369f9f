"""Writing the report file so that it can never tear or replace what it should not.

The file is written in a work folder of its own beside the target (where the spreadsheet library keeps
its temporary files too) and renamed over the target only when complete: a full disk or a killed command
leaves the previous report as it was, the work folder is removed whatever happens, and the next write
removes the one a killed command left. An existing file is kept unless ``force``; a file the command reads
as input is never written over, whatever the flags. A symbolic link at the target is replaced, never written
through. The new file gets the permissions the umask gives any file the user makes.

``write_atomically`` is the one place that does this, so it can be swapped for a shared helper.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from domain.errors import InputError
from domain.messages import t
from domain.record.files import os_error_message

_TAG = ".jixiao-"  # work folders: .<name>.jixiao-<pid>-<random>.tmp


def _same_file(path: Path, inputs: Iterable[Path]) -> Path | None:
    """The input that ``path`` names (through links too), if any: only an existing file can be one."""
    try:
        target = os.stat(path)
    except OSError:
        return None
    for given in inputs:
        try:
            found = os.stat(given)
        except OSError:
            continue
        if (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino):
            return given
    return None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove_left_behind(directory: Path, name: str) -> None:
    """Work folders of this target left by a write that was killed (their process has gone)."""
    with contextlib.suppress(OSError):
        for item in directory.glob(f".{glob.escape(name)}{_TAG}*.tmp"):
            pid = item.name[len(name) + 1 + len(_TAG) :].split("-", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                if item.is_dir() and not item.is_symlink():
                    shutil.rmtree(item, ignore_errors=True)
                else:
                    item.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def check_target(path: Path, *, force: bool, inputs: Iterable[Path] = ()) -> None:
    """Refuse, before any work, a target that is one of the inputs, or that exists without ``force``."""
    given = _same_file(path, inputs)
    if given is not None:
        raise InputError(t("report.out_is_input", path=path, input=given))
    if (path.exists() or path.is_symlink()) and not force:
        raise InputError(t("report.exists", path=path))
    if path.is_dir():
        raise InputError(t("report.cannot_write", path=path, reason=t("report.out_is_directory")))


def write_atomically(
    path: Path, write: Callable[[Path], None], *, force: bool = False, inputs: Iterable[Path] = ()
) -> None:
    """Call ``write`` on a file in a work folder beside ``path``, then rename it to ``path``."""
    inputs = tuple(inputs)
    check_target(path, force=force, inputs=inputs)
    directory = path.parent if str(path.parent) else Path(".")
    name = path.name[:60]
    _remove_left_behind(directory, name)
    try:  # a folder of its own: the spreadsheet library's temporary files go there too
        work = Path(tempfile.mkdtemp(prefix=f".{name}{_TAG}{os.getpid()}-", suffix=".tmp", dir=directory))
    except OSError as error:
        raise InputError(
            t("report.cannot_write", path=path, reason=os_error_message(error, directory, writing=True))
        ) from None
    temporary = work / "report.xlsx"
    try:
        write(temporary)
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        check_target(path, force=force, inputs=inputs)  # again: it may have appeared meanwhile
        os.replace(temporary, path)
    except OSError as error:
        raise InputError(
            t("report.cannot_write", path=path, reason=os_error_message(error, path, writing=True))
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)

"""Read a binary workbook where a crash cannot take the command down.

The reading (``binary.read_binary``: bounds, XML extras, calamine) runs in a child process with its own
limits: ``READ_MEMORY_BYTES`` of address space beyond what it starts with, ``READ_CPU_SECONDS`` of CPU, no
core file, and ``READ_WALL_SECONDS`` of wall time enforced by the parent. An abort (a failed allocation in
the spreadsheet library), a panic, a limit reached or a child killed becomes a ``SheetError`` saying what
happened to that one file; the command goes on.

The child is forked from the caller when the caller runs a single thread (it shares everything already
imported) and kept for the files that follow (``sandbox_child``); a threaded caller (the Textual app)
starts a fresh interpreter for each file instead (``python -m domain.sheets.sandbox``), since forking a
threaded process is unsafe. Either way the answer comes back as a pickle of plain data (str, int, list,
tuple, bool, None), unpickled with no class allowed.
"""

from __future__ import annotations

import atexit
import faulthandler
import io
import os
import pickle
import signal
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from domain.messages import t
from domain.messages.lookup import current_locale
from domain.sheets import limits
from domain.sheets.binary import SheetData, read_binary, short
from domain.sheets.sandbox_child import Child
from domain.sheets.tsv import SheetError

_HEADER = struct.Struct("<Q")  # the same framing as sandbox_child.HEADER
Answer = tuple[
    str, str, Any
]  # ("ok", kind, sheets) or ("refused", message, None) or ("failed", kind of failure, detail)


class _PlainUnpickler(pickle.Unpickler):
    """Builtins only: the child's answer can name no class, so it can run nothing here."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name}")


def _answer(path: str, kind: str) -> Answer:
    try:
        found, sheets = read_binary(path, kind)
        return ("ok", found, sheets)
    except SheetError as error:
        return ("refused", error.message, None)
    except MemoryError:
        return ("failed", "memory", None)
    except RecursionError:
        return ("failed", "crashed", "RecursionError")
    except BaseException as error:  # noqa: BLE001 - a panic of the library is a BaseException
        return ("failed", "crashed", f"{type(error).__name__}: {short(error)}")


def _encoded(answer: Answer) -> bytes:
    try:
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        data = pickle.dumps(("failed", "memory", None))
    if len(data) > limits.REPLY_BYTES:
        data = pickle.dumps(("failed", "reply", None))
    return _HEADER.pack(len(data)) + data


def address_space() -> int:
    """This process's address space in bytes (0 when the system does not say)."""
    try:
        with open("/proc/self/statm", "rb") as stream:
            return int(stream.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _set(limit: int, soft: int) -> None:
    import resource  # POSIX only: the module imports anywhere, limits are set where they exist

    _, hard = resource.getrlimit(limit)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(limit, (soft, hard))


def limit_this_process(cpu: bool = True) -> int:
    """The child's limits: memory beyond what it holds now, CPU seconds (unless set per file), no core file,
    a quiet stderr; returns the address space it started with."""
    faulthandler.disable()  # an abort is reported by the parent, not dumped on the terminal
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGPIPE"):  # the ones this system has (Windows lacks two)
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_DFL)  # never the parent's handlers (they flush drafts)
    base = address_space()
    try:
        import resource

        _set(resource.RLIMIT_CORE, 0)
        if cpu:
            _set(resource.RLIMIT_CPU, limits.READ_CPU_SECONDS)
        if base:
            _set(resource.RLIMIT_AS, base + limits.READ_MEMORY_BYTES)
    except (ImportError, ValueError, OSError):  # pragma: no cover - Windows has none; or limits refused
        pass
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # a panic prints its own English message: the parent says what happened instead
    os.close(devnull)
    return base


def _serve(path: str, kind: str) -> tuple[bytes, bool]:
    """One file's answer in the kept child, and whether the child may read another."""
    answer = _answer(path, kind)
    return _encoded(answer), answer[0] != "failed"


_child: Child | None = None


def _key() -> tuple[Any, ...]:
    """What the child was forked with: the reading function and the limits (a change starts a new child)."""
    return (read_binary, _answer, *(value for name, value in sorted(vars(limits).items()) if name.isupper()))


def _forked(path: str, kind: str) -> tuple[bytes, int]:
    global _child
    for _ in range(2):
        key = _key()
        if _child is not None and _child.owner != os.getpid():
            _child.forget()
            _child = None
        if _child is not None and (_child.ended() or _child.key != key):
            _child.stop()
            _child = None
        if _child is None:
            import python_calamine  # noqa: F401 - imported here once, not in the child for every file

            import domain.sheets.biff  # noqa: F401

            _child = Child(key, _serve, lambda: limit_this_process(cpu=False))
        child = _child
        try:
            data, status = child.ask(path, kind)
        except SheetError:
            _child = None
            raise
        if status is None:
            return data, 0
        _child = None
        if data or not _ended_outside(status):
            return data, status
        # the child had ended before this file reached it (on its own after a failed or grown file, or
        # stopped from outside): a fresh one takes this file, once
    return data, status or 0


def _ended_outside(status: int) -> bool:
    """A child that ended by itself or by a signal from outside (ctrl+c, kill), not by what it read."""
    if not hasattr(os, "WIFSIGNALED"):  # pragma: no cover - Windows: an exit code only
        return status == 0
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status) == 0
    outside = {getattr(signal, name, None) for name in ("SIGKILL", "SIGINT", "SIGTERM", "SIGHUP")} - {None}
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) in outside


def stop() -> None:
    """End this process's reading child, if it has one (at exit; the fuzz driver before its children end)."""
    global _child
    if _child is not None and _child.owner == os.getpid():
        _child.stop()
    _child = None


def _forget_after_fork() -> None:
    global _child
    if _child is not None:
        _child.forget()
    _child = None


os.register_at_fork(after_in_child=_forget_after_fork)
atexit.register(stop)


def _spawned(path: str, kind: str) -> tuple[bytes, int]:
    root = str(Path(__file__).resolve().parents[2])  # where `domain` is, installed or not
    env = dict(
        os.environ,
        JIXIAO_LOCALE=current_locale(),
        PYTHONPATH=os.pathsep.join(filter(None, (root, os.environ.get("PYTHONPATH")))),
    )
    try:
        done = subprocess.run(
            [sys.executable, "-m", "domain.sheets.sandbox", path, kind],
            capture_output=True,
            timeout=limits.READ_WALL_SECONDS + 5,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SheetError(t("sheets.sandbox.time", limit=limits.READ_WALL_SECONDS)) from None
    status = done.returncode
    wait_status = (-status) & 0x7F if status < 0 else (status & 0xFF) << 8
    return done.stdout, wait_status


def _decoded(data: bytes, status: int) -> tuple[str, list[SheetData]]:
    answer: Answer | None = None
    if len(data) >= _HEADER.size and _HEADER.unpack(data[: _HEADER.size])[0] == len(data) - _HEADER.size:
        try:
            answer = _PlainUnpickler(io.BytesIO(data[_HEADER.size :])).load()
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError):
            answer = None
    if answer is None:
        raise SheetError(_ended(status))
    state, first, rest = answer
    if state == "ok":
        return first, rest
    if state == "refused":
        raise SheetError(first)
    if first == "memory":
        raise SheetError(t("sheets.sandbox.memory", limit=limits.READ_MEMORY_BYTES // limits.MIB))
    if first == "reply":
        raise SheetError(t("sheets.sandbox.reply", limit=limits.REPLY_BYTES // limits.MIB))
    raise SheetError(t("sheets.sandbox.crashed", detail=rest or "?"))


def _ended(status: int) -> str:
    """What a child that gave no answer died of, in words."""
    if not hasattr(os, "WIFSIGNALED"):  # pragma: no cover - Windows: an exit code only
        return t("sheets.sandbox.crashed", detail=f"exit {status}")
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if number == signal.SIGXCPU:
            return t("sheets.sandbox.time", limit=limits.READ_CPU_SECONDS)
        if number in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS):
            return t("sheets.sandbox.memory", limit=limits.READ_MEMORY_BYTES // limits.MIB)
        if number == signal.SIGKILL:
            return t("sheets.sandbox.killed")
        return t("sheets.sandbox.crashed", detail=signal.Signals(number).name)
    return t("sheets.sandbox.crashed", detail=f"exit {os.waitstatus_to_exitcode(status)}")


def read_isolated(path: str, kind: str) -> tuple[str, list[SheetData]]:
    """The kind and sheets of a binary workbook, read in a limited child; every failure a SheetError."""
    fork = hasattr(os, "fork") and threading.active_count() == 1
    try:
        data, status = _forked(path, kind) if fork else _spawned(path, kind)
    except OSError as error:  # no process could be started (out of processes or memory): said, not raised
        raise SheetError(t("sheets.sandbox.no_child", detail=error.strerror or error)) from None
    return _decoded(data, status)


def _main(argv: list[str]) -> int:
    limit_this_process()
    out = sys.stdout.buffer
    out.write(_encoded(_answer(argv[0], argv[1])))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))

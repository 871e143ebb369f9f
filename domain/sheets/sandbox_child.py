"""The forked child that reads workbooks for one process, kept for file after file.

Forking costs more than reading a small workbook on a busy machine (about 8 ms against 5), so the child
is forked once and fed one request at a time over a pipe: ``(path, kind)`` in, the length-prefixed answer
out. Before each file it takes ``READ_CPU_SECONDS`` more of CPU; its address space is capped once, at
``READ_MEMORY_BYTES`` beyond what it started with. A child that failed (ran out of memory, crashed,
reached a limit, or was killed) is never reused: the parent reaps it and forks a fresh one for the next
file; so is one whose heap has grown past half its allowance. A forked process (a batch worker) never
uses its parent's child, and a change of the reading code or the limits (tests patch them) starts a new
one.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import struct
import time
from collections.abc import Callable
from typing import Any

from domain.messages import t
from domain.sheets import limits
from domain.sheets.tsv import SheetError

HEADER = struct.Struct("<Q")


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks: list[bytes] = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _cpu_used() -> float:
    import resource  # POSIX only, like the forked child itself

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Child:
    """One forked reader: ``ask`` sends a file and returns the raw answer, or what the child ended with."""

    def __init__(
        self, key: tuple[Any, ...], serve: Callable[[str, str], tuple[bytes, bool]], set_up: Callable[[], int]
    ) -> None:
        self.key = key
        self.owner = os.getpid()
        request_read, self.requests = os.pipe()
        self.replies, reply_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns
            try:
                os.close(self.requests)
                os.close(self.replies)
                gc.freeze()  # the parent's objects are never traversed here, so their pages stay shared
                _loop(request_read, reply_write, serve, set_up())
            finally:
                os._exit(0)
        os.close(request_read)
        os.close(reply_write)
        self.alive = True

    def ended(self) -> bool:
        """Whether the child has ended since its last answer (then it is collected): its next file goes to a
        fresh child, never blamed for what happened before it."""
        if not self.alive:
            return True
        try:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            done = self.pid
        if done:
            self._close()
        return bool(done)

    def ask(self, path: str, kind: str) -> tuple[bytes, int | None]:
        """The child's answer (status None), or what came before it ended and how it ended."""
        request = pickle.dumps((path, kind))
        try:
            _write_all(self.requests, HEADER.pack(len(request)) + request)
        except OSError:
            return b"", self._reap()
        deadline = time.monotonic() + limits.READ_WALL_SECONDS
        chunks: list[bytes] = []
        size = 0
        expected: int | None = None
        while expected is None or size < expected:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.replies], [], [], left)[0]:
                self._reap(kill=True)
                raise SheetError(t("sheets.sandbox.time", limit=limits.READ_WALL_SECONDS))
            chunk = os.read(self.replies, 1 << 20)
            if not chunk:
                return b"".join(chunks), self._reap()
            chunks.append(chunk)
            size += len(chunk)
            if expected is None and size >= HEADER.size:
                expected = HEADER.unpack(b"".join(chunks)[: HEADER.size])[0] + HEADER.size
        return b"".join(chunks), None

    def _reap(self, kill: bool = False) -> int:
        """End the child (killed when asked, else it is ending), collect its status, close the pipes."""
        if kill:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:  # collected already: how it ended is not known
            status = signal.SIGKILL
        self._close()
        return status

    def _close(self) -> None:
        if self.alive:
            self.alive = False
            for fd in (self.requests, self.replies):
                try:
                    os.close(fd)
                except OSError:
                    pass

    def stop(self) -> None:
        """Tell the child to end (its request pipe closes) and collect it; killed if it does not end in 2 s."""
        if not self.alive:
            return
        os.close(self.requests)
        self.requests = -1
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            try:
                done, _ = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # collected already
                done = self.pid
            if done:
                self.alive = False
                os.close(self.replies)
                return
            time.sleep(0.005)
        self._reap(kill=True)

    def forget(self) -> None:
        """In a forked copy of the owner: let go of the pipes without touching the child."""
        self._close()


def _loop(requests: int, replies: int, serve: Callable[[str, str], tuple[bytes, bool]], base: int) -> None:
    while True:
        head = _read_exactly(requests, HEADER.size)
        if head is None:
            return
        body = _read_exactly(requests, HEADER.unpack(head)[0])
        if body is None:
            return
        path, kind = pickle.loads(body)
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = int(_cpu_used()) + limits.READ_CPU_SECONDS + 1
        resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
        answer, reusable = serve(path, kind)
        _write_all(replies, answer)
        if not reusable or _grown(base):
            return  # a failed or swollen child is not reused


def _grown(base: int) -> bool:
    from domain.sheets.sandbox import address_space

    return bool(base) and address_space() > base + limits.READ_MEMORY_BYTES // 2

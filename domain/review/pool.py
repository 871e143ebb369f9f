"""Worker processes that hand results back in input order and survive any one path.

Each worker is a forked process fed one batch of paths at a time over its own pipe, answering with the
batch's results at once; as it goes it counts the paths it has finished in a shared counter (no system
call), so the parent knows which path a worker is on without being woken for each. A worker that dies
(killed, or ended by a crash in a library) or whose counter has not moved for ``SECONDS_PER_PATH`` is killed
and replaced: the path it was on is reported through ``lost(path, why)`` in its place, and the other paths
of its batch go, first in line, to the next free worker. Results leave in input order, with at most
``window`` batches in flight or waiting, so memory stays flat.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any, Generic, TypeVar

Result = TypeVar("Result")
SECONDS_PER_PATH = 120  # a path that takes longer is stuck (a workbook is read in at most READ_WALL_SECONDS)
DIED, STUCK = "died", "stuck"


@dataclass
class _Batch(Generic[Result]):
    paths: Sequence[str]
    answers: list[list[Result] | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.answers = [None] * len(self.paths)

    @property
    def finished(self) -> bool:
        return all(answer is not None for answer in self.answers)


@dataclass
class _Slot:
    process: Any
    conn: Connection
    progress: Any  # a shared counter: paths of the current task finished
    task: tuple[int, list[int]] | None = None  # the batch and the indices of its paths being worked on
    seen: int = 0
    deadline: float = 0.0


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """While a worker is forked, ctrl+c is noted instead of raised (so the new process never starts with an
    interrupt half-handled), and raised here once the fork is done: it is never ignored."""
    noted: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda number, frame: noted.append(number))
    except ValueError:  # not the main thread: signals are not ours to set
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if noted and previous is not signal.SIG_IGN:
        raise KeyboardInterrupt


def _serve(
    conn: Connection, progress: Any, start: Callable[..., None], args: tuple[Any, ...], work: Callable[[str], Any]
) -> None:
    """A worker's life: set up, then batches until told to stop; it ends without flushing what it inherited
    (the parent's unwritten output is the parent's to write)."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl+c is the parent's: it stops the pool
        faulthandler.disable()  # a worker's crash is reported by the parent, in words
        start(*args)
        while True:
            try:
                paths = conn.recv()
            except (EOFError, OSError):
                break
            if paths is None:
                break
            answers = []
            for path in paths:
                answers.append(work(path))
                progress.value += 1
            conn.send(answers)
    finally:
        os._exit(0)


class Pool(Generic[Result]):
    """``jobs`` workers running ``work(path) -> list[Result]`` after ``start(*args)``."""

    def __init__(
        self,
        context: BaseContext,
        jobs: int,
        start: Callable[..., None],
        args: tuple[Any, ...],
        work: Callable[[str], list[Result]],
        lost: Callable[[str, str], Result],
    ) -> None:
        self.context, self.start, self.args, self.work, self.lost = context, start, args, work, lost
        self.slots = [self._spawn() for _ in range(jobs)]
        self.batches: dict[int, _Batch[Result]] = {}

    def _spawn(self) -> _Slot:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        parent, child = self.context.Pipe()
        progress = self.context.RawValue("q", 0)
        process = self.context.Process(  # type: ignore[attr-defined]
            target=_serve,
            args=(child, progress, self.start, self.args, self.work),
            daemon=True,
        )
        with interrupts_deferred():
            process.start()
        child.close()  # only the worker holds its end: its death is an end of file here
        return _Slot(process, parent, progress)

    def close(self) -> None:
        for slot in self.slots:
            try:
                slot.conn.send(None)
            except (OSError, ValueError):
                pass
            slot.conn.close()
        for slot in self.slots:
            slot.process.join(timeout=1)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()

    def _replace(self, slot: _Slot) -> None:
        slot.process.kill()
        slot.process.join()
        slot.conn.close()
        fresh = self._spawn()
        slot.process, slot.conn, slot.progress, slot.task = fresh.process, fresh.conn, fresh.progress, None

    def _give(self, slot: _Slot, task: tuple[int, list[int]]) -> None:
        """Hand a worker a task (a fresh worker if this one died while idle)."""
        number, indices = task
        paths = [self.batches[number].paths[index] for index in indices]
        sent = False
        for _ in range(2):
            slot.progress.value = 0
            try:
                slot.conn.send(paths)
                sent = True
                break
            except (OSError, ValueError):
                self._replace(slot)
        # a task no worker could take is due at once: its files are reported, not waited for
        slot.task, slot.seen = task, 0
        slot.deadline = time.monotonic() + (SECONDS_PER_PATH if sent else 0)

    def run(self, batches: Iterator[Sequence[str]], window: int) -> Iterator[Result]:
        """Every batch's results, batch after batch in input order."""
        queue: deque[tuple[int, list[int]]] = deque()  # tasks waiting for a worker
        following = taken = 0  # the next batch to hand back; batches taken from the iterator
        exhausted = False
        while True:
            while not exhausted and taken - following < window:
                paths = next(batches, None)
                if paths is None:
                    exhausted = True
                    break
                self.batches[taken] = _Batch(paths)
                queue.append((taken, list(range(len(paths)))))
                taken += 1
            while following in self.batches and self.batches[following].finished:
                for answer in self.batches.pop(following).answers:
                    yield from answer or []
                following += 1
            if exhausted and following == taken:
                return
            for slot in self.slots:
                if slot.task is None and queue:
                    self._give(slot, queue.popleft())
            busy = [slot for slot in self.slots if slot.task is not None]
            if not busy:
                continue
            timeout = max(0.0, min(slot.deadline for slot in busy) - time.monotonic())
            ready = wait([slot.conn for slot in busy] + [slot.process.sentinel for slot in busy], timeout)
            for slot in busy:
                if slot.conn in ready or slot.process.sentinel in ready:
                    self._collect(slot, queue)
                elif time.monotonic() >= slot.deadline:
                    if slot.progress.value != slot.seen:  # still moving: on a later path
                        slot.seen, slot.deadline = slot.progress.value, time.monotonic() + SECONDS_PER_PATH
                    else:
                        self._lose(slot, STUCK, queue)

    def _collect(self, slot: _Slot, queue: deque[tuple[int, list[int]]]) -> None:
        """The worker's answers to its task; a worker that ended loses the path it was on."""
        assert slot.task is not None
        number, indices = slot.task
        try:
            answers = slot.conn.recv()
        except (EOFError, OSError):  # the worker's end is closed: it has ended
            self._lose(slot, DIED, queue)
            return
        batch = self.batches[number]
        for index, answer in zip(indices, answers, strict=True):
            batch.answers[index] = answer
        slot.task = None

    def _lose(self, slot: _Slot, why: str, queue: deque[tuple[int, list[int]]]) -> None:
        """The worker is replaced; the path it was on is lost, the other paths of its task wait first in line
        (those it had finished are run again: their answers died with it)."""
        assert slot.task is not None
        number, indices = slot.task
        on = min(slot.progress.value, len(indices) - 1)
        self._replace(slot)
        batch = self.batches[number]
        batch.answers[indices[on]] = [self.lost(batch.paths[indices[on]], why)]
        rest = indices[:on] + indices[on + 1 :]
        if rest:
            queue.appendleft((number, rest))

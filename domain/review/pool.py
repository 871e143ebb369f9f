"""Worker processes that hand results back in input order and survive any one task.

Each worker is a forked process fed one batch at a time over its own pipe. A worker that dies (killed, or
ended by a crash in a library) or that is still busy past its batch's deadline is killed and replaced; the
batch it held is run again one path at a time, so that only the path that kills a worker again is lost,
and it is reported through ``lost(path, why)`` in its place. Results leave in input order, with at most
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
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any, Generic, TypeVar

Result = TypeVar("Result")
SECONDS_PER_PATH = 120  # a path that takes longer is stuck (a workbook is read in at most READ_WALL_SECONDS)
_DIED, _STUCK = "died", "stuck"


@dataclass
class _Task:
    batch: int
    part: int | None  # None: the whole batch; else the index of the one path run again alone
    paths: Sequence[str]


@dataclass
class _Slot:
    process: Any
    conn: Connection
    task: _Task | None = None
    deadline: float = 0.0


@dataclass
class _Batch(Generic[Result]):
    paths: Sequence[str]
    done: list[Result] | None = None
    parts: list[list[Result] | None] = field(default_factory=list)


def _serve(conn: Connection, start: Callable[..., None], args: tuple[Any, ...],
           work: Callable[[Sequence[str]], Any]) -> None:
    """A worker's life: set up, then batches until told to stop; it ends without flushing what it inherited
    (the parent's unwritten output is the parent's to write)."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl+c is the parent's: it stops the pool
        faulthandler.disable()  # a worker's crash is reported by the parent, in words
        start(*args)
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                break
            if task is None:
                break
            conn.send(work(task))
    finally:
        os._exit(0)


class Pool(Generic[Result]):
    """``jobs`` workers running ``work(paths) -> list[Result]`` after ``start(*args)``."""

    def __init__(self, context: BaseContext, jobs: int, start: Callable[..., None], args: tuple[Any, ...],
                 work: Callable[[Sequence[str]], list[Result]], lost: Callable[[str, str], Result]) -> None:
        self.context, self.start, self.args, self.work, self.lost = context, start, args, work, lost
        self.slots = [self._spawn() for _ in range(jobs)]

    def _spawn(self) -> _Slot:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child, self.start, self.args, self.work),  # type: ignore[attr-defined]
                                       daemon=True)
        process.start()
        child.close()  # only the worker holds its end: its death is an end of file here
        return _Slot(process, parent)

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
        slot.process, slot.conn, slot.task = fresh.process, fresh.conn, None

    def run(self, batches: Iterator[Sequence[str]], window: int) -> Iterator[Result]:
        """Every batch's results, batch after batch in input order."""
        waiting: dict[int, _Batch[Result]] = {}
        queue: deque[_Task] = deque()
        following = 0  # the next batch to hand back
        taken = 0  # batches taken from the iterator
        exhausted = False
        while True:
            while not exhausted and taken - following < window:
                paths = next(batches, None)
                if paths is None:
                    exhausted = True
                    break
                waiting[taken] = _Batch(paths)
                queue.append(_Task(taken, None, paths))
                taken += 1
            while following in waiting and waiting[following].done is not None:
                done = waiting.pop(following).done
                following += 1
                yield from done or []
            if exhausted and following == taken:
                return
            for slot in self.slots:
                if slot.task is None and queue:
                    slot.task = queue.popleft()
                    slot.deadline = time.monotonic() + SECONDS_PER_PATH * len(slot.task.paths)
                    try:
                        slot.conn.send(list(slot.task.paths))
                    except (OSError, ValueError):  # the worker died while idle: a fresh one takes the task
                        given = slot.task
                        self._replace(slot)
                        slot.task = given
                        slot.conn.send(list(given.paths))
            busy = [slot for slot in self.slots if slot.task is not None]
            if not busy:
                continue
            timeout = max(0.0, min(slot.deadline for slot in busy) - time.monotonic())
            ready = wait([slot.conn for slot in busy] + [slot.process.sentinel for slot in busy], timeout)
            now = time.monotonic()
            for slot in busy:
                task = slot.task
                assert task is not None
                if slot.conn in ready or slot.process.sentinel in ready:
                    try:
                        results = slot.conn.recv() if slot.conn.poll() else None
                    except (EOFError, OSError):
                        results = None
                    if results is None:
                        self._lose(slot, task, _DIED, waiting, queue)
                        continue
                    slot.task = None
                    self._finish(task, results, waiting)
                elif now >= slot.deadline:
                    self._lose(slot, task, _STUCK, waiting, queue)

    def _finish(self, task: _Task, results: list[Result], waiting: dict[int, _Batch[Result]]) -> None:
        batch = waiting[task.batch]
        if task.part is None:
            batch.done = results
            return
        batch.parts[task.part] = results
        if all(part is not None for part in batch.parts):
            batch.done = [result for part in batch.parts for result in part or []]

    def _lose(self, slot: _Slot, task: _Task, why: str, waiting: dict[int, _Batch[Result]],
              queue: deque[_Task]) -> None:
        """The worker is replaced; a batch of several paths is run again path by path, a single path is lost."""
        self._replace(slot)
        batch = waiting[task.batch]
        if task.part is None and len(task.paths) > 1:
            batch.parts = [None] * len(task.paths)
            for index in reversed(range(len(task.paths))):
                queue.appendleft(_Task(task.batch, index, [task.paths[index]]))
            return
        self._finish(task, [self.lost(task.paths[0], why)], waiting)

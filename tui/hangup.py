"""The hangup guard: SIGHUP and SIGTERM flush the draft and end the process, whatever the app is doing.

It lives outside the event loop on purpose. A terminal killed around the first paint can leave the loop
blocked in the driver's shutdown (its writer thread waiting on a dead terminal), where no timer of the
app's own ever fires; the guard's watchdog is a plain thread, so the process always ends.

On the first signal the draft is flushed on the event loop when it runs (else by the watchdog), the app is
asked to exit, and the watchdog ends the process with ``os._exit`` if it is still alive after ``grace``
seconds. A second signal while the first is handled changes nothing: the way out is already under way.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)
)  # Windows has no SIGHUP
FLUSH_WAIT = 1.0  # seconds the event loop gets to flush before the watchdog flushes itself
GRACE = 3.0  # seconds from the signal to the end of the process, whatever happens


class HangupGuard:
    """Install with ``install()``; ``attach`` the app's flush and exit once the app exists."""

    def __init__(self, grace: float = GRACE, flush_wait: float = FLUSH_WAIT) -> None:
        self.grace = grace
        self.flush_wait = min(flush_wait, grace)
        self.flush: Callable[[], object] = lambda: None
        self.request_exit: Callable[[int], object] | None = None
        self.signalled: int | None = None
        self._flushed = threading.Event()
        self._flush_lock = threading.Lock()
        self._previous: dict[int, object] = {}

    def attach(self, flush: Callable[[], object], request_exit: Callable[[int], object]) -> None:
        self.flush = flush
        self.request_exit = request_exit

    def install(self) -> None:
        """Take SIGHUP and SIGTERM (main thread only; elsewhere nothing changes)."""
        if threading.current_thread() is not threading.main_thread():
            return
        for signum in SIGNALS:
            self._previous[signum] = signal.signal(signum, self._handle)

    def uninstall(self) -> None:
        for signum, previous in self._previous.items():
            with contextlib.suppress(TypeError, ValueError):
                signal.signal(signum, previous)  # type: ignore[arg-type]
        self._previous.clear()

    def __enter__(self) -> HangupGuard:
        self.install()
        return self

    def __exit__(self, *_: object) -> None:
        if self.signalled is None:
            self.uninstall()

    # --- the way out ------------------------------------------------------------------------------
    def _handle(self, signum: int, _frame: object) -> None:
        if self.signalled is not None:
            return  # a second signal: the first is being handled and the watchdog guarantees the end
        self.signalled = signum
        code = 128 + int(signum)
        threading.Thread(target=self._watchdog, args=(code,), name="jixiao-hangup", daemon=True).start()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or self.request_exit is None:
            self._flush_once()
            os._exit(code)
        try:
            loop.call_soon_threadsafe(self._leave, code)
        except RuntimeError:  # the loop is closing: the watchdog flushes and ends the process
            pass

    def _flush_once(self, timeout: float = -1) -> None:
        if not self._flush_lock.acquire(timeout=timeout):
            return
        try:
            if not self._flushed.is_set():
                with contextlib.suppress(BaseException):
                    self.flush()
                self._flushed.set()
        finally:
            self._flush_lock.release()

    def _leave(self, code: int) -> None:
        self._flush_once()
        if self.request_exit is not None:
            with contextlib.suppress(BaseException):
                self.request_exit(code)

    def _watchdog(self, code: int) -> None:
        if not self._flushed.wait(self.flush_wait):
            self._flush_once(timeout=max(0.1, self.grace - self.flush_wait - 0.5))
        remaining = self.grace - self.flush_wait
        threading.Event().wait(max(0.0, remaining))
        os._exit(code)

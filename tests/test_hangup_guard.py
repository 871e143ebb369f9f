"""A hangup at any moment ends the process: the guard outside the event loop flushes the draft and exits
even when the loop is blocked, a second signal changes nothing, and a terminal killed around the first
paint never leaves jixiao running."""

from __future__ import annotations

import fcntl
import os
import random
import signal
import subprocess
import sys
import termios
import textwrap
import time
from pathlib import Path

import pytest

JIXIAO = Path(sys.executable).parent / "jixiao"
BLOCKED_LOOP = textwrap.dedent("""
    import asyncio, sys, time
    from pathlib import Path
    from tui.hangup import HangupGuard

    flushed = Path(sys.argv[1])
    guard = HangupGuard(grace=2.0, flush_wait=0.5)
    guard.install()
    guard.attach(lambda: flushed.write_text("draft"), lambda code: None)  # the app never manages to exit

    async def main():
        print("ready", flush=True)
        time.sleep(600)  # the loop is blocked, as in the driver's shutdown on a dead terminal

    asyncio.run(main())
""")


@pytest.mark.parametrize("signals", [1, 2])
def test_a_blocked_event_loop_still_flushes_and_ends(tmp_path: Path, signals: int) -> None:
    flushed = tmp_path / "flushed"
    process = subprocess.Popen(
        [sys.executable, "-c", BLOCKED_LOOP, str(flushed)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    for _ in range(signals):
        process.send_signal(signal.SIGHUP)
    try:
        _, stderr = process.communicate(timeout=30)  # a bound on a hang, not a timing assertion
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError("the process outlived its hangup") from None
    assert process.returncode == 128 + signal.SIGHUP
    assert flushed.read_text() == "draft"
    assert "Traceback" not in stderr


def _start_in_a_terminal(tmp_path: Path) -> tuple[subprocess.Popen[bytes], int]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    master, slave = os.openpty()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("JIXIAO", "XDG_"))}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        JIXIAO_DRAFTS=str(tmp_path / "drafts"),
        TERM="xterm-256color",
        LANG="C.UTF-8",
        COLUMNS="80",
        LINES="24",
    )

    def controlling_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        [str(JIXIAO), "new"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=tmp_path,
        start_new_session=True,
        preexec_fn=controlling_terminal,
    )
    os.close(slave)
    return process, master


KILL_TRIALS = int(os.environ.get("JIXIAO_KILL_TRIALS", "3"))


def test_killing_the_terminal_around_the_first_paint_leaves_no_process(tmp_path: Path) -> None:
    random.seed(9)
    orphans = 0
    for trial in range(KILL_TRIALS):
        process, master = _start_in_a_terminal(tmp_path / str(trial))
        deadline = time.monotonic() + random.uniform(0.2, 2.5)  # before, during and after the first paint
        while time.monotonic() < deadline:
            try:
                os.read(master, 65536) if _readable(master) else time.sleep(0.01)
            except OSError:
                break
        os.close(master)  # the terminal goes away: the kernel sends SIGHUP to its processes
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            orphans += 1
            process.kill()
            process.wait()
    assert orphans == 0, f"{orphans} of {KILL_TRIALS} starts outlived their terminal"


def _readable(descriptor: int) -> bool:
    import select

    return bool(select.select([descriptor], [], [], 0.05)[0])

"""Time from process start to the first question the user can answer, in a pseudo-terminal at 80×24.

Measures, in the same run and interleaved, a bare Textual app with an Input ("hello") and jixiao's start
screen and new-form interview, so the ratio holds for this machine's speed at this moment. A screen counts
as answerable when its marker text has been written to the terminal. For ``jixiao new`` it also reports
when the form became live (the controller loaded and the side panel filled in).

The modules are compiled first (``python -m compileall``), as a user's installed wheel has them: this machine
sets PYTHONDONTWRITEBYTECODE=1, and an editable install would otherwise recompile every module at each start.
Goals: the start screen at most 1.2× the bare app, `jixiao new`'s first question at most 1.3×.
Run: .venv/bin/python benchmarks/bench_startup.py [--rounds 9]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HELLO_APP = """
from textual.app import App
from textual.widgets import Input, Static

class Hello(App):
    def compose(self):
        yield Static("HELLO-READY")
        yield Input(placeholder="answer")

Hello().run()
"""

TIMEOUT = 20.0
ROOT = Path(__file__).resolve().parent.parent
GOALS = {"jixiao": 1.2, "jixiao new": 1.3}  # first answerable screen, as a ratio to the bare Textual app


def compile_modules(python: Path) -> None:
    """Bytecode for jixiao's modules, as an installed wheel has it (the environment forbids writing it at import)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [str(python), "-m", "compileall", "-q", str(ROOT / "domain"), str(ROOT / "tui")], env=env, check=True
    )


def _spawn(command: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True, start_new_session=True
    )
    os.close(slave)
    return process, master


def time_until(command: list[str], markers: list[bytes], env: dict[str, str]) -> list[float]:
    """Seconds from spawn until each marker has appeared in the terminal output (in order)."""
    started = time.perf_counter()
    process, master = _spawn(command, env)
    seen = b""
    found: list[float] = []
    try:
        while len(found) < len(markers):
            if time.perf_counter() - started > TIMEOUT:
                raise TimeoutError(f"{command!r} never showed {markers[len(found)]!r}")
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            while len(found) < len(markers) and markers[len(found)] in seen:
                found.append(time.perf_counter() - started)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
        os.close(master)
    if len(found) < len(markers):
        raise RuntimeError(f"{command!r} exited before showing {markers[len(found)]!r}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    options = parser.parse_args()
    python = Path(sys.executable)
    compile_modules(python)
    jixiao = str(python.parent / "jixiao")
    with tempfile.TemporaryDirectory() as scratch:
        hello = Path(scratch) / "hello.py"
        hello.write_text(HELLO_APP, encoding="utf-8")
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": "80",
            "LINES": "24",
            "XDG_CONFIG_HOME": f"{scratch}/config",
            "XDG_DATA_HOME": f"{scratch}/data",
            "JIXIAO_DRAFTS": f"{scratch}/drafts",
        }
        env.pop("NO_COLOR", None)
        cases = {
            "hello": ([str(python), str(hello)], [b"HELLO-READY"]),
            "jixiao": ([jixiao], ["新建自评表".encode()]),
            "jixiao new": ([jixiao, "new"], ["项目名称是什么".encode(), "剩余分值".encode()]),
        }
        for command, markers in cases.values():  # warm the file cache once, untimed
            time_until(command, markers, env)
        times: dict[str, list[list[float]]] = {name: [] for name in cases}
        for _ in range(options.rounds):
            for name, (command, markers) in cases.items():
                times[name].append(time_until(command, markers, env))
    hello_median = statistics.median(run[0] for run in times["hello"])
    print(f"rounds: {options.rounds}, terminal 80×24, python {sys.version.split()[0]}, modules compiled, wall time")
    missed = []
    for name, runs in times.items():
        first = statistics.median(run[0] for run in runs)
        ratio = first / hello_median
        line = f"{name:<12} first answerable question: {first * 1000:6.0f} ms   ratio to hello: {ratio:4.2f}"
        goal = GOALS.get(name)
        if goal is not None:
            line += f" (goal ≤ {goal}×{', MISSED' if ratio > goal else ''})"
            if ratio > goal:
                missed.append(f"{name}: {ratio:.2f}× against the goal of {goal}×")
        if len(runs[0]) > 1:
            live = statistics.median(run[1] for run in runs)
            line += f"   form live: {live * 1000:6.0f} ms"
        print(line)
    for text in missed:
        print(f"GOAL MISSED: {text}")
    if not missed:
        print("goals met")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Cost of a one-shot `jixiao whatif` against `python -c "import pydantic"`, measured in the same run.

Both are whole processes (interpreter start included), interleaved round by round so that the ratio holds
for this machine at this moment. The target is a ratio of at most 1.0: a what-if loads the value reader
and the scoring rules only (no records, audit or Textual).
Run: .venv/bin/python benchmarks/bench_whatif.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

WHATIF = ["whatif", "--weight", "20", "--target", "≥90%", "--actual", "75%"]
WHATIF_BUDGET = ["whatif", "--budget", "360000", "--executed", "351000"]
GOAL = 1.0  # each one-shot what-if against `python -c "import pydantic"`, CPU time


def seconds(command: list[str]) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system) of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{command!r} failed")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=21)
    options = parser.parse_args()
    python = Path(sys.executable)
    jixiao = str(python.parent / "jixiao")
    cases = {
        "import pydantic": [str(python), "-c", "import pydantic"],
        "whatif indicator": [jixiao, *WHATIF],
        "whatif budget": [jixiao, *WHATIF_BUDGET],
        "whatif --indicator": [jixiao, *WHATIF, "--indicator", "硬件配置完成率"],
    }
    root = Path(__file__).resolve().parent.parent
    for package in ("domain", "tui"):  # as an installed copy would be: bytecode compiled once
        compileall.compile_dir(root / package, quiet=1)
    for command in cases.values():  # warm the file cache once, untimed
        seconds(command)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(options.rounds):
        for name, command in cases.items():
            times[name].append(seconds(command))
    wall_base = statistics.median(run[0] for run in times["import pydantic"])
    cpu_base = statistics.median(run[1] for run in times["import pydantic"])
    print(
        f"rounds: {options.rounds}, python {sys.version.split()[0]}; CPU time is the steadier figure on a busy machine"
    )
    missed = []
    for name, runs in times.items():
        wall = statistics.median(run[0] for run in runs)
        cpu = statistics.median(run[1] for run in runs)
        print(
            f"{name:<20} wall {wall * 1000:6.1f} ms (ratio {wall / wall_base:4.2f})   "
            f"cpu {cpu * 1000:6.1f} ms (ratio to import pydantic {cpu / cpu_base:4.2f})"
        )
        if cpu / cpu_base > GOAL:
            missed.append(f"{name}: {cpu / cpu_base:.2f}× import pydantic in CPU time (goal ≤ {GOAL:.1f}×)")
    for line in missed:
        print(f"GOAL MISSED: {line}")
    print("every goal met (CPU time)" if not missed else "")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()

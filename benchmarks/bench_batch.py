"""Audit a department's year at scale: `jixiao check DIR --jobs N --format ndjson` over 10,000 forms.

The forms are the 37 seed forms copied (each copy with its own project name) into a temporary folder.
The baseline, measured in the same run, is reading every file and parsing it with ``tomli.loads`` (the
compiled parser jixiao itself uses) in one process: the least any audit must do. The goal: the audit with
two jobs takes no longer than that one process (a ratio of at most 1.0); the script says plainly, and exits
1, when a goal is missed. The audit runs as the installed command, its output thrown
away; peak memory is sampled from /proc every 20 ms (PSS summed over the command and its workers, and
the largest single process's RSS).
Run: .venv/bin/python benchmarks/bench_batch.py [--forms 10000] [--jobs 2] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

import tomli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed"
RATIO_GOAL = 1.0  # check --jobs 2 against tomli parsing the same files in one process
RATE_GOAL = 2000  # forms per second
MEMORY_GOAL = 80  # MiB, PSS over the command and its workers


def make_forms(folder: Path, count: int) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEED.glob("*.toml"))]
    for index in range(count):
        text = texts[index % len(texts)]
        text = text.replace('project_name = "', f'project_name = "{index:05d} ', 1)
        (folder / f"{index:05d}.toml").write_text(text, encoding="utf-8")


def baseline(folder: Path) -> tuple[float, float]:
    """Seconds (wall, CPU) to read and tomli-parse every file."""
    started, cpu = time.perf_counter(), time.process_time()
    for path in sorted(folder.glob("*.toml")):
        tomli.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return time.perf_counter() - started, time.process_time() - cpu


def _tree(pid: int) -> list[int]:
    """The process and its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        queue.extend(children.get(current, ()))
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(PSS summed over the tree, largest RSS) in KiB."""
    pss = largest = 0
    for member in _tree(pid):
        try:
            with open(f"/proc/{member}/smaps_rollup", encoding="ascii") as rollup:
                fields = dict(line.split(":", 1) for line in rollup.read().splitlines()[1:])
        except (OSError, ValueError):
            continue
        pss += int(fields.get("Pss", "0 kB").split()[0])
        largest = max(largest, int(fields.get("Rss", "0 kB").split()[0]))
    return pss, largest


def audit(folder: Path, jobs: int) -> tuple[float, int, int, int, float]:
    """Seconds, exit code, peak PSS of the tree and peak RSS of one process (KiB), CPU seconds of all processes."""
    command = [
        str(Path(sys.executable).parent / "jixiao"),
        "check",
        str(folder),
        "--jobs",
        str(jobs),
        "--format",
        "ndjson",
    ]
    peaks = [0, 0]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pss, largest = _memory(process.pid)
            peaks[0], peaks[1] = max(peaks[0], pss), max(peaks[1], largest)
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, process.returncode, peaks[0], max(peaks[1], usage.ru_maxrss), usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--forms", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        make_forms(folder, options.forms)
        baseline(folder)  # warm the file cache, untimed
        base_times, runs = [], []
        for _ in range(options.rounds):
            base_times.append(baseline(folder))
            runs.append(audit(folder, options.jobs))
    base = statistics.median(wall for wall, _ in base_times)
    base_cpu = statistics.median(cpu for _, cpu in base_times) / options.forms * 1000
    elapsed = statistics.median(run[0] for run in runs)
    cpu = statistics.median(run[4] for run in runs) / options.forms * 1000
    codes = sorted({run[1] for run in runs})
    pss = max(run[2] for run in runs) / 1024
    rss = max(run[3] for run in runs) / 1024
    ratio = elapsed / base
    rate = options.forms / elapsed
    missed = []
    print(f"{options.forms} forms, {options.jobs} jobs, median of {options.rounds} rounds, exit codes {codes}")
    print(f"  baseline: read + tomli.loads, 1 process    {base:7.2f} s  {options.forms / base:7.0f} forms/s   1.00×")
    print(
        f"  jixiao check --format ndjson             {elapsed:7.2f} s  {rate:7.0f} forms/s  "
        f"{ratio:5.2f}× the baseline's time   (goal ≤ {RATIO_GOAL:.1f}×)"
    )
    if ratio > RATIO_GOAL:
        missed.append(
            f"check takes {ratio:.2f}× the time of parsing the same files with tomli (goal ≤ {RATIO_GOAL:.1f}×)"
        )
    if rate < RATE_GOAL:
        missed.append(f"{rate:.0f} forms/s (goal ≥ {RATE_GOAL} forms/s)")
    print(
        f"  CPU per form (every process, start-up included): baseline {base_cpu:.3f} ms, check {cpu:.3f} ms "
        f"({cpu / base_cpu:.2f}×); on {options.jobs} otherwise idle cores that is ≈ {options.jobs * 1000 / cpu:.0f} forms/s"
    )
    print(
        f"  peak memory: {pss:.1f} MiB PSS over the command and its workers, {rss:.1f} MiB RSS of the largest process"
        f"   (goal < {MEMORY_GOAL} MiB)"
    )
    if pss >= MEMORY_GOAL:
        missed.append(f"peak memory {pss:.1f} MiB (goal < {MEMORY_GOAL} MiB)")
    for goal in missed:
        print(f"  GOAL MISSED: {goal}")
    if not missed:
        print("  every goal met")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()

"""The reviewer's report at scale: time and peak memory of `jixiao report` at 1,000 and 10,000 forms (50,000
with --large), against anchors measured in the same run.

Two measurements at each size:
- **report from ndjson** (`jixiao report forms.ndjson --out r.xlsx`: the report's own work — reading the lines,
  counting, spooling, writing four sheets) against a bare XlsxWriter loop in constant-memory mode that reads
  the same lines with ``json.loads`` and writes the same rows (one per form, one per finding) and nothing
  else: the least a report can cost. The lines are the 37 seed forms' `check --format ndjson`, repeated with
  a distinct project name and key each.
- **report from forms** (`jixiao report DIR --jobs N --out r.xlsx`, the audit included) against
  `jixiao check DIR --jobs N --format ndjson` over the same forms: what the report adds to the audit.
Peak memory is sampled from /proc every 20 ms (the largest RSS of any one process of the command, and PSS
summed over it and its workers). Goals: memory flat (the peak at the largest size at most 10 MiB above the
peak at the smallest); report from ndjson at most 2.0× the bare loop's CPU time (the machine is shared: wall
times are printed but not compared). A missed goal is said, and exits 1.
Run: .venv/bin/python benchmarks/bench_report.py [--large] [--jobs 2] [--rounds 3]   (rounds below 10,000 forms)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import _memory, make_forms  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed"
JIXIAO = str(Path(sys.executable).parent / "jixiao")
TIME_GOAL = 2.0
FLAT_GOAL_MIB = 10.0

BARE_LOOP = r"""
import json, sys, xlsxwriter
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
text = book.add_format({"font_name": "等线", "font_size": 10, "valign": "top", "border": 1})
wrap = book.add_format({"font_name": "等线", "font_size": 10, "valign": "top", "border": 1, "text_wrap": True})
forms, findings = book.add_worksheet("forms"), book.add_worksheet("findings")
row = finding_row = 0
with open(sys.argv[1], encoding="utf-8") as lines:
    for line in lines:
        form = json.loads(line)
        number = lambda text: None if text is None else float(text)
        values = [form["project"], form["implementer"] or form["department"], number(form["declared_total"]),
                  number(form["computed_total"]), form["grade"], form["errors"], form["warnings"], form["infos"],
                  *(number(points) for points in form["lost"].values()), form["file"]]
        for column, value in enumerate(values):
            forms.write(row, column, value, text)
        row += 1
        for finding in form["findings"]:
            for column, value in enumerate((form["project"], finding["row"], finding["indicator"], finding["severity"],
                                            finding["code"], number(finding["declared"]), number(finding["computed"]),
                                            finding["message"], form["file"], finding["code"])):
                findings.write(finding_row, column, value, wrap)
            finding_row += 1
book.close()
"""


def make_ndjson(path: Path, count: int, seed_lines: list[str]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for index in range(count):
            form = json.loads(seed_lines[index % len(seed_lines)])
            form["project"] = f"{index:06d} {form['project']}"
            form["file"] = f"forms/{index:06d}.toml"
            form["key"] = f"{index:024x}"
            out.write(json.dumps(form, ensure_ascii=False, separators=(",", ":")) + "\n")


def measure(command: list[str]) -> tuple[float, int, float, float, float]:
    """Wall seconds, exit code, peak PSS over the process tree and peak RSS of its largest process (MiB), CPU
    seconds of the command and its workers."""
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
    return (
        elapsed,
        os.waitstatus_to_exitcode(status),
        peaks[0] / 1024,
        max(peaks[1], usage.ru_maxrss) / 1024,
        usage.ru_utime + usage.ru_stime,
    )


def median_run(command: list[str], rounds: int, out: Path) -> tuple[float, int, float, float, float]:
    runs = []
    for _ in range(rounds):
        out.unlink(missing_ok=True)
        runs.append(measure(command))
    return (
        statistics.median(run[0] for run in runs),
        max(run[1] for run in runs),
        max(run[2] for run in runs),
        max(run[3] for run in runs),
        statistics.median(run[4] for run in runs),
    )


def ndjson_report(
    lines: Path, out: Path, count: int, seed: list[str], rounds: int, peaks: dict[int, float], missed: list[str]
) -> None:
    make_ndjson(lines, count, seed)
    bare = median_run([sys.executable, "-c", BARE_LOOP, str(lines), str(out)], rounds, out)
    if bare[1] != 0:
        raise SystemExit(f"the bare XlsxWriter loop failed (exit {bare[1]})")
    report = median_run([JIXIAO, "report", str(lines), "--out", str(out)], rounds, out)
    peaks[count] = report[3]
    ratio = report[4] / bare[4]
    print(
        f"{count:>6} forms, report from ndjson  {report[0]:7.2f} s ({report[4]:6.2f} s CPU)  {report[3]:6.1f} / "
        f"{report[2]:6.1f} MiB   bare XlsxWriter loop {bare[0]:7.2f} s ({bare[4]:6.2f} s CPU)  {bare[3]:6.1f} MiB   "
        f"CPU {ratio:4.2f}× (goal ≤ {TIME_GOAL:.1f}×){'' if report[1] == 0 else f'  exit {report[1]}'}",
        flush=True,
    )
    if ratio > TIME_GOAL:
        missed.append(f"report from ndjson at {count} forms: {ratio:.2f}× the bare loop (goal ≤ {TIME_GOAL:.1f}×)")
    lines.unlink()


def forms_report(folder: Path, out: Path, count: int, jobs: int, rounds: int, peaks: dict[int, float]) -> None:
    forms = folder / f"forms-{count}"
    forms.mkdir()
    make_forms(forms, count)
    check = median_run([JIXIAO, "check", str(forms), "--jobs", str(jobs), "--format", "ndjson"], rounds, out)
    full = median_run([JIXIAO, "report", str(forms), "--jobs", str(jobs), "--out", str(out)], rounds, out)
    peaks[count] = full[3]
    print(
        f"{count:>6} forms, report from forms   {full[0]:7.2f} s ({full[4]:6.2f} s CPU)  {full[3]:6.1f} / "
        f"{full[2]:6.1f} MiB   check --format ndjson {check[0]:6.2f} s ({check[4]:6.2f} s CPU)  {check[3]:6.1f} / "
        f"{check[2]:6.1f} MiB   CPU {full[4] / check[4]:4.2f}× the check",
        flush=True,
    )
    for path in forms.iterdir():
        path.unlink()
    forms.rmdir()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--large", action="store_true", help="also 50,000 forms (several minutes)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", type=lambda text: [int(part) for part in text.split(",")], default=None)
    parser.add_argument("--only", choices=("ndjson", "forms"), help="one of the two measurements")
    options = parser.parse_args()
    sizes = options.sizes or ([1000, 10_000, 50_000] if options.large else [1000, 10_000])
    seed = subprocess.run(
        [JIXIAO, "check", str(SEED), "--format", "ndjson", "--jobs", "1"], capture_output=True, text=True, check=False
    ).stdout.splitlines()
    missed = []
    from_ndjson: dict[int, float] = {}
    from_forms: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        print(
            f"median of {options.rounds} rounds (1 from 10,000 forms); times in seconds, memory in MiB (peak RSS of the "
            "largest process / PSS over the command and its workers)"
        )
        for count in sizes:
            rounds = 1 if count >= 10_000 else options.rounds
            lines, out = folder / f"forms-{count}.ndjson", folder / "r.xlsx"
            if options.only != "forms":
                ndjson_report(lines, out, count, seed, rounds, from_ndjson, missed)
            if options.only != "ndjson":
                forms_report(folder, out, count, options.jobs, rounds, from_forms)
    small, large = sizes[0], sizes[-1]
    for name, peaks in (("report from ndjson", from_ndjson), ("report from forms", from_forms)):
        if not peaks:
            continue
        growth = peaks[large] - peaks[small]
        per_form = growth * 1024 / (large - small) if large > small else 0.0
        verdict = "flat" if growth <= FLAT_GOAL_MIB else "NOT flat"
        print(
            f"{name}: peak RSS {peaks[small]:.1f} MiB at {small} forms, {peaks[large]:.1f} MiB at {large}: "
            f"{growth:+.1f} MiB ({per_form:+.2f} KiB a form), {verdict} (goal: at most +{FLAT_GOAL_MIB:.0f} MiB)"
        )
        if growth > FLAT_GOAL_MIB:
            missed.append(f"{name}: memory grows {growth:.1f} MiB from {small} to {large} forms")
    for line in missed:
        print(f"GOAL MISSED: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

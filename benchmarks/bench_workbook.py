"""Time reading workbooks against what a user would otherwise run to read the same cells.

Two measurements, each against anchors timed in the same run, interleaved round by round:

- ``jixiao import`` of one workbook of N stacked forms (read, check, match and write a TOML file each), in
  CPU seconds of this process, against openpyxl in read-only mode reading every cell of the same file
  (``load_workbook(read_only=True)`` and ``iter_rows(values_only=True)``) — goal at most 0.5× — and
  against python-calamine reading every cell (shown for scale);
- ``jixiao check --jobs 2`` over 8 such workbooks (the installed command, its output thrown away; CPU
  seconds of the command and its workers, start-up included, so that other load on the machine does not
  count), against python-calamine reading every cell of the 8 files in this process — goal at most 3×.

The workbook is made once per run: the fixtures' forms in turn, numbered, one under another in one sheet,
in the central layout (merged cells, percent formats, amounts in 万元 and 元). Modules are compiled first
(this machine sets PYTHONDONTWRITEBYTECODE=1), as a user's install would be.
Run: .venv/bin/python benchmarks/bench_workbook.py [--forms 500] [--books 8] [--rounds 5]
Exit 0 when every goal is met, 1 otherwise (each miss said plainly).
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.sheets.importing import import_files  # noqa: E402

IMPORT_GOAL = 0.5  # × openpyxl read-only reading every cell
CHECK_GOAL = 3.0  # × python-calamine reading every cell


def make_workbook(path: Path, forms: int, offset: int = 0) -> None:
    """The workbook fixtures' forms, numbered, written one under another by jixiao's own writer."""
    from domain.sheets.export import audited, write_workbook
    from domain.sheets.forms import read_file

    fixtures = ROOT / "fixtures" / "workbooks"
    projects = [
        form.evaluation
        for name in ("central-2022.xlsx", "shenzhen-stacked.xlsx")
        for form in read_file(fixtures / name).read
    ]
    sheet_forms = []
    for number in range(forms):
        evaluation = projects[number % len(projects)].model_copy(deep=True)
        evaluation.header.project_name = f"{evaluation.header.project_name}（第{offset + number + 1}号）"
        sheet_forms.append(audited(evaluation))
    write_workbook(sheet_forms, path, stacked=True)


def openpyxl_cells(path: Path) -> int:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    count = 0
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                count += len(row)
    finally:
        workbook.close()
    return count


def calamine_cells(paths: list[Path]) -> int:
    from python_calamine import CalamineWorkbook

    count = 0
    for path in paths:
        with CalamineWorkbook.from_path(str(path)) as workbook:
            for index in range(len(workbook.sheet_names)):
                count += sum(len(row) for row in workbook.get_sheet_by_index(index).to_python())
    return count


def cpu(action) -> float:  # type: ignore[no-untyped-def]
    started = time.process_time()
    action()
    return time.process_time() - started


def children_cpu(action) -> float:  # type: ignore[no-untyped-def]
    """CPU seconds of the processes ``action`` starts and waits for (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    action()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def verdict(name: str, ratio: float, goal: float) -> bool:
    if ratio <= goal:
        print(f"  {name}: {ratio:.2f}× — goal ≤ {goal}× met")
        return True
    print(f"  {name}: {ratio:.2f}× — goal ≤ {goal}× MISSED by {ratio / goal:.1f}×")
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--forms", type=int, default=500)
    parser.add_argument("--books", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    compileall.compile_dir(str(ROOT / "domain"), quiet=1)
    compileall.compile_dir(str(ROOT / "tui"), quiet=1)
    command = [str(Path(sys.executable).with_name("jixiao"))]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        books = [folder / f"stacked-{index + 1}.xlsx" for index in range(options.books)]
        started = time.perf_counter()
        make_workbook(books[0], options.forms)
        for book in books[1:]:
            book.write_bytes(books[0].read_bytes())
        print(
            f"made {len(books)} workbooks of {options.forms} forms ({books[0].stat().st_size // 1024} KiB each)"
            f" in {time.perf_counter() - started:.1f} s"
        )
        report = import_files([books[0]], folder / "warm", overwrite=True)  # warm caches, check it reads all
        assert len(report.written) == options.forms and not report.refused, (len(report.written), report.refused[:1])

        def check() -> None:
            done = subprocess.run(
                [*command, "check", *map(str, books), "--jobs", "2", "--format", "ndjson"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                check=False,
            )
            assert done.returncode in (0, 1), done.returncode

        opened, raw, imported, checked, raw_all = [], [], [], [], []
        for round_number in range(options.rounds):
            opened.append(cpu(lambda: openpyxl_cells(books[0])))
            raw.append(cpu(lambda: calamine_cells(books[:1])))
            out = folder / f"out{round_number}"
            imported.append(cpu(lambda out=out: import_files([books[0]], out, overwrite=True)))
            raw_all.append(cpu(lambda: calamine_cells(books)))
            checked.append(children_cpu(check))

    base, scale, ours = (statistics.median(values) for values in (opened, raw, imported))
    anchor, audit = statistics.median(raw_all), statistics.median(checked)
    print(f"import of {options.forms} stacked forms (CPU seconds, median of {options.rounds} rounds)")
    print(f"  {'openpyxl read-only, every cell':42} {base * 1000:8.0f} ms   1.00×")
    print(f"  {'python-calamine, every cell':42} {scale * 1000:8.0f} ms  {scale / base:5.2f}×")
    print(
        f"  {'jixiao import (read, check, write all)':42} {ours * 1000:8.0f} ms  {ours / base:5.2f}×"
        f"  ({ours / scale:.1f}× calamine)"
    )
    print(f"check --jobs 2 of {options.books} workbooks, {options.books * options.forms} forms (CPU seconds)")
    print(f"  {'python-calamine, every cell, one process':42} {anchor * 1000:8.0f} ms   1.00×")
    print(f"  {'jixiao check --jobs 2 (command, start-up too)':42} {audit * 1000:8.0f} ms  {audit / anchor:5.2f}×")
    print("goals")
    met = verdict("import against openpyxl read-only", ours / base, IMPORT_GOAL)
    met = verdict("check --jobs 2 against calamine", audit / anchor, CHECK_GOAL) and met
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())

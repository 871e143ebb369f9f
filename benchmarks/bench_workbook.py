"""Time `jixiao import` of a workbook of 500 stacked forms against merely opening it with openpyxl.

The workbook is made once per run: the fixtures' forms in turn, numbered, one under another in one sheet, in
the central layout (merged cells, percent formats, amounts in 万元 and 元). The baseline, ``openpyxl.load_workbook`` of
the same file, is timed in the same run and interleaved with the import, so the ratio holds for this
machine at this moment. The import reads, validates, matches and writes every form (a TOML file each).
The goal is a ratio of at most 0.5.
Run: .venv/bin/python benchmarks/bench_workbook.py [--forms 500] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.sheets.importing import import_files  # noqa: E402

GOAL = 0.5


def make_workbook(path: Path, forms: int) -> None:
    """The workbook fixtures' forms, numbered, written one under another by jixiao's own writer."""
    from domain.sheets.export import audited, write_workbook
    from domain.sheets.forms import read_file

    fixtures = ROOT / "fixtures" / "workbooks"
    projects = [form.evaluation for name in ("central-2022.xlsx", "shenzhen-stacked.xlsx")
                for form in read_file(fixtures / name).read]
    sheet_forms = []
    for number in range(forms):
        evaluation = projects[number % len(projects)].model_copy(deep=True)
        evaluation.header.project_name = f"{evaluation.header.project_name}（第{number + 1}号）"
        sheet_forms.append(audited(evaluation))
    write_workbook(sheet_forms, path, stacked=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--forms", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    import openpyxl

    with tempfile.TemporaryDirectory() as scratch:
        book = Path(scratch) / f"stacked-{options.forms}.xlsx"
        started = time.perf_counter()
        make_workbook(book, options.forms)
        print(f"made {book.name} ({book.stat().st_size // 1024} KiB) in {time.perf_counter() - started:.1f} s")
        report = import_files([book], Path(scratch) / "warm", overwrite=True)  # warm caches, check it reads all
        assert len(report.written) == options.forms and not report.refused, (len(report.written), report.refused[:1])
        from python_calamine import CalamineWorkbook

        baseline, measured, raw = [], [], []
        for round_number in range(options.rounds):
            started = time.perf_counter()
            openpyxl.load_workbook(book)
            baseline.append(time.perf_counter() - started)
            started = time.perf_counter()
            with CalamineWorkbook.from_path(str(book)) as workbook:
                for index in range(len(workbook.sheet_names)):
                    workbook.get_sheet_by_index(index).to_python()
            raw.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = import_files([book], Path(scratch) / f"out{round_number}", overwrite=True)
            measured.append(time.perf_counter() - started)
            assert len(report.written) == options.forms
    base, ours = statistics.median(baseline), statistics.median(measured)
    ratio = ours / base
    print(f"{options.forms} stacked forms, median of {options.rounds} rounds")
    print(f"  {'baseline: openpyxl.load_workbook':40} {base * 1000:8.0f} ms   1.00×")
    print(f"  {'calamine: the cell values alone':40} {statistics.median(raw) * 1000:8.0f} ms  "
          f"{statistics.median(raw) / base:5.2f}×")
    print(f"  {'jixiao import (read, check, write all)':40} {ours * 1000:8.0f} ms  {ratio:5.2f}×  (goal ≤ {GOAL}×)")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())

"""Time `jixiao export` of 500 forms against a bare XlsxWriter loop writing the same values and merges.

The forms are the 37 seed forms in turn, numbered, 500 in all, one sheet each. The anchor is what any program
writing this workbook has to do: the cell values, merged ranges, formats, row heights, column widths and page
set-up that jixiao writes, recorded once from jixiao's own writer and replayed straight into XlsxWriter (same
calls, same formats, no logic between them). Both are timed in the same run, interleaved, as CPU time of this
process; the ratio is of medians.

Timed for jixiao: ``write_workbook`` of the audited forms (the writing the goal is about), and separately the
whole command's work — audit of every form, then the writing — for scale. The goal: writing at most 1.2× the anchor.
Run: .venv/bin/python benchmarks/bench_export.py [--forms 500] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL = 1.2


class Recorder:
    """Stands in for an XlsxWriter worksheet (or workbook) and keeps every call, formats by their key."""

    def __init__(
        self, calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]], names: dict[int, str], name: str = ""
    ) -> None:
        self.calls, self.names, self.name = calls, names, name

    def __getattr__(self, method: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> int:
            self.calls.append(
                (
                    method,
                    tuple(
                        self.names.get(id(arg), arg) if not isinstance(arg, str | int | float) else arg for arg in args
                    ),
                    kwargs,
                )
            )
            return 0

        return record


def record_calls(forms: list[Any]) -> list[tuple[str, list[tuple[str, tuple[Any, ...], dict[str, Any]]]]]:
    """Each sheet's name and the worksheet calls jixiao's writer makes for it."""
    import xlsxwriter

    from domain.sheets.export import _page_setup
    from domain.sheets.export_cells import cell_formats, sheet_name
    from domain.sheets.form_writer import FormWriter
    from domain.sheets.layouts import layout

    declared = layout("central")
    with tempfile.TemporaryDirectory() as scratch:
        book = xlsxwriter.Workbook(str(Path(scratch) / "x.xlsx"))
        formats = cell_formats(book)
        names = {id(value): f"FORMAT:{key}" for key, value in formats.items()}
        sheets, used = [], set()
        for form in forms:
            calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
            sheet = Recorder(calls, names)
            writer = FormWriter(book, sheet, declared, form.evaluation.funds.unit, formats)
            _page_setup(sheet, writer)
            writer.write(form)
            writer.finish()
            sheet.print_area(0, 0, writer.row - 1, writer.last)
            sheets.append((sheet_name(form.evaluation.header.project_name, used), calls))
        book.close()
    return sheets


def bare_loop(sheets: list[tuple[str, list[tuple[str, tuple[Any, ...], dict[str, Any]]]]], path: Path) -> None:
    """The anchor: the recorded calls replayed into a fresh XlsxWriter workbook."""
    import xlsxwriter

    from domain.sheets.export_cells import cell_formats

    book = xlsxwriter.Workbook(
        str(path),
        {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
    )
    formats = {f"FORMAT:{key}": value for key, value in cell_formats(book).items()}
    for name, calls in sheets:
        sheet = book.add_worksheet(name)
        for method, args, kwargs in calls:
            getattr(sheet, method)(*(formats.get(arg, arg) if isinstance(arg, str) else arg for arg in args), **kwargs)
    book.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--forms", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    from domain.record.storage import load_evaluation
    from domain.sheets.export import audited, write_workbook

    seeds = [load_evaluation(path) for path in sorted((ROOT / "fixtures" / "seed").glob("*.toml"))]
    evaluations = []
    for number in range(options.forms):
        evaluation = seeds[number % len(seeds)].model_copy(deep=True)
        evaluation.header.project_name = f"{number + 1:03d} {evaluation.header.project_name}"
        evaluations.append(evaluation)
    forms = [audited(evaluation) for evaluation in evaluations]
    sheets = record_calls(forms)
    anchor, writing, whole = [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        bare_loop(sheets, out / "warm-bare.xlsx")
        write_workbook(forms, out / "warm.xlsx")
        for round_number in range(options.rounds):
            started = time.process_time()
            bare_loop(sheets, out / f"bare{round_number}.xlsx")
            anchor.append(time.process_time() - started)
            started = time.process_time()
            write_workbook(forms, out / f"ours{round_number}.xlsx")
            writing.append(time.process_time() - started)
            started = time.process_time()
            write_workbook([audited(evaluation) for evaluation in evaluations], out / f"all{round_number}.xlsx")
            whole.append(time.process_time() - started)
    base = statistics.median(anchor)
    ratio = statistics.median(writing) / base
    print(f"{options.forms} forms, one sheet each, CPU time, median of {options.rounds} interleaved rounds")
    print(f"  {'anchor: bare XlsxWriter loop, same calls':44} {base * 1000:8.0f} ms   1.00×")
    print(
        f"  {'jixiao export: writing the workbook':44} {statistics.median(writing) * 1000:8.0f} ms  {ratio:5.2f}×"
        f"  (goal ≤ {GOAL}×)"
    )
    print(
        f"  {'jixiao export: audit every form, then write':44} {statistics.median(whole) * 1000:8.0f} ms  "
        f"{statistics.median(whole) / base:5.2f}×  (for scale; the audit is the scoring the form shows)"
    )
    if ratio > GOAL:
        print(f"GOAL MISSED: writing takes {ratio:.2f}× the bare loop, {ratio / GOAL:.2f} times the goal of {GOAL}×")
        return 1
    print(f"goal met: {ratio:.2f}× ≤ {GOAL}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What reading workbooks in a limited child process costs: `jixiao import` of a workbook of 500 stacked
forms, and the reading alone (``open_workbook``), each timed with the child (as shipped) and with the same
reading done in this process, interleaved in the same run. The goal: the import at most 1.10× without the
child; it exits 1 when missed. The batch figure reads the 37 seed forms' fixture workbooks one after another
(many small files: what process start-up costs when it is paid per file).
Run: .venv/bin/python benchmarks/bench_isolation.py [--forms 500] [--rounds 7]
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_workbook import make_workbook  # noqa: E402

from domain.sheets import binary, sandbox  # noqa: E402
from domain.sheets.importing import import_files  # noqa: E402
from domain.sheets.workbook import open_workbook  # noqa: E402

GOAL = 1.10
ISOLATED = sandbox.read_isolated


def _in_process(path: str, kind: str) -> tuple[str, list[binary.SheetData]]:
    return binary.read_binary(path, kind)


def _timed(isolated: bool, action) -> float:
    sandbox_read = ISOLATED if isolated else _in_process
    from domain.sheets import sandbox as module

    module.read_isolated = sandbox_read
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--forms", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args()
    small = sorted((ROOT / "fixtures" / "workbooks").glob("*.xls*")) + [
        ROOT / "fixtures" / "workbooks" / "central-2022.ods"
    ]
    small = [path for path in small if not path.name.startswith("refuse-")]
    with tempfile.TemporaryDirectory() as scratch:
        book = Path(scratch) / f"stacked-{options.forms}.xlsx"
        make_workbook(book, options.forms)
        print(f"made {book.name} ({book.stat().st_size // 1024} KiB)")
        times: dict[str, list[float]] = {
            key: [] for key in ("import", "import-in", "read", "read-in", "small", "small-in")
        }
        for round_number in range(options.rounds):
            for isolated in (True, False):
                suffix = "" if isolated else "-in"
                out = Path(scratch) / f"out{round_number}{suffix}"
                times["import" + suffix].append(
                    _timed(isolated, lambda out=out: import_files([book], out, overwrite=True))
                )
                times["read" + suffix].append(_timed(isolated, lambda: list(open_workbook(book).sheets())))
                times["small" + suffix].append(
                    _timed(isolated, lambda: [list(open_workbook(p).sheets()) for p in small])
                )
    median = {key: statistics.median(values) for key, values in times.items()}
    print(f"{options.forms} stacked forms, median of {options.rounds} interleaved rounds")
    for label, key in (
        ("import (read, check, write all)", "import"),
        ("reading alone (open_workbook)", "read"),
        (f"{len(small)} small fixture workbooks read", "small"),
    ):
        ratio = median[key] / median[key + "-in"]
        print(
            f"  {label:34} in this process {median[key + '-in'] * 1000:7.0f} ms   in the child "
            f"{median[key] * 1000:7.0f} ms   {ratio:5.2f}×"
        )
    ratio = median["import"] / median["import-in"]
    print(f"goal: import at most {GOAL}× — {'met' if ratio <= GOAL else 'MISSED'} ({ratio:.2f}×)")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())

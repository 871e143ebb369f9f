"""Fuzzing the workbook reader: the crafted corpus (fixtures/workbooks/crafted/, one file per way a workbook
has hurt a reader) and seeded mutations of the fixture workbooks (.xlsx, .xls, .ods) go through `check` and
`import` in the warmed-up fuzz driver, each command held to 15 s of wall time and CPU.

Asserted for every input: no traceback, exit 0, 1 or 2, nothing raw on the terminal; a refused file (exit 2)
is named on stderr with a reason; no process of the command (the workbook reader's child included) grew
past 500 MiB resident. Every crafted case that cannot be read is refused (exit 2).

Quick profile: the crafted corpus and 12 mutations. ``JIXIAO_FUZZ=long`` runs ``JIXIAO_FUZZ_COUNT`` (default
400) mutations from ``JIXIAO_FUZZ_SEED`` through both commands; ``JIXIAO_FUZZ_LOG=FILE`` appends the counts
(inputs, exit codes) of the run.
"""

from __future__ import annotations

import collections
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fuzz.test_fuzz import COUNT, FUZZ_SEED, LONG, Driver
from fuzz.workbooks import CRAFTED, mutations

WALL, CPU = 15, 15
MAX_RSS_KIB = 500 * 1024
QUICK_MUTATIONS = 12
# Crafted files that are damaged but still readable (what they break is ignored by every reader)
READABLE = {
    "huge-dimension.xlsx",
    "sheet-outside.xlsx",
    "style-index-text.xlsx",
    "ods-cells-huge.ods",
    "xls-difat-loop.xls",
}


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    home = tmp_path_factory.mktemp("workbook-fuzz-home")
    started = Driver(home)
    started.codes = collections.Counter()  # type: ignore[attr-defined]
    yield started
    started.close()
    log = os.environ.get("JIXIAO_FUZZ_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as stream:
            codes = " ".join(f"exit {code}: {count}" for code, count in sorted(started.codes.items()))  # type: ignore[attr-defined]
            stream.write(f"workbooks: {started.runs} runs; {codes}\n")


def _run(driver: Driver, argv: list[str], path: Path, what: str) -> int:
    request: dict[str, object] = {"argv": argv, "wall": WALL, "cpu": CPU}
    result = driver.check(request, what)  # no traceback, exit 0/1/2, nothing raw
    code = int(result["code"])  # type: ignore[call-overload]
    driver.codes[code] += 1  # type: ignore[attr-defined]
    stderr = str(result["stderr"])
    if code == 2:
        assert path.name in stderr and "：" in stderr.split(path.name, 1)[1], (
            f"{what}: refused without name or reason\n{stderr}"
        )
    assert int(result["maxrss"]) <= MAX_RSS_KIB, f"{what}: {result['maxrss']} KiB resident"  # type: ignore[call-overload]
    return code


def test_crafted_workbooks_are_refused_by_name(driver: Driver, tmp_path: Path) -> None:
    files = sorted(path for path in CRAFTED.iterdir() if path.suffix in (".xlsx", ".xls", ".ods"))
    assert len(files) >= 40
    for path in files:
        code = _run(driver, ["check", str(path)], path, f"crafted/{path.name}")
        if path.name not in READABLE:
            assert code == 2, f"crafted/{path.name} was not refused (exit {code})"
        if LONG:
            _run(driver, ["import", str(path), "--out", str(tmp_path / path.stem)], path, f"crafted/{path.name}")


def test_mutated_workbooks(driver: Driver, tmp_path: Path) -> None:
    folder = tmp_path / "mutants"
    folder.mkdir()
    for name, data in mutations(FUZZ_SEED, COUNT if LONG else QUICK_MUTATIONS):
        path = folder / name
        path.write_bytes(data)
        _run(driver, ["check", str(path), "--format", "json"], path, f"mutant {name} (seed {FUZZ_SEED})")
        if LONG:
            _run(
                driver,
                ["import", str(path), "--out", str(tmp_path / "out" / path.stem)],
                path,
                f"mutant {name} (seed {FUZZ_SEED})",
            )

"""Time the write phase of an import of 500 forms: every file through the atomic helper (temporary file,
fsync, rename, a journal; the fsyncs issued by 16 threads at once) against the honest anchor of writing the
same files with a temporary file and a rename but no fsync at all, and against one fsync after another.

All three run in the same run, interleaved, in a folder beside this file (on the repository's disk: /tmp may
be a tmpfs where fsync costs nothing). The goal: the helper at most 1.5× the anchor without fsync.
Run: .venv/bin/python benchmarks/bench_writes.py [--forms 500] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.errors import InputError  # noqa: E402
from domain.record.atomic import replace_file  # noqa: E402
from domain.record.batch_write import write_batch  # noqa: E402
from domain.record.storage import load_evaluation, to_toml  # noqa: E402

GOAL = 1.5


def without_fsync(folder: Path, texts: list[bytes]) -> None:
    folder.mkdir()
    for index, data in enumerate(texts):
        handle, temporary = tempfile.mkstemp(prefix=f".{index}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, folder / f"{index:05d}.toml")
    descriptor = os.open(folder, os.O_RDONLY)
    os.fsync(descriptor)
    os.close(descriptor)


def one_after_another(folder: Path, texts: list[bytes]) -> None:
    folder.mkdir()
    for index, data in enumerate(texts):
        replace_file(folder / f"{index:05d}.toml", data, sync_folder=False)


def helper(folder: Path, texts: list[bytes]) -> None:
    targets = [folder / f"{index:05d}.toml" for index in range(len(texts))]
    write_batch(targets, texts.__getitem__, folder, False, lambda names: InputError(str(names)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    seed = sorted((ROOT / "fixtures" / "seed").glob("*.toml"))
    texts = [to_toml(load_evaluation(seed[index % len(seed)])).encode("utf-8") for index in range(options.forms)]
    ways = {
        "anchor: temporary + rename, no fsync": without_fsync,
        "fsync one after another": one_after_another,
        "jixiao: the atomic helper": helper,
    }
    times: dict[str, list[float]] = {name: [] for name in ways}
    scratch = Path(tempfile.mkdtemp(prefix=".bench-writes-", dir=Path(__file__).resolve().parent))
    try:
        for round_number in range(options.rounds):
            for number, (name, way) in enumerate(ways.items()):
                folder = scratch / f"{round_number}-{number}"
                started = time.perf_counter()
                way(folder, texts)
                times[name].append(time.perf_counter() - started)
                shutil.rmtree(folder)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    anchor = statistics.median(times[next(iter(ways))])
    print(f"{options.forms} forms written, median of {options.rounds} rounds")
    for name, measured in times.items():
        median = statistics.median(measured)
        print(f"  {name:40} {median * 1000:8.0f} ms   {median / anchor:5.2f}×")
    ratio = statistics.median(times["jixiao: the atomic helper"]) / anchor
    if ratio > GOAL:
        print(f"  goal missed: {ratio:.2f}× the anchor, the goal is at most {GOAL}×")
        return 1
    print(f"  goal met: {ratio:.2f}× (at most {GOAL}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time listing a drafts directory of thousands of drafts: the light scan behind every way in and
`jixiao drafts` (domain.interview.draft_index.scan, plus the filter) against reading every draft whole
(DraftStore.list, which validates each form), measured in the same run; also the plain directory listing
(os.scandir) as the floor.

Run: .venv/bin/python benchmarks/bench_drafts.py [--drafts 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.interview import draft_index  # noqa: E402
from domain.interview.drafts import DraftStore  # noqa: E402
from domain.interview.session import EditSession  # noqa: E402


def median_ms(action, repeat: int) -> float:
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        rounds.append((time.perf_counter() - start) * 1000)
    return statistics.median(rounds)


def fill(directory: Path, count: int) -> DraftStore:
    store = DraftStore(directory)
    session = EditSession.new(store)
    session.start()
    for answer in ("样板项目", "财政局", "实施单位", "400000", "2020"):
        session.interview.answer(answer)
    template = (directory / f"{session.draft_id}.draft.toml").read_text(encoding="utf-8")
    for index in range(count):
        (directory / f"20260101-000000-{index:06x}.draft.toml").write_text(
            template.replace("样板项目", f"项目{index}"), encoding="utf-8"
        )
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--drafts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = fill(Path(folder), args.drafts)
        floor = median_ms(lambda: list(os.scandir(folder)), args.repeat)
        whole = median_ms(store.list, args.repeat)
        light = median_ms(lambda: draft_index.scan(store), args.repeat)
        entries = draft_index.scan(store)
        filtered = median_ms(lambda: draft_index.recent(entries, "项目19", 20), args.repeat)
    count = args.drafts + 1
    print(f"{count} drafts")
    print(f"  directory listing (floor)       {floor:9.1f} ms")
    print(f"  DraftStore.list (baseline)      {whole:9.1f} ms")
    print(f"  draft_index.scan                {light:9.1f} ms   {light / whole:.2f}× the baseline")
    print(f"  filter + recent 20 of the scan  {filtered:9.1f} ms   {filtered / whole:.4f}× the baseline")


if __name__ == "__main__":
    main()

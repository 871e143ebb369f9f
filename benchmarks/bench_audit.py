"""Time loading, scoring and auditing the 37 seed forms against plain TOML parsing of the same files.

The baseline (``tomli.loads`` of each file's text: the compiled parser jixiao uses) is measured in the same
run, so the ratio is comparable between runs on a shared, noisy machine. The goal follows from the batch
goal (``check --jobs 2`` no slower than one process parsing the files): load and audit together at most
2.0× the parse on each of two cores, before the pool's own costs. The script says plainly when it is missed.
Run: .venv/bin/python benchmarks/bench_audit.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

import tomli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOAL = 2.0  # load + audit per form against tomli's parse: two cores make it 1.0× of one process parsing

from domain.record.storage import evaluation_from_toml, to_toml  # noqa: E402
from domain.scoring.audit import audit_evaluation  # noqa: E402
from domain.scoring.rules import score_evaluation  # noqa: E402


def per_form_ms(action, items, repeat: int) -> float:
    """Median over ``repeat`` rounds of the time per item, in milliseconds."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            action(item)
        rounds.append((time.perf_counter() - start) / len(items) * 1000)
    return statistics.median(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "fixtures" / "seed").glob("*.toml"))]
    evaluations = [evaluation_from_toml(text) for text in texts]
    audit_evaluation(evaluations[0])  # warm the catalogue and matcher caches

    baseline = per_form_ms(lambda text: tomli.loads(text, parse_float=Decimal), texts, args.repeat)
    measured = {
        "load (parse + validate)": per_form_ms(evaluation_from_toml, texts, args.repeat),
        "save (to TOML text)": per_form_ms(to_toml, evaluations, args.repeat),
        "score": per_form_ms(score_evaluation, evaluations, args.repeat),
        "audit (match + score + checks)": per_form_ms(audit_evaluation, evaluations, args.repeat),
    }
    print(f"{len(texts)} seed forms, median of {args.repeat} rounds, per form")
    print(f"  {'baseline: tomli.loads':34} {baseline:8.3f} ms   1.00×")
    for name, value in measured.items():
        print(f"  {name:34} {value:8.3f} ms  {value / baseline:5.2f}×")
    check = measured["load (parse + validate)"] + measured["audit (match + score + checks)"]
    ratio = check / baseline
    print(f"  {'load + audit (what check does)':34} {check:8.3f} ms  {ratio:5.2f}×   (goal ≤ {GOAL:.1f}×)")
    if ratio > GOAL:
        print(f"  GOAL MISSED: load + audit is {ratio:.2f}× the parse (goal ≤ {GOAL:.1f}×)")
        sys.exit(1)
    print("  goal met")


if __name__ == "__main__":
    main()

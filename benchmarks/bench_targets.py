"""Questions and keystrokes of a form started from its approved targets, against the same form typed blank.

For each real form used (seed forms 03 and 04, whose approved side is in fixtures/targets/export-2020.xlsx),
the interview controller is driven to the review twice, answering from the real form: once started from the
target table (``start_from_targets``), once blank. A keystroke is a character typed or an enter. The goal is
at most half of both, and the finished forms must score alike; exits 1 when either is missed.

Usage: python benchmarks/bench_targets.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from targets_walk import walk  # noqa: E402

from domain.interview.controller import Interview  # noqa: E402
from domain.interview.from_targets import load_for_new, start_from_targets  # noqa: E402
from domain.record.storage import load_evaluation  # noqa: E402
from domain.scoring.audit import audit_evaluation  # noqa: E402

GOAL = 0.5
FORMS = {3: "附图制作", 4: "汇交与监管"}


def main() -> int:
    missed = False
    for number, project in FORMS.items():
        form = load_evaluation(next((ROOT / "fixtures" / "seed").glob(f"{number:02d}-*.toml")))
        started = start_from_targets(load_for_new(ROOT / "fixtures" / "targets" / "export-2020.xlsx", project))
        from_targets = walk(started, form)
        blank_interview = Interview(None)
        blank = walk(blank_interview, form, blank=True)
        totals = (
            audit_evaluation(started.finished_evaluation()).computed_total,
            audit_evaluation(blank_interview.finished_evaluation()).computed_total,
        )
        questions = from_targets.questions / blank.questions
        keys = from_targets.keystrokes / blank.keystrokes
        print(f"seed {number:02d} {form.header.project_name}")
        print(f"  questions  {from_targets.questions:4d} from targets vs {blank.questions:4d} blank: {questions:.2f}×")
        print(f"  keystrokes {from_targets.keystrokes:4d} from targets vs {blank.keystrokes:4d} blank: {keys:.2f}×")
        print(f"  total      {totals[0]} from targets, {totals[1]} blank")
        if questions > GOAL or keys > GOAL or totals[0] != totals[1]:
            missed = True
            print(f"  goal missed: at most {GOAL}× of both, and the same total")
    print(f"goal: at most {GOAL}× the questions and keystrokes of a blank form — {'missed' if missed else 'met'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

"""`jixiao score FILE`: the scored form, row by row, with explanations and the total.

FILE is an evaluation (.toml) or a workbook; a workbook holding several forms scores each (JSON: a list).
Each row counts what `jixiao check` counts for it (the form's own score where the rules admit it, said so),
so both commands give the form one total and one grade.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from domain.messages import t
from tui.commands import (
    EXIT_OK,
    add_format,
    emit_json,
)


def run(args: argparse.Namespace) -> int:
    from domain.scoring.adopted import adopted_scoring
    from domain.scoring.audit import audit_evaluation
    from domain.scoring.profile import load_profile
    from domain.scoring.serialise import scored_data
    from domain.sheets.forms import open_forms
    from tui.report import render_scored

    path = Path(args.file)
    results = []
    for label, evaluation in open_forms(path):
        profile = load_profile(args.profile, allow_path=True) if args.profile else load_profile(evaluation.profile)
        results.append((label, adopted_scoring(audit_evaluation(evaluation, profile))))
    if args.format == "json":
        data = [scored_data(scored, label) for label, scored in results]
        emit_json(data[0] if len(data) == 1 else data)
    else:
        print("\n\n".join(render_scored(scored, label) for label, scored in results))
    return EXIT_OK


def register(commands: Any) -> None:
    score = commands.add_parser("score", help=t("cli.score"))
    score.add_argument("file", help=t("cli.form_file"))
    score.add_argument("--profile", help=t("cli.score.profile"))
    add_format(score)
    score.set_defaults(handler=run)

"""`jixiao score FILE`: the scored form, row by row, with explanations and the total.

FILE is an evaluation (.toml) or a workbook; a workbook holding several forms scores each (JSON: a list).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tui.commands import (
    EXIT_OK,
    add_format,
    emit_json,
)


def run(args: argparse.Namespace) -> int:
    from domain.scoring.indicators import score_with_catalogue
    from domain.scoring.profile import load_profile
    from domain.scoring.serialise import scored_data
    from domain.sheets.forms import open_forms
    from tui.report import render_scored

    path = Path(args.file)
    results = []
    for label, evaluation in open_forms(path):
        profile = load_profile(args.profile, allow_path=True) if args.profile else load_profile(evaluation.profile)
        scored, _ = score_with_catalogue(evaluation, profile)
        results.append((label, scored))
    if args.format == "json":
        data = [scored_data(scored, label) for label, scored in results]
        emit_json(data[0] if len(data) == 1 else data)
    else:
        print("\n\n".join(render_scored(scored, label) for label, scored in results))
    return EXIT_OK


def register(commands: Any) -> None:
    score = commands.add_parser("score", help="按方法给一份评价文件计分并解释每一项")
    score.add_argument("file", help="评价文件（.toml）或工作簿（xlsx/xls/ods/csv）")
    score.add_argument("--profile", help="规则名称或规则文件（默认取文件中记录的规则）")
    add_format(score)
    score.set_defaults(handler=run)

"""`jixiao score FILE`: the scored form, row by row, with explanations and the total."""

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
    from domain.record.storage import load_evaluation
    from domain.scoring.indicators import score_with_catalogue
    from domain.scoring.profile import load_profile
    from domain.scoring.serialise import scored_data
    from tui.report import render_scored

    path = Path(args.file)
    evaluation = load_evaluation(path)
    scored, _ = score_with_catalogue(evaluation, load_profile(args.profile, allow_path=True) if args.profile else load_profile(evaluation.profile))
    if args.format == "json":
        emit_json(scored_data(scored, str(path)))
    else:
        print(render_scored(scored, str(path)))
    return EXIT_OK


def register(commands: Any) -> None:
    score = commands.add_parser("score", help="按方法给一份评价文件计分并解释每一项")
    score.add_argument("file", help="评价文件（.toml）")
    score.add_argument("--profile", help="规则名称或规则文件（默认取文件中记录的规则）")
    add_format(score)
    score.set_defaults(handler=run)

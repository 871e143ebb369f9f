"""`jixiao check PATH...`: audit forms; exit 0 when nothing is an error, 1 when something is."""

from __future__ import annotations

import argparse
from typing import Any

from domain.errors import InputError
from tui.commands import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_format,
    emit_json,
    evaluation_files,
)


def run(args: argparse.Namespace) -> int:
    from domain.record.storage import load_evaluation
    from domain.scoring.audit import audit_evaluation
    from domain.scoring.profile import load_profile
    from domain.scoring.serialise import audit_data
    from tui.report import render_audit, render_audit_summary

    files = evaluation_files(args.paths)
    profile = load_profile(args.profile) if args.profile and args.profile != "auto" else args.profile
    audits, unusable = [], []
    for path in files:
        try:
            audits.append(audit_evaluation(load_evaluation(path), profile, str(path)))
        except InputError as error:
            unusable.append(error.message)
    if args.format == "json":
        emit_json([audit_data(audit) for audit in audits])
    elif audits:
        print("\n\n".join(render_audit(audit) for audit in audits))
        if len(audits) > 1:
            print("\n" + render_audit_summary(audits))
    if unusable:
        raise InputError("\njixiao: ".join(unusable))
    return EXIT_FINDINGS if any(audit.has_errors for audit in audits) else EXIT_OK


def register(commands: Any) -> None:
    check = commands.add_parser("check", help="核查表上的得分与总分")
    check.add_argument("paths", nargs="+", help="评价文件或目录")
    check.add_argument("--profile", help="规则名称或规则文件；auto 按表的版式和数字选用，并说明理由")
    add_format(check)
    check.set_defaults(handler=run)

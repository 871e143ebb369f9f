"""`jixiao report PATH... --out report.xlsx`: the workbook a department's reviewer hands on; `--format text`
prints its headline table. Exit 0 when written, 2 on unusable input (the readable forms are still reported)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from domain.errors import InputError
from domain.messages import t
from tui.commands import EXIT_OK, UsageError, warn_skipped
from tui.commands.check import add_batch_options


def run(args: argparse.Namespace) -> int:
    from domain.review.batch import default_jobs, form_paths, review_paths
    from domain.review.report import Review
    from domain.review.summary import FormSummary
    from domain.scoring.profile import load_profile
    from tui.batch import Progress, render_review_table
    from tui.commands.check import keep, load_form

    out = Path(args.out) if args.out else None
    if out is None and args.format == "xlsx":
        raise UsageError(t("report.needs_out"))
    if out is not None and out.suffix.lower() != ".xlsx":
        raise UsageError(t("report.out_suffix", path=out))
    from tui.commands.check import use_targets_option, without_targets_files

    files = without_targets_files(form_paths(args.paths), args.paths)
    warn_skipped(args.paths)
    use_targets_option(args)
    review = Review(load_profile(args.profile, allow_path=True))
    progress = Progress(len(files))
    for outcome in review_paths(files, load_form, keep, profile=args.profile, jobs=args.jobs or default_jobs()):
        if outcome.problem is not None:
            review.unusable.append(outcome.problem)
        else:
            assert isinstance(outcome.value, FormSummary)
            review.add(outcome.value)
        progress.advance()
    progress.clear()
    if args.format == "text":
        print(render_review_table(review))
    if out is not None:
        from domain.review.workbook import write_workbook

        write_workbook(review, out)
        print(t("report.written", path=out, forms=len(review.forms), findings=sum(len(form.findings) for form in review.forms)))
    if review.unusable:
        raise InputError("\njixiao: ".join(review.unusable))
    return EXIT_OK


def register(commands: Any) -> None:
    report = commands.add_parser("report", help=t("report.help"))
    add_batch_options(report)
    report.add_argument("--out", help=t("report.help.out"))
    report.add_argument("--format", choices=("xlsx", "text"), default="xlsx", help=t("report.help.format"))
    report.set_defaults(handler=run)

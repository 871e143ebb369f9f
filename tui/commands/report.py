"""`jixiao report PATH... --out report.xlsx`: the workbook a department's reviewer hands on; `--format text`
prints its headline table. PATH may be forms, workbooks, folders of them, or the ndjson that `jixiao check
--format ndjson` wrote (``-`` reads it from stdin), so shards audited apart are reported on together.
Exit 0 when written, 2 on unusable input (the readable forms are still reported) or an unwritable --out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from domain.errors import InputError
from domain.messages import t
from tui.commands import EXIT_OK, UsageError, warn_skipped
from tui.commands.check import add_batch_options


def run(args: argparse.Namespace) -> int:
    from domain.review.forms import ReportForm, report_form
    from domain.review.ndjson import is_ndjson, read_forms
    from domain.review.output import check_target
    from domain.review.report import Review
    from domain.scoring.profile import load_profile
    from tui.batch import Progress, render_review_table
    from tui.commands.check import load_form

    out = Path(args.out) if args.out else None
    if out is None and args.format == "xlsx":
        raise UsageError(t("report.needs_out"))
    if out is not None and out.suffix.lower() != ".xlsx":
        raise UsageError(t("report.out_suffix", path=out))
    streams = [name for name in args.paths if is_ndjson(name)]
    named = [name for name in args.paths if not is_ndjson(name)]
    files: list[Path] = []
    if named:  # the audit is loaded only for forms: ndjson alone is read without it
        from domain.review.batch import form_paths
        from tui.commands.check import without_targets_files

        files = without_targets_files(form_paths(named), named)
        warn_skipped(named)
    inputs = (*files, *(Path(name) for name in streams if name != "-"))
    if out is not None:
        check_target(out, force=args.force, inputs=inputs)  # before the work, not after it
    from tui.commands.check import use_targets_option

    use_targets_option(args)
    with Review(load_profile(args.profile, allow_path=True)) as review:

        def take(form: ReportForm) -> None:
            first = review.add(form)
            if first is not None:
                print("jixiao: " + t("review.read_twice", file=form.file, first=first), file=sys.stderr)

        if files:
            from domain.review.batch import default_jobs, review_paths

            progress = Progress(len(files))
            for outcome in review_paths(
                files, load_form, report_form, profile=args.profile, jobs=args.jobs or default_jobs()
            ):
                if outcome.problem is not None:
                    review.add_unusable(outcome.problem)
                else:
                    assert isinstance(outcome.value, ReportForm)
                    take(outcome.value)
                progress.advance()
            progress.clear()
        for name in streams:
            for item in read_forms(name):
                if isinstance(item, str):
                    review.add_unusable(item)
                else:
                    take(item)
        if args.format == "text":
            print(render_review_table(review))
        if out is not None:
            from domain.review.workbook import write_workbook

            findings = write_workbook(review, out, force=args.force, inputs=inputs)
            print(t("report.written", path=out, forms=review.headline().forms, findings=findings))
        unusable = review.unusable()
    if unusable:
        raise InputError("\njixiao: ".join(unusable))
    return EXIT_OK


def register(commands: Any) -> None:
    report = commands.add_parser("report", help=t("report.help"))
    add_batch_options(report)
    report.add_argument("--out", help=t("report.help.out"))
    report.add_argument("--force", action="store_true", help=t("report.help.force"))
    report.add_argument("--format", choices=("xlsx", "text"), default="xlsx", help=t("report.help.format"))
    report.set_defaults(handler=run)

"""`jixiao check PATH...`: audit forms; exit 0 when nothing is an error, 1 when something is, 2 on unusable input.

Forms are audited in a process pool (``--jobs``, default the cores) and written as they come, in input
order: text, a JSON array, or ndjson (one object per line). Nothing is kept but counts, so memory stays
flat; when the reader of stdout goes away the audit still finishes, for the exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from domain.errors import InputError
from domain.messages import t
from tui.commands import EXIT_FINDINGS, EXIT_OK, UsageError, warn_skipped

if TYPE_CHECKING:
    from collections.abc import Iterator

    from domain.record.models import Evaluation
    from domain.review.summary import FormSummary


def load_form(path: Path) -> Iterator[tuple[str, Evaluation]]:
    """The forms of one file, each with its label: an evaluation (.toml) or any workbook (every batch
    command loads through here)."""
    from domain.sheets.forms import open_forms

    return open_forms(path)


def keep(summary: FormSummary) -> FormSummary:
    return summary


def ndjson_line(summary: FormSummary) -> tuple[str, str, str]:
    """The form's key and file (to recognise a form read twice) and its ndjson line."""
    from domain.review.summary import summary_line

    return summary.key, summary.file, summary_line(summary)


def pretty_json(summary: FormSummary) -> tuple[str, str, str]:
    from domain.review.summary import summary_data

    return summary.key, summary.file, json.dumps(summary_data(summary), ensure_ascii=False, indent=2)


def run(args: argparse.Namespace) -> int:
    from domain.review.batch import default_jobs, form_paths, review_paths
    from domain.review.spool import Spool
    from domain.review.summary import FormSummary
    from tui.batch import Output, Progress, Tally, render_summary
    from tui.report import shown

    files = without_targets_files(form_paths(args.paths), args.paths)
    warn_skipped(args.paths)
    use_targets_option(args)
    shape = {"ndjson": ndjson_line, "json": pretty_json}.get(args.format, keep)
    progress, tally = Progress(len(files)), Tally()
    interleaved = progress.shown and _is_terminal(sys.stdout)  # one screen: each form's lines end before the bar
    if interleaved and args.format == "json":
        progress.shown = interleaved = False  # an array's last line stays open for the next comma
    out = Output(flush_every=0 if interleaved else 0.05)
    unusable: list[str] = []
    has_errors = False
    first = True
    outcomes = review_paths(files, load_form, shape, profile=args.profile, jobs=args.jobs or default_jobs())
    if args.format == "json":
        out.write("[")
    with Spool() as seen:
        for outcome in outcomes:
            if interleaved:
                progress.clear()
            if outcome.problem is not None:
                unusable.append(outcome.problem)
                tally.unusable += 1
                progress.advance()
                continue
            if isinstance(outcome.value, FormSummary):
                key, file, text = outcome.value.key, outcome.value.file, ""
            else:
                key, file, text = outcome.value  # type: ignore[misc]
            earlier = seen.first_seen(key, file)
            if earlier is not None:  # the same form read again (a form and its export): counted once, and said
                tally.read_twice += 1
                notice = t("review.read_twice", file=file, first=earlier)
                if args.format == "text":
                    out.write(("" if first else "\n") + shown(notice) + "\n")
                    first = False
                else:
                    out.flush()
                    print("jixiao: " + notice, file=sys.stderr)
            elif args.format == "text":
                assert isinstance(outcome.value, FormSummary)
                tally.add(outcome.value)
                out.write(("" if first else "\n") + render_summary(outcome.value) + "\n")
                first = False
                has_errors = has_errors or outcome.has_errors
            else:
                out.write(f"{text}\n" if args.format == "ndjson" else ("\n" if first else ",\n") + text)
                first = False
                has_errors = has_errors or outcome.has_errors
            progress.advance()
    progress.clear()
    if args.format == "json":
        out.write("\n]\n")
    elif args.format == "text" and (tally.forms > 1 or tally.read_twice or tally.unusable):
        out.write("\n" + tally.render() + "\n")
    out.flush()
    if unusable:
        raise InputError("\njixiao: ".join(unusable))
    return EXIT_FINDINGS if has_errors else EXIT_OK


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def jobs_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise UsageError(t("review.bad_jobs", value=text))
    return value


def without_targets_files(files: list[Path], given: list[str]) -> list[Path]:
    """The files to audit: targets files found in a folder of forms are left out (named alone, they are refused
    with a message saying what they are)."""
    from domain.record.targets import is_targets_file

    named = {str(Path(name)) for name in given}
    return [path for path in files if str(path) in named or not is_targets_file(path)]


def use_targets_option(args: argparse.Namespace) -> None:
    """With --targets, every form is compared with its approved targets (findings ``targets.*``)."""
    if getattr(args, "targets", None):
        from domain.review.targets import use_targets
        from domain.sheets.targets_file import targets_in

        use_targets(targets_in([Path(path) for path in args.targets]))


def add_batch_options(parser: argparse.ArgumentParser) -> None:
    """PATH..., --profile, --jobs and --targets, shared by `check` and `report`."""
    parser.add_argument("paths", nargs="+", help=t("review.help.paths"))
    parser.add_argument("--targets", nargs="+", metavar="PATH", help=t("targets.help.check"))
    parser.add_argument("--profile", help=t("review.help.profile"))
    parser.add_argument("--jobs", type=jobs_count, help=t("review.help.jobs"))


def register(commands: Any) -> None:
    check = commands.add_parser("check", help=t("review.help.check"))
    add_batch_options(check)
    check.add_argument("--format", choices=("text", "json", "ndjson"), default="text", help=t("review.help.format"))
    check.set_defaults(handler=run)

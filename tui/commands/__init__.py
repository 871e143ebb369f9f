"""The headless subcommands of `jixiao`, one module each, and what they share.

Each command module has ``register(commands)``, adding its parser and setting ``handler``. Headless
commands never import Textual; the interactive ones load it only when chosen.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from domain.errors import InputError
from domain.messages import t

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(InputError):
    """A command line that cannot be acted on."""


def emit_json(data: Any) -> None:
    """JSON on stdout; each object (or each object of a list) first says the output's schema version."""
    from domain.scoring.serialise import SCHEMA_VERSION

    def versioned(item: Any) -> Any:
        return {"schema_version": SCHEMA_VERSION, **item} if isinstance(item, dict) else item

    data = [versioned(item) for item in data] if isinstance(data, list) else versioned(data)
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help=t("cli.format"))


def add_session_options(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    """--plain and --drafts, accepted before or after the subcommand (a subcommand never resets them)."""
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--plain", action="store_true", default=False if top_level else argparse.SUPPRESS, help=t("cli.plain")
    )
    parser.add_argument("--drafts", default=default, help=t("cli.drafts"))


def run_interactive(mode: str, args: argparse.Namespace) -> int:
    from tui.launch import launch

    return launch(mode, args)


def warn_skipped(paths: Sequence[str]) -> None:
    """Say on stderr which form files (``*.toml``, workbooks) of the directories named are skipped for not being regular
    files (a device, FIFO or socket is never opened: it would hang or never end)."""
    from domain.messages import t
    from domain.record.files import kind_of
    from domain.review.batch import FORM_SUFFIXES

    for name in paths:
        path = Path(name)
        if not path.is_dir():
            continue  # a named path that is not a regular file is refused when it is read
        for candidate in sorted(item for item in path.rglob("*") if item.suffix.lower() in FORM_SUFFIXES):
            try:
                mode = os.stat(candidate).st_mode
            except OSError:
                continue
            if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
                print(t("storage.skipped", path=candidate, kind=kind_of(mode)), file=sys.stderr)

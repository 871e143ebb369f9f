"""The `jixiao` command: the parser, the subcommands in ``tui.commands``, and one way of failing.

Every failure becomes one plain line on stderr and an exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO

from domain.errors import InputError
from domain.messages import t
from domain.messages.lookup import LOCALES, set_locale
from domain.messages.sanitise import sanitise
from tui.commands import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    UsageError,
    add_session_options,
    catalogue,
    check,
    drafts,
    export,
    importing,
    interactive,
    report,
    run_interactive,
    score,
    serve,
    whatif,
)

COMMANDS = (score, check, report, whatif, catalogue, importing, export, interactive, drafts, serve)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Report a bad command line as one plain line instead of argparse's usage dump."""
        raise UsageError(t("cli.usage", message=message, prog=self.prog))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="jixiao", description=t("cli.description"))
    add_session_options(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    for command in COMMANDS:
        command.register(commands)
    for sub in [parser, *commands.choices.values()]:
        if not any("--lang" in action.option_strings for action in sub._actions):
            sub.add_argument("--lang", choices=LOCALES, default=argparse.SUPPRESS, help=t("cli.lang"))
    return parser


class SanitisedStream(io.TextIOBase):
    """A text stream that passes everything through the one sanitiser: what a form, a sheet, a file name
    or an argument holds is shown, never acted on by the terminal (JSON stays exact: ``\\uXXXX``)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(sanitise(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def sanitised_output() -> Iterator[None]:
    """Route sys.stdout and sys.stderr through the sanitiser while a command runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SanitisedStream(sys.stdout), SanitisedStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _wanted_locale(argv: Sequence[str]) -> str | None:
    """The language asked for with --lang, read before parsing so that every message is in it."""
    for position, word in enumerate(argv):
        if word == "--lang" and position + 1 < len(argv):
            return argv[position + 1]
        if word.startswith("--lang="):
            return word.partition("=")[2]
    return None


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line; every failure becomes one plain line on stderr and an exit code."""
    with sanitised_output():
        return _run(argv)


def _run(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    wanted = _wanted_locale(words)
    if wanted in LOCALES:
        set_locale(wanted)
    try:
        parser = build_parser()
        args = parser.parse_args(words)
        handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
        if handler is None:
            return run_interactive("start", args)
        return handler(args)
    except InputError as error:
        print(f"jixiao: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ValueError as error:
        if type(error).__name__ != "ValidationError":  # pydantic's, without importing pydantic here
            raise
        # a value the records refuse that no parser caught first: still plain words, never a traceback
        from domain.record.problems import describe_validation_error

        text = describe_validation_error(error, t("problem.input"))  # type: ignore[arg-type]  # pydantic's, checked by name
        print("jixiao: " + text.replace("\n", "\njixiao: "), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("jixiao: " + t("cli.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def main() -> None:
    sys.exit(run())

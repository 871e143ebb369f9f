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
from domain.messages.sanitise import sanitise
from tui.commands import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    UsageError,
    add_session_options,
    catalogue,
    check,
    importing,
    interactive,
    run_interactive,
    score,
    whatif,
)

COMMANDS = (score, check, whatif, catalogue, importing, interactive)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Report a bad command line as one plain line instead of argparse's usage dump."""
        raise UsageError(f"命令行有误：{message}（用 {self.prog} --help 查看用法）")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="jixiao", description="项目支出绩效自评表助手：填写、计分、解释和核查绩效自评。")
    add_session_options(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    for command in COMMANDS:
        command.register(commands)
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
    sys.stdout, sys.stderr = SanitisedStream(sys.stdout), SanitisedStream(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line; every failure becomes one plain line on stderr and an exit code."""
    with sanitised_output():
        return _run(argv)


def _run(argv: Sequence[str] | None = None) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
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

        print("jixiao: " + describe_validation_error(error, "输入").replace("\n", "\njixiao: "), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("jixiao: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def main() -> None:
    sys.exit(run())

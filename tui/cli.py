"""The `jixiao` command: the parser, the subcommands in ``tui.commands``, and one way of failing.

Every failure becomes one plain line on stderr and an exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from domain.errors import InputError
from tui.commands import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    UsageError,
    add_session_options,
    catalogue,
    check,
    export,
    importing,
    interactive,
    run_interactive,
    score,
    whatif,
)

COMMANDS = (score, check, whatif, catalogue, importing, export, interactive)


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


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line; every failure becomes one plain line on stderr and an exit code."""
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
    except KeyboardInterrupt:
        print("jixiao: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def main() -> None:
    sys.exit(run())

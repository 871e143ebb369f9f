"""The plain line mode: the assistant's questions on stdout, one answer per line from stdin.

For screen readers, dumb terminals and pipes. Each question is one line starting with "? " (its choices
numbered on the lines before it, the answer enter accepts in brackets), flushed before the answer is read.
Other lines say what happened: "计分：" explanations, "提示：", "注意：", "错误：" (the question is then
asked again). Lines starting with ":" are commands (:h lists them). Never imports Textual.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TextIO

from domain.errors import InputError
from domain.messages import t
from tui.plain_console import EXIT_BAD_INPUT, EXIT_UNFINISHED, Console, EndOfInput
from tui.plain_form import run_form
from tui.plain_training import run_train
from tui.plain_whatif import run_whatif


def run_plain(mode: str, args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run ``mode`` ("start", "new", "edit", "whatif", "train") in the line mode; returns the exit code:
    0 done (and saved), 1 ended before the end (the draft is kept), 2 unusable input (file, draft)."""
    console = Console(stdin if stdin is not None else sys.stdin, stdout if stdout is not None else sys.stdout)
    try:
        if mode == "whatif":
            return run_whatif(console, args)
        if mode == "train":
            return run_train(console, args)
        return run_form(mode, console, args)
    except InputError as error:  # unusable input ends the run: one line on stderr, like every command
        print(f"jixiao: {error.message}", file=sys.stderr, flush=True)
        return EXIT_BAD_INPUT
    except EndOfInput:
        console.say(t("plain.eof"))
        return EXIT_UNFINISHED
    except BrokenPipeError:
        return EXIT_UNFINISHED
    finally:
        with contextlib.suppress(OSError, ValueError):
            console.stdout.flush()

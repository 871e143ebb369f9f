"""Start the assistant: the full-screen app in a real terminal, the plain line mode everywhere else."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

from domain.errors import InputError
from domain.messages import t


def wants_plain(
    args: argparse.Namespace,
    environ: os._Environ[str] | dict[str, str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> bool:
    """Plain mode when asked for, on a dumb terminal, or when either end is not a terminal (pipes, files)."""
    environ = os.environ if environ is None else environ
    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    if getattr(args, "plain", False):
        return True
    if under_web_driver(environ):  # textual-serve runs the app on pipes: the browser is the terminal
        return False
    if environ.get("TERM", "").strip().lower() == "dumb":
        return True
    try:
        return not (stdin is not None and stdin.isatty() and stdout is not None and stdout.isatty())
    except (ValueError, OSError):
        return True


def under_web_driver(environ: os._Environ[str] | dict[str, str]) -> bool:
    """Textual's web driver is running the app (textual-serve sets it for each browser session)."""
    return "web_driver" in environ.get("TEXTUAL_DRIVER", "")


def launch(mode: str, args: argparse.Namespace) -> int:
    """Run ``mode`` ("start", "new", "edit", "whatif", "train") and return the process exit code."""
    if wants_plain(args):
        from tui.plain import run_plain

        return run_plain(mode, args)
    if mode == "edit":
        path = getattr(args, "file", None)
        if not path or not os.path.isfile(path):
            raise InputError(t("ui.launch.no_file", path=path))
    from tui.hangup import HangupGuard

    with HangupGuard() as guard:  # before the app exists: a hangup during start-up ends the process too
        from tui.app import JixiaoApp
        from tui.options import AppOptions

        app = JixiaoApp(mode, AppOptions.from_args(args))
        app.signals_guarded = True
        guard.attach(app.flush_session, lambda code: app.exit(return_code=code))
        app.run()
    if app.farewell:  # the screen is gone: say at the shell where the draft is
        print(app.farewell)
    return app.return_code or 0

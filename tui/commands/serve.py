"""`jixiao serve`: the assistant in a web browser, through textual-serve (for a projector or a room).

Each browser session runs its own `jixiao` process with its own drafts directory under the served drafts
root. The server listens on 127.0.0.1 unless --host is given; it has no login, so another host is warned
about.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import Any

from domain.errors import InputError
from domain.messages import t
from tui.commands import EXIT_OK

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
SERVE_DRAFTS = "JIXIAO_SERVE_DRAFTS"  # set for the served processes: the root of the per-session drafts


def register(commands: Any) -> None:
    sub = commands.add_parser("serve", help=t("cli.serve"))
    sub.add_argument("--port", type=int, default=8000, help=t("cli.serve.port"))
    sub.add_argument("--host", default="127.0.0.1", help=t("cli.serve.host"))
    sub.add_argument("--drafts", default=None, help=t("cli.serve.drafts"))
    sub.set_defaults(handler=run)


def served_command(python: str = sys.executable, lang: str | None = None) -> str:
    """The command each browser session runs: the assistant's start screen, in the server's language."""
    return shlex.join([python, "-m", "tui", *(["--lang", lang] if lang else [])])


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.port <= 65535:
        raise InputError(t("serve.bad_port", port=args.port))
    try:
        from textual_serve.server import Server
    except ImportError:
        raise InputError(t("serve.missing")) from None
    from domain.paths import drafts_dir

    root = Path(args.drafts) if args.drafts else drafts_dir() / "served"
    os.environ[SERVE_DRAFTS] = str(root.expanduser().resolve())
    if args.host not in LOCAL_HOSTS:
        print(t("serve.no_login", host=args.host), file=sys.stderr)
    print(t("serve.listening", host=args.host, port=args.port), flush=True)
    from domain.messages.lookup import current_locale

    server = Server(served_command(lang=current_locale()), host=args.host, port=args.port, title=t("ui.app.title"))
    server.serve()
    return EXIT_OK

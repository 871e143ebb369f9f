"""`jixiao serve`: the assistant in a web browser, through textual-serve (for a projector or a room).

Each page runs its own `jixiao` process in the folder of the person whose browser opened it (a cookie,
``tui/serve_sessions.py``), so a reload finds that person's drafts and no one else's. The server listens on
127.0.0.1 unless --host is given; it has no login, so another host is warned about.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from domain.errors import InputError
from domain.messages import t
from domain.messages.lookup import current_locale
from tui.commands import EXIT_OK

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def register(commands: Any) -> None:
    sub = commands.add_parser("serve", help=t("cli.serve"))
    sub.add_argument("--port", type=int, default=8000, help=t("cli.serve.port"))
    sub.add_argument("--host", default="127.0.0.1", help=t("cli.serve.host"))
    sub.add_argument("--drafts", default=None, help=t("cli.serve.drafts"))
    sub.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.port <= 65535:
        raise InputError(t("serve.bad_port", port=args.port))
    try:
        import textual_serve.server  # noqa: F401
    except ImportError:
        raise InputError(t("serve.missing")) from None
    from domain.paths import drafts_dir
    from tui.serve_sessions import make_server

    root = (Path(args.drafts) if args.drafts else drafts_dir() / "served").expanduser().resolve()
    if args.host not in LOCAL_HOSTS:
        print(t("serve.no_login", host=args.host), file=sys.stderr)
    print(t("serve.listening", host=args.host, port=args.port), flush=True)
    server = make_server(
        root, sys.executable, lang=current_locale(), host=args.host, port=args.port, title=t("ui.app.title")
    )
    server.serve()  # type: ignore[attr-defined]
    return EXIT_OK

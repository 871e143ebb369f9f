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
    sub = commands.add_parser("serve", help="在浏览器里使用本助手（textual-serve）")
    sub.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    sub.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只有本机能打开）")
    sub.add_argument("--drafts", default=None, help="草稿目录：每个浏览器会话在其中有自己的子目录")
    sub.set_defaults(handler=run)


def served_command(python: str = sys.executable) -> str:
    """The command each browser session runs: the assistant's start screen."""
    return shlex.join([python, "-m", "tui"])


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
    server = Server(served_command(), host=args.host, port=args.port, title=t("ui.app.title"))
    server.serve()
    return EXIT_OK

"""`jixiao new`, `edit` and `train`: the assistant, full-screen or in plain mode."""

from __future__ import annotations

from typing import Any

from domain.messages import t
from tui.commands import add_session_options, run_interactive


def register(commands: Any) -> None:
    for name, help_text in (("new", t("cli.new")), ("edit", t("cli.edit")), ("train", t("cli.train"))):
        sub = commands.add_parser(name, help=help_text)
        if name == "edit":
            sub.add_argument("file", help=t("cli.form_file"))
        if name == "train":
            sub.add_argument("path", nargs="?", help=t("cli.train.path"))
            sub.add_argument("--walk", action="store_true", help=t("cli.train.walk"))
        if name == "new":
            sub.add_argument("--targets", metavar="FILE", help=t("targets.help.new"))
            sub.add_argument("--project", metavar="TEXT", help=t("targets.help.project"))
        sub.add_argument("--out", help=t("cli.out"))
        add_session_options(sub)
        sub.set_defaults(handler=lambda args, mode=name: run_interactive(mode, args))

"""`jixiao new`, `edit` and `train`: the assistant, full-screen or in plain mode."""

from __future__ import annotations

from typing import Any

from tui.commands import add_session_options, run_interactive


def register(commands: Any) -> None:
    for name, help_text in (("new", "新建一份自评表"), ("edit", "打开并修改一份评价文件"), ("train", "计分练习")):
        sub = commands.add_parser(name, help=help_text)
        if name == "edit":
            sub.add_argument("file", help="评价文件（.toml）或工作簿（xlsx/xls/ods/csv）")
        if name == "train":
            sub.add_argument("path", nargs="?", help="练习用的评价文件或目录（默认：随附的 37 份真实自评表）")
            sub.add_argument("--walk", action="store_true", help="讲解模式：逐行展示正确得分与解释")
        sub.add_argument("--out", help="保存到的文件")
        add_session_options(sub)
        sub.set_defaults(handler=lambda args, mode=name: run_interactive(mode, args))

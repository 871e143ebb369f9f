"""The headless subcommands of `jixiao`, one module each, and what they share.

Each command module has ``register(commands)``, adding its parser and setting ``handler``. Headless
commands never import Textual; the interactive ones load it only when chosen.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from domain.errors import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(InputError):
    """A command line that cannot be acted on."""


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")


def add_session_options(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    """--plain and --drafts, accepted before or after the subcommand (a subcommand never resets them)."""
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument("--plain", action="store_true", default=False if top_level else argparse.SUPPRESS,
                        help="逐行问答模式（不用全屏界面）")
    parser.add_argument("--drafts", default=default, help="草稿目录（也可用环境变量 JIXIAO_DRAFTS）")


def run_interactive(mode: str, args: argparse.Namespace) -> int:
    from tui.launch import launch

    return launch(mode, args)


WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".ods")


def evaluation_files(paths: Sequence[str]) -> list[Path]:
    """The files named, and in each directory named every evaluation (.toml) and workbook (.xlsx/.xls/.ods)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".toml", *WORKBOOK_SUFFIXES)
                           and p.is_file() and not p.name.startswith((".", "~$")))
            if not found:
                raise InputError(f"目录 {path} 里没有 .toml 评价文件或工作簿")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"找不到文件或目录：{path}")
    return files

"""`jixiao import`: read exported sheets and write one TOML file per form."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tui.commands import (
    EXIT_OK,
    add_format,
    emit_json,
)


def run(args: argparse.Namespace) -> int:
    from domain.messages import t
    from domain.record.files import MAX_SHEET_BYTES
    from domain.record.storage import read_bytes_file
    from domain.sheets.importing import import_sheet
    from domain.sheets.tsv import decode_sheet

    text = decode_sheet(read_bytes_file(Path(args.sheet), t("storage.what.sheet"), MAX_SHEET_BYTES))
    written = import_sheet(text, Path(args.sheet).name, Path(args.out), year=args.year, overwrite=args.force)
    if args.format == "json":
        emit_json([{"file": str(item.path), "project": item.project, "rows": item.rows, "line": item.line,
                     "warnings": item.warnings} for item in written])
        return EXIT_OK
    for item in written:
        print(f"{item.path}  （{item.rows} 行指标）")
        for warning in item.warnings:
            print(f"    · {warning}")
    print(f"共导入 {len(written)} 份表到 {args.out}")
    return EXIT_OK


def register(commands: Any) -> None:
    importing = commands.add_parser("import", help="把表格导出的自评表（制表符分隔）转成 TOML 文件")
    importing.add_argument("sheet", help="制表符分隔的表格文件")
    importing.add_argument("--out", required=True, help="输出目录")
    importing.add_argument("--year", type=int, help="评价年度")
    importing.add_argument("--force", action="store_true", help="覆盖输出目录中的同名文件")
    add_format(importing)
    importing.set_defaults(handler=run)

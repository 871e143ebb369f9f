"""`jixiao catalogue search QUERY`: ranked catalogue matches."""

from __future__ import annotations

import argparse
from typing import Any

from tui.commands import (
    EXIT_OK,
    UsageError,
    add_format,
    emit_json,
)


def run(args: argparse.Namespace) -> int:
    from domain.catalogue.matching import match_indicator
    from tui.cells import pad

    if not args.query.strip():
        raise UsageError("请给出要查找的指标名称")
    if args.limit < 1:
        raise UsageError("--limit 应为正整数")
    if args.level2:
        from domain.catalogue.entries import load_catalogue

        catalogue = load_catalogue()
        if catalogue.normalise_level2(args.level2) is None:
            known = "、".join(catalogue.level2_names())
            raise UsageError(f"不认识的二级指标“{args.level2}”（可用：{known}）")
    matches = match_indicator(args.query, level2=args.level2, limit=args.limit)
    if args.format == "json":
        emit_json([{"name": m.entry.name, "level1": m.entry.level1, "level2": m.entry.level2,
                     "score": f"{m.score:.1f}", "direction": m.entry.direction.value, "unit": m.entry.unit,
                     "how": m.how} for m in matches])
        return EXIT_OK
    if not matches:
        print(f"指标库中没有与“{args.query}”相近的指标")
        return EXIT_OK
    for match in matches:
        entry = match.entry
        print(f"{match.score:5.1f}  {pad(entry.name, 28)} {pad(entry.level1 + '/' + entry.level2, 24)} {entry.unit}")
    return EXIT_OK


def register(commands: Any) -> None:
    catalogue = commands.add_parser("catalogue", help="查找指标库")
    catalogue_commands = catalogue.add_subparsers(dest="catalogue_command", required=True, parser_class=type(catalogue))
    search = catalogue_commands.add_parser("search", help="按名称、错别字或拼音查找指标")
    search.add_argument("query", help="指标名称、拼音或拼音首字母")
    search.add_argument("--level2", help="二级指标，用于区分同名指标")
    search.add_argument("--limit", type=int, default=5, help="最多列出几条（默认 5）")
    add_format(search)
    search.set_defaults(handler=run)

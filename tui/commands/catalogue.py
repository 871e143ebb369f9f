"""`jixiao catalogue search QUERY`: ranked catalogue matches."""

from __future__ import annotations

import argparse
from typing import Any

from domain.messages import t
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
        raise UsageError(t("cli.catalogue.no_query"))
    if args.limit < 1:
        raise UsageError(t("cli.catalogue.bad_limit"))
    if args.level2:
        from domain.catalogue.entries import load_catalogue

        catalogue = load_catalogue()
        if catalogue.normalise_level2(args.level2) is None:
            known = t("ui.review.list_separator").join(catalogue.level2_names())
            raise UsageError(t("cli.catalogue.unknown_level2", level2=args.level2, known=known))
    matches = match_indicator(args.query, level2=args.level2, limit=args.limit)
    if args.format == "json":
        emit_json(
            [
                {
                    "name": m.entry.name,
                    "level1": m.entry.level1,
                    "level2": m.entry.level2,
                    "score": f"{m.score:.1f}",
                    "direction": m.entry.direction.value,
                    "unit": m.entry.unit,
                    "how": m.how,
                }
                for m in matches
            ]
        )
        return EXIT_OK
    if not matches:
        print(t("cli.catalogue.none", query=args.query))
        return EXIT_OK
    for match in matches:
        entry = match.entry
        print(f"{match.score:5.1f}  {pad(entry.name, 28)} {pad(entry.level1 + '/' + entry.level2, 24)} {entry.unit}")
    return EXIT_OK


def register(commands: Any) -> None:
    catalogue = commands.add_parser("catalogue", help=t("cli.catalogue"))
    catalogue_commands = catalogue.add_subparsers(dest="catalogue_command", required=True, parser_class=type(catalogue))
    search = catalogue_commands.add_parser("search", help=t("cli.catalogue.search"))
    search.add_argument("query", help=t("cli.catalogue.query"))
    search.add_argument("--level2", help=t("cli.catalogue.level2"))
    search.add_argument("--limit", type=int, default=5, help=t("cli.catalogue.limit"))
    add_format(search)
    search.set_defaults(handler=run)

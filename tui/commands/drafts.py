"""`jixiao drafts`: list the unfinished forms kept as drafts (newest first, a short list with a filter) and
remove them; drafts of forms saved since are cleared first."""

from __future__ import annotations

import argparse
from typing import Any

from domain.errors import InputError
from domain.messages import t
from tui.commands import EXIT_OK, add_format, add_session_options, emit_json


def register(commands: Any) -> None:
    sub = commands.add_parser("drafts", help=t("cli.drafts.help"))
    sub.add_argument("--filter", default="", metavar="TEXT", help=t("cli.drafts.filter"))
    sub.add_argument("--limit", type=int, default=None, metavar="N", help=t("cli.drafts.limit"))
    sub.add_argument("--all", action="store_true", help=t("cli.drafts.all"))
    sub.add_argument("--remove", nargs="+", metavar="ID", help=t("cli.drafts.remove"))
    add_format(sub)
    add_session_options(sub)
    sub.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from domain.interview import draft_index
    from domain.interview.drafts import DraftStore

    store = DraftStore(getattr(args, "drafts", None))
    kept, cleared = draft_index.clear_stale(store, draft_index.scan(store))
    if args.remove:
        return _remove(store, kept, args.remove, args.format)
    if args.limit is not None and args.limit < 1:
        raise InputError(t("drafts.bad_limit", limit=args.limit))
    limit = None if args.all else (args.limit or draft_index.LIST_LIMIT)
    listing = draft_index.recent(kept, args.filter, limit)
    if args.format == "json":
        emit_json(
            {
                "directory": str(store.directory),
                "total": listing.total,
                "matched": listing.matched,
                "cleared": [entry.id for entry in cleared],
                "drafts": [_as_json(entry) for entry in listing.shown],
            }
        )
        return EXIT_OK
    for entry in cleared:
        print(t("drafts.cleared", id=entry.id, target=entry.target))
    if not listing.total:
        print(t("drafts.none", directory=store.directory))
        return EXIT_OK
    if not listing.matched:
        print(t("drafts.no_match", filter=args.filter, total=listing.total))
        return EXIT_OK
    for entry in listing.shown:
        print(_line(entry))
    if listing.more:
        print(t("drafts.more", more=listing.more, matched=listing.matched))
    return EXIT_OK


def _line(entry: Any) -> str:
    from tui.cells import pad
    from tui.display import one_line

    if entry.error:
        return f"{entry.id}  {one_line(entry.describe())}"
    name = one_line(entry.project_name) or t("interview.untitled")
    target = t("drafts.for_file", target=entry.target) if entry.target else t("drafts.new_form")
    return (
        f"{entry.id}  {entry.when}  {pad(name, 30)}  "
        f"{t('drafts.progress', count=entry.answered, current=one_line(entry.current_label) or '—')}  {target}"
    )


def _as_json(entry: Any) -> dict[str, object]:
    return {
        "id": entry.id,
        "project": entry.project_name,
        "updated": entry.updated,
        "origin": entry.origin,
        "target": str(entry.target) if entry.target else None,
        "answered": entry.answered,
        "current": entry.current_label,
        "error": entry.error or None,
    }


def _remove(store: Any, entries: list[Any], ids: list[str], output: str) -> int:
    from domain.interview.draft_index import find

    missing = [draft_id for draft_id in ids if find(entries, draft_id) is None]
    if missing:
        raise InputError(t("drafts.unknown", ids="、".join(missing)))
    for draft_id in ids:
        store.delete(draft_id)
    if output == "json":
        emit_json({"removed": ids})
    else:
        for draft_id in ids:
            print(t("drafts.removed", id=draft_id))
    return EXIT_OK

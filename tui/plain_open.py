"""The line mode's way into a form: a new one, a file or workbook form, or a draft picked by number."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from domain.errors import InputError
from domain.messages import t
from tui.plain_console import Console

if TYPE_CHECKING:
    from domain.interview.draft_index import DraftEntry
    from domain.interview.drafts import DraftStore
    from domain.interview.session import EditSession


def _offered(console: Console, store: DraftStore, way: str, target: str | None = None) -> list[DraftEntry]:
    """The drafts a way in offers (see domain.interview.draft_index); unreadable ones and an unreadable
    drafts folder are said, never skipped silently."""
    from domain.interview.draft_index import clear_stale, matching, scan

    try:
        entries = scan(store)
    except InputError as error:
        console.say(t("plain.prefix.warning") + error.message)
        return []
    for entry in entries:
        if entry.error:
            console.say(t("plain.prefix.warning") + entry.describe())
    kept, _ = clear_stale(store, entries)
    return matching(kept, way, target)


def open_session(mode: str, console: Console, args: argparse.Namespace) -> EditSession:
    from domain.interview.draft_index import RECENT
    from domain.interview.drafts import DraftStore
    from domain.interview.session import EditSession

    store = DraftStore(getattr(args, "drafts", None))
    out = getattr(args, "out", None)
    if mode == "edit":
        path = getattr(args, "file", None)
        if not path:
            raise InputError(t("session.needs_path"))
        from domain.interview.session import is_workbook

        if is_workbook(path):
            return _open_workbook_form(console, path, store, out)
        drafts = _offered(console, store, "edit", out or path)
        if len(drafts) == 1:  # one draft of this file: yes or no
            chosen = drafts[0].id if console.confirm(t("plain.edit.draft", describe=drafts[0].describe())) else None
        else:
            chosen = _pick_draft(console, drafts[:RECENT], t("plain.edit.open_file"))
        if chosen:
            return EditSession.resume(chosen, store, out)
        return EditSession.open(path, store, out)
    if mode == "new" and getattr(args, "targets", None):
        return _targets_session(console, args.targets, getattr(args, "project", None), store, out)
    chosen = _pick_draft(
        console, _offered(console, store, "new" if mode == "new" else "start", out), t("plain.start.new")
    )
    if chosen:
        return EditSession.resume(chosen, store, out)
    return EditSession.new(store, out)


def _pick_draft(console: Console, drafts: list[DraftEntry], none_label: str) -> str | None:
    """Offer the newest drafts by number (0: none of them); the chosen draft's id, or None."""
    from domain.interview.draft_index import RECENT

    if not drafts:
        return None
    shown = drafts[:RECENT]
    if len(drafts) > len(shown):
        console.say(t("plain.drafts.offer", count=len(drafts), shown=len(shown)))
    choices = [(str(number), info.describe()) for number, info in enumerate(shown, start=1)]
    choices.append(("0", none_label))
    while True:
        answer = console.ask(t("plain.start.choice"), "1", choices).strip() or "1"
        if answer == "0":
            return None
        if answer.isdecimal() and 1 <= int(answer) <= len(shown):
            return str(shown[int(answer) - 1].id)
        console.say(t("plain.prefix.error") + t("error.choice", keys="、".join(key for key, _ in choices)))


def _open_workbook_form(console: Console, path: str, store: DraftStore, out: str | None) -> EditSession:
    """A form of a workbook: the only one, or the one the user picks by number; saved as TOML beside it."""
    from domain.interview.session import EditSession, workbook_forms, workbook_target

    forms = workbook_forms(path)
    index = 1
    if len(forms) > 1:
        choices = [(str(number), label) for number, (label, _) in enumerate(forms, start=1)]
        while True:
            answer = console.ask(t("plain.open.choose_form", path=path, count=len(forms)), "1", choices).strip() or "1"
            if answer.isdecimal() and 1 <= int(answer) <= len(forms):
                index = int(answer)
                break
            console.say(t("plain.prefix.error") + t("error.choice", keys="、".join(key for key, _ in choices)))
    target = out or workbook_target(path, index, len(forms))
    return EditSession.open_form(path, forms[index - 1][1], target, store)


def _targets_session(
    console: Console, path: str, project: str | None, store: DraftStore, out: str | None
) -> EditSession:
    """A new form begun from approved targets; a file of several projects asks which (unless --project)."""
    from pathlib import Path

    from domain.interview.from_targets import pick_targets, start_from_targets
    from domain.interview.session import EditSession
    from domain.sheets.targets_file import read_targets

    tables = read_targets(Path(path))
    if project or len(tables) == 1:
        targets = pick_targets(tables, project, path)
    else:
        choices = [(str(number), item.project) for number, (_, item) in enumerate(tables, start=1)]
        while True:
            answer = console.ask(t("targets.choose.dialog", path=path, count=len(tables)), "1", choices).strip() or "1"
            if answer.isdecimal() and 1 <= int(answer) <= len(tables):
                targets = tables[int(answer) - 1][1]
                break
            console.say(t("plain.prefix.error") + t("error.choice", keys="、".join(key for key, _ in choices)))
    return EditSession(start_from_targets(targets), store, Path(out) if out else None)

"""Which drafts to offer: the drafts a way into the assistant matches, the stale ones to clear, and a short
recent list with a filter when there are thousands.

A way in is ``start`` (bare ``jixiao``: every draft), ``new`` (drafts of new forms, meant for the same
``--out`` file when one is given) or ``edit`` (drafts meant for that file). A draft is *stale* when the form
it was meant for has been saved since: the file changed from what the draft began with, after the draft was
last written. Listing reads only what a line needs (no validation of the whole form), so that ten thousand
drafts list in well under a second.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from domain.errors import InputError
from domain.interview.drafts import DRAFT_VERSION, SUFFIX, DraftStore, local_time
from domain.messages import t
from domain.record.files import MAX_FORM_BYTES, read_bounded
from domain.record.models import SCHEMA_VERSION
from domain.record.storage import file_fingerprint
from domain.record.toml_errors import toml_problem

RECENT = 8  # drafts offered at a way in before "more…" (the list with a filter)
LIST_LIMIT = 20  # lines `jixiao drafts` prints unless asked for all


@dataclass(frozen=True)
class DraftEntry:
    """One draft as the lists need it (``error`` is set when the file could not be read)."""

    id: str
    path: Path
    project_name: str = ""
    target: Path | None = None
    target_fingerprint: str | None = None
    origin: str = "new"
    updated: str = ""
    current_label: str = ""
    answered: int = 0
    error: str = ""
    newer: str = ""  # the formats ("draft/schema") when a newer jixiao wrote it: listed, marked, never offered

    @property
    def when(self) -> str:
        """The last write as local "YYYY-MM-DD HH:MM"."""
        return local_time(self.updated)

    def describe(self) -> str:
        """One plain line naming the project, the time and how far it got."""
        if self.newer:
            return t(
                "draft.newer_entry",
                name=self.project_name or t("interview.untitled"),
                updated=self.when,
                version=self.newer,
            )
        if self.error:
            return t("draft.unreadable", id=self.id, reason=self.error)
        name = self.project_name or t("interview.untitled")
        return t("draft.describe", name=name, updated=self.when, count=self.answered, current=self.current_label or "—")

    def haystack(self) -> str:
        """What a filter looks in: project, target file, id, time, current field."""
        return " ".join((self.project_name, str(self.target or ""), self.id, self.when, self.current_label)).lower()


@dataclass(frozen=True)
class Listing:
    """A page of drafts: ``shown`` of the ``matched`` that fit the filter, out of ``total``."""

    shown: tuple[DraftEntry, ...]
    matched: int
    total: int

    @property
    def more(self) -> int:
        return self.matched - len(self.shown)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _table(text: str, name: str) -> dict[str, object] | None:
    """The keys of one top-level table, parsed from its own lines only (up to the next table header);
    None when the table is not there. Drafts are written without multi-line strings, so a line that starts
    with "[" is always a table header."""
    header = f"[{name}]\n"
    start = 0 if text.startswith(header) else text.find("\n" + header) + 1
    if start <= 0 and not text.startswith(header):
        return None
    body = start + len(header)
    end = text.find("\n[", body)
    return tomllib.loads(text[body:] if end < 0 else text[body : end + 1])


def _light(text: str) -> dict[str, object]:
    """The [header] and [draft] tables of a draft file, without parsing the rest (the whole file when the
    quick way finds no [draft])."""
    try:
        meta = _table(text, "draft")
        if meta is not None:
            return {"draft": meta, "header": _table(text, "header") or {}}
    except tomllib.TOMLDecodeError:
        pass
    return tomllib.loads(text)


def read_entry(path: Path) -> DraftEntry:
    """The list line of one draft file, read without validating the whole form."""
    draft_id = path.name.removesuffix(SUFFIX)
    try:  # bounded, regular files only: a FIFO or a device named *.draft.toml is reported, never opened
        text = read_bounded(path, MAX_FORM_BYTES, t("storage.what.draft")).decode("utf-8")
        data = _light(text)
    except InputError as error:
        return DraftEntry(draft_id, path, error=error.message)
    except RecursionError:
        return DraftEntry(draft_id, path, error=t("storage.too_deep", where=path))
    except UnicodeDecodeError:
        return DraftEntry(draft_id, path, error=t("storage.not_utf8", path=path, what=t("storage.what.draft")))
    except ValueError as error:  # TOMLDecodeError is a ValueError
        return DraftEntry(draft_id, path, error=t("storage.bad_toml", where=path, reason=toml_problem(error)))
    meta = data.get("draft")
    if not isinstance(meta, dict):
        return DraftEntry(draft_id, path, error="[draft]")
    header = data.get("header")
    name = _text(header.get("project_name")) if isinstance(header, dict) else ""
    target = _text(meta.get("target"))
    answered = meta.get("answered", 0)
    newer = _newer_formats(meta, text)
    return DraftEntry(
        id=draft_id,
        path=path,
        project_name=name,
        target=Path(target) if target else None,
        target_fingerprint=_text(meta.get("target_fingerprint")) or None,
        origin=_text(meta.get("origin")) or "new",
        updated=_text(meta.get("updated")),
        current_label=_text(meta.get("current_label")),
        answered=answered if isinstance(answered, int) else 0,
        error=t("draft.newer", version=newer) if newer else "",
        newer=newer,
    )


_SCHEMA_LINE = re.compile(r"^schema_version\s*=\s*(\d{1,9})\s*$", re.MULTILINE)


def _newer_formats(meta: dict[str, object], text: str) -> str:
    """ "draft/schema" when the draft was written by a newer jixiao (as ``drafts._parse`` judges), else ""."""
    version = meta.get("version", DRAFT_VERSION)
    found = _SCHEMA_LINE.search(text)
    schema = int(found.group(1)) if found else SCHEMA_VERSION
    if not isinstance(version, int) or version > DRAFT_VERSION or schema > SCHEMA_VERSION:
        return f"{version}/{schema}"
    return ""


def scan(store: DraftStore) -> list[DraftEntry]:
    """Every draft in the store, newest first (unreadable ones listed with their error). InputError when the
    folder itself cannot be read (a missing folder has no drafts)."""
    try:
        paths = [Path(entry.path) for entry in os.scandir(store.directory) if entry.name.endswith(SUFFIX)]
    except FileNotFoundError:
        return []
    except OSError:
        store.list()  # says why, as the store words it
        return []
    entries = [read_entry(path) for path in paths]
    return sorted(entries, key=lambda entry: (entry.updated, entry.id), reverse=True)


def resolved(path: str | Path) -> Path:
    try:
        return Path(path).expanduser().resolve()
    except (OSError, RuntimeError):
        return Path(path)


def matching(entries: Iterable[DraftEntry], way: str, file: str | Path | None = None) -> list[DraftEntry]:
    """The readable drafts a way in offers, in the order given: ``start`` every one, ``new`` those of new
    forms (meant for ``file`` when one is named), ``edit`` those meant for ``file``."""
    wanted = resolved(file) if file else None
    found: list[DraftEntry] = []
    for entry in entries:
        if entry.error:
            continue
        if way == "edit":
            if wanted is None or entry.target is None or resolved(entry.target) != wanted:
                continue
        elif way == "new":
            if entry.origin != "new":
                continue
            if wanted is not None and entry.target is not None and resolved(entry.target) != wanted:
                continue
        found.append(entry)
    return found


def _stamp(text: str) -> float | None:
    try:
        return datetime.fromisoformat(text).timestamp()
    except (TypeError, ValueError):
        return None


def is_stale(entry: DraftEntry) -> bool:
    """The form this draft was meant for has been saved since: its file changed from what the draft began
    with, and was written after the draft was. Drafts with no file, or whose file is unchanged or gone, stay."""
    if entry.error or entry.target is None:
        return False
    written = _stamp(entry.updated)
    try:
        modified = entry.target.stat().st_mtime
        current = file_fingerprint(entry.target)
    except (OSError, InputError):
        return False
    if current is None or current == entry.target_fingerprint or written is None:
        return False
    return modified >= written


def clear_stale(store: DraftStore, entries: Sequence[DraftEntry]) -> tuple[list[DraftEntry], list[DraftEntry]]:
    """Delete the drafts of forms saved since; returns (kept, removed). A draft that cannot be deleted stays."""
    kept: list[DraftEntry] = []
    removed: list[DraftEntry] = []
    for entry in entries:
        if is_stale(entry):
            try:
                store.delete(entry.id)
            except InputError:
                kept.append(entry)
                continue
            removed.append(entry)
        else:
            kept.append(entry)
    return kept, removed


def offered(store: DraftStore, way: str, file: str | Path | None = None) -> list[DraftEntry]:
    """What a way in offers, newest first, after clearing the drafts of forms saved since."""
    kept, _ = clear_stale(store, scan(store))
    return matching(kept, way, file)


def filtered(entries: Iterable[DraftEntry], query: str = "") -> list[DraftEntry]:
    """The entries whose project, file, id, time or field contain every word of ``query`` (any case)."""
    words = query.lower().split()
    return [entry for entry in entries if all(word in entry.haystack() for word in words)]


def recent(entries: Sequence[DraftEntry], query: str = "", limit: int | None = RECENT) -> Listing:
    """The newest ``limit`` entries that fit ``query`` (all of them when ``limit`` is None)."""
    fitting = filtered(entries, query)
    shown = fitting if limit is None else fitting[: max(0, limit)]
    return Listing(tuple(shown), len(fitting), len(entries))


def find(entries: Iterable[DraftEntry], draft_id: str) -> DraftEntry | None:
    return next((entry for entry in entries if entry.id == draft_id), None)

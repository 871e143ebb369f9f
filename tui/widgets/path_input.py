"""A file-path field that completes with Tab, as a shell does: the longest common start of the names that
fit, a "/" after a directory, and the candidates listed when there are several."""

from __future__ import annotations

import os
from pathlib import Path

from textual import events
from textual.message import Message
from textual.widgets import Input

MAX_LISTED = 8


def complete_path(text: str, cwd: str | Path | None = None) -> tuple[str, list[str]]:
    """Complete ``text`` as a path: (the completed text, the candidate names when several fit).

    ``~`` is expanded for looking but kept in the text; hidden files are offered only when the typed name
    starts with a dot. Unreadable directories offer nothing."""
    base = Path(cwd) if cwd is not None else Path.cwd()
    head, _, stem = text.rpartition("/") if "/" in text else ("", "", text)
    folder_text = head + "/" if "/" in text else ""
    folder = Path(os.path.expanduser(folder_text or "."))
    if not folder.is_absolute():
        folder = base / folder
    try:
        names = sorted(
            entry.name + ("/" if entry.is_dir() else "")
            for entry in os.scandir(folder)
            if entry.name.startswith(stem) and (stem.startswith(".") or not entry.name.startswith("."))
        )
    except OSError:
        return text, []
    if not names:
        return text, []
    common = os.path.commonprefix(names)
    completed = folder_text + common
    return completed, ([] if len(names) == 1 else names)


class PathInput(Input):
    """An Input whose Tab completes the path typed (see ``complete_path``); posts ``Completed``."""

    class Completed(Message):
        def __init__(self, candidates: list[str], found: bool) -> None:
            super().__init__()
            self.candidates = candidates
            self.found = found

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "tab":
            event.stop()
            event.prevent_default()
            completed, candidates = complete_path(self.value)
            found = completed != self.value or bool(candidates)
            if completed != self.value:
                self.value = completed
                self.cursor_position = len(completed)
            self.post_message(self.Completed(candidates[:MAX_LISTED], found))
            return
        await super()._on_key(event)

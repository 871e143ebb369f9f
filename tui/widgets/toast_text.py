"""Notification texts that hold a file path: the path on lines of its own, broken after a “/”, never inside a name."""

from __future__ import annotations

from pathlib import Path

from tui.cells import cell_width

TOAST_CELLS = 56  # the text width of a toast at 80 columns (see Toast in base.tcss), padding taken off


def path_lines(path: str, width: int = TOAST_CELLS) -> str:
    """``path`` as lines of at most ``width`` cells, each break after a separator; a single name longer than
    a line stays whole on its own line (the toast folds only that)."""
    lines: list[str] = []
    line = ""
    for part in _parts(path):
        if line and cell_width(line + part) > width:
            lines.append(line)
            line = ""
        line += part
    if line:
        lines.append(line)
    return "\n".join(lines)


def _parts(path: str) -> list[str]:
    parts: list[str] = []
    current = ""
    for char in path:
        current += char
        if char in "/\\":
            parts.append(current)
            current = ""
    if current:
        parts.append(current)
    return parts


def with_path(message: str, path: str | Path | None, width: int = TOAST_CELLS) -> str:
    """A message that ends with ``path``: the path moved to lines of its own (the message unchanged without it)."""
    text = str(path) if path is not None else ""
    if not text or not message.endswith(text):
        return message
    head = message[: len(message) - len(text)].rstrip()
    return f"{head}\n{path_lines(text, width)}"

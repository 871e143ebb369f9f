"""Terminal cell widths for CJK text: wide characters take two cells, so never measure with len()."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Cells one character takes: 2 for wide/full-width, 0 for combining marks, else 1."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """Cells a string takes in a terminal."""
    if text.isascii():
        return len(text)
    return sum(char_width(char) for char in text)


def truncate(text: str, width: int, ellipsis: str = "…") -> str:
    """Cut text to at most ``width`` cells, marking the cut."""
    if cell_width(text) <= width:
        return text
    room = max(0, width - cell_width(ellipsis))
    kept: list[str] = []
    used = 0
    for char in text:
        size = char_width(char)
        if used + size > room:
            break
        kept.append(char)
        used += size
    return "".join(kept) + ellipsis


def pad(text: str, width: int, align: str = "left") -> str:
    """Truncate or pad text to exactly ``width`` cells."""
    text = truncate(text, width)
    gap = " " * (width - cell_width(text))
    return gap + text if align == "right" else text + gap

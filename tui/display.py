"""Showing user text literally: control characters stripped and Rich markup never interpreted."""

from __future__ import annotations

import re
import unicodedata

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """User text safe for a terminal cell grid: tabs become spaces, escapes and other controls vanish."""
    value = str(text if text is not None else "").replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return "".join(char for char in value if char == "\n" or unicodedata.category(char) != "Cc")


def one_line(text: object) -> str:
    """Clean text on a single line (newlines shown as a return mark)."""
    return clean(text).replace("\n", " ⏎ ")


def literal(text: object, style: str = "") -> Text:
    """A Rich Text holding the user's words exactly: ``[red]x[/red]`` stays ``[red]x[/red]``."""
    return Text(clean(text), style=style)

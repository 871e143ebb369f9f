"""One sanitiser for every piece of text that reaches a terminal: printed, logged or shown on a screen.

Text from files, sheets, drafts and command lines may hold escape sequences (an OSC window title, a screen
clear), C1 controls or bidirectional overrides (U+202E) that would act on the terminal or disguise what is
shown. ``sanitise`` makes each of them visible as ``\\uXXXX`` — inside a JSON string that is the same
character, so JSON output stays exact — and ``strip_controls`` removes them for a cell grid.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab and newline, DEL, C1 controls, and the invisible direction marks and overrides.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def sanitise(text: object) -> str:
    """``text`` with every unsafe character written out as ``\\uXXXX`` (a CR LF pair becomes a newline)."""
    return UNSAFE.sub(_visible, str(text).replace("\r\n", "\n"))


def strip_controls(text: object) -> str:
    """``text`` with every unsafe character removed (for display where an escape would only be noise)."""
    return UNSAFE.sub("", str(text))


def without_invisible(text: object) -> str:
    """``text`` without any control or format character (C0, DEL, C1, bidirectional marks and overrides,
    zero-width joiners, soft hyphens …): for names that end up on disk, where an invisible character would
    make two names look alike or show a file name reversed."""
    return "".join(char for char in str(text) if unicodedata.category(char) not in ("Cc", "Cf"))

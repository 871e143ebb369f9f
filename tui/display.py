"""Showing user text literally: control characters stripped and Rich markup never interpreted."""

from __future__ import annotations

import unicodedata
from typing import TypeVar

from rich.text import Text

from domain.messages.sanitise import strip_controls


def clean(text: object) -> str:
    """User text safe for a terminal cell grid: tabs become spaces, escapes and other controls vanish."""
    value = str(text if text is not None else "").replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")
    value = strip_controls(value)
    return "".join(char for char in value if char == "\n" or unicodedata.category(char) != "Cc")


def one_line(text: object) -> str:
    """Clean text on a single line (newlines shown as a return mark)."""
    return clean(text).replace("\n", " ⏎ ")


def literal(text: object, style: str = "") -> Text:
    """A Rich Text holding the user's words exactly: ``[red]x[/red]`` stays ``[red]x[/red]``."""
    return Text(clean(text), style=style)


NO_LINE_START = set("，。、；：！？）》」』】〕”’%,.;:!?)]}…·")


def wrap_offsets(text: str, width: int) -> list[int]:
    """Where to break ``text`` into lines of at most ``width`` cells: at spaces, or between wide characters
    (Chinese has no spaces), never putting closing punctuation at the start of a line."""
    from tui.cells import char_width

    width = max(2, width)
    offsets: list[int] = []
    used = 0
    candidate: int | None = None  # last index where a new line may start
    line_start = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\n":
            offsets.append(index + 1)
            line_start, used, candidate = index + 1, 0, None
            index += 1
            continue
        size = char_width(char)
        wide = size == 2
        if (
            index > line_start
            and char != " "
            and char not in NO_LINE_START
            and (wide or text[index - 1] == " " or char_width(text[index - 1]) == 2)
        ):
            candidate = index
        if used + size > width and index > line_start:
            cut = candidate if candidate is not None and candidate > line_start else index
            offsets.append(cut)
            line_start, candidate = cut, None
            used = sum(char_width(c) for c in text[cut:index])
        used += size
        index += 1
    return offsets


class Wrapped:
    """A Rich renderable that wraps a Text by :func:`wrap_offsets` instead of Rich's space-only rule.

    ``hang`` is how many leading characters of the text are a mark (“? ”, “› ”): continuation lines start
    under the first character after it, as a hanging indent."""

    def __init__(self, text: Text, hang: int = 0) -> None:
        self.text = text
        self.hang = max(0, hang)

    def __rich_console__(self, console, options):  # type: ignore[no-untyped-def]
        from tui.cells import cell_width

        width = options.max_width
        if 0 < self.hang < len(self.text):
            mark, body = self.text.divide([self.hang])
        else:
            mark, body = Text(""), self.text
        indent = cell_width(mark.plain)
        if indent and width - indent < 2:
            mark, body, indent = Text(""), self.text, 0
        lines = body.divide(wrap_offsets(body.plain, width - indent))
        for number, line in enumerate(lines):
            line.rstrip()
            if line.plain.endswith("\n"):
                line.right_crop(1)
            if indent:
                line = Text.assemble(mark if number == 0 else " " * indent, line)
            line.no_wrap = True
            line.overflow = "crop"
            line.end = "\n"
            yield line

    def __rich_measure__(self, console, options):  # type: ignore[no-untyped-def]
        from rich.measure import Measurement

        from tui.cells import cell_width

        longest = max((cell_width(part) for part in self.text.plain.split("\n")), default=0)
        return Measurement(min(4, longest), longest)


EventT = TypeVar("EventT")


def without_repeats(events: list[EventT]) -> list[EventT]:
    """The events less a finding that repeats a warning given in the same batch: the 分值 total found short or
    over at the review is said once, by the warning that tells how many points are left."""
    from domain.messages import t
    from domain.record.value_text import format_number

    texts = {getattr(event, "text", "") for event in events if getattr(event, "data", None) is None}
    kept = []
    for event in events:
        finding = getattr(event, "data", None)
        if getattr(finding, "detail", None) == "weights_total" and finding.declared is not None:  # type: ignore[union-attr]
            total = finding.declared  # type: ignore[union-attr]
            said = {
                t("warning.weights_short", total=format_number(total), left=format_number(100 - total)),
                t("warning.weights_over", total=format_number(total)),
            }
            if said & texts:
                continue
        kept.append(event)
    return kept

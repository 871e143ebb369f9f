"""The conversation so far: questions, the user's answers, and each computed score as a block of its own.

Domain modules are imported inside functions: this module loads before the first paint.
"""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.text import Text
from textual.widgets import RichLog

from domain.messages import t
from tui.display import Wrapped, clean

KIND_STYLES = {
    "question": "bold",
    "hint": "dim",
    "warning": "yellow",
    "error": "bold red",
    "info": "dim italic",
    "done": "bold green",
}
KIND_MARKS = {
    "question": "?\u00a0",
    "hint": "\u00a0\u00a0",
    "warning": "!\u00a0",
    "error": "✗\u00a0",
    "info": "·\u00a0",
    "done": "✓\u00a0",
}
ANSWER_MARK = "›\u00a0"


def _score_text(value: object) -> str:
    from domain.scoring.rounding import fixed

    return "—" if value is None else fixed(value, 2)  # type: ignore[arg-type]


def _weight_text(value: object) -> str:
    from domain.scoring.rounding import plain

    return "—" if value is None else plain(value)  # type: ignore[arg-type]


def _direction_pending(result: object) -> bool:
    """A row that needs its direction decided before it can be scored (as domain.interview.controller.direction_pending)."""
    if not hasattr(result, "direction") or result.direction is not None or getattr(result, "score", 0) is not None:
        return False
    return any(
        getattr(note, "code", "") in ("direction_conflict", "direction_unknown")
        for note in getattr(result, "notes", ())
    )


def explanation_block(text: str, result: object) -> Panel | Wrapped:
    """A score with its formula and the points lost, boxed so it stands apart from the questions; its notes
    follow inside the box. A row waiting for its direction says so instead of offering a band of scores."""
    explanation = getattr(result, "explanation", None)
    if explanation is None:
        return Wrapped(Text(clean(text), style="cyan"))
    score, weight = getattr(result, "score", None), getattr(result, "weight", None)
    pending_direction = _direction_pending(result)
    body = Text(clean(text if pending_direction and text else explanation.shown))
    for note in getattr(result, "notes", ()):
        body.append("\n· " + clean(note.shown), style="yellow")
    band = getattr(result, "band", None)
    if pending_direction:
        title = t("ui.transcript.direction_pending")
    elif score is None and band is not None:
        title = t("ui.transcript.pending", low=_score_text(band[0]), high=_score_text(band[1]))
    else:
        title = t("ui.transcript.score", score=_score_text(score), weight=_weight_text(weight))
    lines: list[Wrapped] = []
    if text and clean(text) not in body.plain:
        lines.append(Wrapped(Text(clean(text), style="bold")))
    lines.append(Wrapped(body))
    return Panel(Group(*lines), title=Text(title), title_align="left", border_style="cyan", padding=(0, 1))


class Transcript(RichLog):
    """A log that only ever receives Text objects, so user text can never be read as markup."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, auto_scroll=True, min_width=20, **kwargs)  # type: ignore[arg-type]
        self.can_focus = False
        self._boxed_notes: set[str] = set()  # notes the last score box showed (not repeated as lines after it)
        self._history: list[tuple[object, bool]] = []  # everything written, to wrap again at a new width
        self._wrapped_at = 0
        self._replaying = False

    def write(
        self,
        content: object,
        width: int | None = None,
        expand: bool = False,
        shrink: bool = True,
        scroll_end: bool | None = None,
        animate: bool = False,
    ) -> Transcript:
        """Write and remember ``content``, so that a resize can wrap it again to the new width."""
        if not self._replaying and self._size_known:  # before the size is known RichLog defers, then writes again
            self._history.append((content, expand))
        super().write(content, width=width, expand=expand, shrink=shrink, scroll_end=scroll_end, animate=animate)
        return self

    def clear(self) -> Transcript:
        self._history = []
        super().clear()
        return self

    def on_resize(self, event: object) -> None:
        """Everything wraps again at the new width, and the end of the conversation stays in view (a list
        of choices opening below must not push the last answer out of sight)."""
        width = self.scrollable_content_region.width
        if width and width != self._wrapped_at and self._history:
            at_end = self.is_vertical_scroll_end or self.auto_scroll
            self._wrapped_at = width
            self._replaying = True
            try:
                super().clear()
                for content, expand in self._history:
                    super().write(content, expand=expand, scroll_end=False)
            finally:
                self._replaying = False
            if at_end:
                self.scroll_end(animate=False, immediate=True)
        else:
            self._wrapped_at = width or self._wrapped_at
            if self.auto_scroll:
                self.scroll_end(animate=False, immediate=True)

    def say(self, kind: str, text: str, data: object = None) -> None:
        """One event of the conversation, styled by its kind."""
        if kind == "suggestions":
            return
        if kind == "explanation":
            self.write(explanation_block(text, data), expand=True)
            self._boxed_notes = {note.shown for note in getattr(data, "notes", ())}
            return
        if kind in ("warning", "hint") and getattr(data, "zh", None) == text and text in self._boxed_notes:
            return  # a note of the score just shown: it is in the box already
        self._boxed_notes = set()
        mark = KIND_MARKS.get(kind, "")
        line = Text(mark, style=KIND_STYLES.get(kind, ""))
        line.append(clean(text), style=KIND_STYLES.get(kind, ""))
        if kind == "question":
            self.write(Text(""))
        self.write(Wrapped(line, hang=len(mark)), expand=True)

    def user_answer(self, text: str) -> None:
        """The user's answer, indented under its question; empty answers read as “(keep / skip)”."""
        line = Text(ANSWER_MARK, style="green")
        line.append(clean(text) if text.strip() else t("ui.transcript.enter"), style="green")
        self.write(Wrapped(line, hang=len(ANSWER_MARK)), expand=True)

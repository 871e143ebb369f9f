"""The answer line: a one-line input (or a small text area for long text) with suggestions above it.

Suggestions sit in an OptionList that never takes focus: up/down move its highlight while typing goes on in
the input, and enter submits the highlighted suggestion or, when none is highlighted, what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from domain.strings import t

MAX_SHOWN = 6


@dataclass(frozen=True)
class Offer:
    """One suggestion: what enter submits, and how it is shown."""

    value: str
    label: Text


class LongAnswer(TextArea):
    """A few lines of text: enter submits, ctrl+j (or alt+enter) starts a new line."""

    class Submitted(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self.text))
            return
        if event.key in ("ctrl+j", "alt+enter"):
            event.stop()
            event.prevent_default()
            self.insert("\n")
            return
        await super()._on_key(event)


class InputLine(Vertical):
    """Question prompt, suggestions and the answer field; posts ``InputLine.Submitted``."""

    BINDINGS = [
        Binding("down", "suggestion(1)", t("ui.input.suggestion"), show=False, id="input.suggestion_down"),
        Binding("up", "suggestion(-1)", t("ui.input.suggestion"), show=False, id="input.suggestion_up"),
    ]

    class Submitted(Message):
        """An answer to send to the interview (a picked suggestion's value, or the typed text)."""

        def __init__(self, value: str, picked: bool) -> None:
            super().__init__()
            self.value = value
            self.picked = picked

    class Changed(Message):
        """The typed text changed (the screen refreshes suggestions)."""

        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.offers: list[Offer] = []
        self.long_mode = False

    def compose(self) -> ComposeResult:
        yield Static("", id="prompt")
        suggestions = OptionList(id="suggestions")
        suggestions.can_focus = False
        yield suggestions
        yield Input(id="answer", compact=True)
        yield Static("", id="field-hint")

    def on_mount(self) -> None:
        self.query_one("#answer", Input).cursor_blink = False
        self.query_one("#suggestions", OptionList).display = False

    def _long_area(self, text: str) -> LongAnswer:
        """The text area for long answers, mounted the first time one is asked (it is costly to build)."""
        areas = self.query(LongAnswer)
        if areas:
            area = areas.first()
            area.text = text
            return area
        area = LongAnswer(text, id="long-answer", soft_wrap=True, compact=True, show_line_numbers=False)
        area.cursor_blink = False
        self.mount(area, before="#field-hint")
        return area

    # --- what the screen sets ----------------------------------------------------------------------
    def ask(self, prompt: Text, default: str = "", placeholder: str = "", long: bool = False, hint: str = "") -> None:
        """Show a new question: its prompt, the current answer as default, and the right kind of field."""
        self.query_one("#prompt", Static).update(prompt)
        self.query_one("#field-hint", Static).update(Text(hint, style="dim"))
        self.long_mode = long
        line = self.query_one("#answer", Input)
        line.display = not long
        for area in self.query(LongAnswer):
            area.display = long
        if long:
            area = self._long_area(default)
            area.placeholder = placeholder
            area.display = True
            self.call_after_refresh(self._focus_long_end)
        else:
            with line.prevent(Input.Changed):
                line.value = default
            line.placeholder = placeholder
            line.cursor_position = len(default)
            line.focus()
            if default:
                line.select_all()  # typing replaces the shown default; enter keeps it
        self.set_offers([])

    def set_offers(self, offers: list[Offer], highlight: int | None = None) -> None:
        """Replace the suggestions; none is highlighted (unless asked) until the user presses down."""
        self.offers = offers[:MAX_SHOWN]
        suggestions = self.query_one("#suggestions", OptionList)
        suggestions.set_options([Option(offer.label) for offer in self.offers])
        suggestions.highlighted = highlight if highlight is not None and highlight < len(self.offers) else None
        suggestions.display = bool(self.offers)

    def _focus_long_end(self) -> None:
        area = self.query_one(LongAnswer)
        area.move_cursor(area.document.end)
        area.focus()

    def focus_answer(self) -> None:
        if self.long_mode:
            self._focus_long_end()
        else:
            self.query_one("#answer", Input).focus()

    @property
    def value(self) -> str:
        return self.query_one(LongAnswer).text if self.long_mode else self.query_one("#answer", Input).value

    # --- keys and events -----------------------------------------------------------------------------
    def action_suggestion(self, step: int) -> None:
        suggestions = self.query_one("#suggestions", OptionList)
        if not self.offers:
            return
        current = suggestions.highlighted
        if current is None:
            suggestions.highlighted = 0 if step > 0 else len(self.offers) - 1
        else:
            suggestions.highlighted = max(-1, min(len(self.offers) - 1, current + step))
            if suggestions.highlighted is not None and suggestions.highlighted < 0:
                suggestions.highlighted = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "suggestion":
            return bool(self.offers) and not self.long_mode
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        highlighted = self.query_one("#suggestions", OptionList).highlighted
        if highlighted is not None and 0 <= highlighted < len(self.offers):
            self.post_message(self.Submitted(self.offers[highlighted].value, picked=True))
        else:
            self.post_message(self.Submitted(event.value, picked=False))

    def on_long_answer_submitted(self, event: LongAnswer.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value, picked=False))

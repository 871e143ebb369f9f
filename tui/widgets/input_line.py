"""The answer line: a one-line input (or a small text area for long text) with suggestions above it.

Suggestions sit in an OptionList that never takes focus: up/down move its highlight while typing goes on in
the input, and enter submits the highlighted suggestion or, when none is highlighted, what was typed.

Enter is taken the moment its key reaches the field, in order with the keys around it: the answer is
what was typed before it, never text typed after it while the screen was busy. Text typed after an
answer (before the next question is shown) is the start of the next answer and is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from domain.messages import t
from domain.messages.sanitise import strip_controls

MAX_SHOWN = 6


@dataclass(frozen=True)
class Offer:
    """One suggestion: what enter submits, and how it is shown."""

    value: str
    label: Text


class AnswerInput(Input):
    """The one-line answer. Enter hands the text over as its key arrives (Input's own enter binding runs
    only once the key has gone round the app, after keys typed later). ctrl+j counts as enter: it is what
    enter becomes when pressed before the terminal left line mode, right after launch."""

    def __init__(self, take: Callable[[str], None], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._take = take

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("enter", "ctrl+j"):
            event.stop()
            event.prevent_default()
            self._take(self.value)
            return
        await super()._on_key(event)


class LongAnswer(TextArea):
    """A few lines of text: enter submits, ctrl+j (or alt+enter) starts a new line."""

    class Submitted(Message):
        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    take: Callable[[str], None] | None = None

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            if self.take is not None:
                self.take(self.text)
            else:
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

    def __init__(self, clear_on_submit: bool = False, **kwargs: object) -> None:
        """``clear_on_submit``: empty the field as enter is taken, so that typing on goes into the next answer."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.offers: list[Offer] = []
        self.long_mode = False
        self.clear_on_submit = clear_on_submit
        self._placed = ""  # what the line last put in the field itself; anything else there was typed

    def compose(self) -> ComposeResult:
        yield Static("", id="prompt")
        suggestions = OptionList(id="suggestions")
        suggestions.can_focus = False
        yield suggestions
        yield AnswerInput(self._take, id="answer", compact=True)
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
        area.take = self._take
        self.mount(area, before="#field-hint")
        return area

    # --- what the screen sets ----------------------------------------------------------------------
    def ask(
        self,
        prompt: Text,
        default: str = "",
        placeholder: str = "",
        long: bool = False,
        hint: str = "",
        keep_typed: bool = False,
    ) -> None:
        """Show a new question: its prompt, the current answer as default, and the right kind of field.

        ``keep_typed``: text the user typed in the field (rather than what the line put there) stays, in
        place of the default — for the question that follows an answer, or the same question asked again."""
        typed = self.typed if keep_typed else ""
        # the form's own text is shown as an editable default: nothing in it may act on the terminal
        default, placeholder, hint = strip_controls(default), strip_controls(placeholder), strip_controls(hint)
        self.query_one("#prompt", Static).update(prompt)
        self.query_one("#field-hint", Static).update(Text(hint, style="dim"))
        self.long_mode = long
        line = self.query_one("#answer", Input)
        line.display = not long
        for area in self.query(LongAnswer):
            area.display = long
        shown = typed or default
        if not typed:
            self._placed = default
        if long:
            area = self._long_area(shown)
            area.placeholder = placeholder
            area.display = True
            self.call_after_refresh(self._focus_long_end)
        else:
            with line.prevent(Input.Changed):
                line.value = shown
            line.placeholder = placeholder
            line.cursor_position = len(shown)
            line.focus()
            if shown and not typed:
                line.select_all()  # typing replaces the shown default; enter keeps it
        self.set_offers([])

    def set_prompt(self, prompt: Text) -> None:
        """Change the prompt only; what is typed stays as it is."""
        self.query_one("#prompt", Static).update(prompt)

    def put_back(self, text: str) -> None:
        """Return a submitted answer to the field (when it could not be taken), unless something was typed since."""
        if not self.clear_on_submit or self.value:
            return
        if self.long_mode:
            self._long_area(text)
        else:
            line = self.query_one("#answer", Input)
            with line.prevent(Input.Changed):
                line.value = text
            line.cursor_position = len(text)

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

    @property
    def typed(self) -> str:
        """What the user typed in the field and has not sent ("" when it holds just what the line put there)."""
        value = self.value
        return value if value != self._placed and value.strip() else ""

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

    def _take(self, value: str) -> None:
        """Enter reached the field: send the highlighted suggestion or the text, then (if asked) empty the field."""
        highlighted = self.query_one("#suggestions", OptionList).highlighted
        if highlighted is not None and 0 <= highlighted < len(self.offers):
            self.post_message(self.Submitted(self.offers[highlighted].value, picked=True))
        else:
            self.post_message(self.Submitted(value, picked=False))
        if not self.clear_on_submit:
            return
        self._placed = ""
        if self.long_mode:
            self.query_one(LongAnswer).text = ""
        else:
            line = self.query_one("#answer", Input)
            with line.prevent(Input.Changed):
                line.value = ""
        self.set_offers([])

    def submit_now(self) -> None:
        """Send what is typed as the answer, as enter would (a digit picking a choice)."""
        self.query_one("#suggestions", OptionList).highlighted = None
        self._take(self.value)

    def on_long_answer_submitted(self, event: LongAnswer.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value, picked=False))

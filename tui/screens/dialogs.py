"""Small modal dialogs: a choice among a few answers (confirm, quit, overwrite) and asking for a file path."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from domain.messages import t
from tui.display import literal
from tui.widgets.path_input import PathInput


class ChoiceDialog(ModalScreen[str | None]):
    """A question with a few answers picked by arrows and enter; dismisses with the chosen value."""

    BINDINGS = [Binding("escape", "cancel", t("ui.key.cancel"), show=False, id="dialog.cancel")]

    def __init__(
        self,
        question: str | Text,
        answers: list[tuple[str, str]],
        cancel_value: str | None = None,
        highlighted: int = 0,
    ) -> None:
        super().__init__()
        self.question = question
        self.answers = answers
        self.cancel_value = cancel_value
        self.highlighted = highlighted  # the answer enter picks before any arrow is pressed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            question = self.question if isinstance(self.question, Text) else literal(self.question)
            yield Static(question, classes="dialog-question")
            yield OptionList(
                *(
                    Option(literal(f"{number}. {label}"), id=value)  # labels hold data: never markup
                    for number, (value, label) in enumerate(self.answers, start=1)
                ),
                id="dialog-answers",
            )

    def on_mount(self) -> None:
        answers = self.query_one(OptionList)
        answers.highlighted = self.highlighted
        answers.focus()

    def on_key(self, event: events.Key) -> None:
        """Digits pick an answer directly (1 = first)."""
        if event.character and event.character.isdecimal():
            index = int(event.character) - 1
            if 0 <= index < len(self.answers):
                event.stop()
                self.dismiss(self.answers[index][0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_value)


class AskPathDialog(ModalScreen[str | None]):
    """Ask for a file path (save as, open); empty input or escape cancels."""

    BINDINGS = [Binding("escape", "cancel", t("ui.key.cancel"), show=False, id="dialog.cancel")]

    def __init__(self, question: str, default: str = "", error: bool = False) -> None:
        """``error``: the question says why the last path failed (shown in the error colour)."""
        super().__init__()
        self.question = question
        self.default = default
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.question), classes="dialog-question" + (" error-line" if self.error else ""))
            yield PathInput(value=self.default, placeholder=t("ui.path.placeholder"), id="path-input")
            yield Static(t("ui.path.hint_tab"), classes="hint-line", id="path-hint")

    def on_path_input_completed(self, event: PathInput.Completed) -> None:
        event.stop()
        hint = self.query_one("#path-hint", Static)
        if event.candidates:
            hint.update(literal(t("ui.path.completions", names="  ".join(event.candidates))))
        elif not event.found:
            hint.update(literal(t("ui.path.no_completion")))
        else:
            hint.update(literal(t("ui.path.hint_tab")))

    def on_mount(self) -> None:
        path_input = self.query_one(Input)
        path_input.cursor_blink = False
        path_input.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AskTextDialog(ModalScreen[str | None]):
    """Ask for a short text (a form's number or name); empty input or escape cancels."""

    BINDINGS = [Binding("escape", "cancel", t("ui.key.cancel"), show=False, id="dialog.cancel")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.question), classes="dialog-question")
            yield Input(id="text-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)

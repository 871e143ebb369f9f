"""F1 help: what the focused field or screen is for, why its score is what it is, and the keys that work here."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from domain.messages import t
from tui.cells import pad
from tui.display import clean


def keys_text(bindings: dict[str, ActiveBinding]) -> Text:
    """One line per shown binding: keys, what it does, and its id (for the user's keymap file)."""
    by_action: dict[tuple[str, str], list[str]] = {}
    ids: dict[tuple[str, str], str] = {}
    for key, active in bindings.items():
        binding = active.binding
        if not binding.description or binding.system or not (binding.show or binding.id):
            continue
        slot = (binding.action, binding.description)
        by_action.setdefault(slot, []).append(binding.key_display or key)
        ids[slot] = binding.id or ""
    text = Text()
    for (action, description), keys in by_action.items():
        text.append(pad(" / ".join(keys), 22), style="bold")
        text.append(pad(description, 22))
        text.append(ids[(action, description)], style="dim")
        text.append("\n")
    return text


class HelpScreen(ModalScreen[None]):
    """A scrollable help text; enter, F1 or escape closes it."""

    BINDINGS = [
        Binding("enter,f1", "close", t("ui.key.close"), id="help.close"),
        Binding("escape", "close", t("ui.key.close"), show=False),
    ]

    def __init__(self, title: str, body: str, keys: Text | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            yield Static(Text(clean(self.title_text)), classes="title")
            with VerticalScroll(id="help-body"):
                yield Static(Text(clean(self.body)))
                if self.keys is not None and self.keys.plain:
                    yield Static(Text(t("ui.help.keys_heading"), style="bold"))
                    yield Static(self.keys)
            yield Static(t("ui.help.close_hint"), classes="hint-line")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)

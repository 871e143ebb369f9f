"""The jump list (ctrl+g): every field that applies now, filtered by words or a row number, picked with arrows
and enter."""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from domain.messages import t
from tui.cells import pad, truncate
from tui.display import one_line

LABEL_CELLS = 24
ANSWER_CELLS = 42
ROW_NUMBER = re.compile(r"^(\d+)\s*[.．、]?\s*(.*)$")  # “4”, “4.”, “4、分值”: a row number, then words


def shown_label(spec: Any) -> str:
    """The label as listed: indicator fields carry their row number, “4. 三级指标”."""
    return spec.label if spec.row is None else f"{spec.row + 1}. {spec.label}"


def filter_fields(fields: list[Any], typed: str) -> list[Any]:
    """The fields that fit what is typed: a leading row number (“4”, “4.”, “4. 分值”) picks that row's fields
    when the form has such a row; otherwise the words are looked for in labels, answers and ids."""
    typed = typed.strip().lower()
    if not typed:
        return list(fields)
    numbered = ROW_NUMBER.match(typed)
    if numbered is not None:
        row = int(numbered.group(1)) - 1
        in_row = [state for state in fields if state.spec.row == row]
        if in_row:
            rest = numbered.group(2)
            return [state for state in in_row if not rest or _fits(state, rest)]
    return [state for state in fields if _fits(state, typed)]


def _fits(state: Any, typed: str) -> bool:
    """Every word typed is in the label, the answer or the id (“分值 培训” finds 培训人数's 分值)."""
    texts = (shown_label(state.spec).lower(), state.answer.lower(), state.spec.id.lower())
    return all(any(word in text for text in texts) for word in typed.split())


def field_label(state: Any) -> Text:
    """“▶ 项目名称   answer” with unanswered fields dimmed."""
    spec = state.spec
    label = shown_label(spec)
    text = Text("▶ " if state.current else "  ", style="bold")
    text.append(pad(one_line(label), LABEL_CELLS), style="" if state.answered else "dim")
    answer = truncate(one_line(state.answer), ANSWER_CELLS) if state.answered else t("ui.jump.unanswered")
    text.append(" " + answer, style="" if state.answered else "dim italic")
    return text


class JumpScreen(ModalScreen[str | None]):
    """Dismisses with the chosen field id, or None."""

    BINDINGS = [
        Binding("down", "move(1)", t("ui.key.next_field"), show=False),
        Binding("up", "move(-1)", t("ui.key.previous_field"), show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("pageup", "move(-10)", show=False),
        # the key that opened the list closes it: same binding id, so a keymap entry moves both
        Binding("ctrl+g", "cancel", t("ui.key.close"), id="interview.jump", priority=True),
        Binding("escape", "cancel", t("ui.key.cancel"), show=False, id="jump.cancel"),
    ]

    def __init__(self, fields: list[Any]) -> None:
        super().__init__()
        self.fields = fields
        self.shown: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="jump-dialog"):
            yield Static(t("ui.jump.title"), classes="title")
            yield Input(placeholder=t("ui.jump.filter"), id="jump-filter", compact=True)
            options = OptionList(id="jump-list")
            options.can_focus = False
            yield options
            yield Static(t("ui.jump.hint", close="ctrl+g"), classes="hint-line", id="jump-hint")

    def on_mount(self) -> None:
        self.query_one("#jump-hint", Static).update(t("ui.jump.hint", close=self.close_key()))
        self.query_one(Input).cursor_blink = False
        self.query_one(Input).focus()
        self._fill("")

    def close_key(self) -> str:
        """The key that closes the list (the jump key of the user's keymap), the shortest when there are several."""
        keys = [
            key
            for key, active in self.active_bindings.items()
            if active.binding.action == "cancel" and active.binding.id == "interview.jump"
        ]
        return min(keys, key=len) if keys else "esc"

    def _fill(self, typed: str) -> None:
        self.shown = filter_fields(self.fields, typed)
        options = self.query_one(OptionList)
        options.set_options([Option(field_label(state)) for state in self.shown])
        current = next((index for index, state in enumerate(self.shown) if state.current), 0)
        options.highlighted = current if self.shown else None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)
        self.query_one("#jump-hint", Static).update(t("ui.jump.hint", close=self.close_key()))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.query_one(OptionList).highlighted
        if index is None or index >= len(self.shown):  # nothing fits: say so and stay, the filter kept
            self.query_one("#jump-hint", Static).update(
                Text(t("ui.jump.nothing", typed=one_line(event.value), close=self.close_key()), style="bold")
            )
            return
        self.dismiss(self.shown[index].spec.id)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not self.shown:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    def action_cancel(self) -> None:
        self.dismiss(None)

"""The what-if calculator: change an indicator's target, actual value or 分值 (or a budget) and see the score at once.

Opened from the start screen it is a free calculator; opened from the review screen on a row it starts from
that row, shows the change in the total, and hands the new values back only when the user confirms.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static

from domain.errors import InputError
from domain.models import Direction
from domain.rounding import fixed
from domain.whatif import budget_whatif, indicator_whatif, parse_amount, parse_weight
from tui.widgets.key_bar import KeyBar
from tui.report import render_budget_result, render_row_result
from tui.display import literal
from domain.strings import t

DIRECTIONS = ("auto", "positive", "reverse", "equal", "qualitative")
INDICATOR_FIELDS = ("weight", "target", "actual", "direction", "judged")
BUDGET_FIELDS = ("budget", "executed", "budget_weight")


@dataclass(frozen=True)
class RowChange:
    """New values for one indicator row, handed back when the user confirms a what-if."""

    row: int
    weight: str
    target_text: str
    actual_text: str
    direction: str | None  # a Direction value, or None for "as the target's wording says"
    judged: str


@dataclass(frozen=True)
class Baseline:
    """Where a what-if started from: the row, its current values and score, and the form's total."""

    row: int
    name: str
    weight: str
    target_text: str
    actual_text: str
    direction: str | None
    judged: str
    catalogue_direction: str | None
    score: Decimal | None
    total: Decimal


def _signed(value: Decimal) -> str:
    text = fixed(value, 2)
    return text if value < 0 else f"+{text}"


class WhatIfScreen(Screen[RowChange | None]):
    """Inputs on the left, the score and its explanation below, recomputed on every change."""

    BINDINGS = [
        Binding("ctrl+t", "toggle_mode", t("ui.whatif.toggle"), id="whatif.toggle"),
        Binding("ctrl+s", "apply", t("ui.whatif.apply"), id="whatif.apply"),
        Binding("ctrl+b", "leave", t("ui.key.back"), id="whatif.back"),
        Binding("escape", "leave", t("ui.key.back"), show=False),
        Binding("down", "app.focus_next", t("ui.key.next_field"), show=False),
        Binding("up", "app.focus_previous", t("ui.key.previous_field"), show=False),
    ]

    def __init__(self, baseline: Baseline | None = None, standalone: bool = False) -> None:
        super().__init__()
        self.baseline = baseline
        self.standalone = standalone
        self.budget_mode = False
        self.last_score: Decimal | None = None
        self.problem: str = ""

    def compose(self) -> ComposeResult:
        base = self.baseline
        with Vertical(id="whatif-body"):
            title = t("ui.whatif.title")
            if base is not None:
                title = t("ui.whatif.title_row", row=base.row + 1)
            yield Static(title, classes="title", id="whatif-title")
            if base is not None:
                yield Static(literal(base.name), classes="hint-line", id="whatif-name")
            with Grid(id="whatif-form"):
                yield Label(t("ui.whatif.weight"), classes="wi-indicator")
                yield Input(base.weight if base else "", placeholder="20", id="wi-weight", compact=True, classes="wi-indicator")
                yield Label(t("ui.whatif.target"), classes="wi-indicator")
                yield Input(base.target_text if base else "", placeholder="≥90%", id="wi-target", compact=True, classes="wi-indicator")
                yield Label(t("ui.whatif.actual"), classes="wi-indicator")
                yield Input(base.actual_text if base else "", placeholder="75%", id="wi-actual", compact=True, classes="wi-indicator")
                yield Label(t("ui.whatif.direction"), classes="wi-indicator")
                yield Select([(t(f"ui.direction.{name}"), name) for name in DIRECTIONS], allow_blank=False,
                             value=(base.direction or "auto") if base else "auto", id="wi-direction", compact=True,
                             classes="wi-indicator")
                yield Label(t("ui.whatif.judged"), classes="wi-indicator")
                yield Input(base.judged if base else "", placeholder=t("ui.whatif.judged_placeholder"), id="wi-judged",
                            compact=True, classes="wi-indicator")
                yield Label(t("ui.whatif.budget"), classes="wi-budget")
                yield Input("", placeholder="1000000", id="wi-budget", compact=True, classes="wi-budget")
                yield Label(t("ui.whatif.executed"), classes="wi-budget")
                yield Input("", placeholder="850000", id="wi-executed", compact=True, classes="wi-budget")
                yield Label(t("ui.whatif.budget_weight"), classes="wi-budget")
                yield Input("", placeholder="10", id="wi-budget_weight", compact=True, classes="wi-budget")
            with VerticalScroll(id="whatif-result-box"):
                yield Static("", id="whatif-result")
        yield KeyBar()

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        self._show_mode()
        self.recompute()

    def _show_mode(self) -> None:
        for widget in self.query(".wi-indicator"):
            widget.display = not self.budget_mode
        for widget in self.query(".wi-budget"):
            widget.display = self.budget_mode
        first = "#wi-budget" if self.budget_mode else "#wi-weight"
        self.query_one(first, Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "apply":
            return self.baseline is not None and not self.budget_mode
        if action == "toggle_mode":
            return self.baseline is None
        return True

    def _value(self, name: str) -> str:
        return self.query_one(f"#wi-{name}", Input).value.strip()

    def _direction(self) -> str | None:
        value = self.query_one("#wi-direction", Select).value
        return None if value in ("auto", Select.BLANK) else str(value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.recompute()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.recompute()

    def recompute(self) -> None:
        """Score what is typed now; a half-typed value shows what is missing instead of a score."""
        result_view = self.query_one("#whatif-result", Static)
        try:
            text = self._budget_text() if self.budget_mode else self._indicator_text()
            self.problem = ""
        except InputError as error:
            self.problem = error.message
            self.last_score = None
            text = Text(error.message, style="italic")
        result_view.update(text)

    def _indicator_text(self) -> Text:

        weight_text, target, actual = self._value("weight"), self._value("target"), self._value("actual")
        if not (weight_text and target and actual):
            raise InputError(t("ui.whatif.fill_in"))
        judged_text = self._value("judged")
        judged = parse_amount(judged_text, t("ui.whatif.judged")) if judged_text else None
        direction = self._direction()
        catalogue = self.baseline.catalogue_direction if self.baseline else None
        result = indicator_whatif(parse_weight(weight_text), target, actual,
                                  Direction(direction) if direction else None,
                                  Direction(catalogue) if catalogue else None, judged)
        self.last_score = result.score
        lines = render_row_result(result).split("\n")
        text = Text()
        text.append(lines[0] + "\n", style="bold")
        text.append("\n".join(lines[1:]))
        base = self.baseline
        if base is not None and result.score is not None:
            old = base.score or Decimal(0)
            new_total = base.total - old + result.score
            text.append("\n\n")
            text.append(t("ui.whatif.total_change", old=fixed(base.total, 2), new=fixed(new_total, 2),
                          delta=_signed(new_total - base.total)), style="bold")
            text.append("\n" + t("ui.whatif.apply_hint"), style="dim")
        return text

    def _budget_text(self) -> Text:

        budget_text, executed_text = self._value("budget"), self._value("executed")
        if not (budget_text and executed_text):
            raise InputError(t("ui.whatif.fill_in_budget"))
        weight_text = self._value("budget_weight")
        weight = parse_weight(weight_text) if weight_text else None
        result = budget_whatif(parse_amount(budget_text, t("ui.whatif.budget")),
                               parse_amount(executed_text, t("ui.whatif.executed")), weight)
        self.last_score = result.score
        lines = render_budget_result(result).split("\n")
        text = Text()
        text.append(lines[0] + "\n", style="bold")
        text.append("\n".join(lines[1:]))
        return text

    def action_toggle_mode(self) -> None:
        self.budget_mode = not self.budget_mode
        self._show_mode()
        self.recompute()
        self.refresh_bindings()

    def action_apply(self) -> None:
        if self.baseline is None:
            return
        if self.problem:
            self.notify(self.problem, severity="warning")
            return
        self.dismiss(RowChange(self.baseline.row, self._value("weight"), self._value("target"), self._value("actual"),
                               self._direction(), self._value("judged")))

    def action_leave(self) -> None:
        if self.standalone:
            self.app.action_request_quit()  # type: ignore[attr-defined]
        else:
            self.dismiss(None)

    def help_text(self) -> tuple[str, str]:
        return t("ui.whatif.help_title"), t("ui.whatif.help_body")

"""The what-if calculator: change an indicator's target, actual value or 分值 (or a budget) and see the score at once.

Opened from the start screen it is a free calculator; opened from the review screen on a row it starts from
that row, shows the change in the total, and hands the new values back only when the user confirms.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widgets import Input, Label, Select, Static

from domain.errors import InputError
from domain.interview.whatif import Tried, WhatIf
from domain.messages import t
from domain.scoring.rounding import fixed
from domain.scoring.whatif import parse_amount, parse_weight
from tui.cells import cell_width, truncate
from tui.display import one_line
from tui.host import host, painted
from tui.report import render_budget_result, render_row_result
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from domain.catalogue.matching import IndicatorMatcher

DIRECTIONS = ("auto", "positive", "reverse", "equal", "qualitative")
LABEL_KEYS = ("name", "weight", "target", "actual", "direction", "judged", "budget", "executed", "budget_weight")
FIELD_CHECKS: dict[str, Callable[[str], object]] = {
    "weight": parse_weight,
    "budget_weight": parse_weight,
    "judged": lambda text: parse_amount(text, t("ui.whatif.judged")),
    "budget": lambda text: parse_amount(text, t("ui.whatif.budget")),
    "executed": lambda text: parse_amount(text, t("ui.whatif.executed")),
}
STATUS_CELLS = 60  # the name's status line, cut to fit the field column at 80 columns


def _signed(value: Decimal) -> str:
    text = fixed(value, 2)
    return text if value < 0 else f"+{text}"


def label_cells() -> int:
    """The label column's width: the widest label, measured in cells."""
    return max(cell_width(t(f"ui.whatif.{key}")) for key in LABEL_KEYS)


class CatalogueSuggester(Suggester):
    """Completes an indicator name typed from its start with the best catalogue name (→ takes it); quiet
    until the matcher has been loaded, so typing never waits for the catalogue."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.matcher: Any = None

    async def get_suggestion(self, value: str) -> str | None:
        if self.matcher is None or not value.strip():
            return None
        for match in self.matcher.search(value, limit=5):
            name: str = match.entry.name
            if name.startswith(value) and name != value:
                return name
        return None


def keep_bullets(report: str) -> str:
    """A note's “· ” joined to its first word, so a long note never wraps after its bullet alone."""
    return report.replace("· ", "·\u00a0")


def no_name_note(result: Any) -> Any:
    """The result with its "no catalogue entry" note worded for a calculator where no name was given."""
    from domain.scoring.wording import msg

    worded = msg("ui.whatif.no_name_note")
    notes = tuple(note.replace(text=worded) if note.code == "direction_unknown" else note for note in result.notes)
    return result.replace(notes=notes)


class FieldInput(Input):
    """A calculator field: pasted text holding tabs (copied cells of a row) fills this field and the next ones."""

    def _on_paste(self, event: Any) -> None:
        text = event.text.splitlines()[0] if event.text else ""
        if "\t" not in text:
            return  # Input's own handler follows
        event.prevent_default()  # not Input's handler, which would type the tabs into this field
        event.stop()
        first, *rest = text.split("\t")
        self.insert_text_at_cursor(first)
        screen = self.screen
        if isinstance(screen, WhatIfScreen):
            screen.fill_after(self, rest)


class MatcherLoaded(Message):
    """The catalogue's matcher was built off the UI thread."""

    def __init__(self, matcher: IndicatorMatcher) -> None:
        super().__init__()
        self.matcher = matcher


class WhatIfScreen(Screen[Tried | None]):
    """Inputs on the left, the score and its explanation below, recomputed on every change."""

    BINDINGS = [
        Binding("ctrl+t", "toggle_mode", t("ui.whatif.toggle"), id="whatif.toggle"),
        Binding("ctrl+s", "apply", t("ui.whatif.apply"), id="whatif.apply"),
        Binding("ctrl+b", "leave", t("ui.key.back"), id="whatif.back"),
        Binding("escape", "leave", t("ui.key.back"), show=False),
        # priority: the 方向 list would otherwise open on up/down; it opens with enter or space
        Binding("down", "move_focus(1)", t("ui.key.next_field"), show=False, priority=True),
        Binding("up", "move_focus(-1)", t("ui.key.previous_field"), show=False, priority=True),
        # priority: a Tab that comes in the same read as the text before it (a paste, the browser) moves at
        # once, before the keys after it are handed to the field it leaves
        Binding("tab", "move_focus(1)", t("ui.key.next_field"), show=False, priority=True),
        Binding("shift+tab", "move_focus(-1)", t("ui.key.previous_field"), show=False, priority=True),
    ]

    def __init__(self, whatif: WhatIf | None = None, standalone: bool = False) -> None:
        super().__init__()
        self.controller = whatif or WhatIf()
        self.baseline = self.controller.start
        self.standalone = standalone
        self.budget_mode = False
        self.last_score: Decimal | None = None
        self.problem: str = ""
        self.suggester = CatalogueSuggester()
        self.matcher: Any = None
        self.catalogue_entry: Any = None  # the entry the typed name stands for, once the matcher is loaded
        self.field_problems: dict[str, str] = {}  # field → what is wrong with it, checked as it was left

    def compose(self) -> ComposeResult:
        base = self.baseline
        values = base.values if base is not None else None
        with Vertical(id="whatif-body"):
            title = t("ui.whatif.title")
            if base is not None:
                title = t("ui.whatif.title_row", row=base.row + 1)
            yield Static(title, classes="title", id="whatif-title")
            with Grid(id="whatif-form"):
                yield Label(t("ui.whatif.name"), classes="wi-indicator")
                if base is not None:
                    yield Static(Text(one_line(base.name) or "—"), id="wi-name-fixed", classes="wi-indicator")
                else:
                    yield FieldInput(
                        "",
                        placeholder=t("ui.whatif.name_placeholder"),
                        id="wi-name",
                        compact=True,
                        classes="wi-indicator",
                        suggester=self.suggester,
                    )
                yield Label("", classes="wi-indicator")
                yield Static("", id="wi-name-status", classes="wi-indicator")
                yield Label(t("ui.whatif.weight"), classes="wi-indicator")
                yield FieldInput(
                    values.weight if values else "",
                    placeholder="20",
                    id="wi-weight",
                    compact=True,
                    classes="wi-indicator",
                )
                yield Label(t("ui.whatif.target"), classes="wi-indicator")
                yield FieldInput(
                    values.target_text if values else "",
                    placeholder="≥90%",
                    id="wi-target",
                    compact=True,
                    classes="wi-indicator",
                )
                yield Label(t("ui.whatif.actual"), classes="wi-indicator")
                yield FieldInput(
                    values.actual_text if values else "",
                    placeholder="75%",
                    id="wi-actual",
                    compact=True,
                    classes="wi-indicator",
                )
                yield Label(t("ui.whatif.direction"), classes="wi-indicator")
                yield Select(
                    [(t(f"ui.direction.{name}"), name) for name in DIRECTIONS],
                    allow_blank=False,
                    value=(values.direction or "auto") if values else "auto",
                    id="wi-direction",
                    compact=True,
                    classes="wi-indicator",
                )
                yield Label(t("ui.whatif.judged"), classes="wi-indicator")
                yield FieldInput(
                    values.judged if values else "",
                    placeholder=t("ui.whatif.judged_placeholder"),
                    id="wi-judged",
                    compact=True,
                    classes="wi-indicator",
                )
                yield Label(t("ui.whatif.budget"), classes="wi-budget")
                yield FieldInput("", placeholder="1000000", id="wi-budget", compact=True, classes="wi-budget")
                yield Label(t("ui.whatif.executed"), classes="wi-budget")
                yield FieldInput("", placeholder="850000", id="wi-executed", compact=True, classes="wi-budget")
                yield Label(t("ui.whatif.budget_weight"), classes="wi-budget")
                yield FieldInput("", placeholder="10", id="wi-budget_weight", compact=True, classes="wi-budget")
            yield Static("", id="whatif-field-problem", classes="error-line")
            with VerticalScroll(id="whatif-result-box"):
                yield Static("", id="whatif-result")
        yield KeyBar()

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        self.query_one("#whatif-form", Grid).styles.grid_columns = f"{label_cells()} 1fr"
        self._show_mode()
        self._show_name_status()
        self.recompute()
        if self.baseline is None and painted(self.app):
            self.call_after_refresh(self._load_matcher)

    def after_first_paint(self) -> None:
        """Opened as the first screen: load the catalogue once the calculator is on screen."""
        if self.baseline is None and self.matcher is None:
            self.set_timer(0.05, self._load_matcher)

    @work(thread=True, exclusive=True, group="whatif-matcher", exit_on_error=False)
    def _load_matcher(self) -> None:
        """Load the catalogue off the UI thread; the name's direction and completions start once it is there."""
        try:
            from domain.catalogue.matching import default_matcher

            matcher = default_matcher()
        except Exception:
            return
        self.post_message(MatcherLoaded(matcher))

    def on_matcher_loaded(self, message: MatcherLoaded) -> None:
        matcher = message.matcher
        self.matcher = matcher
        self.suggester.matcher = matcher
        self._find_entry()
        self.recompute()

    def _find_entry(self) -> None:
        """The catalogue entry the typed name stands for: the best match, when it is close enough."""
        self.catalogue_entry = self.controller.name(self._value("name"), self.matcher)
        self._show_name_status()

    def _show_name_status(self) -> None:
        """One line under the name: which catalogue entry gives the direction, or why none does."""

        base = self.baseline
        name = "" if base is not None else self._value("name")
        if base is not None:
            text = t("ui.whatif.name_fixed")
        elif not name:
            text = t("ui.whatif.name_empty")
        elif self.matcher is None:
            text = t("ui.whatif.name_loading")
        elif self.catalogue_entry is not None:
            entry = self.catalogue_entry
            from domain.interview.words import direction_words

            text = t("ui.whatif.name_matched", name=entry.name, direction=direction_words(entry.direction))
        else:
            text = t("ui.whatif.name_unmatched", name=one_line(name))
        self.query_one("#wi-name-status", Static).update(Text(truncate(text, STATUS_CELLS), style="dim"))

    def _show_mode(self) -> None:
        for widget in self.query(".wi-indicator"):
            widget.display = not self.budget_mode
        for widget in self.query(".wi-budget"):
            widget.display = self.budget_mode
        first = "#wi-budget" if self.budget_mode else "#wi-weight" if self.baseline is not None else "#wi-name"
        self.query_one(first, Input).focus()  # the first field of the form: the name comes first

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move_focus":  # inside the open 方向 list, up/down pick a direction instead
            found = self.query("#wi-direction")
            return not (found and found.first(Select).expanded)
        if action == "apply":
            return self.baseline is not None and not self.budget_mode
        if action == "toggle_mode":
            return self.baseline is None
        return True

    def _value(self, name: str) -> str:
        found = self.query(f"#wi-{name}")
        return found.first(Input).value.strip() if found else ""

    def _direction(self) -> str | None:
        value = self.query_one("#wi-direction", Select).value
        return None if value in ("auto", Select.BLANK) else str(value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "wi-name":
            self._find_entry()
        self.recompute()

    def on_descendant_blur(self, event: Any) -> None:
        """Each field is checked as it is left, not only once all are filled."""
        field = getattr(event, "widget", None)
        if isinstance(field, Input) and field.id:
            self._check_field(field)

    def _check_field(self, field: Input) -> None:
        name = (field.id or "").removeprefix("wi-")
        value = field.value.strip()
        problem = ""
        check = FIELD_CHECKS.get(name)
        if value and check is not None:
            try:
                check(value)
            except InputError as error:
                problem = error.message
        field.set_class(bool(problem), "wi-problem")
        self.field_problems[name] = problem
        shown = [message for message in self.field_problems.values() if message]
        self.query_one("#whatif-field-problem", Static).update(Text(shown[-1] if shown else ""))

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

    def _tried(self) -> Tried:
        return Tried(
            self._value("weight"),
            self._value("target"),
            self._value("actual"),
            self._direction() or "",
            self._value("judged"),
        )

    def _indicator_text(self) -> Text:
        preview = self.controller.preview(self._tried())
        result = preview.result
        if self.baseline is None and not self._value("name"):
            result = no_name_note(result)
        self.last_score = result.score
        lines = keep_bullets(render_row_result(result)).split("\n")
        text = Text()
        text.append(lines[0] + "\n", style="bold")
        text.append("\n".join(lines[1:]))
        change = preview.total_change
        if preview.total_before is not None and preview.total_after is not None and change is not None:
            text.append("\n\n")
            text.append(
                t(
                    "ui.whatif.total_change",
                    old=fixed(preview.total_before, 2),
                    new=fixed(preview.total_after, 2),
                    delta=_signed(change),
                ),
                style="bold",
            )
            text.append("\n" + t("ui.whatif.apply_hint"), style="dim")
        return text

    def _budget_text(self) -> Text:
        result = self.controller.budget(self._value("budget"), self._value("executed"), self._value("budget_weight"))
        self.last_score = result.score
        lines = keep_bullets(render_budget_result(result)).split("\n")
        text = Text()
        text.append(lines[0] + "\n", style="bold")
        text.append("\n".join(lines[1:]))
        return text

    def fill_after(self, field: Input, values: list[str]) -> None:
        """Pasted cells after the first: each into the next shown field, focus on the last one filled."""
        fields = [widget for widget in self.query(FieldInput) if widget.display]
        start = fields.index(field) + 1 if field in fields else len(fields)
        for widget, value in zip(fields[start:], values, strict=False):
            widget.value = value.strip()
            widget.focus()

    def action_move_focus(self, step: int) -> None:
        (self.focus_next if step > 0 else self.focus_previous)()

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
        self.dismiss(self._tried())

    def action_leave(self) -> None:
        if self.standalone:
            host(self.app).action_request_quit()
        else:
            self.dismiss(None)

    def help_text(self) -> tuple[str, str]:
        return t("ui.whatif.help_title"), t("ui.whatif.help_body")

"""The start screen of bare ``jixiao``: new form, open a file, resume a draft, what-if, training."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from domain.messages import t
from tui.display import literal, one_line
from tui.host import host
from tui.widgets.key_bar import KeyBar

ACTIONS = ("resume", "new", "open", "whatif", "train", "walk", "help", "quit", "targets")


class StartScreen(Screen[None]):
    """A menu: arrows and enter, or the digit in front of an item. Every item keeps its number: without
    drafts the resume item stays in its place, greyed out."""

    BINDINGS = [Binding("ctrl+o", "pick('open')", t("ui.start.open"), id="start.open")]

    def __init__(self, draft_count: int = 0) -> None:
        super().__init__()
        self.draft_count = draft_count
        self.newest: Any = None  # the newest draft, named in the resume item

    def compose(self) -> ComposeResult:
        with Vertical(id="start-body"):
            yield Static(t("ui.app.title"), classes="title", id="start-title")
            yield Static(t("ui.start.intro"), classes="hint-line", id="start-intro")
            yield OptionList(*self._options(), id="start-menu")
            yield Static(t("ui.start.hint"), classes="hint-line", id="start-hint")
        yield KeyBar()

    def _options(self) -> list[Option]:
        labels = {
            "resume": self._resume_label(),
            "new": t("ui.start.new"),
            "open": t("ui.start.open"),
            "whatif": t("ui.start.whatif"),
            "train": t("ui.start.train"),
            "walk": t("ui.start.walk"),
            "help": t("ui.start.help"),
            "quit": t("ui.start.quit"),
            "targets": t("targets.menu.new"),
        }
        return [
            Option(
                literal(f"{number}. {labels[action]}"), id=action, disabled=action == "resume" and not self.draft_count
            )
            for number, action in enumerate(ACTIONS, start=1)
        ]

    def _resume_label(self) -> str:
        """How many drafts, naming the newest by project and time."""
        if not self.draft_count:
            return t("ui.start.resume_none")
        newest = self.newest
        if newest is None:
            return t("ui.start.resume", count=self.draft_count)
        return t(
            "ui.start.resume_newest",
            count=self.draft_count,
            when=newest.when,
            name=one_line(newest.project_name) or t("interview.untitled"),
        )

    def _first_choice(self) -> int:
        """Where the highlight starts: the drafts when there are some, else a new form."""
        return ACTIONS.index("resume" if self.draft_count else "new")

    def refresh_drafts(self, draft_count: int, newest: Any = None) -> None:
        """Offer or grey out the resume item after the drafts directory was read."""
        if draft_count == self.draft_count and newest == self.newest:
            return
        self.draft_count = draft_count
        self.newest = newest
        menu = self.query_one(OptionList)
        menu.set_options(self._options())
        menu.highlighted = self._first_choice()

    def after_first_paint(self) -> None:
        """Count the drafts once the menu is on screen; the resume item appears when there are some."""
        app = self.app
        app.run_worker(host(app).count_drafts, thread=True, group="drafts", exit_on_error=False)

    def on_mount(self) -> None:
        if host(self.app).painted:
            self.after_first_paint()
        menu = self.query_one(OptionList)
        menu.highlighted = self._first_choice()
        menu.focus()

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdecimal():
            menu = self.query_one(OptionList)
            index = int(event.character) - 1
            if 0 <= index < menu.option_count:
                event.stop()
                option = menu.get_option_at_index(index)
                if option.disabled:
                    self.notify(t("ui.start.no_drafts"), timeout=4)
                    return
                self.action_pick(option.id or "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick(event.option.id or "")

    def action_pick(self, action: str) -> None:
        host(self.app).start_action(action)

    def help_text(self) -> tuple[str, str]:
        return t("ui.start.help_title"), t("ui.start.help_body")

"""Resume a draft: the unfinished forms kept in the drafts directory, newest first; enter resumes, d deletes."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from domain.interview.drafts import DraftInfo, local_time
from domain.messages import t
from tui.cells import pad
from tui.display import one_line
from tui.screens.dialogs import ChoiceDialog
from tui.widgets.key_bar import KeyBar


def draft_label(draft: DraftInfo) -> Text:
    """Project name, when it was last written and where the user was; unreadable drafts say why."""
    if draft.error:
        return Text(one_line(draft.describe()), style="dim red")
    text = Text(pad(one_line(draft.project_name) or t("interview.untitled"), 28))
    text.append(" " + local_time(draft.updated), style="dim")
    text.append("  " + one_line(draft.current_label or "—"), style="dim")
    return text


class ResumeScreen(Screen[str | None]):
    """Dismisses with the draft id to resume, or None."""

    BINDINGS = [
        Binding("d,delete", "delete", t("ui.resume.delete"), id="resume.delete"),
        Binding("ctrl+b,escape", "leave", t("ui.key.back"), id="resume.back"),
    ]

    def __init__(self, store: Any) -> None:
        super().__init__()
        self.store = store
        self.drafts: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-body"):
            yield Static(t("ui.resume.title"), classes="title")
            yield OptionList(id="resume-list")
            yield Static(t("ui.resume.hint"), classes="hint-line")
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        try:
            self.drafts = list(self.store.list())
        except Exception as error:  # an unreadable directory is reported, not raised
            self.drafts = []
            self.notify(str(getattr(error, "message", error)), severity="error")
        options = self.query_one(OptionList)
        if self.drafts:
            options.set_options([Option(draft_label(draft)) for draft in self.drafts])
            options.highlighted = 0
        else:
            options.set_options([Option(Text(t("ui.resume.none"), style="dim"), disabled=True)])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.drafts) and not self.drafts[event.option_index].error:
            self.dismiss(self.drafts[event.option_index].id)

    def action_delete(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None or index >= len(self.drafts):
            return
        draft = self.drafts[index]

        def decided(answer: str | None) -> None:
            if answer == "delete":
                try:
                    self.store.delete(draft.id)
                except Exception as error:
                    self.notify(str(getattr(error, "message", error)), severity="error")
                self._fill()

        self.app.push_screen(ChoiceDialog(t("ui.resume.confirm_delete",
                                            name=one_line(draft.project_name) or t("interview.untitled")),
                                          [("keep", t("ui.resume.keep")), ("delete", t("ui.resume.delete"))],
                                          cancel_value="keep"), decided)

    def action_leave(self) -> None:
        self.dismiss(None)

    def help_text(self) -> tuple[str, str]:
        return t("ui.resume.title"), t("ui.resume.help_body")

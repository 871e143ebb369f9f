"""Resuming drafts: the offer made at a way in (the few newest matching drafts, naming project and time),
and the full list — newest first, a short recent page with a filter however many drafts there are; enter
resumes, d deletes."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from domain.messages import t
from tui.cells import pad
from tui.display import one_line
from tui.screens.dialogs import ChoiceDialog
from tui.widgets.key_bar import KeyBar

OFFERED = 5  # drafts named in the offer before "more…"
PAGE = 20  # drafts the list shows for a filter
BLANK = "blank"  # the answer that takes no draft


def draft_label(draft: Any) -> Text:
    """Project name, when it was last written and where the user was; unreadable drafts say why."""
    if draft.error:
        return Text(one_line(draft.describe()), style="dim red")
    text = Text(pad(one_line(draft.project_name) or t("interview.untitled"), 28))
    text.append(" " + draft.when, style="dim")
    text.append("  " + one_line(draft.current_label or "—"), style="dim")
    return text


class DraftOfferDialog(ChoiceDialog):
    """The drafts a way in matches: the newest few by project and time, then "blank form" (or "the file
    itself"), then "more…" opening the list with a filter. Dismisses with a draft id, or None."""

    def __init__(self, way: str, entries: list[Any], file: str | None = None) -> None:
        self.entries = entries
        shown = entries[:OFFERED]
        answers = [
            (
                entry.id,
                t(
                    "ui.drafts.item",
                    name=one_line(entry.project_name) or t("interview.untitled"),
                    when=entry.when,
                    count=entry.answered,
                ),
            )
            for entry in shown
        ]
        answers.append((BLANK, t("ui.drafts.open_file") if way == "edit" else t("ui.drafts.blank")))
        if len(entries) > len(shown):
            answers.append(("more", t("ui.drafts.more", count=len(entries))))
        question = {
            "new": t("ui.drafts.offer_new", count=len(entries)),
            "edit": t("ui.drafts.offer_edit", path=file, count=len(entries)),
        }.get(way, t("ui.drafts.offer_start", count=len(entries)))
        # a new form was asked for: enter alone takes the blank form (a name typed at once, before the offer was
        # seen, must not send the answers into an old draft); a draft is taken by its digit or the arrows
        blank_first = len(shown) if way == "new" else 0
        super().__init__(question, answers, cancel_value=BLANK, highlighted=blank_first)

    def dismiss(self, result: Any = None) -> Any:
        if result == "more":
            self.app.push_screen(ResumeScreen(entries=self.entries), self._from_list)
            return None
        return super().dismiss(None if result in (BLANK, None) else result)

    def _from_list(self, draft_id: str | None) -> None:
        if draft_id:
            super().dismiss(draft_id)


class ResumeScreen(Screen[str | None]):
    """Dismisses with the draft id to resume, or None. Given ``store`` it reads (and may delete) the
    drafts there; given ``entries`` it lists those."""

    BINDINGS = [
        Binding("delete", "delete", t("ui.resume.delete"), id="resume.delete"),
        Binding("ctrl+b,escape", "leave", t("ui.key.back"), id="resume.back"),
        Binding("down", "move(1)", show=False, id="resume.down"),
        Binding("up", "move(-1)", show=False, id="resume.up"),
    ]

    def __init__(self, store: Any = None, entries: list[Any] | None = None) -> None:
        super().__init__()
        self.store = store
        self.entries: list[Any] = list(entries) if entries is not None else []
        self.read_store = entries is None
        self.drafts: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-body"):
            yield Static(t("ui.resume.title"), classes="title")
            yield Input(placeholder=t("ui.resume.filter"), id="resume-filter", compact=True)
            yield Static("", classes="hint-line", id="resume-count")
            yield OptionList(id="resume-list")
            yield Static(t("ui.resume.hint_filter"), classes="hint-line")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.read_store:
            self._read()
        self._fill()
        self.query_one("#resume-filter", Input).focus()

    def _read(self) -> None:
        from domain.interview.draft_index import clear_stale, scan

        try:
            self.entries, _ = clear_stale(self.store, scan(self.store))
        except Exception as error:  # an unreadable directory is reported, not raised
            self.entries = []
            self.notify(str(getattr(error, "message", error)), severity="error")

    def _fill(self) -> None:
        from domain.interview.draft_index import recent

        listing = recent(self.entries, self.query_one("#resume-filter", Input).value, PAGE)
        self.drafts = list(listing.shown)
        options = self.query_one("#resume-list", OptionList)
        count = self.query_one("#resume-count", Static)
        if listing.more:
            count.update(t("ui.resume.shown", shown=len(listing.shown), matched=listing.matched, total=listing.total))
        else:
            count.update(t("ui.resume.all_shown", matched=listing.matched, total=listing.total))
        if self.drafts:
            options.set_options([Option(draft_label(draft)) for draft in self.drafts])
            options.highlighted = 0
        else:
            options.set_options([Option(Text(t("ui.resume.none"), style="dim"), disabled=True)])

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._resume(self.query_one("#resume-list", OptionList).highlighted)

    def action_move(self, step: int) -> None:
        options = self.query_one("#resume-list", OptionList)
        if self.drafts:
            current = options.highlighted or 0
            options.highlighted = max(0, min(len(self.drafts) - 1, current + step))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._resume(event.option_index)

    def _resume(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self.drafts) and not self.drafts[index].error:
            self.dismiss(self.drafts[index].id)

    def action_delete(self) -> None:
        index = self.query_one("#resume-list", OptionList).highlighted
        if self.store is None or index is None or index >= len(self.drafts):
            return
        draft = self.drafts[index]

        def decided(answer: str | None) -> None:
            if answer == "delete":
                try:
                    self.store.delete(draft.id)
                except Exception as error:
                    self.notify(str(getattr(error, "message", error)), severity="error")
                self.entries = [entry for entry in self.entries if entry.id != draft.id]
                self._fill()

        self.app.push_screen(
            ChoiceDialog(
                t("ui.resume.confirm_delete", name=one_line(draft.project_name) or t("interview.untitled")),
                [("keep", t("ui.resume.keep")), ("delete", t("ui.resume.delete"))],
                cancel_value="keep",
            ),
            decided,
        )

    def action_leave(self) -> None:
        self.dismiss(None)

    def help_text(self) -> tuple[str, str]:
        return t("ui.resume.title"), t("ui.resume.help_body")

"""The interview screen: the transcript on the left, the form so far on the right, the answer line below.

It only renders the interview controller (domain.interview.controller): every key the user presses becomes a call to
answer / back / jump / undo, and the events that come back are drawn. The session (controller + draft) is
built off the UI thread after the first paint, so the first question shows as fast as a bare app's; what is
typed meanwhile stays in the answer line, and answers sent meanwhile are replayed in order once it is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen

from domain.messages import t
from tui.display import clean, one_line, without_repeats
from tui.host import host, painted
from tui.screens.interview_loading import SessionLoading
from tui.screens.interview_suggestions import Suggestions
from tui.widgets.input_line import InputLine
from tui.widgets.key_bar import KeyBar
from tui.widgets.side_panel import SidePanel
from tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from domain.interview.controller import Interview
    from domain.interview.session import EditSession

NARROW = 70  # columns below which the side panel folds away behind a key


class InterviewScreen(SessionLoading, Suggestions, Screen[None]):
    """One question at a time; enter answers, and back, jump, undo, save, review and help always work.

    Workers only compute and post messages (SessionReady, MatcherWarmed, SuggestionsArrived …); the
    handlers, on the UI thread, are the only code that changes the screen or calls the interview."""

    BINDINGS = [
        Binding("ctrl+b,shift+tab", "back", t("ui.interview.back"), id="interview.back", priority=True),
        Binding("ctrl+g", "jump", t("ui.interview.jump"), id="interview.jump", priority=True),
        Binding("ctrl+z", "undo", t("ui.interview.undo"), id="interview.undo", priority=True),
        Binding("ctrl+s", "save", t("ui.interview.save"), id="interview.save", priority=True),
        Binding("ctrl+r", "review", t("ui.interview.review"), id="interview.review", priority=True),
        Binding("ctrl+l", "home", t("ui.key.home"), id="interview.home", priority=True),
        Binding("f2", "toggle_panel", t("ui.key.panel"), id="interview.panel", priority=True),
        Binding(
            "ctrl+f", "full_name", t("ui.interview.full_name"), show=False, id="interview.full_name", priority=True
        ),
        Binding("pageup", "scroll_transcript(-1)", t("ui.interview.scroll_up"), show=False, id="interview.page_up"),
        Binding(
            "pagedown", "scroll_transcript(1)", t("ui.interview.scroll_down"), show=False, id="interview.page_down"
        ),
    ]

    def __init__(
        self,
        how: str = "new",
        value: str | None = None,
        standalone: bool = False,
        session: EditSession | None = None,
        offer_drafts: bool = True,
    ) -> None:
        """``offer_drafts``: before a new form, offer the drafts of new forms left unfinished."""
        super().__init__()
        self.offer_drafts = offer_drafts
        self.how = how
        self.value = value
        self.standalone = standalone
        self.session = session
        self.queued: list[str] = []  # answers sent before the session was built, replayed in order
        self._building = False
        self.asked_id: str | None = None
        self.suggest_in_worker = False
        self.matcher_ready = False
        self.default_choice = ""
        self.shown_default = ""  # the answer an empty enter keeps
        self.panel_wanted = False  # f2 asked for the side panel on a narrow screen

    @property
    def interview(self) -> Interview | None:
        return None if self.session is None else self.session.interview

    def compose(self) -> ComposeResult:
        # the transcript and the side panel join once the session has loaded
        yield Horizontal(id="interview-main", classes="conversation")
        yield InputLine(clear_on_submit=True, id="input-line")
        yield KeyBar()

    async def on_mount(self) -> None:
        line = self.query_one(InputLine)
        if self.session is not None:
            await self._session_ready(self.session)
            return
        if self.how == "new":
            line.ask(Text(t("field.header.project_name.prompt"), style="bold"))
            self.asked_id = "header.project_name"
        else:
            line.ask(Text(t("ui.interview.loading"), style="dim"))
        if painted(self.app):
            self.call_after_refresh(self._begin_load)

    # --- rendering events --------------------------------------------------------------------------
    def show_events(self, events: list[Any], keep_typed: bool = False, open_review: bool = True) -> None:
        """Draw events in order; the last QUESTION sets up the answer line. ``keep_typed``: the question follows
        an answer, so text typed since is the start of its answer; ``open_review``: reaching the save question
        opens the review (not when coming back from it)."""
        if not self.query(Transcript):  # the screen is being closed (the app quitting) before its answer came
            return
        transcript = self.query_one(Transcript)
        question = None
        finished = False
        for event in without_repeats(events):
            kind = str(event.kind)
            transcript.say(kind, event.text, event.data)
            if kind == "question":
                question = event
            elif kind == "done":
                finished = True
        if question is not None:
            self._ask(question, keep_typed, open_review)
        self.refresh_panel()
        if finished:
            self.on_interview_done()

    def _ask(self, event: Any, keep_typed: bool = False, open_review: bool = True) -> None:
        spec = event.field
        if spec is None:
            return
        keep_typed = keep_typed or spec.id == self.asked_id  # the same question again keeps what is typed
        self.asked_id = spec.id
        prompt = Text(clean(event.text or spec.prompt), style="bold")
        kind = str(spec.kind)
        default = event.data if isinstance(event.data, str) else ""
        picks = kind in ("choice", "confirm") and bool(spec.choices)
        hints = []
        if picks:
            chosen = next((choice for choice in spec.choices if choice.key == default), None)
            if chosen is not None:
                hints.append(t("ui.interview.enter_keeps", answer=one_line(chosen.label)))
        elif spec.placeholder and default:
            hints.append(one_line(spec.placeholder))  # hidden by the default; it says “如 …” itself
        if spec.optional:
            hints.append(t("ui.interview.optional"))
        if kind == "long_text":
            hints.append(t("ui.interview.long_text_keys"))
        typed = self.interview.pending if self.interview is not None else ""
        if typed:
            hints.append(t("ui.interview.pending_restored"))
        self.default_choice = default if picks else ""
        self.shown_default = default
        self.query_one(InputLine).ask(
            prompt,
            default=typed or ("" if picks else default),
            placeholder=one_line(spec.placeholder),
            long=kind == "long_text",
            hint="  ".join(hints),
            keep_typed=keep_typed,
        )
        self.update_suggestions(self.query_one(InputLine).value)
        self.refresh_bindings()
        if str(spec.section) == "review" and open_review:
            self.action_review()

    def refresh_panel(self) -> None:
        if self.interview is None:
            return
        current = self.interview.current
        self.query_one(SidePanel).show(self.interview, current.row if current is not None else None)

    def refresh_from_session(self) -> None:
        self.refresh_panel()
        self.refresh_bindings()

    def keep_typed_text(self) -> None:
        """Hand what is typed but not submitted to the interview, so that the draft about to be written
        keeps it (called before flushing on SIGHUP / SIGTERM)."""
        if self.interview is not None and self.query(InputLine):
            self.interview.set_pending(self.query_one(InputLine).value)

    def on_interview_done(self) -> None:
        """The controller reached its end: save (asking for a path if needed)."""
        host(self.app).save_session()

    # --- answering -----------------------------------------------------------------------------------
    def on_input_line_submitted(self, event: InputLine.Submitted) -> None:
        event.stop()
        self.submit(event.value)

    def submit(self, value: str) -> None:
        line = self.query_one(InputLine)
        if self.interview is None:
            if self.how == "new":  # the first question is known: answers are kept and replayed in order
                self.queued.append(value)
                line.set_prompt(Text(t("ui.interview.queued", count=len(self.queued)), style="dim"))
            else:
                line.put_back(value)
            return
        if self.interview.current is None:
            line.put_back(value)
            self.action_review()
            return
        echo = self.interview.echo(value)
        if not echo.strip():  # an empty enter keeps the shown answer, or leaves an optional field empty
            echo = (
                t("ui.transcript.kept", value=one_line(self.shown_default))
                if self.shown_default.strip()
                else t("ui.transcript.skipped")
            )
        self.query_one(Transcript).user_answer(echo)
        self.show_events(self.interview.answer(value), keep_typed=True)

    # --- moving around -------------------------------------------------------------------------------
    def action_back(self) -> None:
        if self.interview is not None:
            self.show_events(self.interview.back())

    def action_full_name(self) -> None:
        """ctrl+f: the cut-off indicator name of this row (or the last one named) becomes the catalogue's full name."""
        if self.interview is not None:
            from domain.interview.questions.naming import use_full_name

            self.show_events(use_full_name(self.interview), keep_typed=True)

    def action_undo(self) -> None:
        if self.interview is not None:
            self.show_events(self.interview.undo())

    def action_jump(self) -> None:
        if self.interview is None:
            return
        from tui.screens.jump import JumpScreen

        self.app.push_screen(JumpScreen(self.interview.fields()), self._jump_to)

    def _jump_to(self, field_id: str | None) -> None:
        if field_id and self.interview is not None:
            self.show_events(self.interview.jump(field_id))
        self.query_one(InputLine).focus_answer()

    def action_save(self) -> None:
        if self.session is not None:
            host(self.app).save_session()

    def action_review(self) -> None:
        if self.session is None:
            return
        from tui.screens.review import ReviewScreen

        if not any(isinstance(screen, ReviewScreen) for screen in self.app.screen_stack):
            self.app.push_screen(ReviewScreen(self.session), self._review_closed)

    def _review_closed(self, field_id: str | None) -> None:
        """Back from the review: go to the field to edit, or ask the current one again (a what-if may have
        changed the form meanwhile; what was typed for it stays). At the save question that question is
        shown, without opening the review again."""
        if self.interview is None:
            return
        current = self.interview.current
        target = field_id or (current.id if current is not None else None)
        if target:
            self.show_events(self.interview.jump(target), open_review=False)
        else:
            self.refresh_panel()
        self.query_one(InputLine).focus_answer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_panel":  # only where the panel folds away
            return self.size.width < NARROW
        if action == "home":  # when nothing would be lost, or the form is finished (it then asks first)
            interview = self.interview
            return interview is not None and (interview.done or self.session is None or not self.session.dirty)
        return True

    def on_resize(self) -> None:
        self._fold_panel()

    def _fold_panel(self) -> None:
        """Below NARROW columns the side panel folds away (f2 shows it); wider, it is always there."""
        for panel in self.query(SidePanel):
            panel.display = self.size.width >= NARROW or self.panel_wanted
        self.refresh_bindings()

    def action_toggle_panel(self) -> None:
        self.panel_wanted = not self.panel_wanted
        self._fold_panel()

    def action_home(self) -> None:
        host(self.app).go_home()

    def action_scroll_transcript(self, direction: int) -> None:
        if not self.query(Transcript):
            return
        transcript = self.query_one(Transcript)
        (transcript.scroll_page_down if direction > 0 else transcript.scroll_page_up)(animate=False)

    def help_text(self) -> tuple[str, str]:
        if self.interview is None or self.interview.current is None:
            return t("ui.interview.help_title"), t("ui.interview.help_body")
        spec = self.interview.current
        return t("ui.interview.help_field_title", label=one_line(spec.label)), self.interview.help_for(spec.id)

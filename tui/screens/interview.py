"""The interview screen: the transcript on the left, the form so far on the right, the answer line below.

It only renders the interview controller (domain.interview.controller): every key the user presses becomes a call to
answer / back / jump / undo, and the events that come back are drawn. The session (controller + draft) is
built off the UI thread after the first paint, so the first question shows as fast as a bare app's; what is
typed meanwhile stays in the answer line, and answers sent meanwhile are replayed in order once it is built.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen

from domain.messages import t
from tui.display import clean, one_line, without_repeats
from tui.host import host, painted
from tui.widgets.input_line import InputLine, Offer
from tui.widgets.key_bar import KeyBar
from tui.widgets.offers import choice_offers, indicator_offers
from tui.widgets.side_panel import SidePanel
from tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from domain.interview.controller import Interview
    from domain.interview.draft_index import DraftEntry
    from domain.interview.session import EditSession
    from domain.interview.typing import IndicatorQuery

LOAD_DELAY = 0.05  # seconds after the first frame, so the terminal has drawn it before the domain loads
NARROW = 70  # columns below which the side panel folds away behind a key
SLOW_SUGGESTIONS = 0.008  # seconds: above this, suggestions move to a worker so typing never waits


def load_session(how: str, value: str | None, drafts: str | None, out: str | None) -> Any:
    """Build the EditSession for a new form, an opened file or a resumed draft (runs in a worker thread)."""
    from pathlib import Path

    from domain.interview.drafts import DraftStore
    from domain.interview.session import EditSession

    store = DraftStore(drafts)
    if how == "open":
        return EditSession.open(Path(value or ""), store, out)
    if how == "resume":
        return EditSession.resume(value or "", store, out)
    return EditSession.new(store, out)


class SessionReady(Message):
    """The session was built off the UI thread."""

    def __init__(self, session: EditSession) -> None:
        super().__init__()
        self.session = session


class LoadFailed(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class DraftsFound(Message):
    """Drafts of new forms were found before a blank form was built."""

    def __init__(self, drafts: list[DraftEntry]) -> None:
        super().__init__()
        self.drafts = drafts


class MatcherWarmed(Message):
    """The catalogue and matcher are loaded: suggestions can start."""


class SuggestionsArrived(Message):
    def __init__(self, field_id: str, text: str, offers: list[Offer]) -> None:
        super().__init__()
        self.field_id, self.text, self.offers = field_id, text, offers


class InterviewScreen(Screen[None]):
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
        Binding("pageup", "scroll_transcript(-1)", t("ui.interview.scroll_up"), show=False, id="interview.page_up"),
        Binding("pagedown", "scroll_transcript(1)", t("ui.interview.scroll_down"), show=False, id="interview.page_down"),
    ]

    def __init__(self, how: str = "new", value: str | None = None, standalone: bool = False,
                 session: EditSession | None = None, offer_drafts: bool = True) -> None:
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

    def after_first_paint(self) -> None:
        """Build the session once the first frame is on screen (the import of the domain is the slow part)."""
        if self.session is None:
            self.set_timer(LOAD_DELAY, self._begin_load)

    def _begin_load(self) -> None:
        """Start building the session, once: a second build would replace the first and lose its answers."""
        if self.session is None and not self._building:
            self._building = True
            self._load()

    # --- loading ---------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="session", exit_on_error=False)
    def _load(self) -> None:
        from domain.errors import InputError

        options = host(self.app).options
        try:
            if self.how == "new" and self.offer_drafts:
                from domain.interview.draft_index import offered
                from domain.interview.drafts import DraftStore

                drafts = offered(DraftStore(options.drafts), "new", options.out)
                if drafts:
                    self.post_message(DraftsFound(drafts))
                    return
            session = load_session(self.how, self.value, options.drafts, options.out)
        except InputError as error:
            self.post_message(LoadFailed(error.message))
            return
        except Exception as error:  # shown to the user rather than lost in a worker
            self.post_message(LoadFailed(f"{type(error).__name__}: {error}"))
            return
        self.post_message(SessionReady(session))

    def on_drafts_found(self, message: DraftsFound) -> None:
        self._offer_drafts(message.drafts)

    def on_load_failed(self, message: LoadFailed) -> None:
        self._load_failed(message.text)

    async def on_session_ready(self, message: SessionReady) -> None:
        await self._session_ready(message.session)

    def on_matcher_warmed(self, message: MatcherWarmed) -> None:
        self.matcher_ready = True
        self.update_suggestions(self.query_one(InputLine).value)

    def on_suggestions_arrived(self, message: SuggestionsArrived) -> None:
        line = self.query_one(InputLine)
        if self.asked_id == message.field_id and line.value == message.text:
            line.set_offers(message.offers)

    def _offer_drafts(self, drafts: list[DraftEntry]) -> None:
        """Drafts of new forms are there (a dropped connection left them): offer them before a blank form."""

        def decided(draft_id: str | None) -> None:
            self.offer_drafts = False
            if draft_id:
                self.how, self.value = "resume", draft_id
                self.queued = []
            self._building = False
            self._begin_load()

        host(self.app).offer_drafts("new", drafts, decided)

    def _load_failed(self, message: str) -> None:
        self.query_one(InputLine).ask(Text(message, style="bold red"))
        self.notify(message, severity="error", timeout=10)
        if not self.standalone:
            self.dismiss(None)

    async def _session_ready(self, session: EditSession) -> None:
        if self.session is not None and self.session is not session:
            return
        if not self.query(Transcript):
            # answers sent while this mounts are still queued: the session is set only once it is in place
            await self.query_one("#interview-main").mount_all([Transcript(id="transcript"), SidePanel(id="side-panel")])
            self._fold_panel()
        self.session = session
        host(self.app).session = session
        self._building = False
        self.show_events(session.start(), keep_typed=True)  # with a warning first when drafts cannot be kept
        queued, self.queued = self.queued, []
        for answer in queued:
            self.submit(answer)
        self._warm_matcher()

    @work(thread=True, exclusive=True, group="matcher", exit_on_error=False)
    def _warm_matcher(self) -> None:
        """Load the catalogue and matcher after the first paint; suggestions appear once it is there."""
        try:
            from domain.catalogue.matching import default_matcher

            default_matcher()
        except Exception:
            return
        self.post_message(MatcherWarmed())

    # --- rendering events --------------------------------------------------------------------------
    def show_events(self, events: list[Any], keep_typed: bool = False, open_review: bool = True) -> None:
        """Draw events in order; the last QUESTION sets up the answer line. ``keep_typed``: the question follows
        an answer, so text typed since is the start of its answer; ``open_review``: reaching the save question
        opens the review (not when coming back from it)."""
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
        self.query_one(InputLine).ask(prompt, default=typed or ("" if picks else default),
                                      placeholder=one_line(spec.placeholder), long=kind == "long_text",
                                      hint="  ".join(hints), keep_typed=keep_typed)
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
            echo = t("ui.transcript.kept", value=one_line(self.shown_default)) if self.shown_default.strip() \
                else t("ui.transcript.skipped")
        self.query_one(Transcript).user_answer(echo)
        self.show_events(self.interview.answer(value), keep_typed=True)

    def on_input_line_changed(self, event: InputLine.Changed) -> None:
        event.stop()
        # The field's text now, not the event's: a change posted before an answer was taken can arrive after
        # the next question is up, and must not filter that question's choices by the old answer.
        line = self.query_one(InputLine)
        self.update_suggestions(line.value)
        self._pick_by_digit(line)

    def _pick_by_digit(self, line: InputLine) -> None:
        """A digit that is a choice's number picks it at once, as on the start screen and in dialogs (a digit
        that starts a longer number, 1 of 1 … 12, waits for enter)."""
        interview = self.interview
        spec = interview.current if interview is not None else None
        typed = line.value.strip()
        if spec is None or str(spec.kind) not in ("choice", "confirm") or not spec.choices or not typed.isdecimal():
            return
        keys = [choice.key for choice in spec.choices]
        if typed in keys and not any(key != typed and key.startswith(typed) for key in keys):
            line.submit_now()

    def update_suggestions(self, text: str) -> None:
        """Refresh the suggestion list for what is typed: choices at once, catalogue matches when loaded."""
        interview = self.interview
        line = self.query_one(InputLine)
        if interview is None or interview.current is None:
            line.set_offers([])
            return
        spec = interview.current
        kind = str(spec.kind)
        if kind in ("choice", "confirm") and spec.choices:
            offers = choice_offers(spec, text)
            keys = [offer.value for offer in offers]
            line.set_offers(offers, highlight=keys.index(self.default_choice)
                            if not text and self.default_choice in keys else None)
        elif kind == "indicator":
            if not self.matcher_ready:
                line.set_offers([])
            elif self.suggest_in_worker:
                query = interview.indicator_query()
                if query is not None:
                    self._suggest_in_worker(spec.id, text, query)
            else:
                started = time.perf_counter()
                offers = indicator_offers(interview.suggestions(text))
                self.suggest_in_worker = time.perf_counter() - started > SLOW_SUGGESTIONS
                line.set_offers(offers)
        else:
            line.set_offers([])

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def _suggest_in_worker(self, field_id: str, text: str, query: IndicatorQuery) -> None:
        """Search the catalogue off the UI thread; the interview itself is never called from here."""
        try:
            offers = indicator_offers(query.search(text))
        except Exception:
            return
        self.post_message(SuggestionsArrived(field_id, text, offers))

    # --- moving around -------------------------------------------------------------------------------
    def action_back(self) -> None:
        if self.interview is not None:
            self.show_events(self.interview.back())

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
            return interview is not None and (interview.done or not self.session.dirty)
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

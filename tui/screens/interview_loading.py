"""The interview screen's session loading: built in a worker after the first paint, announced by messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.message import Message

from tui.host import host
from tui.widgets.input_line import InputLine
from tui.widgets.side_panel import SidePanel
from tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from textual.screen import Screen

    from domain.interview.draft_index import DraftEntry
    from domain.interview.session import EditSession

    _ScreenBase = Screen[None]
else:
    _ScreenBase = object

LOAD_DELAY = 0.05  # seconds after the first frame, so the terminal has drawn it before the domain loads


def load_session(how: str, value: str | None, drafts: str | None, out: str | None, project: str | None = None) -> Any:
    """Build the EditSession for a new form, an opened file or a resumed draft (runs in a worker thread)."""
    from pathlib import Path

    from domain.interview.drafts import DraftStore
    from domain.interview.session import EditSession

    store = DraftStore(drafts)
    if how == "open":
        return EditSession.open(Path(value or ""), store, out)
    if how == "resume":
        return EditSession.resume(value or "", store, out)
    if how == "targets":
        return EditSession.from_targets(value or "", project, store, out)
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


class SessionLoading(_ScreenBase):
    """Building the session off the UI thread for the interview screen (mixed into InterviewScreen)."""

    if TYPE_CHECKING:
        how: str
        value: str | None
        standalone: bool
        session: EditSession | None
        offer_drafts: bool
        queued: list[str]
        _building: bool
        matcher_ready: bool

        def show_events(self, events: list[Any], keep_typed: bool = False, open_review: bool = True) -> None: ...

        def submit(self, value: str) -> None: ...

        def update_suggestions(self, text: str) -> None: ...

        def _fold_panel(self) -> None: ...

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
            session = load_session(self.how, self.value, options.drafts, options.out, options.project)
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

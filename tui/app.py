"""The jixiao assistant as a Textual application: which screen comes first, app-wide keys, theme, keymap,
saving and quitting, and flushing the draft when the terminal goes away (SIGHUP) or the process is told
to stop (SIGTERM)."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding
from textual.filter import LineFilter, Monochrome, NoColor
from textual.message import Message
from textual.theme import BUILTIN_THEMES, Theme

from domain.messages import t
from tui.keymap import load_keymap
from tui.options import AppOptions

if TYPE_CHECKING:
    from domain.interview.draft_index import DraftEntry

STYLES = Path(__file__).parent / "styles"
DEFAULT_THEME = "textual-dark"
HANDLED_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


def _ansi_theme() -> Theme:
    """Textual's ANSI theme under the name people know it by: the terminal's own 16 colours."""
    base = BUILTIN_THEMES["ansi-dark"]
    return Theme(**{**base.__dict__, "name": "textual-ansi"})


def no_color_filter(ansi: bool) -> LineFilter:
    """The filter NO_COLOR asks for under a theme: an ANSI theme keeps the terminal's own foreground and
    background (greying its colours would turn "the terminal's default" into black on black)."""
    return NoColor() if ansi else Monochrome()


class DraftsCounted(Message):
    """The drafts directory was read off the UI thread: how many drafts a new start offers, the newest."""

    def __init__(self, count: int, newest: DraftEntry | None) -> None:
        super().__init__()
        self.count, self.newest = count, newest


class JixiaoApp(App[int]):
    """Screens are pushed by mode; the app itself only owns the session, saving, quitting and signals."""

    TITLE = t("ui.app.title")
    CSS_PATH = [STYLES / name for name in ("base.tcss", "start.tcss", "interview.tcss", "review.tcss",
                                           "whatif.tcss", "dialogs.tcss")]
    BINDINGS = [
        Binding("ctrl+q", "request_quit", t("ui.key.quit"), priority=True, id="app.quit"),
        Binding("ctrl+c", "request_quit", t("ui.key.quit_ctrl_c"), priority=True, show=False, id="app.quit_ctrl_c"),
        Binding("f1", "help", t("ui.key.help"), id="app.help"),
        Binding("f6", "export", t("ui.export.key"), show=False, id="app.export"),
    ]

    def __init__(self, mode: str = "start", options: AppOptions | None = None, session: Any = None) -> None:
        """``session``: an EditSession to open at once (instead of what ``mode`` would create)."""
        super().__init__()
        self.mode = mode
        self.options = options or AppOptions()
        self.session: Any = None  # domain.interview.session.EditSession while a form is open
        self._given_session = session
        self.animation_level = "none"
        self.register_theme(_ansi_theme())
        wanted = self.options.theme or DEFAULT_THEME
        self.theme = wanted if wanted in self.available_themes else DEFAULT_THEME
        self._match_no_color_filter()
        keymap = load_keymap()
        self.keymap_problems = keymap.problems
        self.set_keymap(keymap.keys)
        self._signals_installed: list[int] = []
        self.signals_guarded = False  # True when tui.hangup's guard (outside the event loop) takes the signals
        self.painted = False  # True once the first frame is on screen; slow loading waits for it

    def notify(self, message: str, *, title: str = "", severity: Any = "information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Every notification passes the one sanitiser and is shown literally (messages carry file names,
        keys and values from files; none of it may act on the terminal or be read as markup)."""
        from domain.messages.sanitise import strip_controls

        super().notify(strip_controls(message), title=strip_controls(title), severity=severity, timeout=timeout,
                       markup=False)

    def _match_no_color_filter(self) -> None:
        """Textual picks the NO_COLOR filter for the theme in force before ours is set; pick it again."""
        if not self.no_color:
            return
        self._filters = [existing for existing in self._filters if not isinstance(existing, (Monochrome, NoColor))]
        self._filters.append(no_color_filter(self.native_ansi_color))

    # --- start-up --------------------------------------------------------------------------------
    def on_mount(self) -> None:
        if not self.is_headless and not self.signals_guarded:
            self._install_signal_handlers()
        self._show_first_screen()
        for problem in self.keymap_problems:
            self.notify(problem, severity="warning", timeout=8)

    def on_ready(self) -> None:
        self.painted = True
        for screen in self.screen_stack:
            after = getattr(screen, "after_first_paint", None)
            if after is not None:
                after()

    def _show_first_screen(self) -> None:
        if self._given_session is not None:
            from tui.screens.interview import InterviewScreen

            self.push_screen(InterviewScreen(session=self._given_session, standalone=True))
        elif self.mode == "new":
            self.open_interview("new")
        elif self.mode == "edit" and self.options.file:
            self._open_file(self.options.file)
        elif self.mode == "whatif":
            from tui.screens.whatif import WhatIfScreen

            self.push_screen(WhatIfScreen(standalone=True))
        elif self.mode == "train":
            self.open_training(self.options.train_path, self.options.walk, standalone=True)
        else:
            from tui.screens.start import StartScreen

            self.push_screen(StartScreen())

    def count_drafts(self) -> None:
        """Read the drafts directory after the first paint (clearing those of forms saved since) and offer to
        resume when there are drafts."""
        try:
            drafts = self.offered_drafts("start")
        except Exception:  # an unreadable drafts directory must not stop the start screen
            return
        self.post_message(DraftsCounted(len(drafts), drafts[0] if drafts else None))

    def on_drafts_counted(self, message: DraftsCounted) -> None:
        from tui.screens.start import StartScreen

        count, newest = message.count, message.newest
        for screen in self.screen_stack:
            if isinstance(screen, StartScreen):
                screen.refresh_drafts(count, newest)

    # --- sessions --------------------------------------------------------------------------------
    def draft_store(self) -> Any:
        from domain.interview.drafts import DraftStore

        return DraftStore(self.options.drafts)

    def offered_drafts(self, way: str, file: str | None = None) -> list[Any]:
        """The drafts a way in offers (``start``, ``new``, ``edit``), newest first; stale ones are cleared."""
        from domain.interview.draft_index import offered

        return offered(self.draft_store(), way, file)

    def offer_drafts(self, way: str, entries: list[Any], decided: Callable[[str | None], None],
                     file: str | None = None) -> None:
        """Ask which of ``entries`` to continue: ``decided`` gets a draft id, or None for the blank form or
        the file itself (escape too)."""
        from tui.screens.resume import DraftOfferDialog

        self.push_screen(DraftOfferDialog(way, entries, file), decided)

    def open_interview(self, how: str, value: str | None = None) -> None:
        """Open the interview screen on a new form, a file, or a draft; the session loads off the UI thread."""
        from tui.screens.interview import InterviewScreen

        self.push_screen(InterviewScreen(how, value, standalone=self.mode in ("new", "edit")))

    def _open_file(self, path: str) -> None:
        """Open a form file (a workbook's form too), first offering the unsaved drafts of that same file when
        there are some."""
        from domain.interview.session import is_workbook

        if is_workbook(path):
            self._open_workbook(path)
            return

        try:
            drafts = self.offered_drafts("edit", self.options.out or path)  # a draft belongs to the file it saves to
        except Exception:  # an unreadable drafts directory must not stop the file from opening
            drafts = []
        if not drafts:
            self.open_interview("open", path)
            return

        def decided(draft_id: str | None) -> None:
            if draft_id:
                self.open_interview("resume", draft_id)
            else:
                self.open_interview("open", path)

        self.offer_drafts("edit", drafts, decided, path)

    def _open_workbook(self, path: str) -> None:
        """Open a form of a workbook: the only one, or the one chosen from a list; it is saved as TOML beside it."""
        from domain.errors import InputError
        from domain.interview.session import EditSession, workbook_forms, workbook_target
        from tui.screens.dialogs import ChoiceDialog
        from tui.screens.interview import InterviewScreen

        try:
            forms = workbook_forms(path)
        except InputError as error:
            self.notify(error.message, severity="error", timeout=8)
            return

        def chosen(answer: str | None) -> None:
            if not answer:
                return
            index = int(answer)
            target = self.options.out or workbook_target(path, index, len(forms))
            session = EditSession.open_form(path, forms[index - 1][1], target, self.draft_store())
            self.push_screen(InterviewScreen(session=session, standalone=self.mode == "edit"))

        if len(forms) == 1:
            chosen("1")
            return
        self.push_screen(ChoiceDialog(t("ui.open.choose_form", path=path, count=len(forms)),
                                      [(str(number), label) for number, (label, _) in enumerate(forms, start=1)]),
                         chosen)

    def action_export(self) -> None:
        """F6: the open form as the official workbook, to a name asked for (default: the TOML's name, .xlsx)."""
        from tui.screens.dialogs import AskPathDialog

        if self.session is None:
            return
        self.push_screen(AskPathDialog(t("ui.export.ask_path"), str(self.session.export_path())),
                         lambda chosen: self.export_session(chosen) if chosen else None)

    def export_session(self, path: str, overwrite: bool = False) -> None:
        from tui.screens.dialogs import ChoiceDialog

        outcome = self.session.export(path, overwrite=overwrite)
        status = str(outcome.status)
        if status == "saved":
            self.notify(outcome.message, timeout=5)
        elif status == "conflict":
            self.push_screen(ChoiceDialog(t("ui.export.conflict", message=outcome.message), [
                ("overwrite", t("ui.save.overwrite")), ("cancel", t("ui.key.cancel")),
            ], cancel_value="cancel"), lambda answer: self.export_session(path, True) if answer == "overwrite" else None)
        else:
            self.notify(outcome.message, severity="error", timeout=8)

    def open_training(self, path: str | None, walk: bool, standalone: bool = False) -> None:
        from tui.screens.training import TrainingScreen

        self.push_screen(TrainingScreen(path, walk, standalone=standalone))

    def start_action(self, action: str) -> None:
        """An item chosen on the start screen."""
        if action == "new":
            self.open_interview("new")
        elif action == "resume":
            from tui.screens.resume import ResumeScreen

            self.push_screen(ResumeScreen(self.draft_store()), self._resume_chosen)
        elif action == "open":
            from tui.screens.dialogs import AskPathDialog

            self.push_screen(AskPathDialog(t("ui.open.question")), lambda path: self._open_file(path) if path else None)
        elif action == "whatif":
            from tui.screens.whatif import WhatIfScreen

            self.push_screen(WhatIfScreen())
        elif action in ("train", "walk"):
            self.open_training(None, action == "walk")
        elif action == "help":
            self.action_help()
        elif action == "quit":
            self.action_request_quit()

    def _resume_chosen(self, draft_id: str | None) -> None:
        if draft_id:
            self.open_interview("resume", draft_id)

    def flush_session(self) -> None:
        """Write the draft of the open form now (never raises: this runs while the terminal goes away)."""
        if self.session is None:
            return
        try:
            for screen in self.screen_stack:
                keep = getattr(screen, "keep_typed_text", None)
                if keep is not None:
                    keep()
            self.session.flush()
        except Exception:
            pass

    def save_session(self, then: Callable[[], None] | None = None, path: str | None = None,
                     overwrite: bool = False) -> None:
        """Save the open form: ask for a path when there is none and before overwriting a file changed on disk."""
        from domain.errors import InputError
        from tui.screens.dialogs import AskPathDialog, ChoiceDialog

        session = self.session
        if session is None:
            return
        if path is None and not overwrite and session.on_disk and session.target is not None:
            self.notify(t("ui.save.already", path=session.target), timeout=5)  # a second ctrl+s: where it is
            if then is not None:
                then()
            return
        try:
            outcome = session.save(Path(path) if path else None, overwrite=overwrite)
        except InputError as error:
            self._ask_path_again(error.message, path or (str(session.target) if session.target else ""), then)
            return
        status = str(outcome.status)
        if status == "saved":
            self.notify(f"{outcome.message} {t('ui.export.hint')}", timeout=6)
            self.refresh_open_screens()
            if then is not None:
                then()
        elif status == "needs_path":
            default = self.options.out or ""
            self.push_screen(AskPathDialog(t("ui.save.ask_path"), default),
                             lambda chosen: self.save_session(then, chosen) if chosen else None)
        elif status == "conflict":
            target = outcome.path

            def decided(answer: str | None) -> None:
                if answer == "overwrite":
                    self.save_session(then, str(target) if target else None, overwrite=True)
                elif answer == "save_as":
                    self.push_screen(AskPathDialog(t("ui.save.ask_path")),
                                     lambda chosen: self.save_session(then, chosen) if chosen else None)

            self.push_screen(ChoiceDialog(t("ui.save.conflict", message=outcome.message), [
                ("save_as", t("ui.save.save_as")), ("overwrite", t("ui.save.overwrite")), ("cancel", t("ui.key.cancel")),
            ], cancel_value="cancel"), decided)
        else:
            failed = str(outcome.path) if outcome.path else (path or "")
            self._ask_path_again(outcome.message or status, failed, then)

    def _ask_path_again(self, message: str, path: str, then: Callable[[], None] | None) -> None:
        """A save that failed: say why, and give the path prompt back holding the path to fix."""
        from tui.screens.dialogs import AskPathDialog

        self.push_screen(AskPathDialog(t("ui.save.failed_retry", message=message), path, error=True),
                         lambda chosen: self.save_session(then, chosen) if chosen else None)

    def refresh_open_screens(self) -> None:
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_from_session", None)
            if refresh is not None:
                refresh()

    def go_home(self) -> None:
        """Close the open form and show the start screen, asking first when there are unsaved changes."""
        from tui.screens.dialogs import ChoiceDialog

        if self.session is None or not self.session.dirty:
            self._show_start()
            return

        def decided(answer: str | None) -> None:
            if answer == "save":
                self.save_session(then=self._show_start)
            elif answer == "leave":
                self.flush_session()
                self._show_start()

        self.push_screen(ChoiceDialog(t("ui.home.question"), [
            ("stay", t("ui.quit.stay")), ("save", t("ui.home.save")), ("leave", t("ui.home.leave")),
        ], cancel_value="stay"), decided)

    def _show_start(self) -> None:
        from tui.screens.start import StartScreen

        self.session = None
        self.mode = "start"
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(StartScreen())

    # --- app-wide actions ------------------------------------------------------------------------
    def action_help(self) -> None:
        from tui.screens.help import HelpScreen, keys_text

        if isinstance(self.screen, HelpScreen):
            return
        provider = getattr(self.screen, "help_text", None)
        title, body = provider() if provider else (t("ui.help.general_title"), t("ui.help.general_body"))
        self.push_screen(HelpScreen(title, body, keys_text(self.screen.active_bindings)))

    def action_request_quit(self) -> None:
        """Quit at once when nothing is unsaved; otherwise ask: save, leave the draft for later, or stay."""
        from tui.screens.dialogs import ChoiceDialog

        if any(isinstance(screen, ChoiceDialog) and getattr(screen, "is_quit_dialog", False)
               for screen in self.screen_stack):
            return
        if self.session is None or not self.session.dirty:
            self.exit(0)
            return

        def decided(answer: str | None) -> None:
            if answer == "save":
                self.save_session(then=lambda: self.exit(0))
            elif answer == "leave":
                self.flush_session()
                self.exit(0)

        dialog = ChoiceDialog(t("ui.quit.question"), [
            ("stay", t("ui.quit.stay")), ("save", t("ui.quit.save")), ("leave", t("ui.quit.leave")),
        ], cancel_value="stay")
        dialog.is_quit_dialog = True  # type: ignore[attr-defined]
        self.push_screen(dialog, decided)

    # --- signals ---------------------------------------------------------------------------------
    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in HANDLED_SIGNALS:
            try:
                loop.add_signal_handler(signum, self.handle_signal, signum)
                self._signals_installed.append(signum)
            except (NotImplementedError, RuntimeError, ValueError):
                pass

    def handle_signal(self, signum: int) -> None:
        """Flush the draft first, then leave; if the terminal is gone and exiting stalls, leave anyway."""
        self.flush_session()
        code = 128 + int(signum)
        self.set_timer(3.0, lambda: os._exit(code))
        self.exit(return_code=code)

    def on_unmount(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for signum in self._signals_installed:
            loop.remove_signal_handler(signum)

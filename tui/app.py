"""The jixiao assistant as a Textual application: which screen comes first, app-wide keys, theme, keymap,
and flushing the draft when the terminal goes away (SIGHUP) or the process is told to stop (SIGTERM).
Opening forms is in tui.app_opening, saving and quitting in tui.app_saving."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.filter import LineFilter, Monochrome, NoColor
from textual.theme import BUILTIN_THEMES, Theme

from domain.messages import t
from tui.app_opening import FormOpening
from tui.app_saving import SessionSaving
from tui.keymap import load_keymap
from tui.options import AppOptions

STYLES = Path(__file__).parent / "styles"
DEFAULT_THEME = "textual-dark"
HANDLED_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)
)  # Windows has no SIGHUP


def _ansi_theme() -> Theme:
    """Textual's ANSI theme under the name people know it by: the terminal's own 16 colours."""
    base = BUILTIN_THEMES["ansi-dark"]
    return Theme(**{**base.__dict__, "name": "textual-ansi"})


def no_color_filter(ansi: bool) -> LineFilter:
    """The filter NO_COLOR asks for under a theme: an ANSI theme keeps the terminal's own foreground and
    background (greying its colours would turn "the terminal's default" into black on black)."""
    return NoColor() if ansi else Monochrome()


class JixiaoApp(FormOpening, SessionSaving, App[int]):
    """Screens are pushed by mode; the app itself only owns the session, saving, quitting and signals."""

    TITLE = t("ui.app.title")
    CSS_PATH = [
        STYLES / name
        for name in ("base.tcss", "start.tcss", "interview.tcss", "review.tcss", "whatif.tcss", "dialogs.tcss")
    ]
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

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification passes the one sanitiser and is shown literally (messages carry file names,
        keys and values from files; none of it may act on the terminal or be read as markup)."""
        from domain.messages.sanitise import strip_controls

        super().notify(
            strip_controls(message), title=strip_controls(title), severity=severity, timeout=timeout, markup=False
        )

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
        elif self.mode == "new" and self.options.targets and self.options.project:
            self.open_interview("targets", self.options.targets)
        elif self.mode == "new" and self.options.targets:
            self.open_targets(self.options.targets)  # several projects: asks which
        elif self.mode == "new":
            self.open_interview("new")
        elif self.mode == "edit" and self.options.file:
            self._open_file(self.options.file)
        elif self.mode == "whatif":
            from tui.screens.whatif import WhatIfScreen

            self.push_screen(WhatIfScreen(self.calculator(), standalone=True))
        elif self.mode == "train":
            self.open_training(self.options.train_path, self.options.walk, standalone=True)
        else:
            from tui.screens.start import StartScreen

            self.push_screen(StartScreen())

    # --- app-wide actions ------------------------------------------------------------------------
    def action_help(self) -> None:
        from tui.screens.help import HelpScreen, keys_text

        if isinstance(self.screen, HelpScreen):
            return
        provider = getattr(self.screen, "help_text", None)
        title, body = provider() if provider else (t("ui.help.general_title"), t("ui.help.general_body"))
        self.push_screen(HelpScreen(title, body, keys_text(self.screen.active_bindings)))

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

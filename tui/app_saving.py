"""The app's saving, exporting, going home and quitting, asking first whenever something would be lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from domain.messages import t

if TYPE_CHECKING:
    from textual.app import App

    from tui.options import AppOptions

    _AppBase = App[int]
else:
    _AppBase = object


class SessionSaving(_AppBase):
    """Saving and leaving the open form for JixiaoApp (mixed into it)."""

    if TYPE_CHECKING:
        mode: str
        options: AppOptions
        session: Any

    def action_export(self) -> None:
        """F6: the open form as the official workbook, to a name asked for (default: the TOML's name, .xlsx)."""
        from tui.screens.dialogs import AskPathDialog

        if self.session is None:
            return
        self.push_screen(
            AskPathDialog(t("ui.export.ask_path"), str(self.session.export_path())),
            lambda chosen: self.export_session(chosen) if chosen else None,
        )

    def export_session(self, path: str, overwrite: bool = False) -> None:
        from tui.screens.dialogs import ChoiceDialog

        outcome = self.session.export(path, overwrite=overwrite)
        status = str(outcome.status)
        if status == "saved":
            from tui.widgets.toast_text import with_path

            self.notify(with_path(outcome.message, outcome.path), timeout=5)
        elif status == "conflict":
            self.push_screen(
                ChoiceDialog(
                    t("ui.export.conflict", message=outcome.message),
                    [
                        ("overwrite", t("ui.save.overwrite")),
                        ("cancel", t("ui.key.cancel")),
                    ],
                    cancel_value="cancel",
                ),
                lambda answer: self.export_session(path, True) if answer == "overwrite" else None,
            )
        else:
            self.notify(outcome.message, severity="error", timeout=8)

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

    def save_session(
        self, then: Callable[[], None] | None = None, path: str | None = None, overwrite: bool = False
    ) -> None:
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
            self.push_screen(
                AskPathDialog(t("ui.save.ask_path"), default),
                lambda chosen: self.save_session(then, chosen) if chosen else None,
            )
        elif status == "conflict":
            target = outcome.path

            def decided(answer: str | None) -> None:
                if answer == "overwrite":
                    self.save_session(then, str(target) if target else None, overwrite=True)
                elif answer == "save_as":
                    self.push_screen(
                        AskPathDialog(t("ui.save.ask_path")),
                        lambda chosen: self.save_session(then, chosen) if chosen else None,
                    )

            self.push_screen(
                ChoiceDialog(
                    t("ui.save.conflict", message=outcome.message),
                    [
                        ("save_as", t("ui.save.save_as")),
                        ("overwrite", t("ui.save.overwrite")),
                        ("cancel", t("ui.key.cancel")),
                    ],
                    cancel_value="cancel",
                ),
                decided,
            )
        else:
            failed = str(outcome.path) if outcome.path else (path or "")
            self._ask_path_again(outcome.message or status, failed, then)

    def _ask_path_again(self, message: str, path: str, then: Callable[[], None] | None) -> None:
        """A save that failed: say why, and give the path prompt back holding the path to fix."""
        from tui.screens.dialogs import AskPathDialog

        self.push_screen(
            AskPathDialog(t("ui.save.failed_retry", message=message), path, error=True),
            lambda chosen: self.save_session(then, chosen) if chosen else None,
        )

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

        self.push_screen(
            ChoiceDialog(
                t("ui.home.question"),
                [
                    ("stay", t("ui.quit.stay")),
                    ("save", t("ui.home.save")),
                    ("leave", t("ui.home.leave")),
                ],
                cancel_value="stay",
            ),
            decided,
        )

    def _show_start(self) -> None:
        from tui.screens.start import StartScreen

        self.session = None
        self.mode = "start"
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(StartScreen())

    farewell = ""  # printed at the shell once the screen is gone: where the answers were kept

    def draft_farewell(self) -> str:
        """The lines for the shell after leaving with the draft kept: which draft, where, and how to go on."""
        session = self.session
        if session is None:
            return ""
        lines = [session.draft_kept_message()]
        if session.draft_kept and session.store is not None and session.draft_id:
            lines.append(t("ui.quit.draft_where", path=session.store.path_of(session.draft_id)))
        return "\n".join(line for line in lines if line)

    def action_request_quit(self) -> None:
        """Quit at once when nothing is unsaved; otherwise ask: save, leave the draft for later, or stay."""
        from tui.screens.dialogs import ChoiceDialog

        if any(
            isinstance(screen, ChoiceDialog) and getattr(screen, "is_quit_dialog", False)
            for screen in self.screen_stack
        ):
            return
        if self.session is None or not self.session.dirty:
            self.exit(0)
            return

        def decided(answer: str | None) -> None:
            if answer == "save":
                self.save_session(then=lambda: self.exit(0))
            elif answer == "leave":
                self.flush_session()
                self.farewell = self.draft_farewell()
                self.exit(0)

        dialog = ChoiceDialog(
            t("ui.quit.question"),
            [
                ("stay", t("ui.quit.stay")),
                ("save", t("ui.quit.save")),
                ("leave", t("ui.quit.leave")),
            ],
            cancel_value="stay",
        )
        dialog.is_quit_dialog = True  # type: ignore[attr-defined]
        self.push_screen(dialog, decided)

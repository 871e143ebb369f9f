"""The app's ways into a form: the start screen's items, a new form, a file, a workbook's form, a draft."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message

from domain.messages import t

if TYPE_CHECKING:
    from textual.app import App

    from domain.interview.draft_index import DraftEntry
    from domain.interview.whatif import WhatIf
    from tui.options import AppOptions

    _AppBase = App[int]
else:
    _AppBase = object


class DraftsCounted(Message):
    """The drafts directory was read off the UI thread: how many drafts a new start offers, the newest."""

    def __init__(self, count: int, newest: DraftEntry | None) -> None:
        super().__init__()
        self.count, self.newest = count, newest


class FormOpening(_AppBase):
    """Opening forms, drafts and the other screens for JixiaoApp (mixed into it)."""

    if TYPE_CHECKING:
        mode: str
        options: AppOptions

        def action_help(self) -> None: ...

        def action_request_quit(self) -> None: ...

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

    def offer_drafts(
        self, way: str, entries: list[Any], decided: Callable[[str | None], None], file: str | None = None
    ) -> None:
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
        self.push_screen(
            ChoiceDialog(
                t("ui.open.choose_form", path=path, count=len(forms)),
                [(str(number), label) for number, (label, _) in enumerate(forms, start=1)],
            ),
            chosen,
        )

    def open_targets(self, path: str) -> None:
        """A new form begun from approved targets: the only project of the file, or the one chosen from a list."""
        from domain.errors import InputError
        from domain.interview.from_targets import start_from_targets
        from domain.interview.session import EditSession
        from domain.sheets.targets_file import read_targets
        from tui.screens.dialogs import ChoiceDialog
        from tui.screens.interview import InterviewScreen

        try:
            tables = read_targets(Path(path))
        except InputError as error:
            self.notify(error.message, severity="error", timeout=8)
            return

        def chosen(answer: str | None) -> None:
            if not answer:
                return
            interview = start_from_targets(tables[int(answer) - 1][1])
            out = Path(self.options.out) if self.options.out else None
            session = EditSession(interview, self.draft_store(), out)
            self.push_screen(InterviewScreen(session=session, standalone=self.mode == "new"))

        if len(tables) == 1:
            chosen("1")
            return
        self.push_screen(
            ChoiceDialog(
                t("targets.choose.dialog", path=path, count=len(tables)),
                [(str(number), targets.project) for number, (_, targets) in enumerate(tables, 1)],
            ),
            chosen,
        )

    def open_training(self, path: str | None, walk: bool, standalone: bool = False) -> None:
        from tui.screens.training import TrainingScreen

        self.push_screen(TrainingScreen(path, walk, standalone=standalone))

    def calculator(self) -> WhatIf:
        """The what-if controller for the calculator: scoring by `--profile` when it was given."""
        from domain.errors import InputError
        from domain.interview.whatif import WhatIf
        from domain.scoring.profile import load_profile

        if self.options.profile:
            try:
                return WhatIf(load_profile(self.options.profile, allow_path=True))
            except InputError as error:
                self.notify(error.message, severity="error", timeout=8)
        return WhatIf()

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
        elif action == "targets":
            from tui.screens.dialogs import AskPathDialog

            self.push_screen(
                AskPathDialog(t("targets.menu.path")), lambda path: self.open_targets(path) if path else None
            )
        elif action == "whatif":
            from tui.screens.whatif import WhatIfScreen

            self.push_screen(WhatIfScreen(self.calculator()))
        elif action in ("train", "walk"):
            self.open_training(None, action == "walk")
        elif action == "help":
            self.action_help()
        elif action == "quit":
            self.action_request_quit()

    def _resume_chosen(self, draft_id: str | None) -> None:
        if draft_id:
            self.open_interview("resume", draft_id)

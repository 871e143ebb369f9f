"""Scoring practice and the walk-through: the trainee scores each row of real forms with the scores hidden
(or, in walk mode, steps through rows with the right score and its derivation shown, for a projector)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from domain.messages import t
from tui.cells import cell_width, pad, truncate
from tui.display import clean, one_line
from tui.host import painted
from tui.widgets.charts import charts
from tui.widgets.input_line import InputLine
from tui.widgets.key_bar import KeyBar
from tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from domain.interview.training import TrainingSession


def walk_lines(session: Any, text: Text, width: int) -> Text:
    """The walk's column at a projector: the form's rows so far with their scores, the points counted, and
    the current row's formula (the room a practice tally leaves is used for what the trainer explains)."""
    from domain.interview.walk import walk_tally

    rows, counted, formula = walk_tally(session)
    if rows:
        text.append("\n" + t("ui.walk.tally_rows") + "\n", style="bold")
        for name, score in rows:
            room = max(4, width - cell_width(score) - 1)
            text.append(pad(truncate(one_line(name), room), room) + " " + score + "\n")
        text.append(counted + "\n", style="bold")
    if formula:
        text.append("\n" + t("ui.walk.tally_formula") + "\n", style="bold")
        text.append(clean(formula) + "\n", style="cyan")
    return text


def tally_text(session: Any, width: int = 28) -> Text:
    """Progress and the running tally, for the side column (``width``: its cells, for the walk's rows)."""
    tally = session.tally
    total = len(session.items)
    text = Text(t("ui.train.tally_title_walk" if session.walk else "ui.train.tally_title") + "\n", style="bold")
    progress = "ui.train.progress_walk" if session.walk else "ui.train.progress"
    text.append(t(progress, number=min(session.position + 1, total), total=total) + "\n\n")
    if session.walk:
        text.append(t("ui.train.seen_one" if tally.seen == 1 else "ui.train.seen", count=tally.seen) + "\n")
        return walk_lines(session, text, width)
    text.append(t("ui.train.correct", count=tally.correct) + "\n", style="green")
    text.append(t("ui.train.wrong", count=tally.wrong) + "\n", style="red")
    text.append(t("ui.train.skipped", count=tally.skipped) + "\n", style="dim")
    return text


ARROWS = {"left": "←", "right": "→"}
NARROW = 70  # columns below which the tally folds away behind f2


class TrainingReady(Message):
    """The exercises were loaded off the UI thread."""

    def __init__(self, session: TrainingSession) -> None:
        super().__init__()
        self.session = session


class TrainingFailed(Message):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class TrainingScreen(Screen[None]):
    """Enter answers (or steps on in walk mode); ctrl+n skips a row, ctrl+e ends with the summary.

    The keys are named as the user's keymap has them, and only while they do something: no skip in walk
    mode (enter moves on), neither once the round is over.
    """

    BINDINGS = [
        Binding("ctrl+n", "skip", t("ui.train.skip"), priority=True, id="training.skip"),
        Binding("right,ctrl+n", "walk_next", t("ui.walk.next"), priority=True, id="walk.next"),
        Binding("left", "walk_back", t("ui.walk.back"), priority=True, id="walk.back"),
        Binding("ctrl+g", "walk_goto", t("ui.walk.goto"), priority=True, id="walk.goto"),
        Binding("ctrl+e", "finish", t("ui.train.finish"), priority=True, id="training.finish"),
        Binding("ctrl+b", "leave", t("ui.key.back"), priority=True, id="training.back"),
        Binding("f2", "toggle_tally", t("ui.key.panel"), id="training.panel"),
        Binding("pageup", "scroll_transcript(-1)", show=False),
        Binding("pagedown", "scroll_transcript(1)", show=False),
    ]

    def __init__(
        self, path: str | None = None, walk: bool = False, standalone: bool = False, session: Any = None
    ) -> None:
        super().__init__()
        self.path = path
        self.walk = walk
        self.standalone = standalone
        self.session = session

    def compose(self) -> ComposeResult:
        with Horizontal(id="training-main", classes="conversation"):
            yield Transcript(id="training-transcript")
            yield Static("", id="training-tally")
        yield InputLine(id="training-input")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(InputLine).ask(Text(t("ui.interview.loading"), style="dim"))
        if self.session is not None:
            self._ready(self.session)
        elif painted(self.app):
            self.call_after_refresh(self._load)

    def after_first_paint(self) -> None:
        if self.session is None:
            self._load()

    @work(thread=True, exclusive=True, group="training", exit_on_error=False)
    def _load(self) -> None:
        from domain.errors import InputError
        from domain.interview.training import TrainingSession

        try:
            session = TrainingSession.from_paths([self.path] if self.path else None, walk=self.walk)
        except InputError as error:
            self.post_message(TrainingFailed(error.message))
            return
        except Exception as error:  # shown rather than lost in a worker
            self.post_message(TrainingFailed(f"{type(error).__name__}: {error}"))
            return
        self.post_message(TrainingReady(session))

    def on_training_failed(self, message: TrainingFailed) -> None:
        self._failed(message.text)

    def on_training_ready(self, message: TrainingReady) -> None:
        self._ready(message.session)

    def _failed(self, message: str) -> None:
        self.query_one(InputLine).ask(Text(clean(message), style="bold red"))
        self.notify(message, severity="error", timeout=10)

    def _ready(self, session: TrainingSession) -> None:
        self.session = session
        session.keys = self.keys_text()
        self.show_events(session.start())

    def key_for(self, action: str) -> str:
        """The key that runs ``action`` here (the shortest, when there are several), as the keymap has it."""
        keys = [key for key, active in self.active_bindings.items() if active.binding.action == action]
        return min(keys, key=len) if keys else ""

    def keys_text(self) -> str:
        """How to skip and end, with this screen's keys: “ctrl+n 跳过，ctrl+e 结束。”."""
        if self.walk:
            return t("ui.train.keys_walk", finish=self.key_for("finish"))
        return t("ui.train.keys", skip=self.key_for("skip"), finish=self.key_for("finish"))

    def show_events(self, events: list[Any]) -> None:
        transcript = self.query_one(Transcript)
        question = None
        for event in events:
            kind = str(event.kind)
            transcript.say(kind, event.text, event.data)
            if kind == "question":
                question = event
            elif kind == "info" and hasattr(event.data, "budget") and hasattr(event.data, "rows"):
                transcript.write(charts(event.data, max(40, transcript.size.width - 4)))  # a form's total
        line = self.query_one(InputLine)
        if question is not None and question.field is not None:
            spec = question.field
            hint = (
                t(
                    "ui.walk.hint",
                    back=ARROWS.get(self.key_for("walk_back"), self.key_for("walk_back")),
                    goto=self.key_for("walk_goto"),
                    finish=self.key_for("finish"),
                )
                if self.walk
                else t("ui.train.hint", keys=self.keys_text())
            )
            line.ask(Text(clean(question.text), style="bold"), placeholder=spec.placeholder, hint=hint)
        elif self.session is not None and self.session.done:
            over = "ui.train.over_walk" if self.walk else "ui.train.over"
            line.ask(Text(t(over, back=self.key_for("leave")), style="bold"))
        tally = self.query_one("#training-tally", Static)
        tally.update(tally_text(self.session, max(20, tally.size.width - 2) if tally.size.width else 28))
        self.refresh_bindings()

    tally_wanted = False  # f2 asked for the tally on a narrow screen

    def on_resize(self) -> None:
        self._fold_tally()

    def _fold_tally(self) -> None:
        """Below 70 columns the tally folds away (f2 shows it), as the interview's side panel does."""
        self.query_one("#training-tally", Static).display = self.size.width >= NARROW or self.tally_wanted
        self.refresh_bindings()

    def action_toggle_tally(self) -> None:
        self.tally_wanted = not self.tally_wanted
        self._fold_tally()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_tally":
            return self.size.width < NARROW
        if action.startswith("walk_"):
            return self.walk and self.session is not None
        if action in ("skip", "finish"):
            running = self.session is not None and not self.session.done
            return running and not (action == "skip" and self.walk)
        return True

    def on_input_line_submitted(self, event: InputLine.Submitted) -> None:
        event.stop()
        if self.session is None or self.session.done:
            return
        if not self.walk:
            self.query_one(Transcript).user_answer(event.value)
        self.show_events(self.session.answer(event.value))

    def action_skip(self) -> None:
        if self.session is not None and not self.session.done:
            self.show_events(self.session.skip())

    def action_finish(self) -> None:
        if self.session is not None and not self.session.done:
            self.show_events(self.session.finish())

    def action_walk_next(self) -> None:
        if self.session is not None and not self.session.done:
            self.show_events(self.session.answer(""))

    def action_walk_back(self) -> None:
        from domain.interview.walk import back

        if self.session is not None:
            self.show_events(back(self.session))

    def action_walk_goto(self) -> None:
        from tui.screens.dialogs import AskTextDialog

        if self.session is None:
            return

        def chosen(query: str | None) -> None:
            from domain.interview.walk import go_to_form

            if query:
                self.show_events(go_to_form(self.session, query))

        self.app.push_screen(AskTextDialog(t("ui.walk.goto_question", count=len(self.session.forms))), chosen)

    def action_leave(self) -> None:
        if self.standalone:
            self.app.exit(0)
        else:
            self.dismiss(None)

    def action_scroll_transcript(self, direction: int) -> None:
        transcript = self.query_one(Transcript)
        (transcript.scroll_page_down if direction > 0 else transcript.scroll_page_up)(animate=False)

    def help_text(self) -> tuple[str, str]:
        return t("ui.train.help_title"), t(
            "ui.train.help_body", skip=self.key_for("skip"), finish=self.key_for("finish")
        )

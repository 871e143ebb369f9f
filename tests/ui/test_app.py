"""The app as a whole: quitting and going home, SIGHUP, the user's keymap, NO_COLOR and themes, the fall back
to plain mode, and the key bar."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

from helpers import SEED, TO_REVIEW, session_at, settle
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import Monochrome, NoColor

from domain.interview.drafts import DraftStore
from domain.interview.session import EditSession
from tui.app import AppOptions, JixiaoApp
from tui.screens.dialogs import ChoiceDialog
from tui.screens.interview import InterviewScreen
from tui.screens.jump import JumpScreen
from tui.widgets.key_bar import KeyBar

# --- quitting and going home ----------------------------------------------------------------------------------


async def test_quit_with_unsaved_changes_asks_first(tmp_path):
    session = session_at({"header.project_name": "测试项目"}, tmp_path / "drafts", until="header.department")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("1")  # stay
        assert isinstance(app.screen, InterviewScreen)
        assert app.return_code is None
        await pilot.press("ctrl+q", "3")  # leave, the draft is kept
        assert app.return_code == 0
    assert DraftStore(tmp_path / "drafts").list()


async def test_enter_through_unchanged_fields_leaves_nothing_to_save(tmp_path):
    target = tmp_path / "form.toml"
    target.write_bytes(sorted(SEED.glob("03-*.toml"))[0].read_bytes())
    session = EditSession.open(target, DraftStore(tmp_path / "drafts"))
    app = JixiaoApp("edit", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter", "enter", "enter")
        await settle(app, pilot)
        assert session.interview.current.id == "header.year" and not session.dirty
        await pilot.press("ctrl+q")
        assert not isinstance(app.screen, ChoiceDialog)
    assert app.return_code == 0
    assert DraftStore(tmp_path / "drafts").list() == []


async def test_ctrl_c_quits_at_once_when_nothing_is_unsaved(tmp_path: Path) -> None:
    app = JixiaoApp("start")
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_c_asks_first_when_something_is_unsaved(tmp_path: Path) -> None:
    session = session_at({"header.project_name": "测试项目"}, tmp_path / "drafts", until="header.department")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+c")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("3")  # leave, the draft is kept
    assert app.return_code == 0


async def test_a_saved_form_goes_back_to_the_start_screen(tmp_path):
    from tui.screens.review import ReviewScreen
    from tui.screens.start import StartScreen
    from tui.widgets.key_bar import KeyBar

    session = session_at(TO_REVIEW, tmp_path / "drafts", until="review.save")
    session.target = tmp_path / "out.toml"
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert "^l 首页" in str(app.screen.query_one(KeyBar).render())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert (tmp_path / "out.toml").exists() and not session.dirty
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, StartScreen) and len(app.screen_stack) == 2
        assert app.session is None


async def test_going_home_with_unsaved_changes_asks_first(tmp_path):
    from tui.screens.review import ReviewScreen
    from tui.screens.start import StartScreen

    session = session_at(TO_REVIEW, tmp_path / "drafts", until="review.save")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("1")  # stay
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+l", "3")  # leave, the draft is kept
        await settle(app, pilot)
        assert isinstance(app.screen, StartScreen) and app.session is None
    assert [draft.project_name for draft in DraftStore(tmp_path / "drafts").list()] == ["测试项目"]


async def test_mid_form_the_interview_offers_no_way_home(tmp_path):
    from tui.widgets.key_bar import KeyBar

    app = JixiaoApp("new", AppOptions(drafts=str(tmp_path / "drafts")))

    async def key_bar_shows_home() -> bool:
        await settle(app, pilot)
        return "^l 首页" in str(app.screen.query_one(KeyBar).render())

    async def eventually(expected: bool) -> bool:
        for _ in range(40):  # the key bar follows the session, which loads after the first paint
            if await key_bar_shows_home() == expected:
                return True
            await pilot.pause(0.05)
        return False

    async with app.run_test() as pilot:
        assert await eventually(True)  # nothing to lose yet
        await pilot.press(*"项目", "enter")
        assert await eventually(False)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, InterviewScreen) and app.session.dirty


# --- signals --------------------------------------------------------------------------------------------------


def _read_until(fd: int, marker: bytes, timeout: float = 15.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        if time.monotonic() > deadline:
            raise AssertionError(f"never saw {marker!r}")
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def _read_until_quiet(fd: int, quiet: float = 0.4, timeout: float = 10.0) -> None:
    """Read what the app draws until it has drawn nothing for ``quiet`` seconds (it has taken the keys)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            return
        try:
            os.read(fd, 65536)
        except OSError:
            return


def test_sighup_flushes_the_draft_and_exits(tmp_path):
    """A dropped SSH connection: the app gets SIGHUP mid-form, exits, and the next start can resume, with
    the text typed but not yet submitted back in the answer line."""
    drafts = tmp_path / "drafts"
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "JIXIAO_DRAFTS": str(drafts),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    jixiao = str(Path(sys.executable).parent / "jixiao")
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(jixiao, [jixiao, "new"], env)
    try:
        _read_until(fd, "剩余分值".encode())
        os.write(fd, "断线测试项目\r".encode())
        _read_until(fd, "主管部门".encode())
        os.write(fd, "还没回车的部门".encode())
        _read_until_quiet(fd)
        os.kill(pid, signal.SIGHUP)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            finished, status = os.waitpid(pid, os.WNOHANG)
            if finished:
                break
            try:
                os.read(fd, 65536)
            except OSError:
                pass
            time.sleep(0.05)
        else:
            os.kill(pid, signal.SIGKILL)
            raise AssertionError("the app did not exit on SIGHUP")
    finally:
        os.close(fd)
    drafts_found = DraftStore(drafts).list()
    assert [draft.project_name for draft in drafts_found] == ["断线测试项目"]
    resumed = EditSession.resume(drafts_found[0].id, DraftStore(drafts))
    resumed.start()
    assert resumed.interview.evaluation.header.project_name == "断线测试项目"
    assert resumed.interview.current.id == "header.department"
    assert resumed.interview.pending == "还没回车的部门"
    assert resumed.interview.evaluation.header.department == ""


# --- the keymap -----------------------------------------------------------------------------------------------


async def test_user_keymap_remaps_by_binding_id_but_never_quit(tmp_path):
    config = tmp_path / "config" / "jixiao"
    config.mkdir(parents=True)
    (config / "keymap.toml").write_text('"interview.jump" = "ctrl+t"\n"app.quit" = "ctrl+x"\n', encoding="utf-8")
    session = session_at({"header.project_name": "测试项目"}, tmp_path / "drafts", until="header.department")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert any("ctrl+q" in problem for problem in app.keymap_problems)
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, JumpScreen)


def test_keymap_file_problems_are_reported_not_raised():
    from tui.keymap import parse_keymap

    keymap = parse_keymap(
        '[keys]\n"interview.jump" = ["ctrl+t", "f6"]\n"interview.undo" = 3\n'
        '"interview.save" = "ctrl+q"\n"app.quit" = "ctrl+x"\n'
    )
    assert keymap.keys == {"interview.jump": "ctrl+t,f6"}
    assert len(keymap.problems) == 3
    assert parse_keymap("not toml [").problems


# --- NO_COLOR and themes --------------------------------------------------------------------------------------


def test_no_color_is_honoured(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert JixiaoApp().no_color
    assert "textual-ansi" in JixiaoApp().available_themes


def _through_filters(app: JixiaoApp) -> Style:
    segments = [Segment("x", Style(color="default", bgcolor="default", bold=True))]
    for line_filter in app._filters:
        segments = line_filter.apply(segments, Color(0, 0, 0))
    return segments[0].style


def test_no_color_with_the_ansi_theme_keeps_the_terminals_colours(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("JIXIAO_THEME", "textual-ansi")
    app = JixiaoApp(options=AppOptions.from_args(object()))
    assert app.theme == "textual-ansi"
    assert any(isinstance(f, NoColor) for f in app._filters)
    assert not any(isinstance(f, Monochrome) for f in app._filters)
    style = _through_filters(app)
    assert style.color.is_default and style.bgcolor.is_default and style.bold  # not black on black


def test_no_color_alone_still_greys_the_default_theme(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = JixiaoApp(options=AppOptions.from_args(object()))
    assert any(isinstance(f, Monochrome) for f in app._filters)
    assert not any(isinstance(f, NoColor) for f in app._filters)


# --- launching ------------------------------------------------------------------------------------------------


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_launcher_falls_back_to_plain_mode():
    from argparse import Namespace

    from tui.launch import wants_plain

    terminal, pipe = _Stream(True), _Stream(False)
    xterm = {"TERM": "xterm-256color"}
    assert not wants_plain(Namespace(plain=False), xterm, terminal, terminal)
    assert wants_plain(Namespace(plain=True), xterm, terminal, terminal)
    assert wants_plain(Namespace(plain=False), {"TERM": "dumb"}, terminal, terminal)
    assert wants_plain(Namespace(plain=False), xterm, pipe, terminal)
    assert wants_plain(Namespace(plain=False), xterm, terminal, pipe)


# --- the key bar ----------------------------------------------------------------------------------------------


async def test_the_key_bars_tooltip_names_every_key_including_hidden_ones(tmp_path):
    app = JixiaoApp("new", AppOptions(drafts=str(tmp_path / "drafts")))
    async with app.run_test(size=(60, 20)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        bar = app.screen.query_one(KeyBar)
        shown = str(bar.render())
        tooltip = str(bar.tooltip)
        assert "pgup" in tooltip.lower() or "page" in tooltip.lower()  # hidden from the bar, named here
        assert "pgup" not in shown.lower()
        assert len(tooltip.splitlines()) > len([part for part in shown.split("  ") if part.strip()])

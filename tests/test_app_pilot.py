"""The full-screen assistant driven by keys at 80×24: what only the screens can show, asserted on state.

Long conversations are driven through the controller first (each key press here costs ~85 ms); the app then
opens on that session. Every test runs blind to the developer's config, drafts and theme.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import session_at
from textual.widgets import Input

from domain.interview.drafts import DraftStore
from domain.interview.session import EditSession
from tui.app import AppOptions, JixiaoApp
from tui.screens.dialogs import ChoiceDialog
from tui.screens.interview import InterviewScreen
from tui.screens.jump import JumpScreen
from tui.screens.whatif import WhatIfScreen
from tui.widgets.input_line import InputLine
from tui.widgets.transcript import Transcript

HEADER_AND_FUNDS = ["测试项目", "", "", "400000", "2020", "400000", "", "360000", "1", "", "目标", "完成"]
TO_NAME = [*HEADER_AND_FUNDS, "1", "1"]  # 产出指标 / 数量指标: the 三级 name is asked next
TO_REVIEW = [*TO_NAME, "培训人数", "1", "≥90%", "75%", "20", "参训人员临时调整", "2"]
SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed"
SEED_15 = SEED / "15-布吉登记所变配电增容工程.toml"  # 19 indicator rows




def transcript_text(app: JixiaoApp) -> str:
    return "\n".join(line.text for line in app.screen.query_one(Transcript).lines)


def transcript_prose(app: JixiaoApp) -> str:
    """The transcript's words with line breaks and box borders taken out (wrapping splits sentences)."""
    lines = (line.text.strip().strip("│").strip() for line in app.screen.query_one(Transcript).lines)
    return "".join(lines).replace("\u00a0", " ")


async def settle(app: JixiaoApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_new_form_takes_answers_literally_and_autosaves(tmp_path):
    app = JixiaoApp("new", AppOptions(drafts=str(tmp_path / "drafts")))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press(*"[red]x[/red]\x1b", "enter")
        await settle(app, pilot)
        evaluation = app.session.interview.evaluation
        assert evaluation.header.project_name == "[red]x[/red]"
        assert app.session.interview.current.id == "header.department"
        assert "› [red]x[/red]" in transcript_text(app).replace("\u00a0", " ")
        assert app.session.dirty
        assert len(DraftStore(tmp_path / "drafts").list()) == 1


async def test_indicator_suggestions_are_picked_with_arrows_and_enter(tmp_path):
    session = session_at(TO_NAME, tmp_path / "drafts")
    assert session.interview.current.id == "indicators[0].name"
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press(*"pxrc")
        await settle(app, pilot)
        line = app.screen.query_one(InputLine)
        assert line.offers, "typing pinyin initials offers catalogue names"
        first = line.offers[0].value
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert session.interview.evaluation.indicators[0].name == first


async def test_score_explanation_back_jump_and_undo(tmp_path):
    session = session_at([*TO_NAME, "培训人数", "1", "≥90%", "75%"], tmp_path / "drafts")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("2", "0", "enter")
        await settle(app, pilot)
        assert "得分=20×75%÷90%=16.67，扣3.33分" in transcript_prose(app).replace(" ", "")
        interview = session.interview
        assert interview.current.id == "indicators[0].deviation_reason"
        await pilot.press("ctrl+b")
        assert interview.current.id == "indicators[0].weight"
        await pilot.press("ctrl+z")
        assert interview.evaluation.indicators[0].weight == 0
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, JumpScreen)
        await pilot.press(*"项目名称", "enter")
        assert interview.current.id == "header.project_name"


async def test_quit_with_unsaved_changes_asks_first(tmp_path):
    session = session_at(["测试项目"], tmp_path / "drafts")
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


async def test_save_never_overwrites_a_file_changed_on_disk_without_asking(tmp_path):
    source = Path(__file__).parent.parent / "fixtures" / "seed" / "01-互联网+不动产登记强隔离安全交换平台.toml"
    target = tmp_path / "form.toml"
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    session = EditSession.open(target, DraftStore(tmp_path / "drafts"))
    session.start()
    session.interview.answer("新名称")
    target.write_text(target.read_text(encoding="utf-8") + "\n# changed by someone else\n", encoding="utf-8")
    changed = target.read_text(encoding="utf-8")
    app = JixiaoApp("edit", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ChoiceDialog)
        assert target.read_text(encoding="utf-8") == changed
        await pilot.press("2")  # overwrite, now that the user has said so
        await settle(app, pilot)
        assert "新名称" in target.read_text(encoding="utf-8")
        assert not session.dirty


async def test_user_keymap_remaps_by_binding_id_but_never_quit(tmp_path):
    config = tmp_path / "config" / "jixiao"
    config.mkdir(parents=True)
    (config / "keymap.toml").write_text('"interview.jump" = "ctrl+t"\n"app.quit" = "ctrl+x"\n', encoding="utf-8")
    session = session_at(["测试项目"], tmp_path / "drafts")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert any("ctrl+q" in problem for problem in app.keymap_problems)
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, JumpScreen)


async def test_whatif_calculator_updates_on_every_change():
    app = JixiaoApp("whatif")
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, WhatIfScreen)
        await pilot.press("down", "2", "0", "down", *"90%", "down", *"75%")  # focus starts on the name
        result = str(app.screen.query_one("#whatif-result").render())
        assert "得分 16.67（分值 20，扣 3.33 分）" in result
        await pilot.press("backspace", "backspace", "backspace", *"95%")
        assert "得分 20" in str(app.screen.query_one("#whatif-result").render())


def test_no_color_is_honoured(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert JixiaoApp().no_color
    assert "textual-ansi" in JixiaoApp().available_themes


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
    env = {**os.environ, "TERM": "xterm-256color", "JIXIAO_DRAFTS": str(drafts),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
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


async def test_whatif_from_review_changes_the_form_only_when_confirmed(tmp_path):
    from tui.screens.review import ReviewScreen

    session = session_at([*TO_NAME, "培训人数", "1", "≥90%", "75%", "20", "参训人员临时调整", "2"], tmp_path / "drafts")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        row = session.interview.evaluation.indicators[0]
        await pilot.press("w", "down", "down", "ctrl+e", "backspace", "backspace", "backspace", *"85%")
        assert "27.89" in str(app.screen.query_one("#whatif-result").render())
        await pilot.press("ctrl+b")  # leave without applying
        assert row.actual_text == "75%"
        await pilot.press("w", "down", "down", "ctrl+e", "backspace", "backspace", "backspace", *"85%", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert session.interview.evaluation.indicators[0].actual_text == "85%"
        assert session.interview.scored().total == Decimal("27.89")


async def test_a_choice_answer_is_echoed_by_what_was_chosen(tmp_path):
    session = session_at(HEADER_AND_FUNDS[:8], tmp_path / "drafts")
    assert session.interview.current.id == "funds.sources"
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("3")  # a digit picks at once, as on the start screen and in dialogs
        await settle(app, pilot)
        text = transcript_text(app).replace("\u00a0", " ")
        assert "› 全部是其他资金（其余两项为 0）" in text and "› 3" not in text
        assert session.interview.current.id == "funds.weight"


async def test_a_resumed_draft_puts_the_typed_text_back_unsubmitted(tmp_path):
    drafts = tmp_path / "drafts"
    first = session_at(HEADER_AND_FUNDS[:8], drafts)
    app = JixiaoApp("new", session=first)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        answer = app.screen.query_one(InputLine).query_one("#answer", Input)
        with answer.prevent(Input.Changed):  # typed but not sent (a digit alone would pick at once)
            answer.value = "3"
        app.flush_session()  # what SIGHUP does: the typed text goes into the draft with the answers
    resumed = EditSession.resume(first.draft_id, DraftStore(drafts))
    app = JixiaoApp("new", session=resumed)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        line = app.screen.query_one(InputLine)
        assert line.value == "3"
        assert "已放回" in str(line.query_one("#field-hint").render())
        assert resumed.interview.current.id == "funds.sources"  # not answered until enter
        assert [offer.value for offer in line.offers] == ["3"]
        await pilot.press("enter")
        await settle(app, pilot)
        assert resumed.interview.evaluation.funds.other.annual_budget == Decimal(400000)


def test_jump_filter_takes_row_numbers():
    from domain.interview.controller import Interview
    from domain.record.storage import load_evaluation
    from tui.screens.jump import filter_fields

    evaluation = load_evaluation(SEED_15)
    fields = Interview(evaluation).fields()
    row_four = [state.spec.id for state in fields if state.spec.row == 3]
    assert filter_fields(fields, "4") == filter_fields(fields, " 4. ") == filter_fields(fields, "4、")
    assert [state.spec.id for state in filter_fields(fields, "4")] == row_four
    assert [state.spec.id for state in filter_fields(fields, "4. 分值")] == ["indicators[3].weight"]
    assert [state.spec.id for state in filter_fields(fields, "14.分值")] == ["indicators[13].weight"]
    assert "header.year" in {state.spec.id for state in filter_fields(fields, "2020")}  # no row 2020: words
    assert filter_fields(fields, "") == fields


async def test_jump_list_shows_a_row_s_fields_by_its_number(tmp_path):
    session = EditSession.open(SEED_15, DraftStore(tmp_path / "drafts"), target=tmp_path / "out.toml")
    app = JixiaoApp("edit", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+g", "4", ".")
        jump = app.screen
        assert isinstance(jump, JumpScreen)
        assert {state.spec.row for state in jump.shown} == {3}
        assert str(jump.query_one("#jump-list").get_option_at_index(0).prompt).strip().startswith("4. ")
        await pilot.press("enter")
        assert session.interview.current.id == "indicators[3].level1"


def test_wrapped_hints_hang_under_their_text():
    from rich.console import Console
    from rich.text import Text

    from tui.display import Wrapped

    console = Console(width=16, record=True, color_system=None)
    console.print(Wrapped(Text("\u00a0\u00a0指标库：硬件配置完成率，正向（越高越好）"), hang=2))
    console.print(Wrapped(Text("›\u00a0第一行\n第二行"), hang=2))
    lines = console.export_text().replace("\u00a0", " ").splitlines()
    assert lines == ["  指标库：硬件配", "  置完成率，正向", "  （越高越好）", "› 第一行", "  第二行"]


async def test_review_page_follows_the_row_cursor(tmp_path):
    from textual.widgets import DataTable

    from tui.screens.review import ReviewScreen

    session = EditSession.open(SEED_15, DraftStore(tmp_path / "drafts"), target=tmp_path / "out.toml")
    app = JixiaoApp("edit", session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        body = review.query_one("#review-body")
        table = review.query_one(DataTable)
        assert body.scroll_y == 0  # the page opens at its title

        def cursor_visible() -> bool:
            y = table.virtual_region.y + table.header_height + table.cursor_row
            return body.scroll_y <= y < body.scroll_y + body.scrollable_content_region.height

        for _ in range(12):
            await pilot.press("down")
        await pilot.pause()
        assert table.cursor_row == 12 and cursor_visible() and body.scroll_y > 0
        table.move_cursor(row=0)  # as the up key does, without twelve more key presses
        await pilot.pause()
        assert table.cursor_row == 0 and cursor_visible() and body.scroll_y < table.virtual_region.y


async def test_a_saved_form_goes_back_to_the_start_screen(tmp_path):
    from tui.screens.review import ReviewScreen
    from tui.screens.start import StartScreen
    from tui.widgets.key_bar import KeyBar

    session = session_at(TO_REVIEW, tmp_path / "drafts")
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

    session = session_at(TO_REVIEW, tmp_path / "drafts")
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


async def test_training_by_keys_tallies_and_sums_up():
    from tui.screens.training import TrainingScreen

    form = sorted(SEED.glob("*.toml"))[0]
    app = JixiaoApp("train", AppOptions(train_path=str(form)))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, TrainingScreen)
        await pilot.press(*"9.8", "enter")  # the budget row: 10 × 0.98
        await pilot.press(*"20", "enter")  # row 1 is 16.67
        await pilot.press("ctrl+n")  # row 2 skipped
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        session = app.screen.session
        assert (session.tally.correct, session.tally.wrong, session.tally.skipped) == (1, 1, 1)
        assert session.done
        prose = transcript_prose(app).replace(" ", "")  # wrapping may fall on a space
        assert "›9.8·正确：9.80分。" in prose
        assert "›20!不对：您答20分，正确得分是16.67分。" in prose
        assert "·已跳过：正确得分是5.00。" in prose
        assert prose.endswith("✓练习结束：答对1/2题，跳过1题，正确率50%。")
        tally = str(app.screen.query_one("#training-tally").render())
        assert "答对 1" in tally and "答错 1" in tally and "跳过 1" in tally
        assert "练习结束" in str(app.screen.query_one(InputLine).query_one("#prompt").render())


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


def test_keymap_file_problems_are_reported_not_raised():
    from tui.keymap import parse_keymap

    keymap = parse_keymap('[keys]\n"interview.jump" = ["ctrl+t", "f6"]\n"interview.undo" = 3\n'
                          '"interview.save" = "ctrl+q"\n"app.quit" = "ctrl+x"\n')
    assert keymap.keys == {"interview.jump": "ctrl+t,f6"}
    assert len(keymap.problems) == 3
    assert parse_keymap("not toml [").problems


async def test_typing_replaces_a_shown_default_and_enter_keeps_it(tmp_path):
    form = sorted(SEED.glob("01-*.toml"))[0]
    app = JixiaoApp("edit", AppOptions(drafts=str(tmp_path / "drafts"), file=str(form)))
    async with app.run_test() as pilot:
        for _ in range(100):
            if app.session is not None:
                break
            await pilot.pause(0.05)
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press(*"新部门", "enter")
        await settle(app, pilot)
        header = app.session.interview.evaluation.header
        assert header.project_name == "“互联网+不动产登记”强隔离安全交换平台"
        assert header.department == "新部门"


# --- answers typed before the form has loaded ------------------------------------------------------------


@pytest.fixture
def slow_start(monkeypatch):
    """The session is built only when the test opens this gate, as on a slow machine."""
    import threading

    import tui.screens.interview_loading as interview_loading

    gate = threading.Event()
    build = interview_loading.load_session

    def gated(*args, **kwargs):
        gate.wait(20)
        return build(*args, **kwargs)

    monkeypatch.setattr(interview_loading, "load_session", gated)
    yield gate
    gate.set()


def post_keys(app: JixiaoApp, keys: list[str]) -> None:
    """Keys arriving all at once, as a fast typist's or a paste's do (Pilot.press waits after each key)."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_text_typed_before_the_form_loads_is_kept_and_answers_replayed_in_order(tmp_path, slow_start):
    app = JixiaoApp("new", AppOptions(drafts=str(tmp_path / "drafts")))
    async with app.run_test() as pilot:
        await pilot.pause()
        line = app.screen.query_one(InputLine)
        await pilot.press(*"快速项目", "enter", *"部门乙", "enter", *"实施")
        assert app.session is None and line.value == "实施"
        assert "已记下 2 个回答" in str(line.query_one("#prompt").render())
        slow_start.set()
        await settle(app, pilot)
        header = app.session.interview.evaluation.header
        assert (header.project_name, header.department, header.implementer) == ("快速项目", "部门乙", "")
        assert app.session.interview.current.id == "header.implementer"
        assert line.value == "实施"  # the start of the next answer, still there
        text = transcript_text(app).replace("\u00a0", " ")
        assert "› 快速项目" in text and "› 部门乙" in text and "不能为空" not in text


async def test_keys_arriving_at_once_each_go_into_their_own_answer(tmp_path, slow_start):
    app = JixiaoApp("new", AppOptions(drafts=str(tmp_path / "drafts")))
    async with app.run_test() as pilot:
        await pilot.pause()
        # ctrl+j: what enter arrives as when pressed before the terminal has left line mode
        post_keys(app, [*"快速项目", "ctrl+j", *"部门乙", "enter", *"实施"])
        await pilot.pause()
        slow_start.set()
        await settle(app, pilot)
        header = app.session.interview.evaluation.header
        assert (header.project_name, header.department) == ("快速项目", "部门乙")
        assert app.screen.query_one(InputLine).value == "实施"
        post_keys(app, ["enter", *"40万", "enter", *"2020", "enter"])
        await settle(app, pilot)
        assert header.implementer == "实施" and header.project_amount == Decimal(400000) and header.year == 2020


async def test_enter_takes_the_text_typed_before_it_not_after(tmp_path):
    session = session_at([], tmp_path / "drafts")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        post_keys(app, [*"快速项目", "enter", *"部门乙", "enter"])
        await settle(app, pilot)
        header = session.interview.evaluation.header
        assert (header.project_name, header.department) == ("快速项目", "部门乙")  # not both "快速项目部门乙"


# --- the review and back -----------------------------------------------------------------------------------


async def test_back_from_the_review_at_the_end_shows_the_save_question(tmp_path):
    from tui.screens.review import ReviewScreen

    session = session_at(TO_REVIEW, tmp_path / "drafts")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)  # reaching the save question opens the review
        await pilot.press("ctrl+b")
        await settle(app, pilot)
        assert isinstance(app.screen, InterviewScreen)  # and ctrl+b closes it, for good
        assert session.interview.current.id == "review.save"
        assert transcript_prose(app).endswith("? 检查无误，保存吗？")
        await pilot.press("ctrl+b")
        assert session.interview.current.id == "loop.more" and isinstance(app.screen, InterviewScreen)


async def test_unsent_text_survives_a_trip_to_the_review(tmp_path):
    from tui.screens.review import ReviewScreen

    session = session_at(["测试项目"], tmp_path / "drafts")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press(*"写了一半", "ctrl+r")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+b")
        await settle(app, pilot)
        line = app.screen.query_one(InputLine)
        assert line.value == "写了一半" and session.interview.current.id == "header.department"
        await pilot.press(*"的", "enter")
        await settle(app, pilot)
        assert session.interview.evaluation.header.department == "写了一半的"


async def test_after_edit_from_the_review_a_jump_returns_where_it_started(tmp_path):
    from tui.screens.review import ReviewScreen

    session = session_at(TO_REVIEW, tmp_path / "drafts")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("e")  # edit row 1: its name
        await settle(app, pilot)
        assert session.interview.current.id == "indicators[0].name"
        await pilot.press("ctrl+g", *"主管部门", "enter")
        await settle(app, pilot)
        assert session.interview.current.id == "header.department"
        await pilot.press(*"另一个局", "enter")
        await settle(app, pilot)
        assert session.interview.current.id == "indicators[0].name"  # where that jump started
        assert isinstance(app.screen, InterviewScreen) and not isinstance(app.screen, ReviewScreen)


def qualitative_session(drafts: Path) -> EditSession:
    session = session_at([*HEADER_AND_FUNDS, "满意度指标", "", "群众满意度", "满意", "满意", "10", "", "y",
                          "", "", "硬件配置完成率", "90%", "90%", "80"], drafts)
    assert session.interview.current.id == "loop.more"
    session.interview.answer("")
    assert session.interview.current.id == "review.save"
    return session


async def test_a_what_if_judged_score_is_applied_or_reported_never_dropped(tmp_path):
    from domain.interview.whatif import Tried, WhatIf
    from tui.screens.review import ReviewScreen

    session = qualitative_session(tmp_path / "drafts")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        review.apply_whatif(WhatIf.for_row(session.interview, 0), Tried("10", "满意", "满意", "", "9"))
        await settle(app, pilot)
        rows = session.interview.evaluation.indicators
        assert rows[0].judged_score == Decimal(9) and session.interview.row_result(0).score == Decimal(9)
        review.apply_whatif(WhatIf.for_row(session.interview, 1), Tried("80", "90%", "90%", "", "70"))  # a formula row takes no judged score
        await settle(app, pilot)
        assert rows[1].judged_score is None
        messages = [notification.message for notification in app._notifications]
        assert messages == ["第 1 行已按试算的值修改。", "第 2 行的“评定得分”没有改成试算的值。"]
        assert session.interview.current.id == "review.save"  # applying moved nothing


# --- quitting, and the wording of what is shown ------------------------------------------------------------


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


async def test_a_direction_to_decide_low_execution_and_examples_are_said_once_and_plainly(tmp_path):
    answers = ["测试项目", "", "", "400000", "2020", "400000", "", "300000", "1", "", "", "目标", "完成",
               "1", "4", "经费节约率", "节约5%以内", "1%"]
    session = session_at(answers[:9], tmp_path / "drafts")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        hint = str(app.screen.query_one(InputLine).query_one("#field-hint").render())
        assert "例：" not in hint  # the hint under a shown default
        await pilot.press("enter")  # 分值 10: the budget row is scored, 75% < 90%
        await settle(app, pilot)
        assert transcript_prose(app).count("执行率低于 90%，需说明原因") == 1
        for answer in answers[10:]:
            session.interview.answer(answer)
        app.screen.show_events(session.interview.answer("10"))
        prose = transcript_prose(app)
        assert "待定：计分方向" in prose and "计分方向待定" in prose
        assert "请在 0–10 分之间评定" not in prose and "待评定" not in prose

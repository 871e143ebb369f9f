"""The interview screen at 80×24: answers taken literally, suggestions, echoes, scores explained, back, jump
and undo, typed text kept across a resume, keys typed before the form loads, and the side panel.

Long conversations are driven through the controller first (each key press costs ~85 ms); the app then
opens on that session.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from helpers import (
    HEADER_AND_FUNDS,
    ONE_ROW,
    SEED,
    SEED_03,
    SIZE,
    TO_NAME,
    fill,
    lines_from,
    session_at,
    settle,
    settle_twice,
    transcript_prose,
    transcript_text,
)
from textual.widgets import Input, OptionList, Static

from domain.interview.drafts import DraftStore
from domain.interview.session import EditSession
from tui.app import AppOptions, JixiaoApp
from tui.screens.interview import InterviewScreen
from tui.screens.jump import JumpScreen
from tui.widgets.input_line import InputLine
from tui.widgets.side_panel import SidePanel, form_lines
from tui.widgets.transcript import Transcript

# --- answers, echoes and explanations -------------------------------------------------------------------------


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
    session = session_at(TO_NAME, tmp_path / "drafts", until="indicators[0].name")
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
    session = session_at(ONE_ROW, tmp_path / "drafts", until="indicators[0].weight")
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


async def test_a_choice_answer_is_echoed_by_what_was_chosen(tmp_path):
    session = session_at(HEADER_AND_FUNDS, tmp_path / "drafts", until="funds.sources")
    assert session.interview.current.id == "funds.sources"
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("3")  # a digit picks at once, as on the start screen and in dialogs
        await settle(app, pilot)
        text = transcript_text(app).replace("\u00a0", " ")
        assert "› 全部是其他资金（其余两项为 0）" in text and "› 3" not in text
        assert session.interview.current.id == "funds.weight"


def _transcript(app: JixiaoApp) -> str:
    return "\n".join(line.text for line in app.screen.query_one(Transcript).lines).replace("\u00a0", " ")


async def test_an_empty_enter_echoes_kept_or_skipped_not_enter(tmp_path: Path) -> None:
    session = session_at({"header.project_name": "测试项目"}, tmp_path / "drafts", until="header.department")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # 主管部门, optional, nothing to keep
        await pilot.pause()
        text = _transcript(app)
        assert "› （跳过，留空）" in text and "（回车）" not in text


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


async def test_a_direction_to_decide_low_execution_and_examples_are_said_once_and_plainly(tmp_path):
    answers = {
        **HEADER_AND_FUNDS,
        "funds.total.executed": "300000",
        "indicators[0].level1": "1",
        "indicators[0].level2": "4",
        "indicators[0].name": "经费节约率",
        "indicators[0].target_text": "节约5%以内",
        "indicators[0].actual_text": "1%",
    }
    session = session_at(answers, tmp_path / "drafts", until="funds.weight")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        hint = str(app.screen.query_one(InputLine).query_one("#field-hint").render())
        assert "例：" not in hint  # the hint under a shown default
        await pilot.press("enter")  # 分值 10: the budget row is scored, 75% < 90%
        await settle(app, pilot)
        assert transcript_prose(app).count("执行率低于 90%，需说明原因") == 1
        fill(session.interview, answers, until="indicators[0].weight")
        app.screen.show_events(session.interview.answer("10"))
        prose = transcript_prose(app)
        assert "待定：计分方向" in prose and "计分方向待定" in prose
        assert "请在 0–10 分之间评定" not in prose and "待评定" not in prose


def test_wrapped_hints_hang_under_their_text():
    from rich.console import Console
    from rich.text import Text

    from tui.display import Wrapped

    console = Console(width=16, record=True, color_system=None)
    console.print(Wrapped(Text("\u00a0\u00a0指标库：硬件配置完成率，正向（越高越好）"), hang=2))
    console.print(Wrapped(Text("›\u00a0第一行\n第二行"), hang=2))
    lines = console.export_text().replace("\u00a0", " ").splitlines()
    assert lines == ["  指标库：硬件配", "  置完成率，正向", "  （越高越好）", "› 第一行", "  第二行"]


async def test_a_resumed_draft_puts_the_typed_text_back_unsubmitted(tmp_path):
    drafts = tmp_path / "drafts"
    first = session_at(HEADER_AND_FUNDS, drafts, until="funds.sources")
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


# --- answers typed before the form has loaded, and keys arriving at once --------------------------------------


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
    session = session_at({}, tmp_path / "drafts", until="header.project_name")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        post_keys(app, [*"快速项目", "enter", *"部门乙", "enter"])
        await settle(app, pilot)
        header = session.interview.evaluation.header
        assert (header.project_name, header.department) == ("快速项目", "部门乙")  # not both "快速项目部门乙"


async def test_a_late_change_of_the_last_answer_does_not_hide_the_next_question_s_choices(tmp_path):
    """Keys sent fast (a pasted line, a slow link) can deliver the typed text's change after the answer was
    taken; the next question's choices must stay on screen."""
    from tui.widgets.input_line import InputLine

    app = JixiaoApp("new", AppOptions(drafts=str(tmp_path / "drafts")))
    async with app.run_test() as pilot:
        for _ in range(100):
            if isinstance(app.screen, InterviewScreen) and app.screen.interview is not None:
                break
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        typed = {"header.project_name": "p", "funds.total.initial_budget": "100", "funds.total.executed": "90"}
        for answer in lines_from(app.screen.interview, typed, until="funds.sources"):
            await pilot.press(*answer, "enter")
            await pilot.pause()
        line = app.screen.query_one(InputLine)
        assert app.screen.interview.current.id == "funds.sources"
        line.post_message(InputLine.Changed("90"))  # the stale change of the answer just given
        await pilot.pause()
        suggestions = line.query_one("#suggestions", OptionList)
        assert suggestions.display and suggestions.option_count == 4


# --- the side panel -------------------------------------------------------------------------------------------


def test_the_current_rows_line_is_known(tmp_path):
    session = EditSession.open(SEED_03, DraftStore(tmp_path / "drafts"))
    session.start()
    lines, current = form_lines(session.interview, 12)
    assert current is not None and lines[current].plain.startswith("▶13 权利人对附图")
    assert lines[current - 3].plain.startswith(" 10 有利于权利人")  # numbers line up under each other
    assert form_lines(session.interview, None)[1] is None


async def test_the_panel_keeps_the_total_in_sight_and_follows_the_current_row(tmp_path):
    session = EditSession.open(SEED_03, DraftStore(tmp_path / "drafts"))
    session.start()
    session.interview.jump("indicators[12].actual_text")
    app = JixiaoApp("edit", session=session)
    async with app.run_test(size=SIZE) as pilot:
        await settle_twice(app, pilot)
        panel = app.screen.query_one(SidePanel)
        totals = panel.query_one("#panel-totals", Static)
        shown = str(totals.render())
        assert ("总分" in shown or "已计得分" in shown) and "剩余分值" in shown
        assert panel.region.contains_region(totals.region) and totals.region.bottom <= SIZE[1]
        body = panel.query_one("#panel-body")
        _, line = form_lines(session.interview, 12)
        assert body.scroll_y > 0
        assert body.scroll_y <= line < body.scroll_y + body.scrollable_content_region.height
        app.screen.show_events(session.interview.jump("header.project_name"))
        await settle_twice(app, pilot)
        assert body.scroll_y == 0

"""The side panel at 80×24, the what-if calculator, NO_COLOR with the ANSI theme, training keys and wording,
the jump list's close key and the start menu's numbers: each as a user meets it."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import session_at
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import Monochrome, NoColor
from textual.widgets import Input, Label, OptionList, Select, Static

from domain.interview.controller import EventKind
from domain.interview.drafts import DraftStore
from domain.interview.session import EditSession
from domain.interview.training import TrainingSession
from domain.interview.whatif import RowStart, Tried, WhatIf
from domain.record.models import Direction, Evaluation, FundsRow, Header, IndicatorRow
from tui.app import AppOptions, JixiaoApp
from tui.cells import cell_width
from tui.screens.interview import InterviewScreen
from tui.screens.jump import JumpScreen
from tui.screens.start import StartScreen
from tui.screens.training import TrainingScreen
from tui.screens.whatif import CatalogueSuggester, WhatIfScreen, label_cells
from tui.widgets.input_line import InputLine
from tui.widgets.key_bar import KeyBar
from tui.widgets.side_panel import SidePanel, form_lines

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed"
SEED_03 = SEED / "03-2020-2021年度不动产权证书附图制作.toml"  # 13 indicator rows
HEADER_AND_FUNDS = ["测试项目", "", "", "400000", "2020", "400000", "", "360000", "1", "", "目标", "完成"]
ONE_ROW = [*HEADER_AND_FUNDS, "1", "1", "培训人数", "1", "≥90%", "75%", "20"]
SIZE = (80, 24)


def write_keymap(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "config" / "jixiao"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "keymap.toml").write_text(text, encoding="utf-8")




async def settle(app: JixiaoApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def key_bar(app: JixiaoApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


# --- 1. the side panel ------------------------------------------------------------------------------


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
        await settle(app, pilot)
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
        await settle(app, pilot)
        assert body.scroll_y == 0


# --- 2, 4, 6. the what-if calculator -------------------------------------------------------------


async def test_up_and_down_move_between_fields_and_the_direction_list_opens_with_enter():
    app = JixiaoApp("whatif")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, WhatIfScreen) and screen.focused.id == "wi-name"  # the name comes first
        await pilot.press("down")
        assert screen.focused.id == "wi-weight"
        await pilot.press("up")
        assert screen.focused.id == "wi-name"
        await pilot.press("down", "down", "down", "down")
        direction = screen.query_one("#wi-direction", Select)
        assert screen.focused is direction and not direction.expanded
        await pilot.press("down")
        assert screen.focused.id == "wi-judged" and not direction.expanded
        await pilot.press("up", "enter")
        assert direction.expanded
        await pilot.press("down", "down", "enter")  # inside the open list, down picks the next direction
        assert not direction.expanded and direction.value == "reverse"
        assert screen.focused is direction
        assert "tab / shift+tab" in screen.help_text()[1]


async def test_the_indicator_name_gives_the_catalogue_direction():
    app = JixiaoApp("whatif")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        for name, value in (("weight", "10"), ("target", "节约5%以内"), ("actual", "8%")):
            screen.query_one(f"#wi-{name}", Input).value = value
        await pilot.pause()
        result = str(screen.query_one("#whatif-result").render())
        assert "得分 4.00（分值 10，扣 6.00 分）" in result  # no name: the wording alone says reverse
        assert "没填指标名称" in str(screen.query_one("#wi-name-status").render())
        screen.query_one("#wi-name", Input).value = "经费节约率"
        await pilot.pause()
        result = str(screen.query_one("#whatif-result").render())
        assert "得分待评定（0–10 分，分值 10）" in result  # as the form and `jixiao whatif --indicator` say
        assert "指标库中该指标为正向" in result.replace("\n", "")
        assert "按指标库中的“经费节约率”判断方向" in str(screen.query_one("#wi-name-status").render())
        screen.query_one("#wi-name", Input).value = "没有这个指标的名字"
        await pilot.pause()
        assert "指标库中找不到" in str(screen.query_one("#wi-name-status").render())


async def test_without_a_name_the_note_says_no_name_was_given():
    app = JixiaoApp("whatif")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        for name, value in (("weight", "20"), ("target", "90%"), ("actual", "75%")):
            screen.query_one(f"#wi-{name}", Input).value = value
        await pilot.pause()
        result = str(screen.query_one("#whatif-result").render()).replace("\n", "")
        assert "也没有填指标名称：按正向（越高越好）计分" in result
        assert "指标库中也没有该指标" not in result and "也没有对应的指标库条目" not in result


async def test_from_a_row_the_name_is_the_rows_and_fixed():
    start = RowStart(0, "经费节约率", Tried("10", "节约5%以内", "8%"), None, Decimal(80))
    baseline = WhatIf(start=start, catalogue_direction=Direction.POSITIVE)
    app = JixiaoApp("whatif")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.push_screen(WhatIfScreen(baseline))
        await settle(app, pilot)
        screen = app.screen
        assert not screen.query("#wi-name")
        assert str(screen.query_one("#wi-name-fixed").render()) == "经费节约率"
        assert "得分待评定" in str(screen.query_one("#whatif-result").render())
        await pilot.press("up")  # the fixed name is not a field to stop on
        assert screen.focused.id != "wi-name-fixed"


def test_catalogue_completion_of_a_name():
    from domain.catalogue.matching import default_matcher

    suggester = CatalogueSuggester()
    assert asyncio.run(suggester.get_suggestion("经费节")) is None  # quiet until the catalogue is loaded
    suggester.matcher = default_matcher()
    assert asyncio.run(suggester.get_suggestion("经费节")) == "经费节约率"
    assert asyncio.run(suggester.get_suggestion("经费节约率")) is None
    assert asyncio.run(suggester.get_suggestion("")) is None


async def test_every_label_fits_its_column():
    assert label_cells() >= cell_width("分值（默认 10）") == 15
    app = JixiaoApp("whatif")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for _ in range(2):  # the indicator fields, then the budget fields
            labels = [label for label in app.screen.query(Label) if label.display and str(label.render())]
            assert labels
            for label in labels:
                assert label.region.width >= cell_width(str(label.render())), str(label.render())
            await pilot.press("ctrl+t")
            await pilot.pause()


# --- 3. NO_COLOR with the ANSI theme ----------------------------------------------------------------


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


# --- 5. training wording and keys ---------------------------------------------------------------------


def _form() -> Evaluation:
    form = Evaluation(header=Header(project_name="练习项目", department="练习局"))
    form.funds.total = FundsRow(initial_budget=Decimal(360000), annual_budget=Decimal(360000),
                                executed=Decimal(351000))
    form.indicators = [
        IndicatorRow(level2="数量指标", name="硬件配置完成", target_text="90%", actual_text="75%", weight=Decimal(20)),
        IndicatorRow(level2="满意度指标", name="使用人员满意度", target_text="满意", actual_text="基本满意",
                     weight=Decimal(16)),
    ]
    return form


def texts(events, kind) -> list[str]:
    return [event.text for event in events if event.kind is kind]


def test_walk_mode_counts_what_was_shown_and_skipping_just_moves_on():
    session = TrainingSession([("练习", _form())], walk=True)
    session.start()
    events = session.skip()
    assert not any("已跳过" in event.text for event in events)
    assert len(texts(events, EventKind.EXPLANATION)) == 1 and "16.67" in texts(events, EventKind.EXPLANATION)[0]
    events = session.answer("")
    assert texts(events, EventKind.HINT) == ["这一行需要评定：由评价人在 9.6–12.8 分之间评定。"]
    assert session.answer("q")[-1].text == "讲解结束：看过 3 / 3 行。"
    assert session.tally.skipped == 0


def test_an_empty_training_answer_asks_for_a_score():
    session = TrainingSession([("练习", _form())])
    session.start()
    events = session.answer("  ")
    assert events[0].kind is EventKind.ERROR and events[0].text == "请输入得分。"
    assert session.current.id == "train.0.budget" and session.tally.seen == 0


def test_the_training_intro_names_the_keys_it_is_given():
    session = TrainingSession([("练习", _form())], keys="ctrl+n 跳过，ctrl+e 结束。")
    assert session.start()[0].text.endswith("请自己算出每一行的得分。ctrl+n 跳过，ctrl+e 结束。")
    plain = TrainingSession([("练习", _form())])
    assert plain.start()[0].text.endswith("输入 s 跳过，q 结束。")
    walk = TrainingSession([("练习", _form())], walk=True, keys="ctrl+e 结束")
    assert walk.start()[-1].text == "回车看下一行（ctrl+e 结束）"


async def test_walk_mode_on_screen_offers_only_the_keys_that_work(tmp_path):
    app = JixiaoApp("train", AppOptions(train_path=str(min(SEED.glob("*.toml"))), walk=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, TrainingScreen)
        bar = key_bar(app)
        assert "^e 结束" in bar and "跳过" not in bar
        assert "第 1 / 7 行" in str(screen.query_one("#training-tally").render())
        assert "ctrl+e 结束" in str(screen.query_one(InputLine).query_one("#prompt").render())
        await pilot.press("ctrl+n")  # in walk mode: the next row
        assert screen.session.position == 1
        await pilot.press("enter", "ctrl+e")
        await pilot.pause()
        assert screen.session.done and screen.session.tally.seen == 3
        bar = key_bar(app)
        assert "结束" not in bar and "跳过" not in bar
        assert "讲解结束" in str(screen.query_one(InputLine).query_one("#prompt").render())


async def test_practice_on_screen_names_the_keymaps_keys(tmp_path):
    write_keymap(tmp_path, '[keys]\n"training.skip" = "ctrl+k"\n')
    app = JixiaoApp("train", AppOptions(train_path=str(min(SEED.glob("*.toml")))))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        intro = screen.session.start()[0].text
        assert intro.endswith("ctrl+k 跳过，ctrl+e 结束。")
        assert "ctrl+k 跳过一行，ctrl+e 结束并看汇总" in screen.help_text()[1]
        assert "输入 s" not in intro


# --- 7. the jump list's close key ----------------------------------------------------------------


@pytest.mark.parametrize("keymap, key", [("", "ctrl+g"), ('[keys]\n"interview.jump" = "ctrl+t"\n', "ctrl+t")])
async def test_the_jump_key_also_closes_the_jump_list(tmp_path, keymap, key):
    if keymap:
        write_keymap(tmp_path, keymap)
    app = JixiaoApp("new", session=session_at(ONE_ROW, tmp_path / "drafts"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(key)
        assert isinstance(app.screen, JumpScreen)
        assert f"{key} 关闭" in str(app.screen.query_one("#jump-hint").render())
        await pilot.press(key)
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press(key, "escape")
        assert isinstance(app.screen, InterviewScreen)


# --- 8. the start menu's numbers -----------------------------------------------------------------


@pytest.mark.parametrize("drafts", [False, True])
async def test_start_menu_numbers_do_not_depend_on_drafts(tmp_path, drafts):
    if drafts:
        session_at(["草稿项目"], tmp_path / "drafts")
    app = JixiaoApp("start")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        menu = app.screen.query_one(OptionList)
        prompts = [str(menu.get_option_at_index(index).prompt) for index in range(menu.option_count)]
        assert prompts[0].startswith("1. 继续未完成的草稿") and prompts[3] == "4. 单项试算（指标或预算执行率）"
        assert menu.get_option_at_index(0).disabled is not drafts
        assert menu.highlighted == (0 if drafts else 1)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) is not drafts
        if drafts:
            app.pop_screen()
            await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, WhatIfScreen)


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
        for answer in ["p", "", "", "", "", "100", "", "90"]:
            await pilot.press(*answer, "enter")
            await pilot.pause()
        line = app.screen.query_one(InputLine)
        assert app.screen.interview.current.id == "funds.sources"
        line.post_message(InputLine.Changed("90"))  # the stale change of the answer just given
        await pilot.pause()
        suggestions = line.query_one("#suggestions", OptionList)
        assert suggestions.display and suggestions.option_count == 4

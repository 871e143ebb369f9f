"""At the keyboard: y / n pick a yes-no choice at once, the footer keeps quit and help when narrow, the jump
list filters by words and says when nothing is left, the side panel follows the row just completed."""

from __future__ import annotations

from pathlib import Path

from helpers import TO_MORE, session_at, settle

from domain.interview.questions.closing import MORE_ID, SAVE_ID
from tui.app import JixiaoApp


async def test_y_and_n_pick_a_yes_no_choice_at_once(tmp_path: Path) -> None:
    session = session_at(TO_MORE, tmp_path / "drafts", until=MORE_ID)
    assert session.interview.current.id == MORE_ID
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("n")  # n. 否: no more rows, without enter
        await settle(app, pilot)
        assert session.interview.current.id == SAVE_ID
        assert len(session.interview.evaluation.indicators) == 1


async def test_at_60_columns_the_key_bar_keeps_quit_and_help(tmp_path: Path) -> None:
    from helpers import key_bar

    session = session_at({"header.project_name": "测试项目"}, tmp_path / "drafts", until="header.project_amount")
    app = JixiaoApp("new", session=session)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(app, pilot)
        bar = key_bar(app)
        assert "^q" in bar and "f1" in bar, bar
        assert len(bar) <= 60
    app = JixiaoApp(
        "new",
        session=session_at({"header.project_name": "测试项目"}, tmp_path / "drafts2", until="header.project_amount"),
    )
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(app, pilot)
        wide = key_bar(app)
        assert "^q" in wide and "f1" in wide and "^g" in wide and len(wide) > len(bar)


def test_the_jump_filter_takes_every_word() -> None:
    from types import SimpleNamespace

    from tui.screens.jump import filter_fields

    def state(row, label, answer, field_id):
        return SimpleNamespace(spec=SimpleNamespace(row=row, label=label, id=field_id), answer=answer)

    fields = [
        state(None, "项目名称", "培训项目", "header.project_name"),
        state(0, "三级指标", "培训人数", "indicators[0].name"),
        state(0, "分值", "20", "indicators[0].weight"),
        state(1, "三级指标", "满意度", "indicators[1].name"),
        state(1, "分值", "10", "indicators[1].weight"),
    ]
    assert [f.spec.id for f in filter_fields(fields, "分值 10")] == ["indicators[1].weight"]
    assert [f.spec.id for f in filter_fields(fields, "培训  三级")] == ["indicators[0].name"]
    assert filter_fields(fields, "分值 99") == []


async def test_enter_on_an_empty_jump_list_says_so_and_stays(tmp_path: Path) -> None:
    from textual.widgets import Static

    from tui.screens.jump import JumpScreen

    session = session_at({"header.project_name": "测试项目"}, tmp_path / "drafts", until="header.project_amount")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, JumpScreen)
        await pilot.press(*"zzzz", "enter")
        assert isinstance(app.screen, JumpScreen)
        hint = str(app.screen.query_one("#jump-hint", Static).render())
        assert "zzzz" in hint and ("ctrl+g" in hint or "^g" in hint)
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"项目 名称", "enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, JumpScreen)
        assert session.interview.current.id == "header.project_name"


async def test_leaving_with_the_draft_kept_says_at_the_shell_where_it_is(tmp_path: Path) -> None:
    from domain.interview.drafts import DraftStore

    session = session_at({"header.project_name": "测试项目"}, tmp_path / "drafts", until="header.department")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+q", "3")  # leave, the draft is kept
    [draft] = DraftStore(tmp_path / "drafts").list()
    assert app.return_code == 0
    assert str(tmp_path / "drafts") in app.farewell and draft.id in app.farewell, app.farewell
    assert "草稿已保存" in app.farewell


def test_a_path_in_a_toast_breaks_after_a_slash_never_inside_a_name() -> None:
    from tui.widgets.toast_text import path_lines, with_path

    path = "/home/clerk/绩效自评/2020年度/深圳市不动产登记数据质量监管技术服务项目.xlsx"
    lines = path_lines(path, 40).split("\n")
    assert "".join(lines) == path
    assert all(line.endswith("/") for line in lines[:-1])
    assert lines[-1] == "深圳市不动产登记数据质量监管技术服务项目.xlsx"
    assert with_path(f"已导出为工作簿：{path}", path, 40) == "已导出为工作簿：\n" + "\n".join(lines)
    assert with_path("没有路径的消息", None) == "没有路径的消息"


async def test_f6_says_where_the_workbook_went_with_the_path_on_lines_of_its_own(tmp_path: Path) -> None:
    from helpers import SEED_01

    from domain.interview.drafts import DraftStore
    from domain.interview.session import EditSession

    target = tmp_path / "form.toml"
    target.write_bytes(SEED_01.read_bytes())
    session = EditSession.open(target, DraftStore(tmp_path / "drafts"))
    app = JixiaoApp("edit", session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        shown: list[str] = []
        app.notify = lambda message, **_: shown.append(message)  # type: ignore[method-assign]
        app.export_session(str(tmp_path / "导出的表.xlsx"))
        await pilot.pause()
    assert (tmp_path / "导出的表.xlsx").is_file()
    [message] = shown
    head, *lines = message.split("\n")
    assert head == "已导出为工作簿：" and "".join(lines) == str(tmp_path / "导出的表.xlsx")
    assert lines[-1] == "导出的表.xlsx" or lines[-1].endswith("/导出的表.xlsx")


def test_the_review_shows_whole_second_level_names_at_80_columns() -> None:
    from types import SimpleNamespace

    from tui.cells import cell_width
    from tui.screens.review import column_widths, level_shown

    rows = [
        SimpleNamespace(level1="满意度指标", level2="服务对象满意度指标"),
        SimpleNamespace(level1="效益指标", level2="可持续影响指标"),
    ]
    widths = column_widths(rows, 80)
    assert widths[2] >= cell_width(level_shown("服务对象满意度指标")) == 14
    assert widths[1] >= cell_width("满意度")
    assert sum(widths) + 2 * len(widths) + 4 <= 80 and widths[3] >= 10
    assert level_shown("数量指标") == "数量" and level_shown("指标") == "指标"
    wide = column_widths(rows, 120)
    assert wide[3] == widths[3] + 40


async def test_the_side_panel_stays_on_the_row_just_completed(tmp_path: Path) -> None:
    """Seven rows: completing the last one leaves the rows for the “another row?” question, and the panel
    keeps that row in view instead of going back to the top."""
    from helpers import settle_twice

    from tui.widgets.side_panel import SidePanel, form_lines

    rows = {
        f"indicators[{index}].{key}": value
        for index in range(1, 7)
        for key, value in (
            ("level1", "1"),
            ("level2", "1"),
            ("name", "培训人数"),
            ("catalogue", "1"),
            ("target_text", "≥90%"),
            ("actual_text", "75%"),
            ("weight", "5"),
            ("deviation_reason", "参训人员临时调整"),
        )
    }
    session = session_at(
        {**TO_MORE, **rows, "loop.more": ["y"] * 6}, tmp_path / "drafts", until="indicators[6].deviation_reason"
    )
    assert session.interview.current.id == "indicators[6].deviation_reason"
    app = JixiaoApp("new", session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle_twice(app, pilot)
        body = app.screen.query_one(SidePanel).query_one("#panel-body")
        _, line = form_lines(session.interview, 6)
        assert line is not None and body.scroll_y > 0
        await pilot.press(*"临时调整", "enter")  # the row is done
        await settle_twice(app, pilot)
        assert session.interview.current.id == MORE_ID
        assert body.scroll_y > 0
        assert body.scroll_y <= line < body.scroll_y + body.scrollable_content_region.height


async def test_ctrl_f_takes_the_catalogues_full_name(tmp_path: Path) -> None:
    from helpers import HEADER_AND_FUNDS

    answers = {
        **HEADER_AND_FUNDS,
        "indicators[0].level1": "1",
        "indicators[0].level2": "成本指标",
        "indicators[0].name": "项目招标资金",
        "indicators[0].target_text": "≥3%",
    }
    session = session_at(answers, tmp_path / "drafts", until="indicators[0].actual_text")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+f")
        await settle(app, pilot)
        assert session.interview.evaluation.indicators[0].name == "项目招标资金节约率"
        assert session.interview.current.id == "indicators[0].actual_text"

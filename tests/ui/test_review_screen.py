"""The review screen: the page follows the row cursor, back to the interview and its save question, unsent
text kept, a jump after an edit, a long project name cut and shown whole, the execution rate's rounding."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from helpers import SEED_01, SEED_15, TO_REVIEW, session_at, settle, transcript_prose

from domain.interview.drafts import DraftStore
from domain.interview.session import EditSession
from domain.record.storage import load_evaluation, save_evaluation
from tui.app import JixiaoApp
from tui.screens.help import HelpScreen
from tui.screens.interview import InterviewScreen
from tui.screens.review import ReviewScreen
from tui.widgets.input_line import InputLine


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


async def test_back_from_the_review_at_the_end_shows_the_save_question(tmp_path):
    from tui.screens.review import ReviewScreen

    session = session_at(TO_REVIEW, tmp_path / "drafts", until="review.save")
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

    session = session_at({"header.project_name": "测试项目"}, tmp_path / "drafts", until="header.department")
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

    session = session_at(TO_REVIEW, tmp_path / "drafts", until="review.save")
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


async def test_a_long_project_name_is_cut_on_the_review_and_shown_whole_on_n(tmp_path: Path) -> None:
    evaluation = load_evaluation(SEED_01)
    long_name = "很长的项目名称" * 300
    evaluation.header.project_name = long_name
    form = tmp_path / "long.toml"
    save_evaluation(evaluation, form)
    from domain.interview.drafts import DraftStore
    from domain.interview.session import EditSession

    session = EditSession.open(form, DraftStore(tmp_path / "drafts"))
    session.start()
    app = JixiaoApp("edit", session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        title = str(app.screen.query_one("#review-title").render())
        assert "按 n 查看全文" in title and len(title) < 120
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.body == long_name and "2100 字" in app.screen.title_text


async def test_the_review_spells_out_the_rounding_of_the_execution_rate(tmp_path: Path) -> None:
    from domain.interview.drafts import DraftStore
    from domain.interview.session import EditSession

    session = EditSession.open(SEED_01, DraftStore(tmp_path / "drafts"))
    session.start()
    assert session.interview.scored().budget.rate == Decimal("0.975")
    app = JixiaoApp("edit", session=session)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+r")
        await pilot.pause()
        funds = str(app.screen.query_one("#review-funds").render()._renderable.caption)
        assert "执行率 97.50% 先四舍五入到 0.98 再计分：10 × 0.98 = 9.80" in funds.replace("\n", "")

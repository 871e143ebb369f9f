"""Resizing: the transcript wraps again, the side panel scales and folds away below 70 columns behind f2;
snapshots of the interview and the review at 80×24, 60×20 and 120×40; at 80×24 a choice list leaves the
question and the last answer in view."""

from __future__ import annotations

import time

import pytest
from helpers import HEADER_AND_FUNDS, ONE_ROW, TO_REVIEW, lines_from, session_at

import domain.interview.drafts
from tui.app import JixiaoApp
from tui.cells import cell_width
from tui.widgets.side_panel import SidePanel
from tui.widgets.transcript import Transcript

SIZES = [(80, 24), (60, 20), (120, 40)]


@pytest.fixture(autouse=True)
def blind_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr(domain.interview.drafts, "_now", lambda: "2024-03-01T08:30:00+00:00")
    yield
    monkeypatch.undo()
    time.tzset()


async def settled(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _lines(app: JixiaoApp) -> list[str]:
    return [line.text for line in app.screen.query_one(Transcript).lines]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_interview_at_size(snap_compare, tmp_path, size):
    assert snap_compare(
        JixiaoApp("new", session=session_at(ONE_ROW, tmp_path / "drafts", until="indicators[0].deviation_reason")),
        terminal_size=size,
        run_before=settled,
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_review_at_size(snap_compare, tmp_path, size):
    assert snap_compare(
        JixiaoApp("new", session=session_at(TO_REVIEW, tmp_path / "drafts", until="review.save")),
        terminal_size=size,
        run_before=settled,
    )


async def test_resizing_wraps_again_and_scales_or_folds_the_panel(tmp_path) -> None:
    app = JixiaoApp(
        "new", session=session_at({"header.project_name": "测试项目"}, tmp_path / "drafts", until="header.department")
    )
    async with app.run_test(size=(200, 50)) as pilot:
        await settled(pilot)
        await pilot.press(*("某某市某某区人民政府办公室" * 6), "enter")  # a 156-cell answer
        await settled(pilot)
        transcript = app.screen.query_one(Transcript)
        panel = app.screen.query_one(SidePanel)
        wide_panel = panel.size.width
        assert wide_panel > 32 and transcript.size.width > 120
        assert max(cell_width(line.rstrip()) for line in _lines(app)) > 80  # long lines use the width
        await pilot.resize_terminal(60, 20)
        await settled(pilot)
        assert not panel.display  # folded away below 70 columns
        width = transcript.scrollable_content_region.width
        assert max(cell_width(line.rstrip()) for line in _lines(app)) <= width  # wrapped again, nothing clipped
        assert transcript.virtual_size.width <= width
        await pilot.press("f2")
        await pilot.pause()
        assert panel.display and 26 <= panel.outer_size.width < wide_panel
        await pilot.resize_terminal(120, 40)
        await settled(pilot)
        assert panel.display and panel.outer_size.width == 36  # 30 % of 120


async def test_a_choice_list_at_80x24_keeps_question_and_last_answer_in_view(tmp_path) -> None:
    app = JixiaoApp("new", session=session_at(HEADER_AND_FUNDS, tmp_path / "drafts", until="funds.total.executed"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        for answer in lines_from(app.session.interview, HEADER_AND_FUNDS, until="funds.sources"):  # "360000"
            await pilot.press(*answer, "enter")
        await settled(pilot)
        transcript = app.screen.query_one(Transcript)
        lines = _lines(app)
        bottom = transcript.scroll_offset.y + transcript.scrollable_content_region.height
        shown = [line.replace("\u00a0", " ") for line in lines[transcript.scroll_offset.y : bottom]]
        assert any(line.strip().startswith("› 360000") for line in shown), shown
        assert any("资金来自哪里" in line for line in shown), shown
        choices = [offer.value for offer in app.screen.query_one("InputLine").offers]
        assert choices == ["1", "2", "3", "4"]

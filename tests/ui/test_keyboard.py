"""At the keyboard: y / n pick a yes-no choice at once, the footer keeps quit and help when narrow, the jump
list filters by words and says when nothing is left, the side panel follows the row just completed."""

from __future__ import annotations

from pathlib import Path

from helpers import TO_MORE, session_at, settle

from domain.interview.questions.closing import MORE_ID, SAVE_ID
from tui.app import JixiaoApp


async def test_y_and_n_pick_a_yes_no_choice_at_once(tmp_path: Path) -> None:
    session = session_at(TO_MORE, tmp_path / "drafts")
    assert session.interview.current.id == MORE_ID
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("n")  # n. 否: no more rows, without enter
        await settle(app, pilot)
        assert session.interview.current.id == SAVE_ID
        assert len(session.interview.evaluation.indicators) == 1

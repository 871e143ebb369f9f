"""The key bar: the keys that fit are shown; every key, hidden and cut-off ones too, is in its tooltip."""

from __future__ import annotations

from tui.app import AppOptions, JixiaoApp
from tui.screens.interview import InterviewScreen
from tui.widgets.key_bar import KeyBar


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

"""The start screen: its menu's numbers with and without drafts, and the newest draft named in the menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SIZE, new_draft, session_at, settle_twice, until
from textual.widgets import OptionList

from tui.app import AppOptions, JixiaoApp
from tui.screens.start import StartScreen
from tui.screens.whatif import WhatIfScreen


@pytest.mark.parametrize("drafts", [False, True])
async def test_start_menu_numbers_do_not_depend_on_drafts(tmp_path, drafts):
    if drafts:
        session_at({"header.project_name": "草稿项目"}, tmp_path / "drafts", until="header.department")
    app = JixiaoApp("start")
    async with app.run_test(size=SIZE) as pilot:
        await settle_twice(app, pilot)
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


async def test_the_start_menu_names_the_newest_draft(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    drafts = tmp_path / "drafts"
    new_draft(drafts, "最近的表")
    app = JixiaoApp("start", AppOptions(drafts=str(drafts)))
    async with app.run_test() as pilot:
        menu = app.screen.query_one(OptionList)
        await until(app, pilot, lambda: "最近的表" in str(menu.get_option_at_index(0).prompt))
        assert menu.highlighted == 0 and "1 份" in str(menu.get_option_at_index(0).prompt)

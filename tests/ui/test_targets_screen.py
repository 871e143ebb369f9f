"""The interview screen started from approved targets: the first question is the year's, the side panel and
the review say which answers came from the targets, and a changed target is announced."""

from __future__ import annotations

from pathlib import Path

from helpers import settle, settle_twice, steps_from, transcript_prose

from tui.app import AppOptions, JixiaoApp
from tui.screens.dialogs import AskPathDialog, ChoiceDialog
from tui.screens.interview import InterviewScreen
from tui.widgets.side_panel import form_lines

TARGETS = Path(__file__).resolve().parents[2] / "fixtures" / "targets" / "export-2020.xlsx"


async def test_new_from_targets_asks_the_years_figures_first(tmp_path: Path) -> None:
    options = AppOptions(drafts=str(tmp_path / "drafts"), targets=str(TARGETS), project="附图")
    app = JixiaoApp("new", options)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle_twice(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        interview = app.session.interview
        assert interview.current.id == "header.project_amount"
        assert "已从目标表填好" in transcript_prose(app)
        lines, _ = form_lines(interview)
        assert any("来自批复目标" in line.plain for line in lines)
        steps = steps_from(interview, {"header.project_amount": "4800000"}, until="funds.total.executed")
        assert not {field_id for field_id, _ in steps} & interview.conversation.answered  # none from the targets
        for _, text in steps:
            await pilot.press(*text, "enter")
            await settle(app, pilot)
        assert interview.current.id == "funds.total.executed"
        events = interview.jump("indicators[0].target_text")
        await settle(app, pilot)
        events = interview.answer("无")
        assert any("核查时会指出" in event.text for event in events)
        assert any(finding.code == "targets.changed" for finding in interview.findings())


async def test_new_from_a_workbook_of_several_projects_asks_which(tmp_path: Path) -> None:
    app = JixiaoApp("new", AppOptions(drafts=str(tmp_path / "drafts"), targets=str(TARGETS)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle_twice(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("3")
        await settle_twice(app, pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert app.session.interview.evaluation.header.project_name.startswith("2020年深圳市不动产登记数据汇交")


async def test_start_menu_offers_a_form_from_targets(tmp_path: Path) -> None:
    app = JixiaoApp("start", AppOptions(drafts=str(tmp_path / "drafts")))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle_twice(app, pilot)
        await pilot.press("9")
        await settle(app, pilot)
        assert isinstance(app.screen, AskPathDialog)

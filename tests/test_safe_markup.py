"""Data is shown as written, never read as markup or acted on by the terminal: project names such as
``[/bold]项目[/]`` or ones holding an escape sequence, in the start menu, the draft offer and the form chooser
of a workbook holding several forms."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from helpers import settle_twice

from domain.interview.drafts import Draft, DraftStore
from domain.record.models import Evaluation, Header, IndicatorRow
from domain.sheets.export import audited, write_workbook
from tui.app import AppOptions, JixiaoApp
from tui.screens.dialogs import ChoiceDialog

BROKEN_MARKUP = "[/bold]项目[/]"
ESCAPES = "\x1b]0;改了标题\x07\x1b[31m红字项目"


def options_text(screen) -> str:
    from textual.widgets import OptionList

    menu = screen.query_one(OptionList)
    return "\n".join(str(menu.get_option_at_index(index).prompt) for index in range(menu.option_count))


async def test_a_draft_named_like_markup_does_not_stop_the_assistant_from_starting(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    store.save(
        Draft(id="20260101-000000-abc123", evaluation=Evaluation(header=Header(project_name=BROKEN_MARKUP)), answered=1)
    )
    app = JixiaoApp("start", AppOptions(drafts=str(tmp_path / "drafts")))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_twice(app, pilot)
        assert BROKEN_MARKUP in options_text(app.screen)  # the start menu names it, literally
        await pilot.press("1")
        await settle_twice(app, pilot)
        assert app.return_code is None  # still running


async def test_the_form_chooser_shows_project_names_literally_and_without_escapes(tmp_path: Path) -> None:
    row = IndicatorRow(
        level1="产出指标", level2="数量指标", name="完成率", target_text="90%", actual_text="90%", weight=D(100)
    )
    forms = [
        Evaluation(header=Header(project_name=name, year=2020), indicators=[row]) for name in (BROKEN_MARKUP, ESCAPES)
    ]
    book = tmp_path / "两个表.xlsx"
    write_workbook([audited(form) for form in forms], book)
    app = JixiaoApp("start", AppOptions(drafts=str(tmp_path / "drafts")))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_twice(app, pilot)
        app._open_workbook(str(book))
        await settle_twice(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)
        shown = options_text(app.screen)
        assert BROKEN_MARKUP in shown and "红字项目" in shown
        assert "\x1b" not in shown and "\x07" not in shown

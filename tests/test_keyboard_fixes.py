"""Keys an SSH user reaches for: ctrl+c quits as ctrl+q does, a failed save gives the path prompt back,
path fields complete with Tab, a second ctrl+s says where the form is."""

from __future__ import annotations

from pathlib import Path

from helpers import session_at

from tui.app import JixiaoApp
from tui.screens.dialogs import AskPathDialog, ChoiceDialog
from tui.screens.interview import InterviewScreen
from tui.widgets.path_input import PathInput, complete_path


async def settle(app: JixiaoApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_ctrl_c_quits_at_once_when_nothing_is_unsaved(tmp_path: Path) -> None:
    app = JixiaoApp("start")
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_c_asks_first_when_something_is_unsaved(tmp_path: Path) -> None:
    session = session_at(["测试项目"], tmp_path / "drafts")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+c")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("3")  # leave, the draft is kept
    assert app.return_code == 0


async def test_a_failed_save_gives_the_prompt_back_with_the_path(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    bad = blocker / "form.toml"
    session = session_at(["测试项目"], tmp_path / "drafts")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        app.save_session(path=str(bad))
        await pilot.pause()
        assert isinstance(app.screen, AskPathDialog)
        assert app.screen.query_one(PathInput).value == str(bad)
        field = app.screen.query_one(PathInput)
        field.value = str(tmp_path / "good")
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "good.toml").exists()
        assert not isinstance(app.screen, AskPathDialog)
        await pilot.press("ctrl+s")  # a second ctrl+s: nothing changed, it says where the form is
        await pilot.pause()
        messages = [notification.message for notification in app._notifications][-1:]
        assert any("已经保存在" in message and "good.toml" in message for message in messages)


def test_complete_path_finishes_a_unique_name_and_lists_several(tmp_path: Path) -> None:
    (tmp_path / "评价").mkdir()
    (tmp_path / "评价" / "2023-道路.toml").write_text("", encoding="utf-8")
    (tmp_path / "评价" / "2023-网络.toml").write_text("", encoding="utf-8")
    (tmp_path / "other.txt").write_text("", encoding="utf-8")
    assert complete_path("评", tmp_path) == ("评价/", [])
    assert complete_path("评价/2", tmp_path) == ("评价/2023-", ["2023-网络.toml", "2023-道路.toml"])
    assert complete_path("评价/2023-道", tmp_path) == ("评价/2023-道路.toml", [])
    assert complete_path("nothing", tmp_path) == ("nothing", [])


async def test_tab_completes_in_the_save_dialog(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "forms").mkdir()
    session = session_at(["测试项目"], tmp_path / "drafts")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AskPathDialog)
        await pilot.press(*"fo", "tab")
        assert app.screen.query_one(PathInput).value == "forms/"
        await pilot.press(*"甲", "enter")
        await pilot.pause()
    assert (tmp_path / "forms" / "甲.toml").exists()
    assert isinstance(InterviewScreen, type)


async def test_whatif_starts_on_the_name_and_checks_each_field_as_it_is_left() -> None:
    from textual.widgets import Input

    app = JixiaoApp("whatif")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "wi-name"
        await pilot.press(*"sbgzl")
        assert app.screen.query_one("#wi-name", Input).value == "sbgzl"
        assert app.screen.query_one("#wi-weight", Input).value == ""
        await pilot.press("down", *"abc", "down")  # 分值 "abc", then leave it
        await pilot.pause()
        weight = app.screen.query_one("#wi-weight", Input)
        assert weight.has_class("wi-problem")
        problem = str(app.screen.query_one("#whatif-field-problem").render())
        assert problem and "abc" in problem or "分值" in problem
        await pilot.press("up")
        await pilot.press("end", "backspace", "backspace", "backspace", *"20", "down")
        await pilot.pause()
        assert not weight.has_class("wi-problem")
        assert str(app.screen.query_one("#whatif-field-problem").render()) == ""

"""The dialogs: the jump list, the draft offers and the resume list, and saving (the overwrite question, a
failed save's path prompt, path completion)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import (
    ONE_ROW,
    SEED,
    SEED_15,
    SIZE,
    copy_seed,
    edit_draft,
    new_draft,
    session_at,
    settle,
    settle_twice,
    until,
    write_keymap,
)

from domain.interview.drafts import DraftStore
from domain.interview.session import EditSession
from tui.app import AppOptions, JixiaoApp
from tui.screens.dialogs import AskPathDialog, ChoiceDialog
from tui.screens.interview import InterviewScreen
from tui.screens.jump import JumpScreen
from tui.screens.resume import DraftOfferDialog, ResumeScreen
from tui.widgets.path_input import PathInput, complete_path

# --- the jump list --------------------------------------------------------------------------------------------


def test_jump_filter_takes_row_numbers():
    from domain.interview.controller import Interview
    from domain.record.storage import load_evaluation
    from tui.screens.jump import filter_fields

    evaluation = load_evaluation(SEED_15)
    fields = Interview(evaluation).fields()
    row_four = [state.spec.id for state in fields if state.spec.row == 3]
    assert filter_fields(fields, "4") == filter_fields(fields, " 4. ") == filter_fields(fields, "4、")
    assert [state.spec.id for state in filter_fields(fields, "4")] == row_four
    assert [state.spec.id for state in filter_fields(fields, "4. 分值")] == ["indicators[3].weight"]
    assert [state.spec.id for state in filter_fields(fields, "14.分值")] == ["indicators[13].weight"]
    assert "header.year" in {state.spec.id for state in filter_fields(fields, "2020")}  # no row 2020: words
    assert filter_fields(fields, "") == fields


async def test_jump_list_shows_a_row_s_fields_by_its_number(tmp_path):
    session = EditSession.open(SEED_15, DraftStore(tmp_path / "drafts"), target=tmp_path / "out.toml")
    app = JixiaoApp("edit", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+g", "4", ".")
        jump = app.screen
        assert isinstance(jump, JumpScreen)
        assert {state.spec.row for state in jump.shown} == {3}
        assert str(jump.query_one("#jump-list").get_option_at_index(0).prompt).strip().startswith("4. ")
        await pilot.press("enter")
        assert session.interview.current.id == "indicators[3].level1"


@pytest.mark.parametrize("keymap, key", [("", "ctrl+g"), ('[keys]\n"interview.jump" = "ctrl+t"\n', "ctrl+t")])
async def test_the_jump_key_also_closes_the_jump_list(tmp_path, keymap, key):
    if keymap:
        write_keymap(tmp_path, keymap)
    app = JixiaoApp("new", session=session_at(ONE_ROW, tmp_path / "drafts", until="indicators[0].deviation_reason"))
    async with app.run_test(size=SIZE) as pilot:
        await settle_twice(app, pilot)
        await pilot.press(key)
        assert isinstance(app.screen, JumpScreen)
        assert f"{key} 关闭" in str(app.screen.query_one("#jump-hint").render())
        await pilot.press(key)
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press(key, "escape")
        assert isinstance(app.screen, InterviewScreen)


# --- draft offers and the resume list -------------------------------------------------------------------------


async def test_new_offers_the_drafts_of_new_forms_and_resumes_the_chosen(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    draft_id = new_draft(drafts, "断线前的表")
    app = JixiaoApp("new", AppOptions(drafts=str(drafts)))
    async with app.run_test() as pilot:
        await until(app, pilot, lambda: isinstance(app.screen, DraftOfferDialog))
        assert "断线前的表" in str(app.screen.answers[0][1])
        await pilot.press("1")
        await until(app, pilot, lambda: app.session is not None)
        assert isinstance(app.screen, InterviewScreen)
        assert app.session.draft_id == draft_id
        assert app.session.interview.evaluation.header.project_name == "断线前的表"


async def test_new_can_decline_the_drafts_and_start_blank(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    new_draft(drafts, "旧表")
    app = JixiaoApp("new", AppOptions(drafts=str(drafts)))
    async with app.run_test() as pilot:
        await until(app, pilot, lambda: isinstance(app.screen, DraftOfferDialog))
        await pilot.press("2")  # blank form
        await until(app, pilot, lambda: app.session is not None)
        assert app.session.interview.evaluation.header.project_name == ""


async def test_a_name_typed_before_the_offer_was_seen_never_goes_into_an_old_draft(tmp_path: Path) -> None:
    """Asked for a new form, enter alone takes the blank form: a clerk who types the project name at once and
    presses enter does not resume someone's old draft and answer its questions."""
    drafts = tmp_path / "drafts"
    draft_id = new_draft(drafts, "旧表")
    app = JixiaoApp("new", AppOptions(drafts=str(drafts)))
    async with app.run_test() as pilot:
        await until(app, pilot, lambda: isinstance(app.screen, DraftOfferDialog))
        await pilot.press(*"新项目", "enter")
        await until(app, pilot, lambda: app.session is not None)
        assert app.session.draft_id != draft_id
        assert app.session.interview.evaluation.header.project_name == ""


async def test_edit_offers_the_files_drafts(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    form = copy_seed(tmp_path)
    draft_id = edit_draft(drafts, form)
    app = JixiaoApp("edit", AppOptions(drafts=str(drafts), file=str(form)))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftOfferDialog)
        await pilot.press("enter")
        await until(app, pilot, lambda: app.session is not None)
        assert app.session.draft_id == draft_id


async def test_the_resume_list_filters_as_you_type(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    for name in ("道路养护", "校园网络", "校园安防"):
        new_draft(drafts, name)
    app = JixiaoApp("start", AppOptions(drafts=str(drafts)))
    async with app.run_test() as pilot:
        await pilot.pause()
        app.start_action("resume")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert len(app.screen.drafts) == 3
        await pilot.press(*"校园")
        assert sorted(entry.project_name for entry in app.screen.drafts) == ["校园安防", "校园网络"]
        await pilot.press(*"安防", "enter")
        await until(app, pilot, lambda: app.session is not None)
        assert app.session.interview.evaluation.header.project_name == "校园安防"


# --- saving and the path dialog -------------------------------------------------------------------------------


async def test_save_never_overwrites_a_file_changed_on_disk_without_asking(tmp_path):
    source = SEED / "01-互联网+不动产登记强隔离安全交换平台.toml"
    target = tmp_path / "form.toml"
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    session = EditSession.open(target, DraftStore(tmp_path / "drafts"))
    session.start()
    session.interview.answer("新名称")
    target.write_text(target.read_text(encoding="utf-8") + "\n# changed by someone else\n", encoding="utf-8")
    changed = target.read_text(encoding="utf-8")
    app = JixiaoApp("edit", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ChoiceDialog)
        assert target.read_text(encoding="utf-8") == changed
        await pilot.press("2")  # overwrite, now that the user has said so
        await settle(app, pilot)
        assert "新名称" in target.read_text(encoding="utf-8")
        assert not session.dirty


async def test_a_failed_save_gives_the_prompt_back_with_the_path(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    bad = blocker / "form.toml"
    session = session_at({"header.project_name": "测试项目"}, tmp_path / "drafts", until="header.department")
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
    session = session_at({"header.project_name": "测试项目"}, tmp_path / "drafts", until="header.department")
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

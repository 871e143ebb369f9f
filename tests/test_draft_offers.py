"""Drafts at every way in: matching, clearing drafts of forms saved since, `jixiao drafts`, the offer on the
screens and in plain mode, and a short list with a filter for thousands of drafts."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

from helpers import session_at

from domain.interview import draft_index
from domain.interview.drafts import DraftStore
from domain.interview.session import EditSession
from tui.app import AppOptions, JixiaoApp
from tui.cli import run
from tui.plain import run_plain
from tui.screens.interview import InterviewScreen
from tui.screens.resume import DraftOfferDialog, ResumeScreen

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed"


async def until(app: JixiaoApp, pilot, condition, tries: int = 200) -> None:
    """Let the app run until ``condition()`` holds (the session loads in a worker after the first paint)."""
    for _ in range(tries):
        await app.workers.wait_for_complete()
        await pilot.pause(0.02)
        if condition():
            return
    raise AssertionError("the app never got there")


def _new_draft(drafts: Path, name: str, out: Path | None = None) -> str:
    session = EditSession.new(DraftStore(drafts), out)
    session.start()
    session.interview.answer(name)
    assert session.draft_id is not None
    return session.draft_id


def _edit_draft(drafts: Path, form: Path) -> str:
    session = EditSession.open(form, DraftStore(drafts))
    session.start()
    session.interview.answer("改过的名称")
    assert session.draft_id is not None
    return session.draft_id


def _copy_seed(tmp_path: Path) -> Path:
    form = tmp_path / "form.toml"
    form.write_bytes(next(iter(sorted(SEED.glob("*.toml")))).read_bytes())
    return form


def test_each_way_in_matches_its_own_drafts(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    form = _copy_seed(tmp_path)
    new_id = _new_draft(drafts, "新表甲")
    edit_id = _edit_draft(drafts, form)
    store = DraftStore(drafts)
    assert [entry.id for entry in draft_index.offered(store, "new")] == [new_id]
    assert [entry.id for entry in draft_index.offered(store, "edit", form)] == [edit_id]
    assert {entry.id for entry in draft_index.offered(store, "start")} == {new_id, edit_id}
    assert draft_index.offered(store, "edit", tmp_path / "other.toml") == []
    entry = draft_index.find(draft_index.scan(store), new_id)
    assert entry is not None and entry.project_name == "新表甲" and "新表甲" in entry.describe()


def test_a_draft_of_a_form_saved_since_is_cleared(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    form = _copy_seed(tmp_path)
    edit_id = _edit_draft(drafts, form)
    store = DraftStore(drafts)
    assert not draft_index.is_stale(draft_index.find(draft_index.scan(store), edit_id))
    time.sleep(0.01)
    form.write_text(form.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # saved again elsewhere
    future = time.time() + 5
    os.utime(form, (future, future))
    kept, removed = draft_index.clear_stale(store, draft_index.scan(store))
    assert [entry.id for entry in removed] == [edit_id] and kept == []
    assert not (drafts / f"{edit_id}.draft.toml").exists()


def test_recent_gives_a_short_list_with_a_filter(tmp_path: Path) -> None:
    entries = [draft_index.DraftEntry(f"2026010{index % 10}-0000{index:02}-abc", tmp_path / "x",
                                      project_name=f"项目{index}", updated=f"2026-01-01T00:{index:02}:00+00:00")
               for index in range(60)]
    listing = draft_index.recent(entries, "", 20)
    assert (len(listing.shown), listing.matched, listing.total, listing.more) == (20, 60, 60, 40)
    listing = draft_index.recent(entries, "项目5", 20)
    assert [entry.project_name for entry in listing.shown] == ["项目5", *[f"项目5{n}" for n in range(10)]]
    assert draft_index.recent(entries, "项目 7", None).matched == 6  # both words: 项目7, 项目17 … 项目57


def test_the_drafts_command_lists_filters_and_removes(tmp_path: Path, capsys) -> None:
    drafts = tmp_path / "drafts"
    first = _new_draft(drafts, "道路养护")
    second = _new_draft(drafts, "校园网络")
    assert run(["drafts", "--drafts", str(drafts)]) == 0
    out = capsys.readouterr().out
    assert "道路养护" in out and "校园网络" in out and "（新表）" in out
    assert run(["drafts", "--drafts", str(drafts), "--filter", "校园"]) == 0
    out = capsys.readouterr().out
    assert second in out and first not in out
    assert run(["drafts", "--drafts", str(drafts), "--limit", "1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["total"], data["matched"], len(data["drafts"])) == (2, 2, 1)
    assert run(["drafts", "--drafts", str(drafts), "--remove", first]) == 0
    assert f"已删除草稿 {first}" in capsys.readouterr().out
    assert run(["drafts", "--drafts", str(drafts), "--remove", "nope"]) == 2
    assert "找不到这些草稿：nope" in capsys.readouterr().err
    assert [entry.id for entry in draft_index.scan(DraftStore(drafts))] == [second]


def test_thousands_of_drafts_list_as_twenty_with_a_count(tmp_path: Path, capsys) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    template = (drafts / f"{_new_draft(drafts, '样板')}.draft.toml").read_text(encoding="utf-8")
    for index in range(2000):
        (drafts / f"20260101-000000-{index:06x}.draft.toml").write_text(
            template.replace("样板", f"项目{index}"), encoding="utf-8")
    assert run(["drafts", "--drafts", str(drafts)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 21 and "还有 1981 份未列出" in lines[-1]


async def test_new_offers_the_drafts_of_new_forms_and_resumes_the_chosen(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    draft_id = _new_draft(drafts, "断线前的表")
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
    _new_draft(drafts, "旧表")
    app = JixiaoApp("new", AppOptions(drafts=str(drafts)))
    async with app.run_test() as pilot:
        await until(app, pilot, lambda: isinstance(app.screen, DraftOfferDialog))
        await pilot.press("2")  # blank form
        await until(app, pilot, lambda: app.session is not None)
        assert app.session.interview.evaluation.header.project_name == ""


async def test_edit_offers_the_files_drafts(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    form = _copy_seed(tmp_path)
    draft_id = _edit_draft(drafts, form)
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
        _new_draft(drafts, name)
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


def test_plain_new_offers_the_drafts_first(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    _new_draft(drafts, "断线前的表")
    stdout = io.StringIO()

    class Args:
        plain = True
        out = None

    args = Args()
    args.drafts = str(drafts)  # type: ignore[attr-defined]
    code = run_plain("new", args, stdin=io.StringIO("1\n:q\n"), stdout=stdout)  # type: ignore[arg-type]
    text = stdout.getvalue()
    assert "断线前的表" in text.split("?")[0]
    assert "已答 1 项" in text
    assert code in (0, 1)


def test_a_session_helper_still_leaves_one_draft(tmp_path: Path) -> None:
    session_at(["甲"], tmp_path / "drafts")
    assert len(draft_index.scan(DraftStore(tmp_path / "drafts"))) == 1


def test_a_superscript_digit_is_not_a_draft_number(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    _new_draft(drafts, "旧表")
    stdout = io.StringIO()

    class Args:
        plain = True
        out = None

    args = Args()
    args.drafts = str(drafts)  # type: ignore[attr-defined]
    code = run_plain("new", args, stdin=io.StringIO("¹\n0\n:q\n"), stdout=stdout)  # type: ignore[arg-type]
    assert code in (0, 1) and "请从 1、0 中选一个编号" in stdout.getvalue()


async def test_the_start_menu_names_the_newest_draft(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    drafts = tmp_path / "drafts"
    _new_draft(drafts, "最近的表")
    app = JixiaoApp("start", AppOptions(drafts=str(drafts)))
    async with app.run_test() as pilot:
        menu = app.screen.query_one(OptionList)
        await until(app, pilot, lambda: "最近的表" in str(menu.get_option_at_index(0).prompt))
        assert menu.highlighted == 0 and "1 份" in str(menu.get_option_at_index(0).prompt)

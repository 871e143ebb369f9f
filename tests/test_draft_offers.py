"""Drafts at every way in without a screen: matching, clearing drafts of forms saved since, `jixiao drafts`, the
offer in plain mode, and a short list with a filter for thousands of drafts (the offers on the screens are in
ui/test_dialogs.py)."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest
from helpers import copy_seed, edit_draft, new_draft, session_at

from domain.interview import draft_index
from domain.interview.drafts import DraftStore
from tui.cli import run
from tui.plain import run_plain


def test_each_way_in_matches_its_own_drafts(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    form = copy_seed(tmp_path)
    new_id = new_draft(drafts, "新表甲")
    edit_id = edit_draft(drafts, form)
    store = DraftStore(drafts)
    assert [entry.id for entry in draft_index.offered(store, "new")] == [new_id]
    assert [entry.id for entry in draft_index.offered(store, "edit", form)] == [edit_id]
    assert {entry.id for entry in draft_index.offered(store, "start")} == {new_id, edit_id}
    assert draft_index.offered(store, "edit", tmp_path / "other.toml") == []
    entry = draft_index.find(draft_index.scan(store), new_id)
    assert entry is not None and entry.project_name == "新表甲" and "新表甲" in entry.describe()


def test_a_draft_of_a_form_saved_since_is_cleared(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    form = copy_seed(tmp_path)
    edit_id = edit_draft(drafts, form)
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
    entries = [
        draft_index.DraftEntry(
            f"2026010{index % 10}-0000{index:02}-abc",
            tmp_path / "x",
            project_name=f"项目{index}",
            updated=f"2026-01-01T00:{index:02}:00+00:00",
        )
        for index in range(60)
    ]
    listing = draft_index.recent(entries, "", 20)
    assert (len(listing.shown), listing.matched, listing.total, listing.more) == (20, 60, 60, 40)
    listing = draft_index.recent(entries, "项目5", 20)
    assert [entry.project_name for entry in listing.shown] == ["项目5", *[f"项目5{n}" for n in range(10)]]
    assert draft_index.recent(entries, "项目 7", None).matched == 6  # both words: 项目7, 项目17 … 项目57


def test_the_drafts_command_lists_filters_and_removes(tmp_path: Path, capsys) -> None:
    drafts = tmp_path / "drafts"
    first = new_draft(drafts, "道路养护")
    second = new_draft(drafts, "校园网络")
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
    template = (drafts / f"{new_draft(drafts, '样板')}.draft.toml").read_text(encoding="utf-8")
    for index in range(2000):
        (drafts / f"20260101-000000-{index:06x}.draft.toml").write_text(
            template.replace("样板", f"项目{index}"), encoding="utf-8"
        )
    assert run(["drafts", "--drafts", str(drafts)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 21 and "还有 1981 份未列出" in lines[-1]


def test_plain_new_offers_the_drafts_first(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    new_draft(drafts, "断线前的表")
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
    session_at({"header.project_name": "甲"}, tmp_path / "drafts", until="header.department")
    assert len(draft_index.scan(DraftStore(tmp_path / "drafts"))) == 1


def test_a_superscript_digit_is_not_a_draft_number(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    new_draft(drafts, "旧表")
    stdout = io.StringIO()

    class Args:
        plain = True
        out = None

    args = Args()
    args.drafts = str(drafts)  # type: ignore[attr-defined]
    code = run_plain("new", args, stdin=io.StringIO("¹\n0\n:q\n"), stdout=stdout)  # type: ignore[arg-type]
    assert code in (0, 1) and "请从 1、0 中选一个编号" in stdout.getvalue()


@pytest.mark.parametrize(
    ("old", "new", "formats"),
    [
        ("\nversion = 1\n", "\nversion = 7\n", "7/1"),
        ("schema_version = 1\n", "schema_version = 9\n", "1/9"),
    ],
)
def test_a_draft_from_a_newer_version_is_marked_in_the_list_and_never_offered(
    tmp_path: Path, capsys, old, new, formats
) -> None:
    drafts = tmp_path / "drafts"
    kept = new_draft(drafts, "能继续的项目")
    newer = new_draft(drafts, "新版本的项目")
    path = drafts / f"{newer}.draft.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    store = DraftStore(drafts)
    entry = draft_index.find(draft_index.scan(store), newer)
    assert entry is not None and entry.newer == formats
    assert "新版本的项目" in entry.describe() and "更新版本" in entry.describe()
    assert [item.id for item in draft_index.offered(store, "start")] == [kept]  # offered: only what resumes
    assert run(["drafts", "--drafts", str(drafts)]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if newer in line)
    assert "新版本的项目" in line and "请升级后再继续" in line

"""Sessions and drafts on a shared server: two writers, failed autosaves, newer drafts, absolute targets,
private drafts, unreadable drafts said, and an import that can simply be run again."""

from __future__ import annotations

import multiprocessing
import os
import stat
from pathlib import Path

import pytest

from domain.errors import InputError
from domain.interview import session as session_module
from domain.interview.controller import EventKind
from domain.interview.drafts import DraftStore
from domain.interview.session import EditSession, SaveStatus
from domain.record.storage import load_evaluation
from domain.sheets import importing

SEED_SHEET = Path(__file__).parent.parent / "fixtures" / "seed" / "sheet-2020-shenzhen.tsv"


def started(store: DraftStore, out: Path, name: str) -> EditSession:
    session = EditSession.new(store, out)
    session.start()
    session.interview.answer(name)
    return session


def test_the_second_of_two_racing_saves_is_told_and_keeps_its_draft(tmp_path: Path, monkeypatch) -> None:
    """Both sessions checked the file before either wrote: the re-check under the save lock catches it."""
    store = DraftStore(tmp_path / "drafts")
    out = tmp_path / "form.toml"
    first, second = started(store, out, "甲"), started(store, out, "乙")
    assert first.save().saved
    monkeypatch.setattr(session_module, "file_fingerprint", lambda _path: None)  # checked before the first wrote
    outcome = second.save()
    assert outcome.status is SaveStatus.CONFLICT and "已经存在" in outcome.message
    assert load_evaluation(out).header.project_name == "甲"
    assert second.draft_id is not None and store.load(second.draft_id).evaluation.header.project_name == "乙"


def _race(args: tuple[str, str, str]) -> str:
    drafts, out, name = args
    session = started(DraftStore(drafts), Path(out), name)
    return str(session.save().status)


TRIALS = int(os.environ.get("JIXIAO_RACE_TRIALS", "10"))


def test_two_processes_saving_one_file_at_once_never_both_succeed(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        for trial in range(TRIALS):
            out = tmp_path / f"form{trial}.toml"
            results = pool.map(_race, [(str(tmp_path / "drafts"), str(out), name) for name in ("甲", "乙")])
            assert sorted(results) == ["conflict", "saved"], (trial, results)
            winner = "甲" if results[0] == "saved" else "乙"
            assert load_evaluation(out).header.project_name == winner
    assert len(DraftStore(tmp_path / "drafts").list()) == TRIALS  # every loser kept its draft


def test_when_autosave_fails_the_interview_says_so_at_once_and_never_claims_a_draft(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    session = EditSession.new(DraftStore(blocker / "drafts"))
    first = session.start()
    assert any(event.kind is EventKind.WARNING and "没有被保存为草稿" in event.text for event in first)
    session.interview.answer("项目")
    assert "草稿已保存" not in session.draft_kept_message()
    assert "没有留下" in session.draft_kept_message()


def test_a_draft_from_a_newer_version_is_refused_with_a_message(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    session = started(store, tmp_path / "x.toml", "项目")
    path = store.path_of(session.draft_id)
    path.write_text(path.read_text(encoding="utf-8").replace("version = 1", "version = 2"), encoding="utf-8")
    with pytest.raises(InputError, match="更新版本"):
        store.load(session.draft_id)
    assert "更新版本" in store.list()[0].describe()


def test_a_draft_records_its_target_as_an_absolute_path(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    store = DraftStore(tmp_path / "drafts")
    session = started(store, Path("out.toml"), "项目")
    monkeypatch.chdir(tmp_path)  # resumed from elsewhere after the connection dropped
    resumed = EditSession.resume(session.draft_id, store)
    assert resumed.target == tmp_path / "work" / "out.toml"


def test_drafts_are_private_to_their_owner(tmp_path: Path) -> None:
    os.umask(0o022)
    store = DraftStore(tmp_path / "data" / "drafts")
    session = started(store, tmp_path / "x.toml", "项目")
    assert stat.S_IMODE(store.path_of(session.draft_id).stat().st_mode) == 0o600
    assert stat.S_IMODE(store.directory.stat().st_mode) == 0o700
    old = DraftStore(tmp_path / "old")  # made world-readable by an older version: tightened
    old.directory.mkdir(mode=0o755)
    old.directory.chmod(0o755)
    started(old, tmp_path / "x.toml", "项目")
    assert stat.S_IMODE(old.directory.stat().st_mode) == 0o700
    shared = DraftStore(tmp_path / "shared")  # a folder with other files in it (--drafts /tmp) is left alone
    shared.directory.mkdir(mode=0o755)
    shared.directory.chmod(0o755)
    (shared.directory / "notes.txt").write_text("", encoding="utf-8")
    started(shared, tmp_path / "x.toml", "项目")
    assert stat.S_IMODE(shared.directory.stat().st_mode) == 0o755


def test_unreadable_drafts_and_folders_are_reported(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    store.directory.mkdir()
    os.mkfifo(store.directory / "pipe.draft.toml")
    (store.directory / "deep.draft.toml").write_text("x = " + "[" * 3000 + "]" * 3000, encoding="utf-8")
    listed = {info.id: info for info in store.list()}
    assert listed["pipe"].error and "不是普通文件" in listed["pipe"].describe()
    assert listed["deep"].error
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")
    os.chmod(blocker, 0o600)
    with pytest.raises(InputError, match="草稿目录"):
        DraftStore(blocker).list()


def test_an_import_that_fails_part_way_leaves_nothing_and_runs_again(tmp_path: Path, monkeypatch) -> None:
    import errno

    text = SEED_SHEET.read_text(encoding="utf-8")
    real_fsync = os.fsync
    calls = []

    def full_disk(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(InputError, match="磁盘空间不足"):
        importing.import_sheet(text, SEED_SHEET.name, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []  # no form, no temporary, no journal
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert len(importing.import_sheet(text, SEED_SHEET.name, tmp_path / "out")) == 37  # no --force needed


def test_plain_mode_never_claims_a_draft_it_could_not_write(tmp_path: Path, capsys, monkeypatch) -> None:
    import io
    import sys

    from tui.cli import run

    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("项目\n:q\nn\n"))
    assert run(["new", "--plain", "--drafts", str(blocker / "drafts")]) == 1
    out = capsys.readouterr().out
    assert out.index("没有被保存为草稿") < out.index("? ")  # said before the first question
    assert "草稿已保存" not in out and "继续填写" not in out and "没有留下" in out


def test_the_drafts_list_reports_odd_files_and_never_waits_on_them(tmp_path: Path) -> None:
    from domain.interview.draft_index import scan

    store = DraftStore(tmp_path / "drafts")
    store.directory.mkdir()
    os.mkfifo(store.directory / "pipe.draft.toml")  # reading it would wait for a writer forever
    (store.directory / "deep.draft.toml").write_text("x = " + "[" * 3000 + "]" * 3000, encoding="utf-8")
    (store.directory / "big.draft.toml").write_bytes(b"#" * (3 * 1024 * 1024))
    entries = {entry.id: entry for entry in scan(store)}
    assert set(entries) == {"pipe", "deep", "big"} and all(entry.error for entry in entries.values())
    assert "不是普通文件" in entries["pipe"].error and "太大" in entries["big"].error

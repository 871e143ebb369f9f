"""Drafts: where they live, what they keep, and how unreadable ones are listed."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from domain.errors import InputError
from domain.interview.drafts import Draft, DraftStore, local_time
from domain.paths import config_dir, data_dir, drafts_dir, keymap_path, seed_dir
from domain.record.models import Evaluation, Header, IndicatorRow


def _evaluation(name: str = "项目甲") -> Evaluation:
    evaluation = Evaluation(header=Header(project_name=name, project_amount=Decimal("400000.50")))
    evaluation.indicators.append(
        IndicatorRow(name="设备故障率", target_text="≤10%", actual_text="13%", weight=Decimal("12.5"))
    )
    return evaluation


def test_the_drafts_directory_follows_option_environment_and_xdg(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("JIXIAO_DRAFTS", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert data_dir() == tmp_path / "data" / "jixiao"
    assert drafts_dir() == tmp_path / "data" / "jixiao" / "drafts"
    assert keymap_path() == tmp_path / "config" / "jixiao" / "keymap.toml"
    monkeypatch.setenv("JIXIAO_DRAFTS", str(tmp_path / "env"))
    assert drafts_dir() == tmp_path / "env"
    assert drafts_dir(tmp_path / "option") == tmp_path / "option"
    assert DraftStore().directory == tmp_path / "env"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert config_dir() == tmp_path / "home" / ".config" / "jixiao"


def test_seed_dir_is_beside_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIXIAO_SEED", raising=False)
    assert (seed_dir() / "sheet-2020-shenzhen.tsv").is_file()


def test_a_draft_round_trips_exactly(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    state = {
        "current": "indicators[0].weight",
        "answered": ["header.project_name", "indicators[0].name"],
        "extras": {"funds.sources": "fiscal"},
        "return_to": "",
    }
    draft = Draft(
        store.new_id(),
        _evaluation(),
        state,
        target=tmp_path / "out.toml",
        target_fingerprint="abc",
        current_label="第 1 行 · 分值",
        answered=2,
    )
    store.save(draft)
    loaded = store.load(draft.id)
    assert loaded.evaluation == draft.evaluation
    assert loaded.evaluation.indicators[0].weight == Decimal("12.5")
    assert loaded.state == state
    assert loaded.target == tmp_path / "out.toml" and loaded.target_fingerprint == "abc"
    assert loaded.current_label == "第 1 行 · 分值" and loaded.answered == 2
    assert loaded.created == loaded.updated != ""
    text = store.path_of(draft.id).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["header"]["project_name"] == "项目甲" and data["draft"]["id"] == draft.id


def test_list_is_newest_first_and_shows_unreadable_files(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    older = Draft("20200101-000000-aaaaaa", _evaluation("旧"))
    newer = Draft("20200102-000000-bbbbbb", _evaluation("新"), target=tmp_path / "x.toml")
    store.save(older)
    store.save(newer)
    older_text = store.path_of(older.id).read_text(encoding="utf-8")
    store.path_of(older.id).write_text(
        older_text.replace(older.updated if older.updated else "", "2000-01-01T00:00:00+00:00"), encoding="utf-8"
    )
    (tmp_path / "broken.draft.toml").write_text("this is = = not toml", encoding="utf-8")
    listed = store.list()
    assert [info.project_name for info in listed if not info.error] == ["新", "旧"]
    broken = next(info for info in listed if info.error)
    assert broken.id == "broken" and broken.describe().startswith("草稿 broken 无法读取")
    assert [info.id for info in store.for_target(tmp_path / "x.toml")] == [newer.id]
    assert "新（" in listed[0].describe() and "已答 0 项" in listed[0].describe()
    store.delete(newer.id)
    store.delete(newer.id)  # already gone: nothing happens
    assert newer.id not in [info.id for info in store.list()]


def test_bad_ids_and_missing_drafts_are_plain_errors(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    with pytest.raises(InputError, match="不是草稿编号"):
        store.load("../etc/passwd")
    with pytest.raises(InputError, match="找不到草稿"):
        store.load("20200101-000000-abcdef")
    assert DraftStore(tmp_path / "missing").list() == []


def test_a_draft_that_cannot_be_written_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    store = DraftStore(blocker / "drafts")
    with pytest.raises(InputError, match="无法保存"):
        store.save(Draft(store.new_id(), _evaluation()))


def test_local_time_is_forgiving() -> None:
    assert local_time("not a time") == "not a time"
    assert len(local_time("2020-01-02T03:04:05+00:00")) == 16

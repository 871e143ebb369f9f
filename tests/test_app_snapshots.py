"""Every screen of the assistant at 80×24, compared with reviewed snapshots (tests/__snapshots__/).

Fixed data only: sessions are built through the controller, drafts live in a tmp directory, the drafts'
clock is pinned, and the developer's config and theme are ignored. Update after review with
``pytest tests/test_app_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import ONE_ROW, TO_NAME, TO_REVIEW, session_at

import domain.interview.drafts
from tui.app import AppOptions, JixiaoApp

ROOT = Path(__file__).resolve().parent.parent
FIXED_NOW = "2024-03-01T08:30:00+00:00"


def at(answers, tmp_path, until):
    """A new session answered by field id up to ``until``, its drafts in ``tmp_path``."""
    return session_at(answers, tmp_path / "drafts", until)


@pytest.fixture(autouse=True)
def blind_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("JIXIAO_DRAFTS", str(tmp_path / "drafts"))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.delenv("JIXIAO_THEME", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(domain.interview.drafts, "_now", lambda: FIXED_NOW)
    yield
    monkeypatch.undo()
    time.tzset()


async def settled(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_start_screen(snap_compare):
    assert snap_compare(JixiaoApp("start"), run_before=settled)


def test_start_screen_offers_drafts_and_no_color(snap_compare, tmp_path, monkeypatch):
    session_at({"header.project_name": "草稿项目"}, tmp_path / "drafts", until="header.department")
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(JixiaoApp("start"), run_before=settled)


def test_resume_screen(snap_compare, tmp_path):
    session_at(
        {"header.project_name": "草稿项目", "header.department": "财政局"},
        tmp_path / "drafts",
        until="header.implementer",
    )
    assert snap_compare(JixiaoApp("start"), press=["1"], run_before=settled)


def test_new_form_first_question(snap_compare):
    assert snap_compare(JixiaoApp("new"), run_before=settled)


def test_interview_score_explanation(snap_compare, tmp_path):
    async def give_weight(pilot) -> None:
        await settled(pilot)
        await pilot.press("2", "0", "enter")
        await settled(pilot)

    assert snap_compare(JixiaoApp("new", session=at(ONE_ROW, tmp_path, "indicators[0].weight")), run_before=give_weight)


def test_interview_catalogue_suggestions(snap_compare, tmp_path):
    async def type_pinyin(pilot) -> None:
        await settled(pilot)
        await pilot.press(*"pxrc")
        await settled(pilot)

    assert snap_compare(JixiaoApp("new", session=at(TO_NAME, tmp_path, "indicators[0].name")), run_before=type_pinyin)


def test_review_screen(snap_compare, tmp_path):
    assert snap_compare(JixiaoApp("new", session=at(TO_REVIEW, tmp_path, "review.save")), run_before=settled)


def test_review_whatif_on_a_row(snap_compare, tmp_path):
    async def change_actual(pilot) -> None:
        await settled(pilot)
        await pilot.press("w", "down", "down", "ctrl+e", "backspace", "backspace", "backspace", *"85%")
        await settled(pilot)

    assert snap_compare(JixiaoApp("new", session=at(TO_REVIEW, tmp_path, "review.save")), run_before=change_actual)


def test_whatif_calculator(snap_compare):
    assert snap_compare(
        JixiaoApp("whatif"), press=["down", "2", "0", "down", *">=90%", "down", *"75%"], run_before=settled
    )


def test_help_for_the_focused_field(snap_compare, tmp_path):
    assert snap_compare(
        JixiaoApp("new", session=at(ONE_ROW, tmp_path, "indicators[0].deviation_reason")),
        press=["f1"],
        run_before=settled,
    )


def test_jump_list(snap_compare, tmp_path):
    assert snap_compare(
        JixiaoApp("new", session=at(ONE_ROW, tmp_path, "indicators[0].deviation_reason")),
        press=["ctrl+g"],
        run_before=settled,
    )


def test_quit_dialog(snap_compare, tmp_path):
    assert snap_compare(
        JixiaoApp("new", session=at({"header.project_name": "测试项目"}, tmp_path, "header.department")),
        press=["ctrl+q"],
        run_before=settled,
    )


def test_training(snap_compare):
    form = sorted((ROOT / "fixtures" / "seed").glob("*.toml"))[0]
    app = JixiaoApp("train", AppOptions(train_path=str(form)))
    assert snap_compare(app, press=["9", ".", "5", "enter"], run_before=settled)

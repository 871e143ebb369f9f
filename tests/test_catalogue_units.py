"""A catalogue match whose unit contradicts the written target is not taken on trust: ≤36万元 is an amount,
项目招标资金节约率 a percentage."""

from __future__ import annotations

from pathlib import Path

from helpers import HEADER_AND_FUNDS, session_at

from domain.catalogue.unit_kinds import contradicts, unit_kind
from domain.record.models import IndicatorRow
from domain.scoring.indicators import match_row

COST_ROW = {**HEADER_AND_FUNDS, "indicators[0].level1": "1", "indicators[0].level2": "成本指标"}


def test_unit_kinds() -> None:
    assert [unit_kind(unit) for unit in ("%", "万元", "元/人", "天", "台(套)", "")] == [
        "percent",
        "money",
        "money",
        "time",
        "count",
        "",
    ]
    assert contradicts("%", "≤36万元") and contradicts("万元", "≥95%")
    assert not contradicts("%", "≥3%") and not contradicts("%", "100") and not contradicts("", "≤36万元")
    assert not contradicts("%", "满意")


def test_the_import_does_not_count_an_amount_under_a_percentage_entry() -> None:
    row = IndicatorRow(
        level1="产出指标",
        level2="成本指标",
        name="项目招标资金",
        target_text="≤36万元",
        actual_text="30万元",
        weight=10,
    )
    assert match_row(row).entry is None
    same_name_percent = row.model_copy(update={"target_text": "≥3%", "actual_text": "5%"})
    assert match_row(same_name_percent).entry is not None
    assert match_row(same_name_percent).entry.name == "项目招标资金节约率"
    chosen = row.model_copy(update={"catalogue_name": "项目招标资金节约率"})  # the clerk's own choice stands
    assert match_row(chosen).entry is not None
    own_name = IndicatorRow(
        level1="产出指标", level2="数量指标", name="行政案件数量", target_text="100%", actual_text="100%", weight=10
    )  # a real form's “100%” of a planned count
    assert match_row(own_name).entry is not None


def test_the_assistant_asks_again_when_the_target_contradicts_the_entry(tmp_path: Path) -> None:
    session = session_at(
        {**COST_ROW, "indicators[0].name": "项目招标资金"}, tmp_path / "drafts", until="indicators[0].target_text"
    )
    interview = session.interview
    assert interview.evaluation.indicators[0].catalogue_name == "项目招标资金节约率"
    events = interview.answer("≤36万元")
    assert any(
        str(event.kind) == "warning" and "项目招标资金节约率" in event.text and "金额" in event.text for event in events
    )
    assert interview.current.id == "indicators[0].catalogue"
    assert [choice.key for choice in interview.current.choices] == ["1", "0"]
    interview.answer("")  # the default: not the catalogue entry
    row = interview.evaluation.indicators[0]
    assert row.catalogue_name == "" and interview.form.context.entry(row) is None
    assert row.target_text == "≤36万元"


def test_a_cut_off_name_takes_the_catalogues_full_name_by_one_command(tmp_path: Path) -> None:
    """项目招标资金 is an alias of 项目招标资金节约率: the form would show the cut-off name; the hint says so and
    names the key, and :n (ctrl+f in the assistant) writes the full name, keeping the row's answers."""
    from domain.interview.questions.naming import use_full_name

    session = session_at(COST_ROW, tmp_path / "drafts", until="indicators[0].name")
    interview = session.interview
    events = interview.answer("项目招标资金")
    hint = next(event.text for event in events if "ctrl+f" in (event.text or ""))
    assert "“项目招标资金”" in hint and "“项目招标资金节约率”" in hint and ":n" in hint
    interview.answer("≥3%")
    interview.answer("5%")
    assert interview.current.id == "indicators[0].weight"
    events = use_full_name(interview)
    assert [event.text for event in events] == ["第 1 行改用指标库全称“项目招标资金节约率”，自评表上将写这个名称"]
    row = interview.evaluation.indicators[0]
    assert (row.name, row.catalogue_name, row.target_text, row.actual_text) == (
        "项目招标资金节约率",
        "项目招标资金节约率",
        "≥3%",
        "5%",
    )
    assert interview.current.id == "indicators[0].weight"  # where the clerk was
    assert "没有需要改成" in use_full_name(interview)[0].text
    interview.undo()
    assert interview.evaluation.indicators[0].name == "项目招标资金"


def test_plain_mode_takes_n_for_the_full_name(tmp_path: Path) -> None:
    import subprocess
    import sys

    from answers import answer_lines

    answers = [
        *answer_lines(
            {
                **COST_ROW,
                "indicators[0].name": "项目招标资金",
                "indicators[0].target_text": "≥3%",
                "indicators[0].actual_text": "5%",
            },
            "indicators[0].weight",
        ),
        ":n",
        ":q",
    ]
    done = subprocess.run(
        [sys.executable, "-m", "tui", "new", "--plain", "--drafts", str(tmp_path / "d")],
        input="\n".join(answers) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert "第 1 行改用指标库全称“项目招标资金节约率”" in done.stdout, done.stdout[-1500:]

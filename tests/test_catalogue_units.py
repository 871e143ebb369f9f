"""A catalogue match whose unit contradicts the written target is not taken on trust: ≤36万元 is an amount,
项目招标资金节约率 a percentage."""

from __future__ import annotations

from pathlib import Path

from helpers import HEADER_AND_FUNDS, session_at

from domain.catalogue.unit_kinds import contradicts, unit_kind
from domain.record.models import IndicatorRow
from domain.scoring.indicators import match_row


def test_unit_kinds() -> None:
    assert [unit_kind(unit) for unit in ("%", "万元", "元/人", "天", "台(套)", "")] == [
        "percent", "money", "money", "time", "count", ""]
    assert contradicts("%", "≤36万元") and contradicts("万元", "≥95%")
    assert not contradicts("%", "≥3%") and not contradicts("%", "100") and not contradicts("", "≤36万元")
    assert not contradicts("%", "满意")


def test_the_import_does_not_count_an_amount_under_a_percentage_entry() -> None:
    row = IndicatorRow(level1="产出指标", level2="成本指标", name="项目招标资金", target_text="≤36万元",
                       actual_text="30万元", weight=10)
    assert match_row(row).entry is None
    same_name_percent = row.model_copy(update={"target_text": "≥3%", "actual_text": "5%"})
    assert match_row(same_name_percent).entry is not None
    assert match_row(same_name_percent).entry.name == "项目招标资金节约率"
    chosen = row.model_copy(update={"catalogue_name": "项目招标资金节约率"})  # the clerk's own choice stands
    assert match_row(chosen).entry is not None


def test_the_assistant_asks_again_when_the_target_contradicts_the_entry(tmp_path: Path) -> None:
    session = session_at([*HEADER_AND_FUNDS, "1", "成本指标", "项目招标资金"], tmp_path / "drafts")
    interview = session.interview
    assert interview.evaluation.indicators[0].catalogue_name == "项目招标资金节约率"
    events = interview.answer("≤36万元")
    assert any(str(event.kind) == "warning" and "项目招标资金节约率" in event.text and "金额" in event.text
               for event in events)
    assert interview.current.id == "indicators[0].catalogue"
    assert [choice.key for choice in interview.current.choices] == ["1", "0"]
    interview.answer("")  # the default: not the catalogue entry
    row = interview.evaluation.indicators[0]
    assert row.catalogue_name == "" and interview.form.context.entry(row) is None
    assert row.target_text == "≤36万元"

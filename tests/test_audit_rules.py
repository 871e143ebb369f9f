"""Audit rules on small hand-made forms: totals, the budget row, assumed directions, reasons, profiles."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from domain.errors import InputError
from domain.record.models import Evaluation, Funds, FundsRow, IndicatorRow
from domain.scoring.audit import audit_evaluation
from domain.scoring.findings import Severity


def form(rows: list[IndicatorRow], total: str | None, budget_score: str = "10.00", **funds) -> Evaluation:
    total_row = FundsRow(annual_budget=D(funds.pop("budget", "100")), executed=D(funds.pop("executed", "100")))
    return Evaluation(
        funds=Funds(total=total_row, declared_score=D(budget_score), **funds),
        indicators=rows,
        declared_total=D(total) if total is not None else None,
    )


def row(name: str, target: str, actual: str, weight: str, declared: str, **extra) -> IndicatorRow:
    return IndicatorRow(
        level1="产出指标",
        level2="数量指标",
        name=name,
        target_text=target,
        actual_text=actual,
        weight=D(weight),
        declared_score=D(declared),
        deviation_reason=extra.pop("reason", "说明"),
        **extra,
    )


def codes(evaluation: Evaluation) -> dict[str, str]:
    return {f.code: f.severity.value for f in audit_evaluation(evaluation).findings}


def test_a_total_written_to_one_decimal_is_rounding_not_an_error():
    # budget 10 + 16.67 (20 × 75 ÷ 90) + 70 = 96.67, written as 96.7
    rows = [row("硬件配置完成率", "90%", "75%", "20", "16.67"), row("实际完成率", "100%", "100%", "70", "70")]
    found = codes(form(rows, "96.7"))
    found.pop("advice.level1_weights")  # all 90 points under 产出指标
    assert found == {"rounding.total_sum": "info", "rounding.total": "info"}


def test_a_total_that_is_simply_wrong_is_arithmetic():
    rows = [row("实际完成率", "100%", "100%", "90", "90")]
    found = codes(form(rows, "95"))
    assert found["arithmetic.total_sum"] == "error"
    assert found["method.total"] == "error"


def test_budget_score_out_of_range_is_an_error_even_without_a_rate():
    evaluation = form(
        [row("实际完成率", "100%", "100%", "90", "90")], "150", budget_score="60", budget="0", executed="0"
    )
    audit = audit_evaluation(evaluation)
    assert "method.score_out_of_range" in {f.code for f in audit.findings}
    assert audit.computed_total == D(100)


def test_a_declared_rate_that_is_not_executed_over_budget_is_an_error():
    evaluation = form([row("实际完成率", "100%", "100%", "90", "90")], "100", declared_rate=D("0.50"))
    assert codes(evaluation)["arithmetic.budget_rate"] == "error"
    assert "arithmetic.budget_rate" not in codes(
        form([row("实际完成率", "100%", "100%", "90", "90")], "100", declared_rate=D("1.00"))
    )


def test_a_declared_score_on_a_row_whose_direction_nothing_tells_is_kept_with_a_warning():
    # 指标甲 (not in the catalogue, no telling word), 5% / 3%, no comparator: positive would give 90 × 3 ÷ 5 = 54,
    # reverse full marks. Nothing decides, so the form's 90 is kept for a person to confirm, never assumed.
    audit = audit_evaluation(form([row("指标甲", "5%", "3%", "90", "90")], "100"))
    by_code = {f.code: f for f in audit.findings}
    assert by_code["judgement.direction_unknown"].severity is Severity.WARNING
    assert audit.computed_total == D(100)
    assert not audit.has_errors


def test_reasons_are_asked_for_the_score_that_counts():
    # 满意 / 基本满意, 分值 10: band 6–8; the declared 8 is kept and lost 2 points → needs a reason
    kept = row("服务对象满意度", "满意", "基本满意", "10", "8", reason="")
    found = codes(form([kept, row("实际完成率", "100%", "100%", "80", "80")], "98"))
    assert found["completeness.missing_reason"] == "warning"


def test_a_profile_named_by_path_in_the_file_is_refused(tmp_path: Path):
    """A form may only name a profile: a path in the file (``/dev/zero``, ``../../x``) is never read."""
    profile = tmp_path / "local.toml"
    profile.write_text('name = "local"\nbudget_weight = 20\n', encoding="utf-8")
    for named in (str(profile), "/dev/zero", "../../etc/passwd", "x" * 300):
        evaluation = form([row("实际完成率", "100%", "100%", "90", "90")], "100").model_copy(update={"profile": named})
        with pytest.raises(InputError, match="不是规则名称"):
            audit_evaluation(evaluation)

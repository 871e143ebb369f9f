"""Scoring beyond the seed (scoring-method.md, "Beyond the seed"): each rule with values worked by hand."""

from decimal import Decimal as D

from domain.record.models import Evaluation, Funds, FundsRow, IndicatorRow
from domain.record.values import parse_value
from domain.scoring.audit import audit_evaluation
from domain.scoring.checks import says_something
from domain.scoring.profile import builtin_profile, load_profile
from domain.scoring.rules import Direction, RowStatus, Rule, score_row
from domain.scoring.whatif import indicator_whatif


def whatif(target: str, actual: str, weight: str = "10", **options) -> object:
    return indicator_whatif(D(weight), target, actual, **options)


# --- units carry over ------------------------------------------------------------------------------------


def test_a_bare_actual_takes_the_targets_unit_and_multiplier():
    # =8万元 with 8: 8万元 = 80000元 meets 80000元 → full 10
    result = whatif("=8万元", "8")
    assert result.score == D(10) and result.has_note("unit_assumed")
    assert "读作 8万元（80000元）" in result.notes[-1].zh


def test_a_bare_actual_over_a_cost_ceiling_is_an_overrun():
    # ≤60万元 with 66: 66万元; linear reverse 10 × (1 − (66 − 60) ÷ 60) = 10 × 0.9 = 9.00
    result = whatif("≤60万元", "66")
    assert result.score == D("9.00") and result.explanation.rule is Rule.REVERSE_LINEAR


def test_a_bare_number_of_the_targets_magnitude_is_in_the_base_unit():
    # =30万元 with 300000: already 300000元 → meets → 10; read as 30万 × 300000 it would be absurd
    result = whatif("=30万元", "300000")
    assert result.score == D(10)
    assert "按“元”读作 300000元" in result.notes[-1].zh


def test_a_bare_fraction_against_a_percentage_is_a_fraction():
    # ≥95% with 0.9: 90%; 10 × 90 ÷ 95 = 9.4736… → 9.47
    result = whatif("≥95%", "0.9")
    assert result.score == D("9.47") and "按比例读作 90%" in result.notes[-1].zh


def test_a_reading_that_would_wipe_out_a_met_row_is_asked():
    # ≤60万元 with 130: read as 130万元 the overrun is (130 − 60) ÷ 60 > 1 → 0 points; read as 130元 it is
    # far within the ceiling → 10. Never silently 0: judgement, with both readings stated.
    result = whatif("≤60万元", "130")
    assert result.status is RowStatus.JUDGEMENT and result.score is None
    assert "读作 1300000元 得 0.00 分，读作 130元 得 10.00 分" in result.explanation.zh


# --- target 0 ----------------------------------------------------------------------------------------


def test_target_zero_is_all_or_nothing_in_both_directions():
    assert whatif("=0起", "3起").score == D(0)  # today's full marks was wrong
    assert whatif("=0起", "0起").score == D(10)
    assert whatif("≤0次", "3次").score == D(0)
    assert whatif("≤0次", "0").score == D(10)
    # no comparator: the catalogue's direction decides (reverse → all or nothing; positive → ≥0 is met)
    assert whatif("0", "2", catalogue_direction=Direction.REVERSE).score == D(0)
    assert whatif("0", "2", catalogue_direction=Direction.POSITIVE).score == D(10)


# --- comparators and the catalogue ---------------------------------------------------------------------


def test_a_bare_time_target_follows_the_catalogue_before_the_units_habit():
    # 可持续影响年限 15年 / 12年 is positive: 10 × 12 ÷ 15 = 8.00 (as a time limit it would be full marks)
    assert whatif("15年", "12年", catalogue_direction=Direction.POSITIVE).score == D("8.00")
    assert whatif("15年", "12年").score == D(10)  # no catalogue entry: a time limit, on time
    # a comparator still wins over the catalogue's silence: ≤30天 with 35天 → 10 × (1 − 5 ÷ 30) = 8.33
    assert whatif("≤30天", "35天").score == D("8.33")


# --- qualitative bands -------------------------------------------------------------------------------


def test_partial_is_half_open_and_the_band_is_in_the_message():
    # 部分达成 [60%, 80%) of 10: 6 ≤ score < 8
    assert whatif("满意", "基本满意", judged_score=D("7.99")).score == D("7.99")
    assert whatif("满意", "基本满意", judged_score=D(6)).score == D(6)
    top = whatif("满意", "基本满意", judged_score=D(8))
    assert top.score is None and "6–8（不含 8）" in top.notes[-1].zh
    assert not top.admits(D(8)) and top.admits(D("7.5"))
    # 未达成 [0, 60%): 6 is not admissible, 5.99 is
    assert whatif("满意", "不满意", judged_score=D(6)).score is None
    assert whatif("满意", "不满意", judged_score=D("5.99")).score == D("5.99")


def test_hubei_2020_bands_and_ratio_reverse():
    profile = builtin_profile("hubei-2020")
    # 部分达成 [50%, 80%) of 10 → 5–8; ≤10% with 12%: 10 × 10 ÷ 12 = 8.33
    assert whatif("满意", "基本满意", profile=profile).band == (D("5.00"), D("8.00"))
    assert whatif("≤10%", "12%", profile=profile).score == D("8.33")


# --- platform options -------------------------------------------------------------------------------


def test_the_130_percent_deviation_deduction(tmp_path):
    path = tmp_path / "platform.toml"
    path.write_text('name = "platform"\ndeviation_deduction = 2\n', encoding="utf-8")
    profile = load_profile(str(path), allow_path=True)
    # ≥100 with 130: met, but at 130% of the target: 10 − 2 = 8.00; at 129 still full
    result = whatif("≥100", "130", profile=profile)
    assert result.score == D(8) and result.explanation.rule is Rule.DEVIATION
    assert whatif("≥100", "129", profile=profile).score == D(10)
    assert whatif("≥100", "130").score == D(10)  # off by default


# --- the audit -------------------------------------------------------------------------------------------


def form(rows: list[IndicatorRow], total: str | None, budget_score: str = "10", **funds) -> Evaluation:
    total_row = FundsRow(annual_budget=D(funds.pop("budget", "100")), executed=D(funds.pop("executed", "100")))
    return Evaluation(
        funds=Funds(total=total_row, declared_score=D(budget_score), **funds),
        indicators=rows,
        declared_total=D(total) if total is not None else None,
    )


def row(
    name: str,
    target: str,
    actual: str,
    weight: str,
    declared: str | None,
    reason: str = "说明",
    level2: str = "数量指标",
    level1: str = "产出指标",
) -> IndicatorRow:
    return IndicatorRow(
        level1=level1,
        level2=level2,
        name=name,
        target_text=target,
        actual_text=actual,
        weight=D(weight),
        declared_score=D(declared) if declared is not None else None,
        deviation_reason=reason,
    )


def findings(evaluation: Evaluation, profile=None) -> dict[tuple[int | None, str], object]:
    return {(f.row, f.code): f for f in audit_evaluation(evaluation, profile).findings}


def test_a_whole_number_form_is_judged_at_whole_numbers():
    # rows written as whole numbers: 20 × 75 ÷ 90 = 16.67 → 17; 30 × 80 ÷ 90 = 26.67 → 27; the form's habit
    # is whole numbers half-up, so both are kept as rounding and the habit is reported.
    rows = [
        row("硬件配置完成率", "90%", "75%", "20", "17"),
        row("实际完成率", "90%", "80%", "30", "27"),
        row("网络覆盖率", "100%", "100%", "40", "40"),
    ]
    audit = audit_evaluation(form(rows, "94"))
    assert audit.habit is not None and (audit.habit.decimals, audit.habit_rows) == (0, 2)
    assert audit.habit_text.zh == "本表各行得分按整数四舍五入（由 2 行得分判断）"
    assert not audit.has_errors and audit.computed_total == D(94)


def test_full_marks_for_a_missed_target_is_never_rounding():
    # 20 × 89 ÷ 90 = 19.78 at two places (the form's habit, told by 16.67): 20 is a method error.
    rows = [
        row("硬件配置完成率", "90%", "75%", "20", "16.67"),
        row("实际完成率", "90%", "89%", "20", "20"),
        row("网络覆盖率", "100%", "100%", "50", "50"),
    ]
    found = findings(form(rows, "96.67"))
    assert (2, "method.row_score") in found
    assert "未达到年度指标值却给了满分" in found[(2, "method.row_score")].message
    # … unless the computed score rounds to full marks at the habit: whole numbers, 20 × 89.9 ÷ 90 = 19.98 → 20
    rows = [
        row("硬件配置完成率", "90%", "75%", "20", "17"),
        row("实际完成率", "90%", "89.9%", "20", "20"),
        row("网络覆盖率", "100%", "100%", "50", "50"),
    ]
    assert not audit_evaluation(form(rows, "97")).has_errors


def test_a_reason_that_says_nothing_is_missing():
    for empty in ("无", "/", "—", "-", "暂无", "见附件", " 无。", "*"):
        assert not says_something(empty), empty
    assert says_something("疫情影响，采购推迟")
    rows = [
        row("硬件配置完成率", "90%", "75%", "20", "16.67", reason="无"),
        row("网络覆盖率", "100%", "100%", "70", "70"),
    ]
    found = findings(form(rows, "96.67"))
    assert "偏差原因只写了“无”" in found[(1, "completeness.missing_reason")].message


def test_a_reason_is_needed_where_the_form_declares_a_loss():
    # the target was met (full 20 by the rules) but the form declares 19: a method error AND a missing reason
    rows = [row("硬件配置完成率", "90%", "95%", "20", "19", reason=""), row("网络覆盖率", "100%", "100%", "70", "70")]
    found = findings(form(rows, "99"))
    assert (1, "method.row_score") in found and (1, "completeness.missing_reason") in found


def test_structure_slips_are_named():
    rows = [
        row("硬件配置完成率", "90%", "90%", "20", "20"),
        row("硬件配置完成率", "90%", "90%", "20", "20"),
        row("网络覆盖率", "100%", "100%", "0", "0"),
        row("系统可用率", "99%", "99%", "30", "30", level1="效益指标(20分)", level2="社会效益指标"),
    ]
    found = findings(form(rows, "80"))
    duplicate = found[(2, "structure.duplicate_indicator")]
    assert duplicate.message == "第 1 行与第 2 行是二级指标“数量指标”下的同一个三级指标“硬件配置完成率”"
    assert (3, "structure.zero_weight") in found
    label = found[(None, "arithmetic.level1_label")]
    assert label.message == "一级指标“效益指标”标注 20 分，其下各行分值合计 30 分"


def test_a_form_with_no_scored_rows_is_not_graded_and_blank_rows_are_not_losses():
    blank = IndicatorRow(level1="产出指标", level2="数量指标", weight=D(0))
    audit = audit_evaluation(form([blank], "10"))
    assert audit.grade is None
    codes = {f.code for f in audit.findings}
    assert "completeness.no_scored_rows" not in codes or audit.scored_rows == 0
    assert "completeness.missing_reason" not in codes


def test_execution_caps_limit_the_total(tmp_path):
    path = tmp_path / "capped.toml"
    path.write_text(
        'name = "capped"\nexecution_caps = [[0.8, 89], [0.7, 79], [0.6, 69], [0.5, 59]]\n', encoding="utf-8"
    )
    profile = load_profile(str(path), allow_path=True)
    # execution 65% → budget 10 × 0.65 = 6.5; rows 90 → sum 96.5, capped at 79 (60–70%), 17.5 deducted
    rows = [row("网络覆盖率", "100%", "100%", "90", "90")]
    audit = audit_evaluation(form(rows, "96.5", budget_score="6.5", executed="65"), profile)
    assert audit.computed_total == D(79)
    capped = next(f for f in audit.findings if f.code.endswith("total_capped"))
    assert capped.message == "执行率 65% 低于 70%：总分最高 79 分，扣除超出的 17.5 分"


def test_profile_auto_picks_hubei_2020_for_a_20_point_budget_and_ratio_reverse_rows():
    # 故障率 ≤10% with 12%, 分值 10: ratio 10 × 10 ÷ 12 = 8.33 (linear would give 8.00); the form wrote 8.33
    rows = [row("设备故障率", "≤10%", "12%", "10", "8.33"), row("网络覆盖率", "100%", "100%", "70", "70")]
    evaluation = form(rows, "98.33", budget_score="20")
    evaluation.funds.weight = D(20)
    audit = audit_evaluation(evaluation, "auto")
    assert audit.scored.profile.name == "hubei-2020"
    assert audit.profile_choice is not None
    assert audit.profile_choice.zh.startswith("自动选用规则“hubei-2020”：预算执行率分值为 20；反向指标的得分按")
    assert not audit.has_errors


def test_chinese_numerals_are_read_where_they_make_a_value():
    assert parse_value("九十").number == D(90)
    # 九十 against ≥95%: read in the target's unit, 10 × 90 ÷ 95 = 9.47
    assert whatif("≥95%", "九十").score == D("9.47")
    assert whatif("≥95%", "百分之九十").score == D("9.47")
    assert parse_value("九十五点五%").number == D("95.5")


def test_row_scoring_takes_a_plain_row_too():
    plain = IndicatorRow(name="x", target_text="≥90%", actual_text="75%", weight=D(20))
    assert score_row(plain).score == D("16.67")


def test_check_profile_auto_through_the_command_line(tmp_path, capsys):
    from domain.record.storage import save_evaluation
    from tui.cli import run

    rows = [row("设备故障率", "≤10%", "12%", "10", "8.33"), row("网络覆盖率", "100%", "100%", "70", "70")]
    evaluation = form(rows, "98.33", budget_score="20")
    evaluation.funds.weight = D(20)
    path = tmp_path / "hubei.toml"
    save_evaluation(evaluation, path)
    assert run(["check", str(path), "--profile", "auto", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "[提示] 自动选用规则“hubei-2020”：预算执行率分值为 20；反向指标的得分按 分值 × 指标值 ÷ 实际值 计算" in out


def test_a_declared_grade_the_declared_total_does_not_earn_is_named():
    from pathlib import Path

    from domain.record.storage import load_evaluation
    from domain.scoring.audit import audit_evaluation

    seed = sorted((Path(__file__).parent.parent / "fixtures" / "seed").glob("01-*.toml"))[0]
    form = load_evaluation(seed)  # declared total 89.18: 良 (80 ≤ 89.18 < 90)
    assert str(form.declared_total) == "89.18"
    wrong = audit_evaluation(form.model_copy(update={"declared_grade": "优"}))
    found = [finding for finding in wrong.findings if finding.code == "arithmetic.declared_grade"]
    assert len(found) == 1 and found[0].message == "表上等级为“优”，但表上总分 89.18 对应的等级是“良”"
    right = audit_evaluation(form.model_copy(update={"declared_grade": "良"}))
    assert not [finding for finding in right.findings if finding.code == "arithmetic.declared_grade"]

"""Scoring rules, each expected value worked by hand from the method (scoring-method.md)."""

from decimal import Decimal as D

import pytest

from domain.record.models import Direction, Evaluation, Funds, FundsRow, IndicatorRow
from domain.scoring.profile import Rounding, builtin_profile
from domain.scoring.rules import RowStatus, Rule, score_budget, score_evaluation, score_row

DEFAULT = builtin_profile()
RATIO = builtin_profile("ratio-reverse")


def row(target: str, actual: str, weight: str, **extra) -> IndicatorRow:
    return IndicatorRow(
        name=extra.pop("name", "指标"), target_text=target, actual_text=actual, weight=D(weight), **extra
    )


# --- positive ------------------------------------------------------------------------------------


def test_positive_shortfall_is_weight_times_actual_over_target():
    # 硬件配置完成 90% / 75%, 分值 20 → 20 × 75 ÷ 90 = 16.666… → 16.67
    result = score_row(row("90%", "75%", "20"), DEFAULT, Direction.POSITIVE)
    assert result.score == D("16.67")
    assert result.deduction == D("3.33")
    assert result.explanation.rule is Rule.POSITIVE_SHORTFALL
    assert result.explanation.formula == "得分 = 20 × 75% ÷ 90% = 16.67"
    assert result.explanation.zh == "实际完成值 75% 低于年度指标值 90%：得分 = 20 × 75% ÷ 90% = 16.67，扣 3.33 分"
    assert "3.33 points lost" in result.explanation.en


def test_positive_met_gets_full_marks_and_never_more():
    result = score_row(row("90%", "92%", "15"), DEFAULT, Direction.POSITIVE)
    assert result.score == D(15)
    assert result.explanation.rule is Rule.POSITIVE_MET
    assert not result.has_note("overachieved")  # 92/90 = 102% < 120%


def test_overachievement_is_flagged_not_deducted():
    # 项目招标资金节约率 3% / 40%: 1333% of target → full marks, flagged
    result = score_row(row("3%", "40%", "10"), DEFAULT, Direction.POSITIVE)
    assert result.score == D(10)
    assert result.has_note("overachieved")


def test_overachievement_threshold_is_inclusive_at_120_percent():
    assert score_row(row("50", "60", "10"), DEFAULT, Direction.POSITIVE).has_note("overachieved")
    assert not score_row(row("50", "59.9", "10"), DEFAULT, Direction.POSITIVE).has_note("overachieved")


def test_comparator_in_target_sets_direction_over_catalogue_default():
    # ≥99% target, 90% actual: 20 × 90 ÷ 99 = 18.1818… → 18.18
    result = score_row(row("≥99%", "90%", "20"), DEFAULT, None)
    assert result.direction is Direction.POSITIVE
    assert result.score == D("18.18")


def test_equal_direction_scores_as_positive():
    result = score_row(row("=100%", "80%", "10"), DEFAULT, None)
    assert result.direction is Direction.EQUAL
    assert result.score == D("8.00")


# --- reverse -------------------------------------------------------------------------------------


def test_reverse_met_is_full():
    # 设备故障率 10% / 8% (catalogue: reverse) → full 5
    result = score_row(row("10%", "8%", "5"), DEFAULT, Direction.REVERSE)
    assert result.score == D(5)
    assert result.explanation.rule is Rule.REVERSE_MET


def test_reverse_linear_penalty_is_the_default():
    # 设备故障率 10% / 13%, 分值 10 → 10 × (1 − (13 − 10) ÷ 10) = 7.00 (the seed declares 7)
    result = score_row(row("10%", "13%", "10"), DEFAULT, Direction.REVERSE)
    assert result.score == D("7.00")
    assert result.explanation.rule is Rule.REVERSE_LINEAR
    assert result.explanation.formula == "得分 = 10 × (1 − (13% − 10%) ÷ 10%) = 7.00"


def test_reverse_linear_reaches_zero_at_twice_the_target_and_stays_there():
    assert score_row(row("10%", "20%", "10"), DEFAULT, Direction.REVERSE).score == D("0.00")
    assert score_row(row("10%", "35%", "10"), DEFAULT, Direction.REVERSE).score == D("0.00")


def test_reverse_ratio_convention():
    # 10 × 10 ÷ 13 = 7.6923… → 7.69
    result = score_row(row("10%", "13%", "10"), RATIO, Direction.REVERSE)
    assert result.score == D("7.69")
    assert result.explanation.rule is Rule.REVERSE_RATIO


def test_time_limit_target_is_reverse():
    assert score_row(row("72小时之内", "72小时之内", "10"), DEFAULT, None).score == D(10)
    # 4 hours target, 6 hours actual: 10 × (1 − (6 − 4) ÷ 4) = 5.00
    result = score_row(row("4个小时", "6小时", "10"), DEFAULT, None)
    assert result.direction is Direction.REVERSE
    assert result.score == D("5.00")


def test_time_units_are_converted():
    # 2 hours target, 90 minutes actual → within the limit
    assert score_row(row("≤2小时", "90分钟", "10"), DEFAULT, None).score == D(10)


# --- target zero ---------------------------------------------------------------------------------


def test_target_zero_positive_never_divides_by_zero():
    result = score_row(row("0%", "0", "20"), DEFAULT, Direction.POSITIVE)
    assert result.score == D(20)
    assert result.explanation.rule is Rule.TARGET_ZERO


def test_target_zero_reverse_is_all_or_nothing():
    assert score_row(row("=0", "0", "10"), DEFAULT, Direction.REVERSE).score == D(10)
    assert score_row(row("=0", "1", "10"), DEFAULT, Direction.REVERSE).score == D(0)


# --- units ---------------------------------------------------------------------------------------


def test_actual_without_unit_is_read_in_target_unit_with_a_note():
    # 维护及时率 80% / "70", 分值 25 → 25 × 70 ÷ 80 = 21.875 → 21.88
    result = score_row(row("80%", "70", "25"), DEFAULT, Direction.POSITIVE)
    assert result.score == D("21.88")
    assert result.has_note("unit_assumed")


def test_different_units_need_judgement():
    result = score_row(row("40平方米", "100%", "2"), DEFAULT, Direction.POSITIVE)
    assert result.status is RowStatus.JUDGEMENT
    assert result.score is None
    assert result.has_note("unit_mismatch")
    assert result.band == (D(0), D(2))


# --- direction conflict --------------------------------------------------------------------------


def test_direction_conflict_is_asked_not_guessed():
    # 经费节约率 (catalogue: positive) with target 节约5%以内 (wording: reverse)
    result = score_row(row("节约5%以内", "1%", "10"), DEFAULT, Direction.POSITIVE)
    assert result.status is RowStatus.JUDGEMENT
    assert result.direction is None
    assert result.has_note("direction_conflict")


def test_user_decision_settles_a_direction_conflict():
    # decided positive: 10 × 1 ÷ 5 = 2.00 (what the seed form declared)
    decided = row("节约5%以内", "1%", "10", direction=Direction.POSITIVE)
    result = score_row(decided, DEFAULT, Direction.POSITIVE)
    assert result.score == D("2.00")


# --- qualitative ---------------------------------------------------------------------------------


def test_qualitative_achieved_defaults_to_top_of_band():
    result = score_row(row("满意", "满意", "20"), DEFAULT, None)
    assert result.score == D("20.00")
    assert result.band == (D("16.00"), D("20.00"))
    assert result.explanation.rule is Rule.QUALITATIVE


def test_qualitative_partial_asks_for_a_score_within_band():
    # 满意 / 基本满意, 分值 20 → band 12–16; the seed declared 16
    result = score_row(row("满意", "基本满意", "20"), DEFAULT, None)
    assert result.status is RowStatus.JUDGEMENT
    assert result.band == (D("12.00"), D("16.00"))
    assert result.band_open  # 部分达成 is [60%, 80%): 16 itself belongs to 达成
    judged = score_row(row("满意", "基本满意", "20", judged_score=D("15.99")), DEFAULT, None)
    assert judged.score == D("15.99")
    assert judged.status is RowStatus.SCORED
    top = score_row(row("满意", "基本满意", "20", judged_score=D(16)), DEFAULT, None)
    assert top.score is None and top.has_note("judged_out_of_band")
    assert "12–16（不含 16）" in top.notes[-1].zh


def test_judged_score_outside_band_is_not_used():
    result = score_row(row("满意", "基本满意", "20", judged_score=D(19)), DEFAULT, None)
    assert result.score is None
    assert result.has_note("judged_out_of_band")


def test_not_surveyed_falls_in_the_lowest_band():
    result = score_row(row("满意", "未调查", "4"), DEFAULT, None)
    assert result.band == (D("0.00"), D("2.40"))


def test_restated_text_target_is_met():
    result = score_row(row("不高于社会平均", "不高于社会平均", "5"), DEFAULT, None)
    assert result.score == D(5)
    assert result.explanation.rule is Rule.TEXT_RESTATED


def test_unused_placeholder_row():
    result = score_row(IndicatorRow(level2="经济效益指标", name="*", target_text="0", actual_text="0"), DEFAULT)
    assert result.status is RowStatus.UNUSED
    assert result.score == D(0)


# --- rounding ------------------------------------------------------------------------------------


def test_truncating_profile_cuts_instead_of_rounding():
    truncating = DEFAULT.replace(score_decimals=1, rounding=Rounding.TRUNCATE)
    # 25 × 70 ÷ 80 = 21.875 → 21.8 truncated (21.9 half-up)
    assert score_row(row("80%", "70%", "25"), truncating, Direction.POSITIVE).score == D("21.8")


# --- budget --------------------------------------------------------------------------------------


def funds(budget: str, executed: str, weight: str = "10") -> Funds:
    return Funds(
        total=FundsRow(initial_budget=D(budget), annual_budget=D(budget), executed=D(executed)), weight=D(weight)
    )


def test_budget_rate_is_rounded_to_two_places_before_multiplying():
    # 351000 ÷ 360000 = 0.975 → 0.98 → 10 × 0.98 = 9.80 (not 9.75)
    result = score_budget(funds("360000.00", "351000.00"))
    assert result.rate == D("0.975")
    assert result.rate_used == D("0.98")
    assert result.score == D("9.80")
    assert result.explanation.formula == "得分 = 10 × 0.98 = 9.80"


def test_budget_unrounded_rate_option():
    assert score_budget(funds("360000", "351000"), RATIO).score == D("9.75")


def test_budget_over_execution_is_capped_and_flagged():
    result = score_budget(funds("100", "120"))
    assert result.score == D("10.00")
    assert any(note.code == "executed_over_budget" for note in result.notes)


def test_budget_low_execution_asks_for_a_reason():
    # 8367965.04 ÷ 16870000 = 0.496… → 0.50 → 5.00
    result = score_budget(funds("16870000.00", "8367965.04"))
    assert result.score == D("5.00")
    assert any(note.code == "low_execution" for note in result.notes)


def test_budget_without_budget_cannot_be_scored():
    assert score_budget(Funds()).score is None


def test_budget_weight_20_profile():
    hubei = builtin_profile("hubei")
    assert hubei.budget_weight == D(20)
    assert score_budget(funds("100", "50", "20"), hubei).score == D("10.00")


def test_initial_budget_denominator_option():
    beijing = builtin_profile("beijing-2016")
    total = FundsRow(initial_budget=D(200), annual_budget=D(100), executed=D(100))
    assert score_budget(Funds(total=total), beijing).score == D("5.00")


# --- whole form ----------------------------------------------------------------------------------


def test_total_is_budget_plus_sum_of_rounded_rows_and_grade():
    evaluation = Evaluation(
        funds=funds("360000.00", "351000.00"),
        indicators=[row("90%", "75%", "20"), row("90%", "92%", "70")],
    )
    scored = score_evaluation(evaluation, DEFAULT, lambda r: Direction.POSITIVE)
    assert scored.total == D("9.80") + D("16.67") + D(70)
    assert scored.complete
    assert scored.grade == "优"


@pytest.mark.parametrize(
    ("total", "grade"), [(D(90), "优"), (D("89.99"), "良"), (D(80), "良"), (D(60), "中"), (D("59.99"), "差")]
)
def test_grade_bands(total, grade):
    assert DEFAULT.grade_of(total) == grade


# --- edge cases found in review ---------------------------------------------------------------------


def test_a_count_target_against_a_percentage_actual_cannot_be_compared():
    # 建设规模（平方米） 40 / 100%: the method's own example of units that need judgement
    result = score_row(row("40", "100%", "2"), DEFAULT, Direction.POSITIVE)
    assert result.status is RowStatus.JUDGEMENT and result.has_note("unit_mismatch")


def test_a_deadline_is_reverse_whatever_the_indicator_name_says():
    result = score_row(row("2023年12月", "2023年11月", "10"), DEFAULT, Direction.POSITIVE)
    assert result.score == D(10) and result.direction is Direction.REVERSE
    assert score_row(row("24小时", "20小时", "10"), DEFAULT, None).score == D(10)  # the unit's habit


def test_a_direction_conflict_that_cannot_change_the_score_is_not_asked():
    # 100%以上 / 100% scores full either way
    result = score_row(row("100%以上", "100%", "15"), DEFAULT, Direction.REVERSE)
    assert result.score == D(15) and result.has_note("direction_irrelevant")


def test_a_negative_target_needs_judgement():
    assert score_row(row("-10%", "5%", "10"), DEFAULT, Direction.POSITIVE).status is RowStatus.JUDGEMENT


def test_arithmetic_keeps_every_digit_of_the_inputs():
    # 10 × 0.49949999999999999999999 ÷ 1 = 4.9949999… → 4.99 (a 28-digit context would give 5.00)
    result = score_row(row("1", "0.49949999999999999999999", "10"), DEFAULT, Direction.POSITIVE)
    assert result.score == D("4.99")

"""Invariants of the scoring rules, checked on generated inputs."""

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.record.models import Direction, Evaluation, IndicatorRow
from domain.scoring.profile import builtin_profile
from domain.scoring.rules import score_evaluation, score_row

PROFILES = [builtin_profile("default"), builtin_profile("ratio-reverse")]
amounts = st.decimals(min_value=0, max_value=10000, places=2, allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)
directions = st.sampled_from([Direction.POSITIVE, Direction.REVERSE, Direction.EQUAL])
profiles = st.sampled_from(PROFILES)


def numeric_row(target: D, actual: D, weight: D, direction: Direction) -> IndicatorRow:
    return IndicatorRow(
        name="指标", target_text=str(target), actual_text=str(actual), weight=weight, direction=direction
    )


@settings(max_examples=300, deadline=None)
@given(amounts, amounts, weights, directions, profiles)
def test_score_stays_between_zero_and_weight(target, actual, weight, direction, profile):
    result = score_row(numeric_row(target, actual, weight, direction), profile)
    assert result.score is not None
    assert D(0) <= result.score <= weight


@settings(max_examples=300, deadline=None)
@given(amounts, amounts, amounts, weights, directions, profiles)
def test_score_is_monotone_in_the_actual_value(target, first, second, weight, direction, profile):
    low, high = sorted((first, second))
    score_low = score_row(numeric_row(target, low, weight, direction), profile).score
    score_high = score_row(numeric_row(target, high, weight, direction), profile).score
    if direction is Direction.EQUAL and target == 0:  # "= 0" is all or nothing, not a slope
        assert score_low == (weight if low == 0 else 0) and score_high == (weight if high == 0 else 0)
    elif direction is Direction.REVERSE:
        assert score_low >= score_high
    else:
        assert score_low <= score_high


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(amounts, amounts, weights, directions), min_size=1, max_size=8))
def test_total_is_budget_plus_sum_of_rows(rows):
    evaluation = Evaluation(indicators=[numeric_row(*spec) for spec in rows])
    scored = score_evaluation(evaluation)
    budget = scored.budget.score or D(0)
    assert scored.total == budget + sum(result.score for result in scored.rows)


written = st.decimals(min_value=D("0.1"), max_value=1000, places=1, allow_nan=False, allow_infinity=False)
bare = st.decimals(min_value=D("0.01"), max_value=10, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(written, bare, bare, weights, st.sampled_from(["≥", "≤", "="]), profiles)
def test_a_bare_actual_read_in_the_targets_multiplier_stays_in_range_and_monotone(
    goal, first, second, weight, sign, profile
):
    # a bare actual up to ten times the number written before 万元 is read in 万元 (8 against =8万元)
    low, high = sorted((first * goal, second * goal))
    target = f"{sign}{goal}万元"
    results = [
        score_row(IndicatorRow(name="指标", target_text=target, actual_text=str(value), weight=weight), profile)
        for value in (low, high)
    ]
    for result in results:
        assert result.score is None or D(0) <= result.score <= weight
    score_low, score_high = (result.score for result in results)
    if score_low is not None and score_high is not None:
        assert score_low >= score_high if sign == "≤" else score_low <= score_high


fractions = st.decimals(min_value=D("0.01"), max_value=1, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=10, max_value=100), fractions, fractions, weights)
def test_a_bare_fraction_against_a_percentage_is_monotone(goal, first, second, weight):
    low, high = sorted((first, second))
    scores = [
        score_row(IndicatorRow(name="指标", target_text=f"≥{goal}%", actual_text=str(value), weight=weight)).score
        for value in (low, high)
    ]
    assert all(score is not None and D(0) <= score <= weight for score in scores)
    assert scores[0] <= scores[1]

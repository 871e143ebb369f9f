"""Quantitative rows: reading both values in one unit, then the positive, reverse and target-0 rules.

A bare actual carries the target's unit and multiplier when that makes the two comparable (``=8万元``
with ``8`` is 8万元), unless the bare number is already of the target's magnitude in the base unit
(``=30万元`` with ``300000`` is 元); a bare fraction against a percentage is a fraction (0.9 → 90%).
The reading taken is stated in a note, and a reading that would turn a met or nearly met row into
almost nothing is put to the user instead.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from domain.record.kinds import Comparator, Direction, Frozen, ParsedValue, ValueKind
from domain.record.value_words import TIME_UNITS
from domain.record.values import multiplier_of
from domain.scoring.conventions import ReverseConvention
from domain.scoring.results import Explanation, Note, RowResult, RowStatus, Rule, note
from domain.scoring.rounding import ONE_HUNDRED, divide, plain, quantize
from domain.scoring.verdicts import full_marks, judgement, round_score, score_text, show
from domain.scoring.wording import Msg, msg

if TYPE_CHECKING:
    from domain.scoring.profile import Profile

_TIME_UNITS_IN_HOURS = {
    "秒": Decimal(1) / Decimal(3600),
    "分钟": Decimal(1) / Decimal(60),
    "小时": Decimal(1),
    "天": Decimal(24),
    "日": Decimal(24),
}
ALMOST_NOTHING = Decimal("0.1")  # a reading scoring at most this share of 分值 …
NEARLY_MET = Decimal("0.8")  # … while another gives at least this share is put to the user


class Reading(Frozen):
    """Target and actual as numbers in one unit, how they are shown, and the note saying how."""

    goal: Decimal
    achieved: Decimal
    target_text: str
    actual_text: str
    notes: tuple[Note, ...] = ()


_POWERS: dict[str, int | None] = {}  # a value's text → the power of ten written after its number


def _power(value: ParsedValue) -> int | None:
    """``multiplier_of`` read once per value text (a batch meets the same texts again and again)."""
    if value.kind is not ValueKind.QUANTITY:
        return None
    raw = value.raw
    if raw in _POWERS:
        return _POWERS[raw]
    if len(_POWERS) >= 4096:
        _POWERS.clear()
    power = _POWERS[raw] = multiplier_of(value)
    return power


def _closeness(value: Decimal, goal: Decimal) -> Decimal:
    """How far apart two positive numbers are, as a ratio ≥ 1 (0 counts as far from anything)."""
    if value <= 0 or goal <= 0:
        return Decimal("Infinity")
    return max(divide(value, goal), divide(goal, value))


def readings(target: ParsedValue, actual: ParsedValue) -> tuple[list[Reading], Note | None]:
    """The readings of the pair, most likely first (one in most cases), or none with a note saying why."""
    assert target.number is not None and actual.number is not None
    goal, number = target.number, actual.number
    raw = actual.raw.strip()
    shown_target = show(target, goal)
    power = _power(target)
    bare = actual.unit == "" and _power(actual) is None
    if target.unit == actual.unit and not (bare and power):
        return [Reading(goal, number, shown_target, show(actual, number))], None
    if bare and power:
        scaled = number.scaleb(power)
        as_written = Reading(
            goal,
            number,
            shown_target,
            f"{plain(number)}{target.unit}",
            (
                note(
                    "unit_assumed",
                    msg(
                        "scoring.note.unit_base",
                        raw=raw,
                        target=shown_target,
                        unit=target.unit or "个",
                        reading=f"{plain(number)}{target.unit}",
                    ),
                ),
            ),
        )
        multiplied = Reading(
            goal,
            scaled,
            shown_target,
            f"{plain(scaled)}{target.unit}",
            (
                note(
                    "unit_assumed",
                    msg("scoring.note.unit_scaled", raw=raw, reading=_with_multiplier(number, scaled, power, target)),
                ),
            ),
        )
        if number == 0 or _closeness(number, goal) <= _closeness(scaled, goal):
            return [as_written, multiplied], None
        return [multiplied, as_written], None
    if bare and target.unit == "%" and 0 < number <= 1:
        percent = number * ONE_HUNDRED
        fraction = Reading(
            goal,
            percent,
            shown_target,
            f"{plain(percent)}%",
            (note("unit_assumed", msg("scoring.note.unit_fraction", raw=raw, reading=f"{plain(percent)}%")),),
        )
        as_percent = Reading(
            goal,
            number,
            shown_target,
            f"{plain(number)}%",
            (note("unit_assumed", msg("scoring.note.actual_unit_assumed", raw=raw, unit="%")),),
        )
        if _closeness(percent, goal) <= _closeness(number, goal):
            return [fraction, as_percent], None
        return [as_percent, fraction], None
    if actual.unit == "" and target.unit:
        said = note("unit_assumed", msg("scoring.note.actual_unit_assumed", raw=raw, unit=target.unit))
        return [Reading(goal, number, shown_target, f"{plain(number)}{target.unit}", (said,))], None
    if target.unit == "" and actual.unit and actual.unit != "%":
        said = note("unit_assumed", msg("scoring.note.target_unit_assumed", raw=target.raw.strip(), unit=actual.unit))
        return [Reading(goal, number, f"{plain(goal)}{actual.unit}", show(actual, number), (said,))], None
    if target.unit in _TIME_UNITS_IN_HOURS and actual.unit in _TIME_UNITS_IN_HOURS:
        return [
            Reading(
                goal * _TIME_UNITS_IN_HOURS[target.unit],
                number * _TIME_UNITS_IN_HOURS[actual.unit],
                shown_target,
                show(actual, number),
            )
        ], None
    if not target.unit or not actual.unit:  # one side bare: say which, never an empty “”
        if not target.unit:
            return [], note(
                "unit_mismatch", msg("scoring.note.unit_bare_target", raw=target.raw.strip(), unit=actual.unit)
            )
        return [], note("unit_mismatch", msg("scoring.note.unit_bare_actual", raw=actual.raw.strip(), unit=target.unit))
    return [], note(
        "unit_mismatch", msg("scoring.note.unit_mismatch", target_unit=target.unit, actual_unit=actual.unit)
    )


def _with_multiplier(number: Decimal, scaled: Decimal, power: int, target: ParsedValue) -> Msg:
    word = {4: "万", 8: "亿", 3: "千", 5: "十万", 6: "百万", 7: "千万"}.get(power, "")
    return msg(
        "scoring.reading.multiplied",
        written=f"{plain(number)}{word}{target.unit}",
        scaled=f"{plain(scaled)}{target.unit}",
    )


def score_quantity(
    weight: Decimal,
    target: ParsedValue,
    actual: ParsedValue,
    direction: Direction,
    profile: Profile,
    notes: list[Note],
    judged: Decimal | None,
) -> RowResult:
    found, problem = readings(target, actual)
    if not found:
        assert problem is not None
        return judgement(weight, direction, msg("scoring.units_differ"), [*notes, problem], judged)
    first = found[0]
    said = [*notes, *first.notes]  # the reading taken, for a row that goes to judgement before scoring
    if first.goal < 0:
        said.append(note("negative_target", msg("scoring.note.negative_target")))
        return judgement(weight, direction, msg("scoring.negative_target"), said, judged)
    if first.achieved < 0:
        said.append(note("negative_actual", msg("scoring.note.negative_actual")))
        return judgement(weight, direction, msg("scoring.negative_actual"), said, judged)
    if direction is Direction.REVERSE and first.achieved == 0 and actual.unit == "" and target.unit in TIME_UNITS:
        said.append(note("zero_time", msg("scoring.note.zero_time", actual=show(actual))))
        return judgement(weight, direction, msg("scoring.zero_time"), said, judged)
    equal_zero = target.comparator is Comparator.EQ or direction is Direction.EQUAL
    results = [
        _score_reading(weight, reading, direction, equal_zero, profile, [*notes, *reading.notes]) for reading in found
    ]
    chosen = results[0] if len(results) == 1 else results[0].replace(exact=None)
    first_score = chosen.score
    second_score = results[1].score if len(results) > 1 else None
    if first_score is not None and second_score is not None:
        if (
            second_score > first_score
            and first_score <= weight * ALMOST_NOTHING
            and second_score >= weight * NEARLY_MET
        ):
            reason = msg(
                "scoring.reading_unsure",
                raw=actual.raw.strip(),
                chosen=found[0].actual_text,
                chosen_score=score_text(first_score, profile),
                other=found[1].actual_text,
                other_score=score_text(second_score, profile),
            )
            return judgement(weight, direction, reason, notes, judged)
    return chosen


def _score_reading(
    weight: Decimal,
    reading: Reading,
    direction: Direction,
    equal_zero: bool,
    profile: Profile,
    notes: list[Note],
) -> RowResult:
    if reading.goal == 0 and (equal_zero or direction is Direction.REVERSE):
        return _score_zero_target(weight, reading, direction, notes)
    if direction is Direction.REVERSE:
        return _score_reverse(weight, reading, profile, notes)
    return _score_positive(weight, reading, direction, profile, notes)


def _score_zero_target(weight: Decimal, reading: Reading, direction: Direction, notes: list[Note]) -> RowResult:
    """Target 0 with ``=`` or lower-is-better: all or nothing."""
    reverse = direction is Direction.REVERSE
    if reading.achieved == 0:
        reason = msg("scoring.reverse.zero_met" if reverse else "scoring.zero.met", actual=reading.actual_text)
        return full_marks(weight, Rule.TARGET_ZERO, reason, direction, notes)
    sentence = msg(
        "scoring.reverse.zero_missed" if reverse else "scoring.zero.missed",
        actual=reading.actual_text,
        weight=plain(weight),
    )
    return RowResult(
        weight=weight,
        score=Decimal(0),
        direction=direction,
        status=RowStatus.SCORED,
        explanation=Explanation(Rule.TARGET_ZERO, msg("scoring.formula.zero"), sentence),
        notes=tuple(notes),
    )


def _percent_of(achieved: Decimal, goal: Decimal) -> str:
    return plain(quantize(divide(achieved, goal) * ONE_HUNDRED, 0))


def _overachievement(reading: Reading, direction: Direction, profile: Profile) -> list[Note]:
    goal, achieved = reading.goal, reading.achieved
    if direction is Direction.REVERSE or goal <= 0:
        return []
    found: list[Note] = []
    if achieved >= goal * profile.overachievement_ratio:
        found.append(
            note(
                "overachieved",
                msg(
                    "scoring.note.overachieved",
                    share=_percent_of(achieved, goal),
                    limit=plain(profile.overachievement_ratio * ONE_HUNDRED),
                ),
            )
        )
    return found


def _score_positive(
    weight: Decimal,
    reading: Reading,
    direction: Direction,
    profile: Profile,
    notes: list[Note],
) -> RowResult:
    goal, achieved = reading.goal, reading.achieved
    target_text, actual_text = reading.target_text, reading.actual_text
    if goal == 0:
        return full_marks(
            weight, Rule.TARGET_ZERO, msg("scoring.positive.zero_met", actual=actual_text), direction, notes
        )
    if achieved >= goal:
        notes.extend(_overachievement(reading, direction, profile))
        if profile.deviation_deduction > 0 and achieved >= goal * profile.deviation_ratio:
            return _deviation(weight, reading, direction, profile, notes)
        return full_marks(
            weight,
            Rule.POSITIVE_MET,
            msg("scoring.positive.met", actual=actual_text, target=target_text),
            direction,
            notes,
        )
    exact = divide(weight * achieved, goal)
    score = round_score(exact, profile)
    formula = msg(
        "scoring.formula.positive",
        weight=plain(weight),
        actual=actual_text,
        target=target_text,
        score=score_text(score, profile),
    )
    sentence = msg(
        "scoring.positive.shortfall",
        actual=actual_text,
        target=target_text,
        formula=formula,
        lost=score_text(weight - score, profile),
    )
    return RowResult(
        weight=weight,
        score=score,
        direction=direction,
        status=RowStatus.SCORED,
        explanation=Explanation(Rule.POSITIVE_SHORTFALL, formula, sentence),
        notes=tuple(notes),
        exact=exact,
    )


def _deviation(
    weight: Decimal, reading: Reading, direction: Direction, profile: Profile, notes: list[Note]
) -> RowResult:
    """The platform rule some localities apply: ≥ 130% of the target loses points as 指标偏离."""
    points = min(weight, profile.deviation_deduction)
    score = weight - points
    formula = msg(
        "scoring.formula.deviation", weight=plain(weight), points=plain(points), score=score_text(score, profile)
    )
    sentence = msg(
        "scoring.deviation",
        actual=reading.actual_text,
        target=reading.target_text,
        share=_percent_of(reading.achieved, reading.goal),
        limit=plain(profile.deviation_ratio * ONE_HUNDRED),
        formula=formula,
        points=plain(points),
    )
    return RowResult(
        weight=weight,
        score=score,
        direction=direction,
        status=RowStatus.SCORED,
        explanation=Explanation(Rule.DEVIATION, formula, sentence),
        notes=(*notes, note("deviation", sentence)),
    )


def _score_reverse(weight: Decimal, reading: Reading, profile: Profile, notes: list[Note]) -> RowResult:
    direction = Direction.REVERSE
    goal, achieved = reading.goal, reading.achieved
    target_text, actual_text = reading.target_text, reading.actual_text
    if achieved <= goal:
        return full_marks(
            weight,
            Rule.REVERSE_MET,
            msg("scoring.reverse.met", actual=actual_text, target=target_text),
            direction,
            notes,
        )
    formula: Msg
    if profile.reverse_convention is ReverseConvention.RATIO:
        exact = divide(weight * goal, achieved)
        score = round_score(exact, profile)
        formula = msg(
            "scoring.formula.reverse_ratio",
            weight=plain(weight),
            target=target_text,
            actual=actual_text,
            score=score_text(score, profile),
        )
        rule = Rule.REVERSE_RATIO
    else:
        share_lost = divide(achieved - goal, goal)
        exact = weight * max(Decimal(0), 1 - share_lost)
        score = round_score(exact, profile)
        formula = msg(
            "scoring.formula.reverse_linear",
            weight=plain(weight),
            target=target_text,
            actual=actual_text,
            score=score_text(score, profile),
        )
        rule = Rule.REVERSE_LINEAR
    sentence = msg(
        "scoring.reverse.missed",
        actual=actual_text,
        target=target_text,
        formula=formula,
        lost=score_text(weight - score, profile),
    )
    return RowResult(
        weight=weight,
        score=score,
        direction=direction,
        status=RowStatus.SCORED,
        explanation=Explanation(rule, formula, sentence),
        notes=tuple(notes),
        exact=exact,
    )

"""Score indicator rows, the budget row and whole forms by a rule profile.

Every computed number comes with an ``Explanation``: the rule applied, the formula with the actual
numbers, the points lost, and one sentence in Chinese and in English. Nothing here guesses where the
method asks for judgement: such rows come back with status JUDGEMENT, the admissible range of scores,
and the reason, and take the user's ``judged_score`` when one was given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from enum import StrEnum

from domain.record.models import Direction, Evaluation, Funds, Grade, IndicatorRow, ParsedValue, ValueKind
from domain.record.values import TIME_UNITS
from domain.scoring.profile import BudgetDenominator, Profile, ReverseConvention, builtin_profile
from domain.scoring.rounding import ONE_HUNDRED, divide, fixed, plain, quantize


class RowStatus(StrEnum):
    """Whether a row has a score by rule, needs the user's judgement, or is an unused placeholder."""

    SCORED = "scored"
    JUDGEMENT = "judgement"
    UNUSED = "unused"


class Rule(StrEnum):
    """Which part of the method produced a score."""

    POSITIVE_MET = "positive_met"
    POSITIVE_SHORTFALL = "positive_shortfall"
    REVERSE_MET = "reverse_met"
    REVERSE_LINEAR = "reverse_linear"
    REVERSE_RATIO = "reverse_ratio"
    TARGET_ZERO = "target_zero"
    TEXT_RESTATED = "text_restated"
    QUALITATIVE = "qualitative"
    JUDGEMENT = "judgement"
    UNUSED = "unused"
    BUDGET = "budget"


@dataclass(frozen=True)
class Note:
    """Something the user should know about a computed number (assumption, flag, advice)."""

    code: str
    zh: str
    en: str


@dataclass(frozen=True)
class Explanation:
    """How a number was reached: the rule, the formula with numbers, and a sentence in two languages."""

    rule: Rule
    formula: str
    zh: str
    en: str


@dataclass(frozen=True)
class RowResult:
    """One indicator row scored: its score (None while it awaits judgement) and why."""

    weight: Decimal
    score: Decimal | None
    direction: Direction | None
    status: RowStatus
    explanation: Explanation
    notes: tuple[Note, ...] = ()
    band: tuple[Decimal, Decimal] | None = None  # admissible scores when judgement is needed
    grade: Grade | None = None

    @property
    def deduction(self) -> Decimal | None:
        """Points lost against the row's 分值."""
        return None if self.score is None else self.weight - self.score

    def has_note(self, code: str) -> bool:
        return any(note.code == code for note in self.notes)


@dataclass(frozen=True)
class BudgetResult:
    """The budget execution row scored."""

    weight: Decimal
    rate: Decimal | None  # exact 执行数 ÷ 预算数
    rate_used: Decimal | None  # after the profile's rounding of the rate
    score: Decimal | None
    explanation: Explanation
    notes: tuple[Note, ...] = ()

    @property
    def deduction(self) -> Decimal | None:
        return None if self.score is None else self.weight - self.score


@dataclass(frozen=True)
class ScoredEvaluation:
    """A whole form scored: budget row, indicator rows, total and grade."""

    evaluation: Evaluation
    profile: Profile
    budget: BudgetResult
    rows: list[RowResult] = field(default_factory=list)

    @property
    def pending_rows(self) -> list[int]:
        """Indexes of rows still awaiting the user's judgement."""
        return [index for index, row in enumerate(self.rows) if row.score is None and row.status is not RowStatus.UNUSED]

    @property
    def total(self) -> Decimal:
        """Budget score plus the sum of rounded row scores (rows awaiting judgement count 0)."""
        budget = self.budget.score or Decimal(0)
        return budget + sum((row.score or Decimal(0) for row in self.rows), Decimal(0))

    @property
    def complete(self) -> bool:
        return self.budget.score is not None and not self.pending_rows

    @property
    def grade(self) -> str | None:
        return self.profile.grade_of(self.total) if self.complete else None


DirectionLookup = Callable[[IndicatorRow], Direction | None]
WORKING_PRECISION = 60  # significant digits for products of 24-digit amounts; results are rounded once

_TIME_UNITS_IN_HOURS = {"秒": Decimal(1) / Decimal(3600), "分钟": Decimal(1) / Decimal(60), "小时": Decimal(1),
                        "天": Decimal(24), "日": Decimal(24)}

_GRADE_ORDER = {Grade.NOT_ACHIEVED: 0, Grade.PARTIAL: 1, Grade.ACHIEVED: 2}
GRADE_WORDS = {
    Grade.ACHIEVED: ("达成年度指标", "target achieved"),
    Grade.PARTIAL: ("部分达成年度指标并具有一定效果", "partly achieved, with some effect"),
    Grade.NOT_ACHIEVED: ("未达成年度指标且效果较差", "not achieved, little effect"),
}
DIRECTION_WORDS = {
    Direction.POSITIVE: ("正向（越高越好）", "positive (higher is better)"),
    Direction.REVERSE: ("反向（越低越好）", "reverse (lower is better)"),
    Direction.EQUAL: ("等于指标值（按正向计）", "must equal the target (scored as positive)"),
    Direction.QUALITATIVE: ("定性", "qualitative"),
}


def show(value: ParsedValue, number: Decimal | None = None) -> str:
    """A value as the user wrote it, or a number in the value's unit when one is given."""
    if number is None:
        return value.raw.strip()
    return f"{plain(number)}{value.unit}"


def _score_text(score: Decimal, profile: Profile) -> str:
    return fixed(score, profile.score_decimals)


def _round(value: Decimal, profile: Profile) -> Decimal:
    return quantize(value, profile.score_decimals, profile.rounding)


def _full_marks(weight: Decimal, rule: Rule, zh: str, en: str, direction: Direction, notes: list[Note]) -> RowResult:
    formula = f"得分 = {plain(weight)}"
    return RowResult(
        weight=weight,
        score=weight,
        direction=direction,
        status=RowStatus.SCORED,
        explanation=Explanation(rule, formula, f"{zh}：得满分 {plain(weight)}", f"{en}: full {plain(weight)} points"),
        notes=tuple(notes),
    )


def _judgement(
    weight: Decimal,
    direction: Direction | None,
    zh: str,
    en: str,
    notes: list[Note],
    judged: Decimal | None,
    band: tuple[Decimal, Decimal] | None = None,
    grade: Grade | None = None,
    rule: Rule = Rule.JUDGEMENT,
    ask_score: bool = True,
) -> RowResult:
    """A row the method leaves to the user: the judged score if given and admissible, else none.

    ``ask_score`` False when what is missing is not a score but a decision (the direction) that scores it.
    """
    low, high = band if band is not None else (Decimal(0), weight)
    range_text = f"{plain(low)}–{plain(high)}"
    if judged is not None and low <= judged <= high:
        return RowResult(
            weight=weight,
            score=judged,
            direction=direction,
            status=RowStatus.SCORED,
            explanation=Explanation(
                rule,
                f"得分 = {plain(judged)}（评定，区间 {range_text}）",
                f"{zh}；评定得分 {plain(judged)}（可在 {range_text} 分之间），扣 {fixed(weight - judged, 2)} 分",
                f"{en}; judged {plain(judged)} (admissible {range_text}), {fixed(weight - judged, 2)} points lost",
            ),
            notes=tuple(notes),
            band=(low, high),
            grade=grade,
        )
    if judged is not None:
        notes = [*notes, Note("judged_out_of_band", f"评定得分 {plain(judged)} 不在 {range_text} 之间，未采用",
                              f"judged score {plain(judged)} is outside {range_text} and was not used")]
    return RowResult(
        weight=weight,
        score=None,
        direction=direction,
        status=RowStatus.JUDGEMENT,
        explanation=Explanation(
            rule,
            f"得分待评定（{range_text} 分）",
            f"{zh}；请在 {range_text} 分之间评定" if ask_score else zh,
            f"{en}; please judge a score between {range_text}" if ask_score else en,
        ),
        notes=tuple(notes),
        band=(low, high),
        grade=grade,
    )


def resolve_direction(
    target: ParsedValue, catalogue_direction: Direction | None, decided: Direction | None
) -> tuple[Direction | None, list[Note]]:
    """The direction to score by: the user's decision, else the target's wording, else the catalogue.

    When the wording and the catalogue disagree (one positive or equal, the other reverse), returns None
    with a note: the method asks the user rather than guessing.
    """
    if decided is not None:
        return decided, []
    if target.kind is ValueKind.GRADE:
        return Direction.QUALITATIVE, []
    hint = target.direction_hint
    if hint is Direction.QUALITATIVE:
        return Direction.QUALITATIVE, []
    if target.comparator is None and (target.kind is ValueKind.DATE or target.unit in TIME_UNITS):
        return Direction.REVERSE, []  # a deadline or time limit: on time → full, whatever the indicator's name
    numeric_catalogue = None if catalogue_direction is Direction.QUALITATIVE else catalogue_direction
    if hint is Direction.EQUAL and numeric_catalogue is not None:
        return numeric_catalogue, []  # "=" states the target; the catalogue knows which way is better
    if hint is not None and numeric_catalogue is not None:
        hint_reverse = hint is Direction.REVERSE
        catalogue_reverse = numeric_catalogue is Direction.REVERSE
        if hint_reverse != catalogue_reverse:
            zh_hint, en_hint = DIRECTION_WORDS[hint]
            zh_cat, en_cat = DIRECTION_WORDS[numeric_catalogue]
            return None, [
                Note(
                    "direction_conflict",
                    f"指标值“{target.raw.strip()}”的写法是{zh_hint}，而指标库中该指标为{zh_cat}：请确认方向",
                    f"the target “{target.raw.strip()}” reads as {en_hint} but the catalogue says {en_cat}: "
                    "please decide the direction",
                )
            ]
        return hint, []
    if hint is not None:
        return hint, []
    if catalogue_direction is not None:
        return catalogue_direction, []
    return Direction.POSITIVE, [
        Note("direction_assumed", "指标值没有写比较方向，也没有对应的指标库条目可定方向：按正向（越高越好）计分",
             "no comparator in the target and no catalogue entry to tell the direction: scored as positive "
             "(higher is better)")
    ]


def _comparable_numbers(
    target: ParsedValue, actual: ParsedValue, notes: list[Note]
) -> tuple[Decimal, Decimal] | None:
    """Target and actual as numbers in one unit, or None (with a note) when they cannot be compared."""
    assert target.number is not None and actual.number is not None
    if target.unit == actual.unit:
        return target.number, actual.number
    if actual.unit == "" and target.unit:
        notes.append(Note("unit_assumed", f"实际完成值“{actual.raw.strip()}”没有单位，按指标值的单位“{target.unit}”理解",
                          f"the actual “{actual.raw.strip()}” has no unit; read in the target's unit “{target.unit}”"))
        return target.number, actual.number
    if target.unit == "" and actual.unit and actual.unit != "%":
        notes.append(Note("unit_assumed", f"指标值“{target.raw.strip()}”没有单位，按实际完成值的单位“{actual.unit}”理解",
                          f"the target “{target.raw.strip()}” has no unit; read in the actual's unit “{actual.unit}”"))
        return target.number, actual.number
    if target.unit in _TIME_UNITS_IN_HOURS and actual.unit in _TIME_UNITS_IN_HOURS:
        return (target.number * _TIME_UNITS_IN_HOURS[target.unit], actual.number * _TIME_UNITS_IN_HOURS[actual.unit])
    notes.append(Note("unit_mismatch", f"单位不同（指标值“{target.unit}”，实际完成值“{actual.unit}”），无法直接比较",
                      f"different units (target “{target.unit}”, actual “{actual.unit}”) cannot be compared"))
    return None


def _overachievement(target: Decimal, actual: Decimal, direction: Direction, profile: Profile) -> list[Note]:
    if direction is Direction.REVERSE or target <= 0:
        return []
    if actual >= target * profile.overachievement_ratio:
        share = plain(quantize(divide(actual, target) * ONE_HUNDRED, 0))
        limit = plain(profile.overachievement_ratio * ONE_HUNDRED)
        return [Note("overachieved",
                     f"实际完成值达到指标值的 {share}%（≥{limit}%）：指标值可能定得偏低，请在偏差原因中说明；不自动扣分",
                     f"actual is {share}% of the target (≥{limit}%): the target may have been set too low; "
                     "explain it in the deviation notes (no automatic deduction)")]
    return []


def _score_quantity(
    weight: Decimal, target: ParsedValue, actual: ParsedValue, direction: Direction, profile: Profile,
    notes: list[Note], judged: Decimal | None,
) -> RowResult:
    numbers = _comparable_numbers(target, actual, notes)
    if numbers is None:
        return _judgement(weight, direction, "单位不一致，需要评定", "units differ; needs judgement", notes, judged)
    goal, achieved = numbers
    if goal < 0:
        notes.append(Note("negative_target", "年度指标值不能为负数", "the target cannot be negative"))
        return _judgement(weight, direction, "年度指标值为负数，需要评定", "negative target; needs judgement", notes, judged)
    if achieved < 0:
        notes.append(Note("negative_actual", "实际完成值不能为负数", "the actual value cannot be negative"))
        return _judgement(weight, direction, "实际完成值为负数，需要评定", "negative actual; needs judgement", notes, judged)
    if direction is Direction.REVERSE and achieved == 0 and actual.unit == "" and target.unit in TIME_UNITS:
        notes.append(Note("zero_time", f"时限指标的实际完成值为“{show(actual)}”，可能表示尚未开展或未计量",
                          f"a time limit with an actual of “{show(actual)}” may mean the work has not started"))
        return _judgement(weight, direction, "时限指标的实际完成值为 0，需要评定", "a time limit reported as 0; needs judgement",
                          notes, judged)
    shared_unit = target.unit or actual.unit  # a value written without unit is read in the other's unit
    target_text = f"{plain(target.number)}{target.unit or shared_unit}" if target.unit == "" else show(target, target.number)
    actual_text = f"{plain(actual.number)}{actual.unit or shared_unit}" if actual.unit == "" else show(actual, actual.number)
    if target.unit and actual.unit and target.unit != actual.unit:
        target_text, actual_text = show(target, target.number), show(actual, actual.number)
    if direction is Direction.REVERSE:
        return _score_reverse(weight, goal, achieved, target_text, actual_text, profile, notes)
    return _score_positive(weight, goal, achieved, target_text, actual_text, direction, profile, notes)


def _score_positive(
    weight: Decimal, goal: Decimal, achieved: Decimal, target_text: str, actual_text: str,
    direction: Direction, profile: Profile, notes: list[Note],
) -> RowResult:
    if goal == 0:
        return _full_marks(weight, Rule.TARGET_ZERO, f"指标值为 0，实际完成值 {actual_text} 不低于 0",
                           f"target is 0 and the actual {actual_text} is not below it", direction, notes)
    if achieved >= goal:
        notes.extend(_overachievement(goal, achieved, direction, profile))
        return _full_marks(weight, Rule.POSITIVE_MET, f"实际完成值 {actual_text} 达到年度指标值 {target_text}",
                           f"actual {actual_text} meets the target {target_text}", direction, notes)
    score = _round(divide(weight * achieved, goal), profile)
    lost = weight - score
    formula = f"得分 = {plain(weight)} × {actual_text} ÷ {target_text} = {_score_text(score, profile)}"
    return RowResult(
        weight=weight,
        score=score,
        direction=direction,
        status=RowStatus.SCORED,
        explanation=Explanation(
            Rule.POSITIVE_SHORTFALL,
            formula,
            f"实际完成值 {actual_text} 低于年度指标值 {target_text}：{formula}，扣 {_score_text(lost, profile)} 分",
            f"actual {actual_text} is below the target {target_text}: score = {plain(weight)} × {actual_text} ÷ "
            f"{target_text} = {_score_text(score, profile)}, {_score_text(lost, profile)} points lost",
        ),
        notes=tuple(notes),
    )


def _score_reverse(
    weight: Decimal, goal: Decimal, achieved: Decimal, target_text: str, actual_text: str,
    profile: Profile, notes: list[Note],
) -> RowResult:
    direction = Direction.REVERSE
    if goal == 0:
        if achieved <= 0:
            return _full_marks(weight, Rule.TARGET_ZERO, f"指标值为 0（越低越好），实际完成值 {actual_text} 也为 0",
                               f"target is 0 (lower is better) and the actual {actual_text} is 0 too", direction, notes)
        formula = "得分 = 0"
        return RowResult(
            weight=weight, score=Decimal(0), direction=direction, status=RowStatus.SCORED,
            explanation=Explanation(
                Rule.TARGET_ZERO, formula,
                f"指标值为 0（越低越好），实际完成值 {actual_text} 超过 0：得 0 分，扣 {plain(weight)} 分",
                f"target is 0 (lower is better) and the actual {actual_text} exceeds it: 0 points, "
                f"{plain(weight)} lost",
            ),
            notes=tuple(notes),
        )
    if achieved <= goal:
        return _full_marks(weight, Rule.REVERSE_MET, f"实际完成值 {actual_text} 未超过年度指标值 {target_text}（越低越好）",
                           f"actual {actual_text} does not exceed the target {target_text} (lower is better)",
                           direction, notes)
    if profile.reverse_convention is ReverseConvention.RATIO:
        score = _round(divide(weight * goal, achieved), profile)
        formula = f"得分 = {plain(weight)} × {target_text} ÷ {actual_text} = {_score_text(score, profile)}"
        rule = Rule.REVERSE_RATIO
    else:
        share_lost = divide(achieved - goal, goal)
        score = _round(weight * max(Decimal(0), 1 - share_lost), profile)
        formula = (f"得分 = {plain(weight)} × (1 − ({actual_text} − {target_text}) ÷ {target_text}) = "
                   f"{_score_text(score, profile)}")
        rule = Rule.REVERSE_LINEAR
    lost = weight - score
    return RowResult(
        weight=weight,
        score=score,
        direction=direction,
        status=RowStatus.SCORED,
        explanation=Explanation(
            rule,
            formula,
            f"实际完成值 {actual_text} 超过年度指标值 {target_text}（越低越好）：{formula}，扣 {_score_text(lost, profile)} 分",
            f"actual {actual_text} exceeds the target {target_text} (lower is better): "
            f"{formula.replace('得分', 'score')}, {_score_text(lost, profile)} points lost",
        ),
        notes=tuple(notes),
    )


def qualitative_band(grade: Grade, weight: Decimal, profile: Profile) -> tuple[Decimal, Decimal]:
    """The scores a grade may earn: its band of the profile applied to the row's 分值."""
    low, high = getattr(profile.bands, grade.value)
    return _round(weight * low, profile), _round(weight * high, profile)


def _achieved_grade(target: ParsedValue, actual: ParsedValue) -> Grade | None:
    """The grade a qualitative row reached: the actual's grade, capped by what the target asked for."""
    if actual.kind is not ValueKind.GRADE or actual.grade is None:
        return None
    if target.kind is ValueKind.GRADE and target.grade is not None:
        if _GRADE_ORDER[actual.grade] >= _GRADE_ORDER[target.grade]:
            return Grade.ACHIEVED
    return actual.grade


def _score_qualitative(
    weight: Decimal, target: ParsedValue, actual: ParsedValue, profile: Profile, notes: list[Note],
    judged: Decimal | None,
) -> RowResult:
    grade = _achieved_grade(target, actual)
    direction = Direction.QUALITATIVE
    if grade is None:
        if actual.kind is ValueKind.QUANTITY or target.kind is ValueKind.QUANTITY:
            zh = f"定性指标“{show(target)}”与实际完成值“{show(actual)}”无法按等级对应，需要评定"
            en = f"qualitative target “{show(target)}” and actual “{show(actual)}” do not map to a grade; needs judgement"
        else:
            zh = f"实际完成值“{show(actual)}”无法对应到定性等级，需要评定"
            en = f"the actual “{show(actual)}” does not map to a qualitative grade; needs judgement"
        return _judgement(weight, direction, zh, en, notes, judged)
    band = qualitative_band(grade, weight, profile)
    grade_zh, grade_en = GRADE_WORDS[grade]
    low_share, high_share = getattr(profile.bands, grade.value)
    share_text = f"{plain(low_share * ONE_HUNDRED)}%–{plain(high_share * ONE_HUNDRED)}%"
    zh = f"实际完成值“{show(actual)}”属于“{grade_zh}”，得分区间为分值 {plain(weight)} 的 {share_text}"
    en = f"the actual “{show(actual)}” is graded “{grade_en}”: {share_text} of {plain(weight)}"
    if grade is Grade.ACHIEVED and judged is None:
        low, high = band
        lost = weight - high
        formula = f"得分 = {plain(weight)} × {plain(high_share * ONE_HUNDRED)}% = {_score_text(high, profile)}"
        return RowResult(
            weight=weight, score=high, direction=direction, status=RowStatus.SCORED,
            explanation=Explanation(
                Rule.QUALITATIVE, formula,
                f"{zh}；默认取区间上限：{formula}" + (f"，扣 {_score_text(lost, profile)} 分" if lost else ""),
                f"{en}; the top of the band by default: score = {plain(weight)} × {plain(high_share * ONE_HUNDRED)}% "
                f"= {_score_text(high, profile)}",
            ),
            notes=tuple(notes), band=band, grade=grade,
        )
    return _judgement(weight, direction, zh, en, notes, judged, band, grade, Rule.QUALITATIVE)


def _texts_match(target: ParsedValue, actual: ParsedValue) -> bool:
    from domain.record.values import normalise_text

    return normalise_text(target.raw) == normalise_text(actual.raw) and normalise_text(target.raw) != ""


def score_row(row: IndicatorRow, profile: Profile | None = None, catalogue_direction: Direction | None = None) -> RowResult:
    """Score one indicator row by the method; rows the method cannot decide come back as JUDGEMENT.

    Never raises: numbers beyond what exact arithmetic can carry are left to judgement.
    """
    profile = profile or builtin_profile()
    try:
        with localcontext() as context:
            context.prec = WORKING_PRECISION
            return _score_row(row, profile, catalogue_direction)
    except ArithmeticError:
        return _judgement(row.weight, row.direction, "数值过大或过小，无法按公式计算，需要评定",
                          "the numbers are out of range; needs judgement", [], row.judged_score)


def _score_row(row: IndicatorRow, profile: Profile, catalogue_direction: Direction | None) -> RowResult:
    weight = row.weight
    target, actual = row.target, row.actual
    if row.is_unused:
        return RowResult(weight, Decimal(0), None, RowStatus.UNUSED,
                         Explanation(Rule.UNUSED, "—", "未使用的二级指标（*），不计分", "unused level-2 placeholder (*), not scored"))
    direction, notes = resolve_direction(target, catalogue_direction, row.direction)
    judged = row.judged_score
    if target.kind is ValueKind.UNUSED or actual.kind is ValueKind.UNUSED:
        missing = "年度指标值" if target.kind is ValueKind.UNUSED else "实际完成值"
        missing_en = "target" if target.kind is ValueKind.UNUSED else "actual value"
        return _judgement(weight, direction, f"{missing}未填写，需要评定", f"the {missing_en} is missing; needs judgement",
                          notes, judged)
    if direction is None:
        both = [_score_row(row.model_copy(update={"direction": way}), profile, None)
                for way in (Direction.POSITIVE, Direction.REVERSE)]
        if both[0].score is not None and both[0].score == both[1].score:
            agreed = both[0]
            same = Note("direction_irrelevant", "两种方向得分相同，方向不影响结果", "both directions give the same score")
            return RowResult(agreed.weight, agreed.score, None, agreed.status, agreed.explanation,
                             (*notes, same, *agreed.notes), agreed.band, agreed.grade)
        return _judgement(weight, None, "方向不明确：请先确定这一指标是正向还是反向，再计分",
                          "direction unclear: decide whether higher or lower is better first", notes, judged,
                          ask_score=False)
    if actual.kind is ValueKind.GRADE or direction is Direction.QUALITATIVE:
        return _score_qualitative(weight, target, actual, profile, notes, judged)
    if _texts_match(target, actual):
        return _full_marks(weight, Rule.TEXT_RESTATED, f"实际完成值“{show(actual)}”与年度指标值一致",
                           f"the actual “{show(actual)}” restates the target", direction, notes)
    if target.kind is ValueKind.QUANTITY and actual.kind is ValueKind.QUANTITY:
        return _score_quantity(weight, target, actual, direction, profile, notes, judged)
    if target.kind is ValueKind.DATE and actual.kind is ValueKind.DATE:
        assert target.number is not None and actual.number is not None
        if actual.number <= target.number:
            return _full_marks(weight, Rule.REVERSE_MET, f"在期限 {show(target)} 内完成（{show(actual)}）",
                               f"completed by the deadline {show(target)} ({show(actual)})", direction, notes)
        return _judgement(weight, direction, f"超过期限 {show(target)}（{show(actual)}），需要评定",
                          f"past the deadline {show(target)} ({show(actual)}); needs judgement", notes, judged)
    reason_zh = f"年度指标值“{show(target)}”与实际完成值“{show(actual)}”无法按公式比较，需要评定"
    reason_en = f"the target “{show(target)}” and actual “{show(actual)}” cannot be compared by formula; needs judgement"
    for value in (target, actual):
        if value.note:
            notes.append(Note("value_note", f"“{show(value)}”：{value.note}", f"“{show(value)}”: {value.note}"))
    return _judgement(weight, direction, reason_zh, reason_en, notes, judged)


def score_budget(funds: Funds, profile: Profile | None = None) -> BudgetResult:
    """The budget execution row: 执行率 = 全年执行数 ÷ 全年预算数, score = 分值 × min(1, 执行率). Never raises."""
    profile = profile or builtin_profile()
    try:
        with localcontext() as context:
            context.prec = WORKING_PRECISION
            return _score_budget(funds, profile)
    except ArithmeticError:
        return BudgetResult(funds.weight, None, None, None, Explanation(
            Rule.BUDGET, "执行率无法计算", "金额过大或过小，执行率无法计算", "the amounts are out of range: no execution rate"))


def _score_budget(funds: Funds, profile: Profile) -> BudgetResult:
    weight = funds.weight
    use_initial = profile.budget_denominator is BudgetDenominator.INITIAL
    budget = funds.total.initial_budget if use_initial else funds.total.annual_budget
    budget_name = "年初预算数" if use_initial else "全年预算数"
    executed = funds.total.executed
    if budget is None or executed is None or budget == 0:
        missing = "全年执行数" if executed is None else budget_name
        return BudgetResult(weight, None, None, None, Explanation(
            Rule.BUDGET, "执行率无法计算",
            f"{missing}未填写或为 0，执行率无法计算", f"the {('executed amount' if executed is None else 'budget')} "
            "is missing or zero: no execution rate"))
    rate = divide(executed, budget)
    notes: list[Note] = []
    rate_text = plain(quantize(rate, 6))
    if profile.round_rate:
        rate_used = quantize(rate, profile.rate_decimals)
        used_text = fixed(rate_used, profile.rate_decimals)
        rate_zh = f"{plain(executed)} ÷ {plain(budget)} = {rate_text}，取 {profile.rate_decimals} 位小数为 {used_text}"
        rate_en = f"{plain(executed)} ÷ {plain(budget)} = {rate_text}, rounded to {profile.rate_decimals} places: {used_text}"
    else:
        rate_used = rate
        used_text = rate_text
        rate_zh = rate_en = f"{plain(executed)} ÷ {plain(budget)} = {rate_text}"
    score = _round(weight * min(Decimal(1), rate_used), profile)
    lost = weight - score
    percent = plain(quantize(rate * ONE_HUNDRED, 2))
    if rate > 1:
        notes.append(Note("executed_over_budget", f"执行数超过{budget_name}（执行率 {percent}%），得分以分值为上限",
                          f"spending exceeds the budget (rate {percent}%); the score is capped at the weight"))
    if rate < profile.low_execution_rate and not funds.reason.strip():
        floor = plain(profile.low_execution_rate * ONE_HUNDRED)
        notes.append(Note("low_execution", f"执行率低于 {floor}%，需说明原因", f"execution below {floor}% needs an explanation"))
    factor_zh, factor_en = ("1（封顶）", "1 (capped)") if rate_used > 1 else (used_text, used_text)
    formula = f"得分 = {plain(weight)} × {factor_zh} = {_score_text(score, profile)}"
    loss_zh = f"，扣 {_score_text(lost, profile)} 分" if lost else "，得满分"
    loss_en = f", {_score_text(lost, profile)} points lost" if lost else ", full marks"
    return BudgetResult(
        weight=weight, rate=rate, rate_used=rate_used, score=score,
        explanation=Explanation(
            Rule.BUDGET, formula,
            f"执行率 = {rate_zh}；{formula}{loss_zh}",
            f"execution rate = {rate_en}; score = {plain(weight)} × {factor_en} = {_score_text(score, profile)}{loss_en}",
        ),
        notes=tuple(notes),
    )


def score_evaluation(
    evaluation: Evaluation, profile: Profile | None = None, directions: DirectionLookup | None = None
) -> ScoredEvaluation:
    """Score every row of a form; ``directions`` gives each row's catalogue direction, when known."""
    profile = profile or builtin_profile()
    rows = [score_row(row, profile, directions(row) if directions else None) for row in evaluation.indicators]
    return ScoredEvaluation(evaluation, profile, score_budget(evaluation.funds, profile), rows)

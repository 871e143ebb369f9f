"""Score indicator rows and whole forms by a rule profile.

Every computed number comes with an ``Explanation``: the rule applied, the formula with the actual
numbers, the points lost, and a sentence rendered from the message catalogue. Nothing here guesses where
the method asks for judgement: such rows come back with status JUDGEMENT, the admissible range of scores,
and the reason, and take the user's ``judged_score`` when one was given.

Rows are read as plain ``RowInput`` values (an ``IndicatorRow`` is converted at the edge), so scoring
never needs pydantic.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, localcontext
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from domain.catalogue.direction_words import direction_of_name, name_word
from domain.record.kinds import Direction, Grade, ParsedValue, ValueKind
from domain.record.value_text import normalise_text
from domain.record.value_words import TIME_UNITS
from domain.scoring.budget import WORKING_PRECISION, score_budget
from domain.scoring.profile import builtin_profile
from domain.scoring.quantity import score_quantity
from domain.scoring.results import (
    BudgetResult,
    Explanation,
    FundsInput,
    Note,
    RowInput,
    RowResult,
    RowStatus,
    Rule,
    ScoredEvaluation,
    note,
    row_input,
)
from domain.scoring.rounding import ONE_HUNDRED, plain
from domain.scoring.verdicts import (
    DIRECTION_NAMES,
    GRADE_NAMES,
    full_marks,
    judgement,
    round_score,
    score_text,
    show,
)
from domain.scoring.wording import msg

if TYPE_CHECKING:
    from domain.scoring.profile import Profile

__all__ = [
    "DIRECTION_WORDS",
    "GRADE_WORDS",
    "WORKING_PRECISION",
    "BudgetResult",
    "DirectionLookup",
    "Explanation",
    "FundsInput",
    "Note",
    "RowInput",
    "RowResult",
    "RowStatus",
    "Rule",
    "ScoredEvaluation",
    "qualitative_band",
    "resolve_direction",
    "score_budget",
    "score_evaluation",
    "score_row",
    "show",
]

DirectionLookup = Callable[[Any], Direction | None]
# (Chinese, English) names, for the interface
DIRECTION_WORDS = {direction: (name.zh, name.en) for direction, name in DIRECTION_NAMES.items()}
GRADE_WORDS = {grade: (name.zh, name.en) for grade, name in GRADE_NAMES.items()}
_GRADE_ORDER = {Grade.NOT_ACHIEVED: 0, Grade.PARTIAL: 1, Grade.ACHIEVED: 2}


# Comparison signs and phrases that state the direction outright: they win over the catalogue and the name.
_EXPLICIT = (
    "≤",
    "≥",
    "<",
    ">",
    "＜",
    "＞",
    "≦",
    "≧",
    "⩽",
    "⩾",
    "不高于",
    "不低于",
    "不少于",
    "不多于",
    "不超过",
    "不大于",
    "不小于",
)


def explicit_comparator(target: ParsedValue) -> bool:
    """Whether the target states its comparison with a sign or a 不X于 phrase (≤100%, 不低于95%), not a word
    such as 以内 or 以上 that may describe the measure rather than the goal (节约5%以内)."""
    return target.comparator is not None and any(sign in target.raw for sign in _EXPLICIT)


def resolve_direction(
    target: ParsedValue, catalogue_direction: Direction | None, decided: Direction | None, name: str = ""
) -> tuple[Direction | None, list[Note]]:
    """The direction to score by: the user's decision, else the target's comparator, else the catalogue,
    else the words of the indicator's name (投诉, 故障, 时长 … lower is better), else the habit of the
    target's unit (a time limit is reverse).

    An explicit comparison sign wins over the catalogue and the name (≤100% is lower-is-better whatever the
    indicator). When a comparison word and the catalogue (or the name) disagree, or nothing decides,
    returns None with a note: the method asks the user rather than guessing.
    """
    if decided is not None:
        return decided, []
    if target.kind is ValueKind.GRADE:
        return Direction.QUALITATIVE, []
    hint = target.direction_hint
    if hint is Direction.QUALITATIVE:
        return Direction.QUALITATIVE, []
    numeric_catalogue: Direction | None = None if catalogue_direction is Direction.QUALITATIVE else catalogue_direction
    said: list[Note] = []
    from_name = False
    if numeric_catalogue is None and catalogue_direction is None:
        numeric_catalogue = direction_of_name(name)
        from_name = numeric_catalogue is not None
    if target.comparator is None and target.kind is ValueKind.DATE:
        return Direction.REVERSE, []  # a deadline: on time → full, whatever the indicator's name
    if from_name and numeric_catalogue is not None:
        said = [
            note(
                "direction_from_name",
                msg(
                    "scoring.note.direction_from_name",
                    name=name.strip(),
                    word=name_word(name, numeric_catalogue),
                    direction=DIRECTION_NAMES[numeric_catalogue],
                ),
            )
        ]
    if target.comparator is None and target.unit in TIME_UNITS:
        if numeric_catalogue is not None:  # a bare 15年 or 30天: the catalogue knows which way is better
            return numeric_catalogue, said
        return Direction.REVERSE, []  # the unit's habit: a time limit
    if hint is Direction.EQUAL and numeric_catalogue is not None:
        return numeric_catalogue, said  # "=" states the target; the catalogue knows which way is better
    if hint is not None and numeric_catalogue is not None:
        if (hint is Direction.REVERSE) != (numeric_catalogue is Direction.REVERSE):
            if explicit_comparator(target):
                return hint, []
            key = "scoring.note.direction_conflict_name" if from_name else "scoring.note.direction_conflict"
            text = msg(
                key,
                target=target.raw.strip(),
                hint=DIRECTION_NAMES[hint],
                catalogue=DIRECTION_NAMES[numeric_catalogue],
                name=name.strip(),
            )
            return None, [note("direction_conflict", text)]
        return hint, []
    if hint is not None:
        return hint, []
    if numeric_catalogue is not None:
        return numeric_catalogue, said
    if catalogue_direction is not None:
        return catalogue_direction, []
    return None, [note("direction_unknown", msg("scoring.note.direction_unknown"))]


def qualitative_band(grade: Grade, weight: Decimal, profile: Profile) -> tuple[Decimal, Decimal]:
    """The scores a grade may earn: its band of the profile applied to the row's 分值."""
    low, high = getattr(profile.bands, grade.value)
    return round_score(weight * low, profile), round_score(weight * high, profile)


def _open_top(grade: Grade, profile: Profile) -> bool:
    """Half-open bands include their lower bound only; 达成 includes its top (full marks)."""
    return profile.bands_half_open and grade is not Grade.ACHIEVED


def _achieved_grade(target: ParsedValue, actual: ParsedValue) -> Grade | None:
    """The grade a qualitative row reached: the actual's grade, capped by what the target asked for."""
    if actual.kind is not ValueKind.GRADE or actual.grade is None:
        return None
    if target.kind is ValueKind.GRADE and target.grade is not None:
        if _GRADE_ORDER[actual.grade] >= _GRADE_ORDER[target.grade]:
            return Grade.ACHIEVED
    return actual.grade


def _score_qualitative(
    weight: Decimal,
    target: ParsedValue,
    actual: ParsedValue,
    profile: Profile,
    notes: list[Note],
    judged: Decimal | None,
) -> RowResult:
    grade = _achieved_grade(target, actual)
    direction = Direction.QUALITATIVE
    if grade is None:
        if actual.kind is ValueKind.QUANTITY or target.kind is ValueKind.QUANTITY:
            reason = msg("scoring.qualitative.unmatched_quantity", target=show(target), actual=show(actual))
        else:
            reason = msg("scoring.qualitative.unmatched", actual=show(actual))
        return judgement(weight, direction, reason, notes, judged)
    band = qualitative_band(grade, weight, profile)
    low_share, high_share = getattr(profile.bands, grade.value)
    open_top = _open_top(grade, profile)
    share = msg(
        "scoring.qualitative.share_open" if open_top else "scoring.qualitative.share",
        low=plain(low_share * ONE_HUNDRED),
        high=plain(high_share * ONE_HUNDRED),
    )
    base = msg(
        "scoring.qualitative.band", actual=show(actual), grade=GRADE_NAMES[grade], weight=plain(weight), share=share
    )
    if grade is Grade.ACHIEVED and judged is None:
        high = band[1]
        lost = weight - high
        formula = msg(
            "scoring.formula.top_of_band",
            weight=plain(weight),
            share=plain(high_share * ONE_HUNDRED),
            score=score_text(high, profile),
        )
        sentence = (
            msg("scoring.qualitative.top_lost", base=base, formula=formula, lost=score_text(lost, profile))
            if lost
            else msg("scoring.qualitative.top", base=base, formula=formula)
        )
        return RowResult(
            weight=weight,
            score=high,
            direction=direction,
            status=RowStatus.SCORED,
            explanation=Explanation(Rule.QUALITATIVE, formula, sentence),
            notes=tuple(notes),
            band=band,
            grade=grade,
        )
    return judgement(weight, direction, base, notes, judged, band, grade, Rule.QUALITATIVE, open_top=open_top)


_normalised = lru_cache(maxsize=4096)(normalise_text)  # a batch meets the same value texts again and again


def _texts_match(target: ParsedValue, actual: ParsedValue) -> bool:
    written = _normalised(target.raw)
    return written != "" and written == _normalised(actual.raw)


def score_row(row: Any, profile: Profile | None = None, catalogue_direction: Direction | None = None) -> RowResult:
    """Score one indicator row (an ``IndicatorRow`` or a ``RowInput``) by the method; rows the method
    cannot decide come back as JUDGEMENT. Never raises: numbers beyond what exact arithmetic can carry are
    left to judgement."""
    chosen: Profile = profile or builtin_profile()
    values = row_input(row)
    try:
        with localcontext() as context:
            context.prec = WORKING_PRECISION
            return _score_row(values, chosen, catalogue_direction)
    except ArithmeticError:
        return judgement(values.weight, values.direction, msg("scoring.out_of_range"), [], values.judged_score)


def _score_row(row: RowInput, profile: Profile, catalogue_direction: Direction | None) -> RowResult:
    weight = row.weight
    target, actual = row.target, row.actual
    if row.is_unused:
        return RowResult(
            weight,
            Decimal(0),
            None,
            RowStatus.UNUSED,
            Explanation(Rule.UNUSED, msg("scoring.formula.unused"), msg("scoring.unused")),
        )
    direction, notes = resolve_direction(target, catalogue_direction, row.direction, row.name)
    judged = row.judged_score
    if target.kind is ValueKind.UNUSED or actual.kind is ValueKind.UNUSED:
        missing = msg("scoring.word.target" if target.kind is ValueKind.UNUSED else "scoring.word.actual")
        return judgement(weight, direction, msg("scoring.missing", missing=missing), notes, judged)
    if direction is None:
        both = [
            _score_row(row.replace(direction=way), profile, None) for way in (Direction.POSITIVE, Direction.REVERSE)
        ]
        same_score = both[0].score is not None and both[0].score == both[1].score
        same_judgement = (  # words compared with words: judged inside the same band whichever way it counts
            both[0].score is None
            and both[1].score is None
            and both[0].band == both[1].band
            and both[0].explanation.rule is both[1].explanation.rule
            and not both[0].needs_direction
        )
        if same_score or same_judgement:
            agreed = both[0]
            same = note("direction_irrelevant", msg("scoring.note.direction_irrelevant"))
            kept = tuple(found for found in notes if found.code != "direction_unknown")  # nothing left to decide
            undirected: RowResult = agreed.replace(direction=None, notes=(*kept, same, *agreed.notes), exact=None)
            return undirected
        return judgement(weight, None, msg("scoring.direction_unclear"), notes, judged, ask_score=False)
    if actual.kind is ValueKind.GRADE or direction is Direction.QUALITATIVE:
        return _score_qualitative(weight, target, actual, profile, notes, judged)
    if _texts_match(target, actual):
        return full_marks(
            weight, Rule.TEXT_RESTATED, msg("scoring.text_restated", actual=show(actual)), direction, notes
        )
    if target.kind is ValueKind.QUANTITY and actual.kind is ValueKind.QUANTITY:
        return score_quantity(weight, target, actual, direction, profile, notes, judged)
    if target.kind is ValueKind.DATE and actual.kind is ValueKind.DATE:
        assert target.number is not None and actual.number is not None
        if actual.number <= target.number:
            return full_marks(
                weight,
                Rule.REVERSE_MET,
                msg("scoring.deadline.met", target=show(target), actual=show(actual)),
                direction,
                notes,
            )
        return judgement(
            weight, direction, msg("scoring.deadline.missed", target=show(target), actual=show(actual)), notes, judged
        )
    reason = msg("scoring.incomparable", target=show(target), actual=show(actual))
    for value in (target, actual):
        if value.note:
            notes.append(note("value_note", msg("scoring.note.value", value=show(value), note=value.note)))
    return judgement(weight, direction, reason, notes, judged)


def score_evaluation(
    evaluation: Any, profile: Profile | None = None, directions: DirectionLookup | None = None
) -> ScoredEvaluation:
    """Score every row of a form; ``directions`` gives each row's catalogue direction, when known."""
    chosen: Profile = profile or builtin_profile()
    rows = [score_row(row, chosen, directions(row) if directions else None) for row in evaluation.indicators]
    return ScoredEvaluation(evaluation, chosen, score_budget(evaluation.funds, chosen), rows)

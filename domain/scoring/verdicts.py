"""The two shapes a row's outcome takes besides a formula: full marks, and a score left to judgement."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from domain.record.kinds import Direction, Grade, ParsedValue
from domain.scoring.results import Explanation, Note, RowResult, RowStatus, Rule, note
from domain.scoring.rounding import fixed, plain, quantize
from domain.scoring.wording import Msg, msg

if TYPE_CHECKING:
    from domain.scoring.profile import Profile

DIRECTION_NAMES = {direction: msg(f"scoring.direction.{direction.value}") for direction in Direction}
GRADE_NAMES = {grade: msg(f"scoring.grade.{grade.value}") for grade in Grade}


def show(value: ParsedValue, number: Decimal | None = None) -> str:
    """A value as the user wrote it, or a number in the value's unit when one is given."""
    if number is None:
        return value.raw.strip()
    return f"{plain(number)}{value.unit}"


def score_text(score: Decimal, profile: Profile) -> str:
    return fixed(score, profile.score_decimals)


def round_score(value: Decimal, profile: Profile) -> Decimal:
    return quantize(value, profile.score_decimals, profile.rounding)


def band_range(low: Decimal, high: Decimal, open_top: bool = False) -> Msg:
    return msg("scoring.range_open" if open_top else "scoring.range", low=plain(low), high=plain(high))


def full_marks(weight: Decimal, rule: Rule, reason: Msg, direction: Direction | None, notes: list[Note]) -> RowResult:
    return RowResult(
        weight=weight,
        score=weight,
        direction=direction,
        status=RowStatus.SCORED,
        explanation=Explanation(
            rule,
            msg("scoring.formula.full", weight=plain(weight)),
            msg("scoring.full", reason=reason, weight=plain(weight)),
        ),
        notes=tuple(notes),
    )


def judgement(
    weight: Decimal,
    direction: Direction | None,
    reason: Msg,
    notes: list[Note],
    judged: Decimal | None,
    band: tuple[Decimal, Decimal] | None = None,
    grade: Grade | None = None,
    rule: Rule = Rule.JUDGEMENT,
    ask_score: bool = True,
    open_top: bool = False,
) -> RowResult:
    """A row the method leaves to the user: the judged score if given and admissible, else none.

    ``ask_score`` False when what is missing is not a score but a decision (the direction) that scores it;
    ``open_top`` when the band's top itself is not admissible (部分达成 [60%, 80%)).
    """
    low, high = band if band is not None else (Decimal(0), weight)
    open_top = open_top and band is not None
    shown = band_range(low, high, open_top)
    inside = judged is not None and low <= judged and (judged < high if open_top else judged <= high)
    if judged is not None and inside:
        return RowResult(
            weight=weight,
            score=judged,
            direction=direction,
            status=RowStatus.SCORED,
            explanation=Explanation(
                rule,
                msg("scoring.formula.judged", judged=plain(judged), range=shown),
                msg("scoring.judged", reason=reason, judged=plain(judged), range=shown, lost=fixed(weight - judged, 2)),
            ),
            notes=tuple(notes),
            band=(low, high),
            grade=grade,
            band_open=open_top,
        )
    if judged is not None:
        notes = [
            *notes,
            note("judged_out_of_band", msg("scoring.note.judged_out_of_band", judged=plain(judged), range=shown)),
        ]
    return RowResult(
        weight=weight,
        score=None,
        direction=direction,
        status=RowStatus.JUDGEMENT,
        explanation=Explanation(
            rule,
            msg("scoring.formula.pending", range=shown),
            msg("scoring.ask", reason=reason, range=shown) if ask_score else msg("scoring.as_is", reason=reason),
        ),
        notes=tuple(notes),
        band=(low, high),
        grade=grade,
        band_open=open_top,
    )

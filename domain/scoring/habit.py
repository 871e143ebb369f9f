"""A form's rounding habit: the one precision (places, half-up or truncation) its rows are written at.

Forms round or truncate their rows the same way throughout (two decimals, one decimal, whole numbers);
the audit finds the habit from the rows that tell precisions apart and judges every row against it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from domain.record.kinds import Direction, Frozen
from domain.scoring.conventions import Rounding
from domain.scoring.results import RowResult, RowStatus
from domain.scoring.rules import score_row
from domain.scoring.wording import Msg, msg

if TYPE_CHECKING:
    from domain.scoring.conventions import ScoringProfile

# The precisions real forms use: half-up at 0–3 places, truncation at 1–3 (a whole-number truncation such
# as 0.64 → 0 throws away most of a row and is not taken as a habit).
PRECISIONS = [(decimals, Rounding.HALF_UP) for decimals in (2, 1, 0, 3)] + [
    (decimals, Rounding.TRUNCATE) for decimals in (2, 1, 3)
]


class Habit(Frozen):
    """A precision: places and half-up or truncation."""

    __slots__ = ("decimals", "rounding")
    _defaults: ClassVar[dict[str, Any]] = {}

    decimals: int
    rounding: Rounding

    def describe(self) -> Msg:
        return msg("audit.habit.truncate" if self.rounding is Rounding.TRUNCATE else "audit.habit.half_up",
                   places=places_word(self.decimals))


def places_word(decimals: int) -> Msg:
    """两位小数, 一位小数, 整数 …"""
    return msg(f"audit.places.{decimals}") if 0 <= decimals <= 4 else msg("audit.places.n", places=decimals)


def habit_of(profile: ScoringProfile) -> Habit:
    return Habit(profile.score_decimals, profile.rounding)


def vary(profile: ScoringProfile, **changes: Any) -> Any:
    """The profile with some conventions changed (a validated or a plain one)."""
    copy = getattr(profile, "model_copy", None)
    return copy(update=changes) if copy is not None else profile.replace(**changes)  # type: ignore[attr-defined]


def at_habit(profile: ScoringProfile, habit: Habit) -> Any:
    if habit == habit_of(profile):
        return profile
    return vary(profile, score_decimals=habit.decimals, rounding=habit.rounding)


def find_habit(
    rows: list[Any], results: list[RowResult], directions: list[Direction | None], profile: ScoringProfile
) -> tuple[Habit, int]:
    """The precision most declared row scores follow (the profile's own when nothing tells them apart),
    and how many rows told it."""
    own = habit_of(profile)
    counts: dict[Habit, int] = {}
    for row, result, direction in zip(rows, results, directions, strict=True):
        declared = row.declared_score
        if declared is None or result.status is not RowStatus.SCORED or result.band is not None:
            continue
        matching = [habit for habit in (Habit(*precision) for precision in PRECISIONS)
                    if score_row(row, at_habit(profile, habit), direction).score == declared]
        if 0 < len(matching) < len(PRECISIONS):  # a row every precision gives the same tells nothing
            for habit in matching:
                counts[habit] = counts.get(habit, 0) + 1
    if not counts:
        return own, 0
    best = max(counts.values())
    if counts.get(own, 0) == best:
        return own, best
    order = [Habit(*precision) for precision in PRECISIONS]
    return min((habit for habit, count in counts.items() if count == best), key=order.index), best


def gives(row: Any, profile: ScoringProfile, habit: Habit, direction: Direction | None, declared: Decimal) -> bool:
    """Whether the row, scored at the habit's precision, gives the declared score."""
    return score_row(row, at_habit(profile, habit), direction).score == declared

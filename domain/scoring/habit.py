"""A form's rounding habit: the one precision (places, half-up or truncation) its rows are written at.

Forms round or truncate their rows the same way throughout (two decimals, one decimal, whole numbers);
the audit finds the habit from the rows that tell precisions apart and judges every row against it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from domain.record.kinds import Direction, Frozen
from domain.scoring.conventions import Rounding
from domain.scoring.results import RowResult, RowStatus, Rule
from domain.scoring.rounding import quantize
from domain.scoring.rules import score_row
from domain.scoring.wording import Msg, msg

if TYPE_CHECKING:
    from domain.scoring.profile import Profile

# The precisions real forms use: half-up at 0–3 places, truncation at 1–3 (a whole-number truncation such
# as 0.64 → 0 throws away most of a row and is not taken as a habit).
PRECISIONS = [(decimals, Rounding.HALF_UP) for decimals in (2, 1, 0, 3)] + [
    (decimals, Rounding.TRUNCATE) for decimals in (2, 1, 3)
]


class Habit(Frozen):
    """A precision: places and half-up or truncation."""

    decimals: int
    rounding: Rounding

    def describe(self) -> Msg:
        return msg(
            "audit.habit.truncate" if self.rounding is Rounding.TRUNCATE else "audit.habit.half_up",
            places=places_word(self.decimals),
        )


def places_word(decimals: int) -> Msg:
    """两位小数, 一位小数, 整数 …"""
    return msg(f"audit.places.{decimals}") if 0 <= decimals <= 4 else msg("audit.places.n", places=decimals)


def habit_of(profile: Profile) -> Habit:
    return Habit(profile.score_decimals, profile.rounding)


_VARIANTS: dict[tuple[Profile, tuple[tuple[str, Any], ...]], Profile] = {}


def vary(profile: Profile, **changes: Any) -> Profile:
    """The profile with some conventions changed (made once per profile and change)."""
    key = (profile, tuple(sorted(changes.items())))
    made = _VARIANTS.get(key)
    if made is None:
        if len(_VARIANTS) > 256:
            _VARIANTS.clear()
        made = _VARIANTS[key] = profile.replace(**changes)
    return made


def at_habit(profile: Profile, habit: Habit) -> Profile:
    if habit == habit_of(profile):
        return profile
    return vary(profile, score_decimals=habit.decimals, rounding=habit.rounding)


# The rules whose score is the exact one rounded to the profile's precision; every other rule gives the
# same score at any precision (full marks, 0, a judged score, 分值 less a fixed deduction).
_ROUNDED = frozenset({Rule.POSITIVE_SHORTFALL, Rule.REVERSE_LINEAR, Rule.REVERSE_RATIO})


def score_at(
    row: Any, result: RowResult, profile: Profile, habit: Habit, direction: Direction | None
) -> Decimal | None:
    """The row's score at the habit's precision: scored once, rounded again. Only a row whose rounded
    score also chose its path (two readings of a bare number, a direction that did not matter) is
    scored again at that precision."""
    if habit.decimals == profile.score_decimals and habit.rounding is profile.rounding:
        return result.score
    if result.exact is not None:
        return quantize(result.exact, habit.decimals, habit.rounding)
    if result.explanation.rule not in _ROUNDED:
        return result.score
    return score_row(row, at_habit(profile, habit), direction).score


_ALL = [Habit(*precision) for precision in PRECISIONS]


def find_habit(
    rows: list[Any], results: list[RowResult], directions: list[Direction | None], profile: Profile
) -> tuple[Habit, int]:
    """The precision most declared row scores follow (the profile's own when nothing tells them apart),
    and how many rows told it."""
    own = habit_of(profile)
    counts: dict[Habit, int] = {}
    for row, result, direction in zip(rows, results, directions, strict=True):
        declared = row.declared_score
        if declared is None or result.status is not RowStatus.SCORED or result.band is not None:
            continue
        if result.exact is None and result.explanation.rule not in _ROUNDED:
            continue  # the same score at every precision tells nothing
        matching = [habit for habit in _ALL if score_at(row, result, profile, habit, direction) == declared]
        if 0 < len(matching) < len(PRECISIONS):  # a row every precision gives the same tells nothing
            for habit in matching:
                counts[habit] = counts.get(habit, 0) + 1
    if not counts:
        return own, 0
    best = max(counts.values())
    if counts.get(own, 0) == best:
        return own, best
    return min((habit for habit, count in counts.items() if count == best), key=_ALL.index), best


def gives(
    row: Any, result: RowResult, profile: Profile, habit: Habit, direction: Direction | None, declared: Decimal
) -> bool:
    """Whether the row, scored at the habit's precision, gives the declared score."""
    return score_at(row, result, profile, habit, direction) == declared

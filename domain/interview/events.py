"""What the interview says: events for a renderer to draw, in order, as plain data.

Nothing here holds state; the controller returns lists of these from every call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from domain.messages import t
from domain.record.models import Direction

if TYPE_CHECKING:
    from domain.catalogue.entries import CatalogueEntry
    from domain.interview.specs import FieldSpec
    from domain.scoring.rules import RowResult


class EventKind(StrEnum):
    QUESTION = "question"  # ask ``field``; text is the prompt, data the default answer
    HINT = "hint"  # a short aside (accepted formats, what was assumed)
    SUGGESTIONS = "suggestions"  # catalogue matches offered for an INDICATOR field (data: list[Suggestion])
    EXPLANATION = "explanation"  # a computed score with its derivation (data: RowResult or BudgetResult)
    WARNING = "warning"  # something to look at that does not block (funds not adding up, weight over 100 …)
    ERROR = "error"  # the answer was refused; the same field is asked again
    INFO = "info"  # neutral statement (saved, resumed, undone …)
    DONE = "done"  # the interview reached its end (saved or review finished)


@dataclass(frozen=True)
class Event:
    """Something a renderer shows, in order."""

    kind: EventKind
    text: str
    field: FieldSpec | None = None
    data: object = None


@dataclass(frozen=True)
class Suggestion:
    """A catalogue entry offered for an indicator name."""

    name: str
    level1: str
    level2: str
    direction: str
    unit: str
    score: float
    how: str  # "exact" | "alias" | "fuzzy" | "pinyin" | "initials" | "browse" | "choice"


@dataclass(frozen=True)
class FieldState:
    """One field in the jump list: its spec, the current answer as text, and whether it was answered."""

    spec: FieldSpec
    answer: str
    answered: bool
    current: bool


DONE_ID = "<done>"  # an Outcome's goto that ends the interview
FIRST_ID = "<first>"  # an Outcome's goto: the first field of the form


@dataclass
class Outcome:
    """What an accepted answer led to, as data for the controller to apply: events to show, a field to go
    to, whether the field counts as answered, fields no longer answered, and conversation notes to set
    (a value) or clear (None)."""

    events: list[Event] = field(default_factory=list)
    goto: str | None = None
    answered: bool = True
    unanswer: set[str] = field(default_factory=set)
    extras: dict[str, str | None] = field(default_factory=dict)
    clear_return: bool = False  # forget the field a jump would return to


def suggestion_of(entry: CatalogueEntry, score: float, how: str) -> Suggestion:
    return Suggestion(entry.name, entry.level1, entry.level2, entry.direction.value, entry.unit, float(score), how)


def direction_words(direction: Direction | str) -> str:
    from domain.scoring.rules import DIRECTION_WORDS

    return DIRECTION_WORDS[Direction(direction)][0]


def unit_words(unit: str) -> str:
    return t("choice.catalogue.unit", unit=unit) if unit else ""


def direction_pending(result: RowResult) -> bool:
    """A row that cannot be scored until the user says which way it counts (the target's wording and the
    catalogue disagree): what it needs is a direction, not a score."""
    return result.score is None and result.direction is None and result.has_note("direction_conflict")

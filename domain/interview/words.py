"""Words the interview builds from the catalogue and the rules: a suggestion for an entry, a direction
and a unit as said in a sentence, and whether a row waits for its direction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.interview.events import Suggestion
from domain.messages import t
from domain.record.models import Direction

if TYPE_CHECKING:
    from domain.catalogue.entries import CatalogueEntry
    from domain.scoring.rules import RowResult


def suggestion_of(entry: CatalogueEntry, score: float, how: str) -> Suggestion:
    return Suggestion(entry.name, entry.level1, entry.level2, entry.direction.value, entry.unit, float(score), how)


def direction_words(direction: Direction | str) -> str:
    """The direction's name in the interface's language."""
    from domain.messages.lookup import current_locale
    from domain.scoring.rules import DIRECTION_WORDS

    return DIRECTION_WORDS[Direction(direction)][1 if current_locale() == "en" else 0]


def unit_words(unit: str) -> str:
    return t("choice.catalogue.unit", unit=unit) if unit else ""


def direction_pending(result: RowResult) -> bool:
    """A row that cannot be scored until the user says which way it counts (the target's wording and the
    catalogue disagree, or nothing tells): what it needs is a direction, not a score."""
    return result.needs_direction

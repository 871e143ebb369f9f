"""What the interview says: events for a renderer to draw, in order, as plain data (plus the suggestion
and field-state records they carry). Nothing here holds state or builds text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from domain.interview.specs import FieldSpec


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

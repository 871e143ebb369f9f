"""What an accepted answer leads to, as data: the question declarations return it, the conversation
applies it."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.interview.events import Event

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

"""The notes a reading of a value carries, and the exception that gives up on a value with its reason."""

from __future__ import annotations


def say(key: str, **fields: object) -> str:
    """A note in Chinese from the scoring message table (notes are stored as text)."""
    from domain.messages.tables.scoring import ZH

    return ZH[key].format(**fields) if fields else ZH[key]


def join_notes(notes: list[str]) -> str:
    return "；".join(note for note in notes if note)


class Unreadable(Exception):
    """Raised inside the parser to give up with a reason."""

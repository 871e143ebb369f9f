"""The notes a reading of a value carries, and the exception that gives up on a value with its reason."""

from __future__ import annotations


def say(key: str, **fields: object) -> str:
    """A note from the message catalogue in the interface's language (notes are kept as text)."""
    from domain.messages.lookup import t

    return t(key, **fields)


def join_notes(notes: list[str]) -> str:
    return "；".join(note for note in notes if note)


class Unreadable(Exception):
    """Raised inside the parser to give up with a reason."""

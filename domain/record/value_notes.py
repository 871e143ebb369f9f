"""The notes a reading of a value carries, and the exception that gives up on a value with its reason."""

from __future__ import annotations


def say(key: str, **fields: object) -> str:
    """A note from the scoring message table in the interface's language (notes are kept as text)."""
    from domain.messages.lookup import current_locale
    from domain.messages.tables.scoring import EN, ZH

    text = (EN if current_locale() == "en" else ZH).get(key) or ZH[key]
    return text.format(**fields) if fields else text


def join_notes(notes: list[str]) -> str:
    return "；".join(note for note in notes if note)


class Unreadable(Exception):
    """Raised inside the parser to give up with a reason."""

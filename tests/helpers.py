"""Shared helpers for the assistant's tests."""

from __future__ import annotations

from pathlib import Path

from domain.interview.drafts import DraftStore
from domain.interview.session import EditSession


def session_at(answers: list[str], drafts: Path) -> EditSession:
    """A new session with these answers given, drafts kept in ``drafts``."""
    session = EditSession.new(DraftStore(drafts))
    session.start()
    for answer in answers:
        session.interview.answer(answer)
    return session

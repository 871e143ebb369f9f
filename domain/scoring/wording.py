"""Sentences of scoring as codes and fields, rendered through the message catalogue in any locale.

A ``Msg`` is a message id with its fields; a field may itself be a ``Msg`` (a direction's name, an inner
reason), rendered in the same locale. Texts: the message catalogue (``domain/messages/locale``).
"""

from __future__ import annotations

from typing import Any

from domain.messages.lookup import DEFAULT_LOCALE, GRADE_IDS, render
from domain.record.kinds import Frozen


class Msg(Frozen):
    """A message id and its fields, rendered on demand."""

    key: str
    fields: tuple[tuple[str, Any], ...] = ()

    def render(self, locale: str = DEFAULT_LOCALE) -> str:
        values = {name: value.render(locale) if isinstance(value, Msg) else value for name, value in self.fields}
        return render(self.key, locale, values)

    @property
    def zh(self) -> str:
        return self.render("zh")

    @property
    def en(self) -> str:
        return self.render("en")

    def field(self, name: str) -> Any:
        return dict(self.fields).get(name)

    def data(self) -> dict[str, Any]:
        """The fields as plain strings (nested messages rendered in Chinese), for JSON."""
        return {name: value.zh if isinstance(value, Msg) else str(value) for name, value in self.fields}


def msg(key: str, **fields: Any) -> Msg:
    return Msg(key, tuple(fields.items()))


def say(key: str, **fields: Any) -> str:
    """A message rendered at once in the interface's language (for texts kept as strings, such as a parsed
    value's note)."""
    from domain.messages.lookup import current_locale

    return msg(key, **fields).render(current_locale())


def grade_msg(grade: str) -> Msg | str:
    """A grade word (优 / 良 / 中 / 差) as a message, so it is said in the language it is rendered in."""
    key = GRADE_IDS.get(grade)
    return msg(key) if key else grade

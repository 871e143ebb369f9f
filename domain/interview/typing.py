"""Answers as typed: cleaning them, repeating them in the transcript, keeping unsent text, and the catalogue
suggestions and matching choices offered while typing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from domain.interview.events import Suggestion
from domain.interview.form import Form
from domain.interview.specs import FieldKind, FieldSpec, find_choice, parse_confirm
from domain.interview.words import suggestion_of
from domain.record.value_text import normalise_text

if TYPE_CHECKING:
    from domain.catalogue.entries import Catalogue
    from domain.catalogue.matching import IndicatorMatcher


@dataclass(frozen=True)
class IndicatorQuery:
    """What a catalogue search for an indicator-name field needs, taken from the form at once, so that the
    search itself can run anywhere (a worker thread) without touching the interview."""

    matcher: IndicatorMatcher
    catalogue: Catalogue
    level1: str
    level2: str
    limit: int = 6

    def search(self, text: str) -> list[Suggestion]:
        """Matches for what is typed; with nothing typed, the entries under the row's 二级."""
        query = clean_answer(text, FieldKind.TEXT)
        if not query:
            return [
                suggestion_of(entry, 0.0, "browse") for entry in self.catalogue.entries_under(self.level2)[: self.limit]
            ]
        matches = self.matcher.search(query, self.level2 or None, self.limit, level1=self.level1 or None)
        return [suggestion_of(match.entry, match.score, match.how) for match in matches]


def indicator_query(form: Form, spec: FieldSpec, limit: int = 6) -> IndicatorQuery | None:
    """The catalogue search of an indicator-name field (None for other fields)."""
    if spec.kind is not FieldKind.INDICATOR or spec.row is None:
        return None
    row = form.rows[spec.row]
    return IndicatorQuery(form.context.matcher(), form.context.catalogue(), row.level1, row.level2, limit)


def suggestions(form: Form, spec: FieldSpec, query: str, limit: int = 6) -> list[Suggestion]:
    """Suggestions for ``query`` typed into ``spec``: the catalogue (browsed under the row's 二级 when
    nothing is typed) for an indicator name, the matching choices for a choice; [] for other fields."""
    if limit <= 0:
        return []
    search = indicator_query(form, spec, limit)
    if search is not None:
        return search.search(query)
    if spec.kind in (FieldKind.CHOICE, FieldKind.CONFIRM):
        wanted = normalise_text(query).lower()
        offered = [
            Suggestion(choice.label, "", "", "", "", 100.0 if wanted == choice.key else 50.0, "choice")
            for choice in spec.choices
            if not wanted or wanted == choice.key.lower() or wanted in normalise_text(choice.label).lower()
        ]
        return offered[:limit]
    return []


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_answer(text: object, kind: FieldKind) -> str:
    """An answer without control characters; one line unless the field takes several."""
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    if kind is FieldKind.LONG_TEXT:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        text = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub("", text).strip()


def echo(spec: FieldSpec | None, text: str, default: str) -> str:
    """An answer as a transcript repeats it: the label of the choice it picks (enter on a choice picks the
    default), else the text as given."""
    raw = clean_answer(text, spec.kind if spec is not None else FieldKind.LONG_TEXT)
    if spec is None or not spec.choices or spec.kind not in (FieldKind.CHOICE, FieldKind.CONFIRM):
        return raw
    wanted = raw or default
    choice = find_choice(spec, wanted)
    if choice is None and spec.kind is FieldKind.CONFIRM and (yes := parse_confirm(wanted)) is not None:
        choice = next((item for item in spec.choices if item.value == ("yes" if yes else "no")), None)
    return choice.label if choice is not None else raw


def pending_text(spec: FieldSpec | None, text: str, default: str) -> str:
    """Text typed and not submitted, as a draft keeps it ("" when blank or just the field's default)."""
    typed = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")) if isinstance(text, str) else ""
    if spec is not None and spec.kind is not FieldKind.LONG_TEXT:
        typed = typed.replace("\n", " ")
    if spec is None or not typed.strip() or typed.strip() == default.strip():
        return ""
    return typed

"""The layouts of the 项目支出绩效自评表 as data: one TOML declaration per layout in ``layouts/``.

A declaration names the words of a layout — its title, header labels, block labels, column heads and their
synonyms, row labels, the default amount unit and weights — and the reader and the writer both use it, so
a new province is a new file, not new code. ``extends = "central"`` takes every section of another
declaration and merges the file's tables into it at every depth. Each file is validated when loaded
(``layout_model``: an error names the file and the key). See ``layouts/central.toml`` for each key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from domain.errors import InputError
from domain.messages import t
from domain.sheets.layout_files import DEFAULT_LAYOUT, LAYOUT_DIR, layout_ids

if TYPE_CHECKING:
    from domain.sheets.layout_model import LayoutSpec

__all__ = [
    "DEFAULT_LAYOUT",
    "LAYOUT_DIR",
    "Layout",
    "Words",
    "all_layouts",
    "bare",
    "choose_layout",
    "layout",
    "layout_ids",
    "norm",
    "writable_layouts",
]

_SPACES = re.compile(r"\s+")
_WIDTH = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "％": "%", "＊": "*", "／": "/"})
_TRAILING_NOTE = re.compile(r"(\([^()]*\))+$")


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """A cell reduced for comparing with a declared word: no spaces, half-width brackets and colons."""
    return _SPACES.sub("", text).translate(_WIDTH).rstrip(":")


@lru_cache(maxsize=1 << 16)
def bare(text: str) -> str:
    """``norm`` without a bracketed note at the end: 得分(20分*执行率) → 得分, 预算数(A) → 预算数."""
    reduced = norm(text)
    stripped = _TRAILING_NOTE.sub("", reduced)
    return stripped or reduced


@dataclass(frozen=True, eq=False)
class Words:
    """A list of declared words: exact ones, prefixes (written "…*") and patterns (written "re:…")."""

    written: str
    words: tuple[str, ...]
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    _seen: dict[str, bool] = field(default_factory=dict, repr=False)  # text → whether it matches

    @classmethod
    def of(cls, words: list[str]) -> Words:
        exact: set[str] = set()
        prefixes: list[str] = []
        patterns: list[re.Pattern[str]] = []
        for word in words:
            if word.startswith("re:"):
                patterns.append(re.compile(word[3:]))
            elif word.endswith("*"):
                prefixes.append(norm(word[:-1]))
            else:
                exact.add(norm(word))
        written = next((w.rstrip("*") for w in words if not w.startswith("re:")), "")
        return cls(written, tuple(words), frozenset(exact), tuple(prefixes), tuple(patterns))

    def match(self, text: str) -> bool:
        found = self._seen.get(text)
        if found is None:
            if len(self._seen) >= _SEEN_LIMIT:
                self._seen.clear()
            found = self._seen[text] = bool(text) and self._match(text)
        return found

    def _match(self, text: str) -> bool:
        reduced = norm(text)
        if reduced in self.exact or bare(text) in self.exact:
            return True
        if any(reduced.startswith(prefix) for prefix in self.prefixes):
            return True
        return any(pattern.search(reduced) for pattern in self.patterns)

    def __bool__(self) -> bool:
        return bool(self.exact or self.prefixes or self.patterns)


_SEEN_LIMIT = 1 << 15


_KEYS: dict[tuple[int, str], tuple[str, ...]] = {}
_KEYS_LIMIT = 1 << 17


def keys_of(table: dict[str, Words], text: str) -> tuple[str, ...]:
    """The keys of a table of declared words (a layout's column heads …) that match a cell's text, in the
    table's order; worked out once per text and table (the tables live as long as their layout)."""
    cache_key = (id(table), text)
    found = _KEYS.get(cache_key)
    if found is None:
        if len(_KEYS) >= _KEYS_LIMIT:
            _KEYS.clear()
        found = _KEYS[cache_key] = tuple(key for key, words in table.items() if words.match(text)) if text else ()
    return found


@dataclass(frozen=True)
class Layout:
    """One declared layout."""

    id: str
    name: str
    title: str
    year_line: str
    markers: tuple[Words, ...]
    total_required: bool
    header: dict[str, Words]
    funds_labels: Words
    funds_label: str
    funds_unit: str
    funds_weight: int
    funds_columns: dict[str, Words]
    funds_rows: dict[str, Words]
    goals_labels: Words
    goals_label: str
    goals_expected: Words
    goals_achieved: Words
    indicator_labels: Words
    indicator_label: str
    indicator_groups: Words
    indicator_columns: dict[str, Words]
    indicator_unread: Words
    comparators: dict[str, Words]
    total_labels: Words
    total_grade: bool
    closing: tuple[str, ...]
    footer: tuple[str, ...]
    write: dict[str, Any] = field(default_factory=dict)
    titles: tuple[str, ...] = ()
    source: str = ""
    profile: str | None = None
    extends: str | None = None

    def score(self, texts: set[str]) -> int:
        """How many of the layout's markers occur among a form's (normalised) cell texts."""
        reduced = texts | {bare(text) for text in texts}
        found = 0
        for marker in self.markers:
            if marker.exact & reduced:
                found += 1
            elif (marker.prefixes or marker.patterns) and any(marker.match(text) for text in texts):
                found += 1
        return found

    @property
    def split_target(self) -> bool:
        """Whether 年度指标值 is written in three columns (指标性质 / 指标值 / 度量单位)."""
        return "target_value" in self.indicator_columns


def _words(table: Mapping[str, list[str]] | Mapping[Any, list[str]]) -> dict[str, Words]:
    return {str(key): Words.of(list(value)) for key, value in table.items()}


def _build(spec: LayoutSpec) -> Layout:
    funds, goals, indicators = spec.funds, spec.goals, spec.indicators
    return Layout(
        id=spec.id,
        name=spec.name,
        title=spec.title,
        year_line=spec.year_line,
        markers=tuple(Words.of([marker]) for marker in spec.markers),
        total_required=spec.total_required,
        header=_words(spec.header),
        funds_labels=Words.of(funds.labels),
        funds_label=funds.label,
        funds_unit=funds.unit,
        funds_weight=funds.weight,
        funds_columns=_words(funds.columns),
        funds_rows=_words(funds.rows),
        goals_labels=Words.of(goals.labels),
        goals_label=goals.label,
        goals_expected=Words.of(goals.expected),
        goals_achieved=Words.of(goals.achieved),
        indicator_labels=Words.of(indicators.labels),
        indicator_label=indicators.label,
        indicator_groups=Words.of(indicators.groups),
        indicator_columns=_words(indicators.columns),
        indicator_unread=Words.of(indicators.unread),
        comparators=_words(spec.comparators),
        total_labels=Words.of(spec.total.labels),
        total_grade=spec.total.grade,
        closing=tuple(spec.closing.labels),
        footer=tuple(spec.footer.labels),
        write=spec.write.model_dump(),
        titles=tuple(spec.titles),
        source=spec.source,
        profile=spec.profile,
        extends=spec.extends,
    )


@cache
def layout(layout_id: str) -> Layout:
    """The declared layout ``layout_id`` (a file name in ``layouts/`` without .toml), validated.

    Raises InputError naming the file and the key when the declaration is not usable."""
    from domain.sheets.layout_model import load_spec

    if layout_id not in layout_ids():
        raise InputError(t("reader.layout.not_found", file=f"{layout_id}.toml"))
    spec, _ = load_spec(LAYOUT_DIR, layout_id)
    return _build(spec)


@lru_cache(maxsize=1)
def all_layouts() -> tuple[Layout, ...]:
    """Every declared layout, the central one first (it wins ties)."""
    return tuple(layout(name) for name in layout_ids())


def writable_layouts() -> tuple[str, ...]:
    """The layouts a form can be written in: every declared one (each declares or inherits ``[write]``)."""
    return layout_ids()


@lru_cache(maxsize=1 << 16)
def _marker_hits(text: str) -> tuple[tuple[int, int], ...]:
    """(layout, marker) pairs a normalised cell text shows, over every declared layout."""
    hits: list[tuple[int, int]] = []
    for index, candidate in enumerate(all_layouts()):
        for number, marker in enumerate(candidate.markers):
            if (
                text in marker.exact
                or bare(text) in marker.exact
                or ((marker.prefixes or marker.patterns) and marker.match(text))
            ):
                hits.append((index, number))
    return tuple(hits)


def choose_layout(texts: set[str]) -> Layout:
    """The declared layout whose markers a form's texts show most (the central layout when none; the
    first declared wins ties). Each text's markers are looked up once, whatever the number of forms."""
    layouts = all_layouts()
    found: set[tuple[int, int]] = set()
    for text in texts:
        found.update(_marker_hits(text))
    counts = [0] * len(layouts)
    for index, _ in found:
        counts[index] += 1
    best = max(range(len(layouts)), key=lambda index: (counts[index], -index))
    return layouts[best] if counts[best] else layouts[0]

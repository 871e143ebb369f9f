"""The layouts of the 项目支出绩效自评表 as data: one TOML declaration per layout in ``layouts/``.

A declaration names the words of a layout — its title, header labels, block labels, column heads and their
synonyms, row labels, the default amount unit and weights — and the reader and the writer both use it, so
a new province is a new file, not new code. ``extends = "central"`` takes every section of another
declaration and replaces the ones given. See ``layouts/central.toml`` for the meaning of each key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

LAYOUT_DIR = Path(__file__).resolve().parent / "layouts"
DEFAULT_LAYOUT = "central"

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
        return bool(text) and _matches(self, text)

    def _match(self, text: str) -> bool:
        reduced = norm(text)
        if reduced in self.exact or bare(text) in self.exact:
            return True
        if any(reduced.startswith(prefix) for prefix in self.prefixes):
            return True
        return any(pattern.search(reduced) for pattern in self.patterns)

    def __bool__(self) -> bool:
        return bool(self.exact or self.prefixes or self.patterns)


@lru_cache(maxsize=1 << 17)
def _matches(words: Words, text: str) -> bool:
    return words._match(text)


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
    comparators: dict[str, Words]
    total_labels: Words
    total_grade: bool
    closing: tuple[str, ...]
    footer: tuple[str, ...]
    write: dict[str, Any] = field(default_factory=dict)

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


def _merged(data: dict[str, Any], seen: tuple[str, ...] = ()) -> dict[str, Any]:
    parent = data.get("extends")
    if not parent:
        return data
    if parent in seen:
        raise ValueError(f"layout {data.get('id')} extends itself through {parent}")
    base = _merged(_raw(parent), (*seen, str(data.get("id"))))
    merged = dict(base)
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = {**base[key], **value}
        else:
            merged[key] = value
    return merged


@cache
def _raw(layout_id: str) -> dict[str, Any]:
    path = LAYOUT_DIR / f"{layout_id}.toml"
    with path.open("rb") as stream:
        return tomllib.load(stream)


def _words(table: dict[str, list[str]]) -> dict[str, Words]:
    return {key: Words.of(list(value)) for key, value in table.items()}


def _build(data: dict[str, Any]) -> Layout:
    funds, goals, indicators = data["funds"], data["goals"], data["indicators"]
    rows = dict(funds.get("rows", {}))
    return Layout(
        id=data["id"],
        name=data["name"],
        title=data["title"],
        year_line=data.get("year_line", "（{year}年度）"),
        markers=tuple(Words.of([marker]) for marker in data.get("markers", [])),
        total_required=bool(data.get("total_required", True)),
        header=_words(data.get("header", {})),
        funds_labels=Words.of(funds["labels"]),
        funds_label=funds.get("label", "项目资金（{unit}）"),
        funds_unit=funds.get("unit", "万元"),
        funds_weight=int(funds.get("weight", 10)),
        funds_columns=_words(funds["columns"]),
        funds_rows=_words(rows),
        goals_labels=Words.of(goals["labels"]),
        goals_label=goals.get("label", "年度总体目标"),
        goals_expected=Words.of(goals["expected"]),
        goals_achieved=Words.of(goals["achieved"]),
        indicator_labels=Words.of(indicators["labels"]),
        indicator_label=indicators.get("label", "绩效指标"),
        indicator_groups=Words.of(indicators.get("groups", [])),
        indicator_columns=_words(indicators["columns"]),
        comparators=_words(data.get("comparators", {})),
        total_labels=Words.of(data.get("total", {}).get("labels", ["总分"])),
        total_grade=bool(data.get("total", {}).get("grade", False)),
        closing=tuple(data.get("closing", {}).get("labels", [])),
        footer=tuple(data.get("footer", {}).get("labels", [])),
        write=dict(data.get("write", {})),
    )


@cache
def layout(layout_id: str) -> Layout:
    """The declared layout ``layout_id`` (a file name in ``layouts/`` without .toml)."""
    return _build(_merged(_raw(layout_id)))


@lru_cache(maxsize=1)
def all_layouts() -> tuple[Layout, ...]:
    """Every declared layout, the central one first (it wins ties)."""
    ids = sorted(path.stem for path in LAYOUT_DIR.glob("*.toml"))
    ids.sort(key=lambda name: name != DEFAULT_LAYOUT)
    return tuple(layout(name) for name in ids)


def writable_layouts() -> tuple[str, ...]:
    """The layouts that declare how to be written (their ``[write]`` section)."""
    return tuple(item.id for item in all_layouts() if item.write.get("indicator_columns") and "extends" not in _raw(item.id))


def choose_layout(texts: set[str]) -> Layout:
    """The declared layout whose markers a form's texts show most (the central layout when none)."""
    best = all_layouts()[0]
    best_score = 0
    for candidate in all_layouts():
        score = candidate.score(texts)
        if score > best_score:
            best, best_score = candidate, score
    return best

"""The indicator catalogue: the 一级/二级 framework and the 三级 indicators, loaded from compiled JSON.

Loading reads ``domain/catalogue/data/catalogue.json`` (a few milliseconds); the pinyin in it was worked out by
``domain.catalogue.build`` so that pypinyin is never imported while the application runs.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from domain.messages import t
from domain.record.kinds import Direction
from domain.record.value_text import normalise_text

DEFAULT_PATH = Path(__file__).parent / "data" / "catalogue.json"

ACCEPT_SCORE = 75.0  # a fuzzy match at least this good is taken as the entry a written name means
SATISFACTION_LEVEL1 = "满意度指标"
SATISFACTION_LEVEL2 = "服务对象满意度指标"

# What forms write in the 二级 column instead of the framework name, beyond "X" for "X指标".
_LEVEL2_SYNONYMS = {
    "满意度指标": SATISFACTION_LEVEL2,
    "满意度": SATISFACTION_LEVEL2,
    "服务对象满意度": SATISFACTION_LEVEL2,
    "社会公众或服务对象满意度": SATISFACTION_LEVEL2,
    "社会公众或服务对象满意度指标": SATISFACTION_LEVEL2,
    "社会公众满意度指标": SATISFACTION_LEVEL2,
    "生态环境效益指标": "生态效益指标",
    "生态环境效益": "生态效益指标",
    "可持续影响": "可持续影响指标",
    "可持续性影响指标": "可持续影响指标",
    "生态成本指标": "生态环境成本指标",
    "生态成本": "生态环境成本指标",
}


class CatalogueError(ValueError):
    """A catalogue file could not be read; the message says why, in Chinese."""


def normalise_key(text: object) -> str:
    """The form of a name used for lookups: half-width, no spaces (domain.record.value_text.normalise_text), lower case."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return normalise_text(unicodedata.normalize("NFKC", text)).lower()


@dataclass(frozen=True)
class CatalogueEntry:
    """One 三级 indicator with its place in the framework, default direction and pinyin."""

    name: str
    aliases: tuple[str, ...]
    level1: str
    level2: str
    direction: Direction
    unit: str
    definition: str
    typical_target: str | None
    pinyin: str  # full, toneless, letters only: "shebeiguzhanglv"
    initials: str  # "sbgzl"
    alias_pinyin: tuple[str, ...] = ()  # parallel to aliases
    alias_initials: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        """The name followed by the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Level1:
    """A 一级 indicator and its 二级 indicators."""

    name: str
    level2: tuple[str, ...]
    scope: str  # "自评" (the self-evaluation form) or "评价" (部门评价 / 财政评价 only)
    note: str = ""


class Catalogue:
    """The framework and the 三级 entries, with lookups by name, alias and 二级."""

    def __init__(self, framework: list[Level1], entries: list[CatalogueEntry]) -> None:
        self.framework: tuple[Level1, ...] = tuple(framework)
        self.entries: tuple[CatalogueEntry, ...] = tuple(entries)
        self._by_key: dict[str, list[tuple[CatalogueEntry, bool]]] = {}
        for entry in self.entries:
            for position, key in enumerate(entry.keys):
                bucket = self._by_key.setdefault(normalise_key(key), [])
                if all(existing is not entry for existing, _ in bucket):
                    bucket.append((entry, position == 0))
        self._level1_of: dict[str, str] = {}
        self._level1_lookup: dict[str, str] = {}
        self._level2_lookup: dict[str, str] = {}
        for block in self.framework:
            for text in (block.name, _without_suffix(block.name)):
                self._level1_lookup.setdefault(normalise_key(text), block.name)
            for level2 in block.level2:
                self._level1_of.setdefault(level2, block.name)
                for text in (level2, _without_suffix(level2)):
                    self._level2_lookup.setdefault(normalise_key(text), level2)
        known_level2 = set(self._level1_of)
        for text, level2 in _LEVEL2_SYNONYMS.items():
            if level2 in known_level2:
                self._level2_lookup.setdefault(normalise_key(text), level2)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[CatalogueEntry]:
        return iter(self.entries)

    def get(self, name: str) -> CatalogueEntry | None:
        """The entry with this name or alias; None if unknown or if the alias is shared by several entries."""
        bucket = self._by_key.get(normalise_key(name))
        if not bucket:
            return None
        for entry, is_name in bucket:
            if is_name:
                return entry
        return bucket[0][0] if len(bucket) == 1 else None

    def candidates(self, name: str) -> tuple[CatalogueEntry, ...]:
        """Every entry whose name or alias is exactly this text (after normalising)."""
        return tuple(entry for entry, _ in self._by_key.get(normalise_key(name), ()))

    def resolve(self, name: str, level2: str | None = None) -> CatalogueEntry | None:
        """The entry written as ``name`` under this 二级; a shared alias is settled by the 二级, else None."""
        unique = self.get(name)
        if unique is not None:
            return unique
        bucket = self._by_key.get(normalise_key(name))
        if not bucket:
            return None
        wanted = self.normalise_level2(level2) if level2 else None
        if wanted is None:
            return None
        fitting = [entry for entry, _ in bucket if entry.level2 == wanted]
        if len(fitting) == 1:
            return fitting[0]
        wanted_level1 = self.level1_of(wanted)
        fitting = [entry for entry, _ in bucket if entry.level1 == wanted_level1]
        return fitting[0] if len(fitting) == 1 else None

    def level1_names(self, include_evaluation: bool = False) -> list[str]:
        """一级 names in framework order; 决策/过程指标 (部门、财政评价 only) on request."""
        return [b.name for b in self.framework if include_evaluation or b.scope == "自评"]

    def level2_names(self, level1: str | None = None) -> list[str]:
        """二级 names under one 一级 (any spelling normalise_level1 accepts), or all of them, in order."""
        if level1 is None:
            return [level2 for block in self.framework for level2 in block.level2]
        wanted = self.normalise_level1(level1)
        for block in self.framework:
            if block.name == wanted:
                return list(block.level2)
        return []

    def level1_of(self, level2: str | None) -> str | None:
        """The 一级 a 二级 belongs to (成本指标 → 产出指标; 经济成本指标 → 成本指标)."""
        normalised = self.normalise_level2(level2)
        return self._level1_of.get(normalised) if normalised else None

    def normalise_level1(self, text: str | None) -> str | None:
        """The framework 一级 name for what a form wrote (产出 → 产出指标), or None."""
        return self._level1_lookup.get(normalise_key(text)) if text else None

    def normalise_level2(self, text: str | None, level1: str | None = None) -> str | None:
        """The framework 二级 name for what a form wrote, or None.

        社会效益 → 社会效益指标; 满意度指标 written in the 二级 column → 服务对象满意度指标; a blank 二级
        under 满意度指标 → 服务对象满意度指标 (the only 二级 there); anything else unknown → None.
        """
        key = normalise_key(text) if text else ""
        if key:
            return self._level2_lookup.get(key)
        if level1 and self.normalise_level1(level1) == SATISFACTION_LEVEL1:
            return SATISFACTION_LEVEL2
        return None

    def entries_under(self, level2: str) -> list[CatalogueEntry]:
        """The entries filed under a 二级 (any spelling normalise_level2 accepts)."""
        wanted = self.normalise_level2(level2)
        return [entry for entry in self.entries if entry.level2 == wanted] if wanted else []


def _without_suffix(name: str) -> str:
    return name[: -len("指标")] if name.endswith("指标") and len(name) > 2 else name


def catalogue_from_data(data: Any) -> Catalogue:
    """Build a Catalogue from the compiled form (the parsed catalogue.json); CatalogueError if malformed."""
    try:
        framework = [
            Level1(
                name=str(block["level1"]),
                level2=tuple(str(x) for x in block["level2"]),
                scope=str(block.get("scope", "自评")),
                note=str(block.get("note", "")),
            )
            for block in data["framework"]
        ]
        entries = [_entry_from_data(raw) for raw in data["entries"]]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise CatalogueError(t("catalogue.malformed", error=repr(error))) from error
    return Catalogue(framework, entries)


def _entry_from_data(raw: dict[str, Any]) -> CatalogueEntry:
    aliases = tuple(str(x) for x in raw.get("aliases", ()))
    alias_pinyin = tuple(str(x) for x in raw.get("alias_pinyin", ()))
    alias_initials = tuple(str(x) for x in raw.get("alias_initials", ()))
    if len(alias_pinyin) != len(aliases) or len(alias_initials) != len(aliases):
        alias_pinyin = alias_initials = ("",) * len(aliases)
    typical = raw.get("typical_target")
    return CatalogueEntry(
        name=str(raw["name"]),
        aliases=aliases,
        level1=str(raw["level1"]),
        level2=str(raw["level2"]),
        direction=Direction(raw["direction"]),
        unit=str(raw.get("unit", "")),
        definition=str(raw.get("definition", "")),
        typical_target=None if typical is None else str(typical),
        pinyin=str(raw.get("pinyin", "")),
        initials=str(raw.get("initials", "")),
        alias_pinyin=alias_pinyin,
        alias_initials=alias_initials,
    )


def load_catalogue(path: Path | str | None = None) -> Catalogue:
    """The shipped catalogue, or a user-supplied one (compiled .json, or a .toml source); cached per path.

    A .toml source is compiled on the spot, which imports pypinyin (about a quarter of a second).
    Raises CatalogueError with a Chinese message when the file cannot be read.
    """
    resolved = DEFAULT_PATH if path is None else Path(path).expanduser().resolve()
    return _load(str(resolved))


@lru_cache(maxsize=8)
def _load(path: str) -> Catalogue:
    if path.endswith(".toml"):
        from domain.catalogue.build import CatalogueSourceError, compile_source, read_source

        try:
            data = compile_source(read_source(path))
        except CatalogueSourceError as error:
            raise CatalogueError(str(error)) from error
        return catalogue_from_data(data)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise CatalogueError(t("catalogue.unreadable", path=path, error=error.strerror)) from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CatalogueError(t("catalogue.not_json", path=path, error=error)) from error
    return catalogue_from_data(data)

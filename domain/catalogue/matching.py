"""Find the catalogue indicator a user means from what they typed: a full or cut-off name, a typo, or pinyin.

Chinese queries are scored with rapidfuzz ``fuzz.ratio`` (WRatio and partial_ratio tie and misrank on
Chinese names) plus a bonus when the query is the start of a name or inside it, which is how the sheet
export cuts names (项目招标资金 → 项目招标资金节约率). ASCII queries are read as pinyin, full
(shebeiguzhang) or initials (sbgzl). The 二级 a row sits under lowers the score of entries filed
elsewhere, so it settles ties without hiding anything.
"""

from __future__ import annotations

import gc
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from domain.catalogue.entries import Catalogue, CatalogueEntry, load_catalogue, normalise_key

EXACT, ALIAS, FUZZY, PINYIN, INITIALS = "exact", "alias", "fuzzy", "pinyin", "initials"

_FUZZY_CANDIDATES = 30  # best fuzz.ratio keys re-scored per query
_CONTAINMENT_CAP = 100  # names containing the query re-scored per query (shortest first)
_MAX_QUERY = 160  # long enough for the full pinyin of the longest catalogue name
_STEM_ENDINGS = "率度性"
_UNIT_TAILS = ("(%)", "(‰)")
_COST_LEVEL2 = frozenset({"成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标"})


Penalty = Callable[[CatalogueEntry], float]


@dataclass(frozen=True)
class Match:
    """A catalogue entry proposed for a query, with a 0–100 score and what matched."""

    entry: CatalogueEntry
    score: float
    matched: str  # the name, alias or pinyin that matched
    how: str  # "exact" | "alias" | "fuzzy" | "pinyin" | "initials"


@dataclass(frozen=True)
class _Target:
    entry_index: int
    text: str  # the name, alias or pinyin as stored, reported back as Match.matched
    how: str


class _KeyIndex:
    """Unique lookup strings, sorted shortest first, with what each one stands for.

    ``grams=True`` adds a character and bigram index (for finding Chinese keys that contain the query);
    pinyin keys are instead searched by prefix in a lexicographic copy.
    """

    def __init__(self, targets_by_key: dict[str, list[_Target]], *, grams: bool) -> None:
        self.keys: list[str] = sorted(targets_by_key, key=lambda k: (len(k), k))
        self.targets: list[tuple[_Target, ...]] = [tuple(targets_by_key[k]) for k in self.keys]
        self.position = {key: i for i, key in enumerate(self.keys)}
        self.grams: dict[str, list[int]] = {}
        if grams:
            for i, key in enumerate(self.keys):
                for gram in {*key, *(key[j : j + 2] for j in range(len(key) - 1))}:
                    self.grams.setdefault(gram, []).append(i)
        self.alphabetical = [] if grams else sorted(self.keys)

    def containing(self, query: str) -> list[tuple[int, bool]]:
        """(key index, is prefix) for keys containing the query, shortest keys first, at most the cap."""
        if len(query) == 1:
            pool = self.grams.get(query, ())
        else:
            pool = None
            for j in range(len(query) - 1):
                posting = self.grams.get(query[j : j + 2])
                if posting is None:
                    return []
                if pool is None or len(posting) < len(pool):
                    pool = posting
        found: list[tuple[int, bool]] = []
        keys = self.keys
        for i in pool or ():
            key = keys[i]
            if query in key:
                found.append((i, key.startswith(query)))
                if len(found) >= _CONTAINMENT_CAP:
                    break
        return found

    def starting_with(self, query: str) -> list[int]:
        """Indexes of keys that start with the query (and are longer), at most the cap."""
        found: list[int] = []
        alphabetical, position = self.alphabetical, self.position
        at = bisect_left(alphabetical, query)
        while at < len(alphabetical) and len(found) < _CONTAINMENT_CAP:
            key = alphabetical[at]
            if not key.startswith(query):
                break
            if key != query:
                found.append(position[key])
            at += 1
        return found


def _add(table: dict[str, list[_Target]], key: str, target: _Target) -> None:
    if not key:
        return
    bucket = table.setdefault(key, [])
    for i, existing in enumerate(bucket):
        if existing.entry_index == target.entry_index:
            if existing.how == ALIAS and target.how == EXACT:
                bucket[i] = target
            return
    bucket.append(target)


def _pinyin_key(text: str) -> str:
    # ü is typed as v or u; compare with u on both sides.
    return text.lower().replace("v", "u").replace("ü", "u")


def _clean_query(query: object) -> str:
    text = query if isinstance(query, str) else ("" if query is None else str(query))
    text = "".join(ch for ch in text[: _MAX_QUERY * 4] if unicodedata.category(ch)[0] != "C")
    text = normalise_key(text)
    for unit in _UNIT_TAILS:  # 满意度（%） is 满意度
        if text.endswith(unit) and len(text) > len(unit):
            text = text[: -len(unit)]
            break
    return text[:_MAX_QUERY]


def _stem(text: str) -> str:
    return text[:-1] if len(text) > 1 and text[-1] in _STEM_ENDINGS else text


def _name_quality(query: str, key: str, ratio: float, is_prefix: bool, inside: bool) -> float:
    """How well a Chinese query fits a key that is not exactly it (0–96)."""
    score = ratio
    if _stem(query) == _stem(key):
        return 96.0  # only 率 / 度 / 性 added, dropped or swapped
    if is_prefix:
        score = max(score, 70.0 + 25.0 * len(query) / len(key))
    elif inside:
        score = max(score, 60.0 + 30.0 * len(query) / len(key))
    elif key in query:
        score = max(score, 60.0 + 30.0 * len(key) / len(query))
    return min(score, 96.0)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold the garbage collector off: building the indexes makes hundreds of thousands of objects and no
    cycles, and each collection would walk them all again (twice as slow at 50,000 entries)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class IndicatorMatcher:
    """Ranks catalogue entries against typed text; build once per catalogue (indexes are precomputed)."""

    def __init__(self, catalogue: Catalogue) -> None:
        with _collector_paused():
            self._build(catalogue)

    def _build(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._entries = catalogue.entries
        names: dict[str, list[_Target]] = {}
        full: dict[str, list[_Target]] = {}
        initials: dict[str, list[_Target]] = {}
        for index, entry in enumerate(self._entries):
            _add(names, normalise_key(entry.name), _Target(index, entry.name, EXACT))
            _add(full, _pinyin_key(entry.pinyin), _Target(index, entry.pinyin, PINYIN))
            _add(initials, _pinyin_key(entry.initials), _Target(index, entry.initials, INITIALS))
            for alias, alias_full, alias_initials in zip(
                entry.aliases, entry.alias_pinyin, entry.alias_initials, strict=False
            ):
                _add(names, normalise_key(alias), _Target(index, alias, ALIAS))
                _add(full, _pinyin_key(alias_full), _Target(index, alias_full, PINYIN))
                _add(initials, _pinyin_key(alias_initials), _Target(index, alias_initials, INITIALS))
        self._names = _KeyIndex(names, grams=True)
        self._full = _KeyIndex(full, grams=False)
        self._initials = _KeyIndex(initials, grams=False)

    def search(
        self, query: str, level2: str | None = None, limit: int = 5, *, level1: str | None = None
    ) -> list[Match]:
        """The best ``limit`` entries for the query, best first.

        ``level2`` is the row's 二级 as written (社会效益, 满意度指标, blank …) and ``level1`` its 一级;
        entries filed elsewhere lose a few points, so the context settles ties without hiding anything.
        Never raises on odd text: an empty or unusable query gives an empty list.
        """
        if not isinstance(limit, int) or limit <= 0:
            return []
        text = _clean_query(query)
        if not text:
            return []
        best: dict[int, tuple[float, str, str]] = {}
        as_pinyin = text.isascii() and any(ch.isalpha() for ch in text)
        if as_pinyin:
            self._search_pinyin(_pinyin_key("".join(ch for ch in text if ch.isalnum())), best)
        self._search_names(text, best, fuzzy=not as_pinyin)
        return self._rank(best, self._context_penalty(level2, level1), limit)

    def _offer(
        self, best: dict[int, tuple[float, str, str]], targets: Iterable[_Target], score: float, how: str | None
    ) -> None:
        for target in targets:
            current = best.get(target.entry_index)
            # Keep each entry's best score; on a tie report its name rather than an alias.
            if (
                current is None
                or score > current[0]
                or (score == current[0] and target.how == EXACT and current[2] != EXACT)
            ):
                best[target.entry_index] = (score, target.text, how or target.how)

    def _search_names(self, text: str, best: dict[int, tuple[float, str, str]], fuzzy: bool) -> None:
        index = self._names
        exact = index.position.get(text)
        if exact is not None:
            self._offer(best, index.targets[exact], 100.0, None)
        containing = dict(index.containing(text))
        ratios: dict[int, float] = {}
        if fuzzy:
            for _, score, position in process.extract(
                text, index.keys, scorer=fuzz.ratio, processor=None, limit=_FUZZY_CANDIDATES, score_cutoff=30
            ):
                ratios[position] = score
        for position in containing.keys() | ratios.keys():
            if position == exact:
                continue
            key = index.keys[position]
            ratio = ratios.get(position)
            if ratio is None:
                ratio = fuzz.ratio(text, key)
            is_prefix = containing.get(position, False)
            quality = _name_quality(text, key, ratio, is_prefix, position in containing)
            self._offer(best, index.targets[position], quality, FUZZY)

    def _search_pinyin(self, text: str, best: dict[int, tuple[float, str, str]]) -> None:
        if not text:
            return
        for index, initials in ((self._full, False), (self._initials, True)):
            exact = index.position.get(text)
            if exact is not None:
                self._offer(best, index.targets[exact], 95.0 if initials else 100.0, None)
            if len(text) >= 2:
                for position in index.starting_with(text):
                    quality = (65.0 if initials else 70.0) + 25.0 * len(text) / len(index.keys[position])
                    self._offer(best, index.targets[position], quality, None)
        # Typos and inner syllables (guzhanglv) only against the full pinyin; initials are too short.
        for _, score, position in process.extract(
            text, self._full.keys, scorer=fuzz.ratio, processor=None, limit=_FUZZY_CANDIDATES, score_cutoff=50
        ):
            self._offer(best, self._full.targets[position], min(score * 0.95, 94.0), None)

    def _rank(self, best: dict[int, tuple[float, str, str]], penalty: Penalty, limit: int) -> list[Match]:
        # A single exact hit stands whatever the 二级; a shared one (an alias of two entries) is settled by it.
        perfect = [i for i, (score, _, _) in best.items() if score >= 100.0]
        exempt = perfect[0] if len(perfect) == 1 else None
        scored: list[tuple[float, int, str, str]] = []
        for entry_index, (score, matched, how) in best.items():
            if entry_index != exempt:
                score -= penalty(self._entries[entry_index])
            scored.append((round(max(score, 0.0), 2), entry_index, matched, how))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [Match(self._entries[i], score, matched, how) for score, i, matched, how in scored[:limit]]

    def _context_penalty(self, level2: object, level1: object) -> Penalty:
        """How much to take off an entry filed away from the row's 二级 (or its 一级, if that is all we know)."""
        level2 = level2 if isinstance(level2, str) else ""
        level1 = level1 if isinstance(level1, str) else ""
        catalogue = self.catalogue
        wanted_level2 = catalogue.normalise_level2(level2, level1) if (level2 or level1) else None
        if wanted_level2 is None:
            wanted_level1 = catalogue.normalise_level1(level2) or catalogue.normalise_level1(level1)
            if wanted_level1 is None:
                return lambda entry: 0.0
            return lambda entry: 0.0 if entry.level1 == wanted_level1 else 5.0
        wanted_level1 = catalogue.level1_of(wanted_level2)
        cost_context = wanted_level2 in _COST_LEVEL2

        def penalty(entry: CatalogueEntry) -> float:
            if entry.level2 == wanted_level2:
                return 0.0
            if cost_context and entry.level2 in _COST_LEVEL2:
                return 3.0
            return 5.0 if entry.level1 == wanted_level1 else 8.0

        return penalty


@lru_cache(maxsize=1)
def default_matcher() -> IndicatorMatcher:
    """The matcher over the shipped catalogue, built on first use."""
    return IndicatorMatcher(load_catalogue())


def match_indicator(query: str, level2: str | None = None, limit: int = 5, *, level1: str | None = None) -> list[Match]:
    """Search the shipped catalogue; see IndicatorMatcher.search."""
    return default_matcher().search(query, level2, limit, level1=level1)

"""The direction of an indicator named exactly as the catalogue names it, read without the catalogue's classes.

A one-shot what-if with ``--indicator 设备故障率`` needs one entry's name and direction: this reads the
compiled catalogue's names and aliases into a plain table (no matcher, no records), and only a name that is
not exactly a catalogue name or alias goes on to the fuzzy and pinyin matcher.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path

from domain.record.kinds import Direction
from domain.record.value_text import normalise_text

COMPILED = Path(__file__).parent / "data" / "catalogue.json"


def _key(text: str) -> str:
    """As ``domain.catalogue.entries.normalise_key``: half-width, no spaces, lower case."""
    return normalise_text(unicodedata.normalize("NFKC", text)).lower()


@cache
def _names() -> dict[str, list[tuple[str, Direction, bool]]]:
    with open(COMPILED, encoding="utf-8") as handle:
        data = json.load(handle)
    table: dict[str, list[tuple[str, Direction, bool]]] = {}
    for raw in data["entries"]:
        name, direction = str(raw["name"]), Direction(raw["direction"])
        table.setdefault(_key(name), []).append((name, direction, True))
        for alias in raw.get("aliases", ()):
            table.setdefault(_key(str(alias)), []).append((name, direction, False))
    return table


def exact_entry(name: str) -> tuple[str, Direction] | None:
    """The catalogue name and direction of an exact name or unshared alias (as ``Catalogue.get``), else None."""
    bucket = _names().get(_key(name))
    if not bucket:
        return None
    for entry_name, direction, is_name in bucket:
        if is_name:
            return entry_name, direction
    return (bucket[0][0], bucket[0][1]) if len(bucket) == 1 else None

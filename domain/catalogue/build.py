"""Compile the hand-written indicator catalogue (TOML) into the JSON the application loads, adding pinyin.

pypinyin is slow to import (about a quarter of a second), so pinyin is worked out here, once, and
stored; the application only reads the JSON. Run ``python -m domain.catalogue.build`` after editing
``domain/catalogue/data/catalogue_source.toml`` (``--check`` only reports whether the JSON is stale).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from domain.messages import t

DATA_DIR = Path(__file__).parent / "data"
SOURCE_PATH = DATA_DIR / "catalogue_source.toml"
JSON_PATH = DATA_DIR / "catalogue.json"
FORMAT = 1

DIRECTIONS = ("positive", "reverse", "equal", "qualitative")
SCOPES = ("自评", "评价")

# Words pypinyin reads with the wrong tone-free syllables in indicator names.
_PHRASE_FIXES = {
    "长效": [["cháng"], ["xiào"]],
    "长期": [["cháng"], ["qī"]],
}


class CatalogueSourceError(ValueError):
    """The catalogue source is malformed; the message says where, in Chinese."""


def read_source(path: Path | str = SOURCE_PATH) -> dict[str, Any]:
    """Read a catalogue source file (TOML)."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise CatalogueSourceError(t("build.unreadable", path=path, error=error.strerror)) from error
    except tomllib.TOMLDecodeError as error:
        raise CatalogueSourceError(t("build.not_toml", path=path, error=error)) from error


def pinyin_of(text: str) -> tuple[str, str]:
    """Full toneless pinyin and initials of a name: 设备故障率 → ("shebeiguzhanglv", "sbgzl").

    Letters and digits in the name are kept as written (0-6岁 → "06sui" / "06s"); punctuation is dropped.
    """
    from pypinyin import Style, lazy_pinyin, load_phrases_dict

    global _phrases_loaded
    if not _phrases_loaded:
        load_phrases_dict(_PHRASE_FIXES)
        _phrases_loaded = True
    full: list[str] = []
    initials: list[str] = []
    for run in _RUNS.findall(text):
        if _HAN.match(run):
            for syllable in lazy_pinyin(run, style=Style.NORMAL, v_to_u=False, errors="ignore"):
                syllable = "".join(ch for ch in syllable.lower() if ch.isascii() and ch.isalpha())
                if syllable:
                    full.append(syllable)
                    initials.append(syllable[0])
        else:
            kept = "".join(ch for ch in run.lower() if ch.isascii() and ch.isalnum())
            full.append(kept)
            initials.append(kept)
    return "".join(full), "".join(initials)


_phrases_loaded = False
_HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_HAN_CLASS}]")
_RUNS = re.compile(f"[{_HAN_CLASS}]+|[^{_HAN_CLASS}]+")


def _require_text(value: Any, where: str, field: str, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise CatalogueSourceError(t("build.empty_text", where=where, field=field))
    return value.strip()


def _framework(source: dict[str, Any]) -> list[dict[str, Any]]:
    framework = source.get("framework")
    if not isinstance(framework, list) or not framework:
        raise CatalogueSourceError(t("build.no_framework"))
    compiled: list[dict[str, Any]] = []
    seen_level1: set[str] = set()
    for position, block in enumerate(framework, start=1):
        where = t("build.framework_at", position=position)
        if not isinstance(block, dict):
            raise CatalogueSourceError(t("build.malformed", where=where))
        level1 = _require_text(block.get("level1"), where, "level1")
        if level1 in seen_level1:
            raise CatalogueSourceError(t("build.level1_twice", where=where, level1=level1))
        seen_level1.add(level1)
        scope = block.get("scope", "自评")
        if scope not in SCOPES:
            raise CatalogueSourceError(t("build.scope", where=where, scopes=" / ".join(SCOPES)))
        level2 = block.get("level2")
        if not isinstance(level2, list) or not all(isinstance(x, str) and x.strip() for x in level2):
            raise CatalogueSourceError(t("build.level2_list", where=where))
        compiled.append(
            {
                "level1": level1,
                "scope": scope,
                "note": str(block.get("note", "")),
                "level2": [x.strip() for x in level2],
            }
        )
    return compiled


def _entry(raw: Any, level1: str, level2: str, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise CatalogueSourceError(t("build.malformed", where=where))
    unknown = set(raw) - {"name", "aliases", "direction", "unit", "definition", "typical_target"}
    if unknown:
        raise CatalogueSourceError(t("build.unknown_fields", where=where, fields=", ".join(sorted(unknown))))
    name = _require_text(raw.get("name"), where, "name")
    where = f"{where}（{name}）"
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(x, str) and x.strip() for x in aliases):
        raise CatalogueSourceError(t("build.aliases_list", where=where))
    aliases = [x.strip() for x in aliases]
    if name in aliases or len(set(aliases)) != len(aliases):
        raise CatalogueSourceError(t("build.aliases_twice", where=where))
    direction = raw.get("direction")
    if direction not in DIRECTIONS:
        raise CatalogueSourceError(t("build.direction", where=where, directions=" / ".join(DIRECTIONS)))
    typical = raw.get("typical_target")
    if typical is not None:
        typical = _require_text(typical, where, "typical_target")
    pinyin, initials = pinyin_of(name)
    alias_pinyin = [pinyin_of(alias) for alias in aliases]
    return {
        "name": name,
        "aliases": aliases,
        "level1": level1,
        "level2": level2,
        "direction": direction,
        "unit": _require_text(raw.get("unit", ""), where, "unit", allow_empty=True),
        "definition": _require_text(raw.get("definition"), where, "definition"),
        "typical_target": typical,
        "pinyin": pinyin,
        "initials": initials,
        "alias_pinyin": [full for full, _ in alias_pinyin],
        "alias_initials": [short for _, short in alias_pinyin],
    }


def compile_source(source: dict[str, Any]) -> dict[str, Any]:
    """Validate a parsed catalogue source and return the compiled form (what the JSON holds)."""
    framework = _framework(source)
    allowed = {(block["level1"], level2) for block in framework for level2 in block["level2"]}
    groups = source.get("group")
    if not isinstance(groups, list) or not groups:
        raise CatalogueSourceError(t("build.no_group"))
    entries: list[dict[str, Any]] = []
    for position, group in enumerate(groups, start=1):
        where = t("build.group_at", position=position)
        if not isinstance(group, dict):
            raise CatalogueSourceError(t("build.malformed", where=where))
        level1 = _require_text(group.get("level1"), where, "level1")
        level2 = _require_text(group.get("level2"), where, "level2")
        if (level1, level2) not in allowed:
            raise CatalogueSourceError(t("build.not_in_framework", where=where, level1=level1, level2=level2))
        raw_entries = group.get("entries")
        if not isinstance(raw_entries, list):
            raise CatalogueSourceError(t("build.entries_list", where=where))
        for index, raw in enumerate(raw_entries, start=1):
            entries.append(_entry(raw, level1, level2, t("build.entry_at", where=where, index=index)))
    _check_names(entries)
    return {"format": FORMAT, "framework": framework, "entries": entries}


def _check_names(entries: list[dict[str, Any]]) -> None:
    names: set[str] = set()
    for entry in entries:
        if entry["name"] in names:
            raise CatalogueSourceError(t("build.entry_twice", name=entry["name"]))
        names.add(entry["name"])
    for entry in entries:
        for alias in entry["aliases"]:
            if alias in names:
                raise CatalogueSourceError(t("build.alias_clash", name=entry["name"], alias=alias))


def render_json(compiled: dict[str, Any]) -> str:
    """The exact text written to catalogue.json (one entry per line, stable order)."""
    lines = ["{", f'"format": {json.dumps(compiled["format"])},', '"framework": [']
    lines.append(",\n".join(json.dumps(block, ensure_ascii=False) for block in compiled["framework"]))
    lines.append("],")
    lines.append('"entries": [')
    lines.append(",\n".join(json.dumps(entry, ensure_ascii=False) for entry in compiled["entries"]))
    lines.append("]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def build(source_path: Path | str = SOURCE_PATH) -> str:
    """Read, validate and compile a catalogue source; return the JSON text."""
    return render_json(compile_source(read_source(source_path)))


def main(argv: list[str] | None = None) -> int:
    """Command line: regenerate domain/catalogue/data/catalogue.json, or check that it is up to date."""
    parser = argparse.ArgumentParser(prog="python -m domain.catalogue.build", description=t("build.description"))
    parser.add_argument("--source", default=str(SOURCE_PATH), help=t("build.source"))
    parser.add_argument("--output", default=str(JSON_PATH), help=t("build.output"))
    parser.add_argument("--check", action="store_true", help=t("build.check"))
    args = parser.parse_args(argv)
    try:
        text = build(args.source)
    except CatalogueSourceError as error:
        print(t("build.error", error=error), file=sys.stderr)
        return 2
    output = Path(args.output)
    if args.check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            print(t("build.stale", output=output), file=sys.stderr)
            return 1
        print(t("build.fresh", output=output))
        return 0
    from domain.errors import InputError
    from domain.record.atomic import write_text

    try:
        write_text(output, text)  # atomic, as every file jixiao writes
    except InputError as error:
        print(f"jixiao: {error.message}", file=sys.stderr)
        return 2
    count = text.count('\n{"name": ')
    print(t("build.written", output=output, count=count))
    return 0


if __name__ == "__main__":
    sys.exit(main())

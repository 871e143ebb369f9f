"""Keeping the gettext catalogues in step (a tool for developers and translators; needs Babel).

The catalogues are ``locale/zh/LC_MESSAGES/jixiao.po`` (the source texts: each entry's ``msgctxt`` is the
message id the code uses, ``msgid`` and ``msgstr`` its Chinese text) and ``locale/en/LC_MESSAGES/jixiao.po``
(the same entries with English ``msgstr``), compiled to ``.mo`` beside them; ``locale/jixiao.pot`` is the
template a translator starts a new language from. To add or change a message, edit ``zh`` (and ``en``, or
leave it to the translator) and run::

    python -m domain.messages.maintain update

which writes the template from the Chinese catalogue (with where each id is used), marks every English entry
whose Chinese text changed as fuzzy (its old source kept as ``#| msgid``), adds the new ids untranslated,
drops ids no longer in the Chinese catalogue, and compiles both catalogues. ``check`` says what is out of
step without writing (the tests run it). ``add ID CHINESE ENGLISH [ENGLISH_PLURAL]`` adds one message to
both (a fourth text makes it a counting message: the English singular, then the plural). ``import`` takes message tables written as Python modules
(``domain/messages/tables/<name>.py`` with ``ZH`` and ``EN`` dicts) into the catalogues and removes them.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from domain.messages.lookup import DOMAIN, LOCALE_DIR

ROOT = Path(__file__).resolve().parents[2]
TABLES = Path(__file__).resolve().parent / "tables"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
PROJECT = "jixiao"


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(locale: str) -> Catalog:
    path = po_path(locale)
    if not path.exists():
        return Catalog(locale=locale, domain=DOMAIN, project=PROJECT)
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def _po_bytes(catalog: Catalog, *, template: bool = False) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False, sort_output=False, include_previous=True, ignore_obsolete=True)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _key(message: Message) -> str:
    return str(message.context)


def _source_text(message: Message) -> str | tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (list, tuple)) else str(message.id)


def usages() -> dict[str, list[tuple[str, int]]]:
    """The files where each message id is written as a string literal."""
    found: dict[str, list[tuple[str, int]]] = {}
    for folder in ("domain", "tui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            name = path.relative_to(ROOT).as_posix()
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value:
                    places = found.setdefault(node.value, [])
                    if (name, 0) not in places:
                        places.append((name, 0))
    return found


def template(chinese: Catalog) -> Catalog:
    """The template: every Chinese entry without a translation, with where its id is used."""
    used = usages()
    pot = Catalog(domain=DOMAIN, project=PROJECT, fuzzy=False)
    for message in chinese:
        if not message.id:
            continue
        pot.add(
            message.id,
            None,
            locations=used.get(_key(message), [])[:3],
            flags=message.flags,
            auto_comments=message.auto_comments,
            context=message.context,
        )
    return pot


def update_translation(chinese: Catalog, other: Catalog) -> Catalog:
    """``other`` brought in step with the Chinese catalogue: changed sources fuzzy, new ids untranslated."""
    old = {_key(message): message for message in other if message.id}
    result = Catalog(locale=other.locale, domain=DOMAIN, project=PROJECT, fuzzy=False)
    for message in chinese:
        if not message.id:
            continue
        key = _key(message)
        before = old.get(key)
        plural = isinstance(message.id, (list, tuple))
        if before is None:
            blank: str | tuple[str, ...] = ("",) * other.num_plurals if plural else ""
            result.add(message.id, blank, flags=message.flags, context=message.context)
            continue
        string: str | tuple[str, ...] | list[str] = before.string or ""
        flags = set(before.flags) | set(message.flags)
        previous: list[str] | tuple[str, ...] = before.previous_id
        if _source_text(before) != _source_text(message):
            flags.add("fuzzy")
            previous = tuple(before.id) if isinstance(before.id, (list, tuple)) else (str(before.id),)
        if plural and not isinstance(string, (list, tuple)):
            string = (string,) * other.num_plurals
            flags.add("fuzzy")
        elif not plural and isinstance(string, (list, tuple)):
            string = string[-1]
            flags.add("fuzzy")
        result.add(
            message.id,
            string,
            flags=flags,
            context=message.context,
            previous_id=previous or (),
            user_comments=before.user_comments,
        )
    return result


def _tables() -> Iterator[tuple[Path, dict[str, str], dict[str, str]]]:
    for path in sorted(TABLES.glob("*.py")) if TABLES.exists() else []:
        if path.name == "__init__.py":
            continue
        spec = importlib.util.spec_from_file_location(f"_jixiao_table_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield path, dict(getattr(module, "ZH", {})), dict(getattr(module, "EN", {}))


def import_tables(singular: dict[str, str] | None = None) -> list[Path]:
    """Take every Python message table into the catalogues (a table's text replaces the catalogue's for
    the same id) and remove the table modules. ``singular`` gives the English singular of ids that count."""
    singular = singular or {}
    chinese, english = read("zh"), read("en")
    by_key = {"zh": {_key(m): m for m in chinese if m.id}, "en": {_key(m): m for m in english if m.id}}
    taken: list[Path] = []
    tables = list(_tables())
    sources: dict[str, str] = {
        _key(m): str(m.id[0] if isinstance(m.id, (list, tuple)) else m.id) for m in chinese if m.id
    }
    for path, zh, _ in tables:
        for key, text in zh.items():
            _drop(chinese, by_key["zh"], key)
            sources[key] = text
            if key in singular:
                chinese.add((text, text), (text,), context=key, flags={"python-brace-format"})
            else:
                chinese.add(text, text, context=key, flags={"python-brace-format"} if "{" in text else ())
        taken.append(path)
    for _, _, en in tables:
        for key, text in en.items():
            source = sources.get(key, key)
            _drop(english, by_key["en"], key)
            if key in singular:
                english.add((source, source), (singular[key], text), context=key, flags={"python-brace-format"})
            else:
                english.add(source, text, context=key, flags={"python-brace-format"} if "{" in text else ())
    _write("zh", chinese)
    _write("en", update_translation(chinese, english))
    for path in taken:
        path.unlink()
    update()
    return taken


def _drop(catalog: Catalog, by_key: dict[str, Message], key: str) -> None:
    message = by_key.pop(key, None)
    if message is not None:
        catalog.delete(message.id, context=key)


def add(key: str, chinese_text: str, english_text: str, english_plural: str | None = None) -> None:
    """Add or replace one message in both catalogues (``english_plural`` makes it a counting message, its
    English singular ``english_text``), then bring everything in step."""
    chinese, english = read("zh"), read("en")
    _drop(chinese, {_key(m): m for m in chinese if m.id}, key)
    _drop(english, {_key(m): m for m in english if m.id}, key)
    flags = {"python-brace-format"} if "{" in chinese_text else set()
    if english_plural is None:
        chinese.add(chinese_text, chinese_text, context=key, flags=flags)
        english.add(chinese_text, english_text, context=key, flags=flags)
    else:
        chinese.add((chinese_text, chinese_text), (chinese_text,), context=key, flags=flags)
        english.add((chinese_text, chinese_text), (english_text, english_plural), context=key, flags=flags)
    _write("zh", chinese)
    _write("en", update_translation(chinese, english))
    update()


def _write(locale: str, catalog: Catalog) -> None:
    path = po_path(locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_po_bytes(catalog))


def _planned() -> dict[Path, bytes]:
    chinese = read("zh")
    english = update_translation(chinese, read("en"))
    return {
        TEMPLATE: _po_bytes(template(chinese), template=True),
        po_path("en"): _po_bytes(english),
        po_path("zh").with_suffix(".mo"): _mo_bytes(chinese),
        po_path("en").with_suffix(".mo"): _mo_bytes(english),
    }


def _without_dates(data: bytes) -> bytes:
    """The file without what changes by itself: dates, and the template's note of where ids are used."""
    return b"\n".join(
        line
        for line in data.split(b"\n")
        if not line.lstrip(b'"').startswith((b"POT-Creation-Date", b"PO-Revision-Date", b"#: "))
    )


def update() -> list[Path]:
    """Write the template, the English catalogue in step, and both compiled catalogues; the files changed."""
    changed = []
    for path, data in _planned().items():
        if not path.exists() or _without_dates(path.read_bytes()) != _without_dates(data):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            changed.append(path)
    return changed


def check() -> list[str]:
    """What is out of step, without writing: stale files, untranslated or fuzzy English entries."""
    problems = [
        f"{path.relative_to(ROOT)} is out of date: run python -m domain.messages.maintain update"
        for path, data in _planned().items()
        if not path.exists() or _without_dates(path.read_bytes()) != _without_dates(data)
    ]
    for message in read("en"):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy:
            problems.append(f"en: {message.context} is fuzzy (its Chinese text changed): review the translation")
        elif not all(strings):
            problems.append(f"en: {message.context} is not translated")
    return problems


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        for path in update():
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    if command == "import":
        for path in import_tables():
            print(f"took {path.relative_to(ROOT)}")
        return 0
    if command == "add" and len(argv) in (4, 5):
        add(*argv[1:])
        return 0
    if command == "check":
        problems = check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    print(
        "usage: python -m domain.messages.maintain update | check | import | add ID CHINESE ENGLISH [ENGLISH_PLURAL]",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

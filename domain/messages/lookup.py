"""Looking a message up: ``t(key, **fields)`` in the current locale, falling back to Chinese.

The texts live in gettext catalogues, ``domain/messages/locale/<locale>/LC_MESSAGES/jixiao.po``, compiled to
``.mo`` beside them (``python -m domain.messages.maintain`` keeps them in step; see its docstring). Each
entry's context (``msgctxt``) is the message id the code uses, its ``msgid`` the Chinese text, so a changed
Chinese text marks the English translation fuzzy. A message that counts something has plural forms; the
number that picks the form is its ``count`` field, or else its first field holding a whole number.
``JIXIAO_LOCALE`` (or ``--lang``) picks the language.
"""

from __future__ import annotations

import os
import string
import struct
from collections.abc import Callable
from pathlib import Path

DEFAULT_LOCALE = "zh"
LOCALES = ("zh", "en")
DOMAIN = "jixiao"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

Entry = str | tuple[str, ...]  # a text, or its plural forms


class Catalogue:
    """One locale's compiled catalogue: message id → text (or plural forms), and the plural rule."""

    def __init__(self, entries: dict[str, Entry], plural: Callable[[int], int]) -> None:
        self.entries = entries
        self.plural = plural

    def text(self, key: str, fields: dict[str, object]) -> str | None:
        entry = self.entries.get(key)
        if entry is None or isinstance(entry, str):
            return entry
        index = self.plural(_count(entry[0], fields))
        return entry[min(index, len(entry) - 1)]


def _count(text: str, fields: dict[str, object]) -> int:
    """The number that picks a plural form: ``count``, else the first field of the text holding a whole number."""
    names = ["count"] + [name for _, name, _, _ in string.Formatter().parse(text) if name]
    for name in names:
        value = fields.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
    return 1


def read_mo(data: bytes) -> Catalogue:
    """A compiled catalogue from the bytes of a little- or big-endian ``.mo`` file."""
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _, count, keys_at, values_at = struct.unpack(order + "4I", data[4:20])
    keys = struct.iter_unpack(order + "2I", data[keys_at : keys_at + 8 * count])
    values = struct.iter_unpack(order + "2I", data[values_at : values_at + 8 * count])
    entries: dict[str, Entry] = {}
    plural_rule = "n != 1"
    for (key_length, key_offset), (value_length, value_offset) in zip(keys, values, strict=True):
        key = data[key_offset : key_offset + key_length]
        value = data[value_offset : value_offset + value_length].decode("utf-8")
        if not key:  # the header
            for line in value.splitlines():
                if line.lower().startswith("plural-forms:") and "plural=" in line:
                    plural_rule = line.split("plural=", 1)[1].strip().rstrip(";")
            continue
        context, separator, source = key.partition(b"\x04")
        if not separator or not value:
            continue
        forms = value.split("\x00")
        entry: Entry = forms[0] if len(forms) == 1 and b"\x00" not in source else tuple(forms)
        entries[context.decode("utf-8")] = entry
    return Catalogue(entries, plural_function(plural_rule))


def plural_function(rule: str) -> Callable[[int], int]:
    """The plural rule of a catalogue's header as a function (the two rules jixiao's languages use are
    built in; any other is compiled by the standard library)."""
    compact = rule.replace(" ", "").strip("()")
    if compact == "0":
        return lambda n: 0
    if compact == "n!=1":
        return lambda n: int(n != 1)
    import gettext

    return gettext.c2py(rule)


_catalogues: dict[str, Catalogue] = {}


def catalogue(locale: str) -> Catalogue:
    """The compiled catalogue of ``locale`` (read once; an unknown locale gives an empty one)."""
    found = _catalogues.get(locale)
    if found is None:
        path = LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
        try:
            found = read_mo(path.read_bytes())
        except OSError:
            found = Catalogue({}, lambda n: 0)
        _catalogues[locale] = found
    return found


def tables() -> dict[str, dict[str, str]]:
    """Every locale's texts by id (a plural message by its first form), for the catalogue's tests."""
    return {
        locale: {key: entry if isinstance(entry, str) else entry[0] for key, entry in catalogue(locale).entries.items()}
        for locale in LOCALES
    }


def plural_forms(locale: str) -> dict[str, tuple[str, ...]]:
    """The messages of ``locale`` that have plural forms, with their forms."""
    return {key: entry for key, entry in catalogue(locale).entries.items() if not isinstance(entry, str)}


def _initial_locale() -> str:
    value = os.environ.get("JIXIAO_LOCALE", DEFAULT_LOCALE).strip().lower()
    return value if value in LOCALES else DEFAULT_LOCALE


LOCALE = _initial_locale()


def set_locale(locale: str) -> None:
    """Switch the language of every later message (unknown locales fall back to Chinese)."""
    global LOCALE
    LOCALE = locale if locale in LOCALES else DEFAULT_LOCALE


def current_locale() -> str:
    return LOCALE


def text_of(key: str, locale: str, fields: dict[str, object] | None = None) -> str:
    """The unformatted text of ``key`` in ``locale`` (the plural form ``fields`` call for), falling back to
    Chinese, then to the key itself."""
    values = fields or {}
    text = catalogue(locale).text(key, values)
    if text is None and locale != DEFAULT_LOCALE:
        text = catalogue(DEFAULT_LOCALE).text(key, values)
    return key if text is None else text


def render(key: str, locale: str, fields: dict[str, object]) -> str:
    """The message ``key`` in ``locale`` with ``fields`` filled in."""
    text = text_of(key, locale, fields)
    if not fields:
        return text
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError):
        return text


def t(key: str, **fields: object) -> str:
    """The message ``key`` in the current locale with ``fields`` filled in; the key itself if unknown."""
    return render(key, LOCALE, fields)


GRADE_IDS = {"优": "grade.excellent", "良": "grade.good", "中": "grade.fair", "差": "grade.poor"}


def grade_name(grade: str | None) -> str:
    """A grade (优 / 良 / 中 / 差, as the form writes it) as the interface's language says it; other text as is."""
    if not grade:
        return ""
    key = GRADE_IDS.get(grade)
    return t(key) if key else grade

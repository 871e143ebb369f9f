"""Looking a message up: ``t(key, **fields)`` in the current locale, falling back to Chinese.

The tables live in ``domain.messages.tables``, one module per concern (interview, scoring, sheets, …),
each defining ``ZH`` and ``EN``: message id → text with ``str.format`` fields. Every module found there is
merged on the first look-up, so adding a concern is adding a module. ``JIXIAO_LOCALE`` (or ``--lang``)
picks the language.
"""

from __future__ import annotations

import importlib
import os

DEFAULT_LOCALE = "zh"
LOCALES = ("zh", "en")

_tables: dict[str, dict[str, str]] | None = None


def tables() -> dict[str, dict[str, str]]:
    """Every locale's merged table (built once)."""
    global _tables
    if _tables is None:
        from domain.messages import tables as package

        merged: dict[str, dict[str, str]] = {locale: {} for locale in LOCALES}
        # the table modules by file name (pkgutil would load inspect, which costs a quick command more than
        # all the tables together)
        names = sorted({entry.name[: -len(".py")] for folder in package.__path__ for entry in os.scandir(folder)
                        if entry.name.endswith(".py") and entry.name.isascii() and entry.name[:1].isalpha()})
        for name in names:
            module = importlib.import_module(f"{package.__name__}.{name}")
            for locale in LOCALES:
                merged[locale].update(getattr(module, locale.upper(), {}))
        _tables = merged
    return _tables


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


def t(key: str, **fields: object) -> str:
    """The message ``key`` in the current locale with ``fields`` filled in; the key itself if unknown."""
    table = tables()
    text = table[LOCALE].get(key)
    if text is None:
        text = table[DEFAULT_LOCALE].get(key, key)
    if not fields:
        return text
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError):
        return text

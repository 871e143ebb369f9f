"""The message catalogue: both languages complete, with the same fields; every message used."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from domain.messages.lookup import tables

ROOT = Path(__file__).resolve().parent.parent
CODE = [path for folder in ("domain", "tui") for path in (ROOT / folder).rglob("*.py")
        if "messages/tables" not in path.as_posix()]


def _fields(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_exists_in_both_languages():
    zh, en = tables()["zh"], tables()["en"]
    assert sorted(set(zh) - set(en)) == [], "messages without an English text"
    assert sorted(set(en) - set(zh)) == [], "English texts without a Chinese message"


@pytest.mark.parametrize("locale", ["en"])
def test_the_languages_fill_the_same_fields(locale):
    zh, other = tables()["zh"], tables()[locale]
    differ = {key: (sorted(_fields(zh[key])), sorted(_fields(other[key])))
              for key in zh if key in other and _fields(zh[key]) != _fields(other[key])}
    assert differ == {}


def test_english_texts_are_english():
    cjk = re.compile(r"[\u4e00-\u9fff]")
    # Chinese inside an English text is only what the user types or reads on the form: quoted examples
    # and the form's own terms in brackets, never the sentence itself.
    sentences = {key: text for key, text in tables()["en"].items() if len(cjk.findall(text)) > len(text) / 2}
    assert sentences == {}


def _used() -> tuple[set[str], list[re.Pattern[str]]]:
    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        pieces = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in pieces:
                literals.add(node.value)
                if len(node.value) >= 4 and node.value.endswith(".") and " " not in node.value:
                    patterns.append(re.compile(re.escape(node.value) + ".+"))  # "ui.severity." + severity
            elif isinstance(node, ast.JoinedStr):
                parts = [re.escape(part.value) if isinstance(part, ast.Constant) else ".+" for part in node.values]
                first = node.values[0] if node.values else None
                if isinstance(first, ast.Constant) and len(str(first.value)) >= 3 and "." in str(first.value):
                    patterns.append(re.compile("".join(parts)))  # a key built from a prefix: f"field.{key}.label"
    return literals, patterns


def test_every_message_is_used():
    literals, patterns = _used()
    unused = [key for key in tables()["zh"]
              if key not in literals and not any(pattern.fullmatch(key) for pattern in patterns)]
    assert unused == []


# Modules whose Chinese is vocabulary, not sentences: words and patterns the value reader and the audit
# recognise, the shipped profiles' own descriptions, and the official form's printed labels (a form is
# written in Chinese whatever the interface's language).
VOCABULARY = {
    "domain/record/value_words.py", "domain/scoring/checks.py", "domain/scoring/conventions.py",
    "domain/sheets/export_cells.py", "domain/sheets/export.py", "domain/sheets/layouts.py",
}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE = re.compile(r"[，。；！？]|\{[a-z_]*\}")


def test_no_chinese_sentence_outside_the_catalogue_and_the_vocabulary():
    found = []
    for path in CODE:
        name = path.relative_to(ROOT).as_posix()
        if name in VOCABULARY or any(name.startswith(folder) for folder in VOCABULARY if folder.endswith("/")):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(node.body[0].value) for node in ast.walk(tree)
                if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        pieces = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
                    and len(_CJK.findall(node.value)) >= 2 and (_SENTENCE.search(node.value) or id(node) in pieces)):
                found.append(f"{name}:{node.lineno}: {node.value[:40]}")
    assert found == []


def test_a_values_reading_notes_follow_the_interface_language():
    from domain.messages.lookup import set_locale
    from domain.record.values import parse_value

    try:
        set_locale("en")
        english = parse_value("≥").note
        set_locale("zh")
        chinese = parse_value("≥").note
    finally:
        set_locale("zh")
    assert english == "only a comparison sign, no number"
    assert chinese == "只有比较符号，没有数值"

"""The message catalogue: both languages complete, with the same fields; every message used; the gettext
catalogues in step with their sources; plural forms."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from domain.messages.lookup import plural_forms, render, tables

ROOT = Path(__file__).resolve().parent.parent
CODE = [
    path
    for folder in ("domain", "tui")
    for path in (ROOT / folder).rglob("*.py")
    if "messages/tables" not in path.as_posix()
]


def _fields(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_exists_in_both_languages():
    zh, en = tables()["zh"], tables()["en"]
    assert sorted(set(zh) - set(en)) == [], "messages without an English text"
    assert sorted(set(en) - set(zh)) == [], "English texts without a Chinese message"


@pytest.mark.parametrize("locale", ["en"])
def test_the_languages_fill_the_same_fields(locale):
    zh, other = tables()["zh"], tables()[locale]
    differ = {
        key: (sorted(_fields(zh[key])), sorted(_fields(other[key])))
        for key in zh
        if key in other and _fields(zh[key]) != _fields(other[key])
    }
    assert differ == {}
    forms = {key: [sorted(_fields(form)) for form in value] for key, value in plural_forms(locale).items()}
    assert {key: value for key, value in forms.items() if value.count(value[0]) != len(value)} == {}


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
    unused = [
        key for key in tables()["zh"] if key not in literals and not any(pattern.fullmatch(key) for pattern in patterns)
    ]
    assert unused == []


# Modules whose Chinese is vocabulary, not sentences: words and patterns the value reader and the audit
# recognise, the shipped profiles' own descriptions, and the official form's printed labels (a form is
# written in Chinese whatever the interface's language).
VOCABULARY = {
    "domain/record/value_words.py",
    "domain/scoring/checks.py",
    "domain/scoring/conventions.py",
    "domain/sheets/export_cells.py",
    "domain/sheets/export.py",
    "domain/sheets/layouts.py",
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
        docs = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        pieces = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and len(_CJK.findall(node.value)) >= 2
                and (_SENTENCE.search(node.value) or id(node) in pieces)
            ):
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


def test_the_catalogues_are_in_step_and_fully_translated():
    from domain.messages.maintain import check

    assert check() == []


def test_an_english_count_reads_in_the_singular_and_the_plural():
    assert render("ui.train.seen", "en", {"count": 1}) == "1 row seen"
    assert render("ui.train.seen", "en", {"count": 2}) == "2 rows seen"
    assert render("import.summary", "en", {"written": 1, "out": "x"}) == "1 form imported to x"
    assert render("import.summary", "en", {"written": 0, "out": "x"}) == "0 forms imported to x"
    assert render("ui.train.seen", "zh", {"count": 1}) == render("ui.train.seen", "zh", {"count": 2}).replace("2", "1")


def test_every_english_plural_message_has_two_forms_that_differ():
    forms = plural_forms("en")
    assert len(forms) >= 15
    assert {key: value for key, value in forms.items() if len(value) != 2 or value[0] == value[1]} == {}
    assert all(len(value) == 1 for value in plural_forms("zh").values())


def test_a_changed_chinese_text_marks_the_english_translation_fuzzy():
    from babel.messages.catalog import Catalog

    from domain.messages.maintain import update_translation

    chinese, english = Catalog(locale="zh"), Catalog(locale="en")
    chinese.add("已保存", "已保存", context="a.saved")
    chinese.add("新的话", "新的话", context="a.new")
    english.add("保存了", "saved", context="a.saved")
    english.add("不再用", "gone", context="a.gone")
    updated = {message.context: message for message in update_translation(chinese, english) if message.id}
    assert sorted(updated) == ["a.new", "a.saved"]
    assert updated["a.saved"].fuzzy and updated["a.saved"].string == "saved"
    assert list(updated["a.saved"].previous_id) == ["保存了"]
    assert updated["a.new"].string == "" and not updated["a.new"].fuzzy


def test_the_compiled_catalogue_reader_reads_what_babel_writes():
    import io

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    from domain.messages.lookup import read_mo

    catalog = Catalog(locale="en")
    catalog.add("你好", "hello", context="a.hello")
    catalog.add(("{count} 行", "{count} 行"), ("{count} row", "{count} rows"), context="a.rows")
    catalog.add("没译", "", context="a.untranslated")
    out = io.BytesIO()
    write_mo(out, catalog)
    read = read_mo(out.getvalue())
    assert read.entries == {"a.hello": "hello", "a.rows": ("{count} row", "{count} rows")}
    assert read.text("a.rows", {"count": 1}) == "{count} row"
    assert read.text("a.rows", {"count": 5}) == "{count} rows"

"""The TOML parser's complaints in the reader's language, with the line and column: "第 3 行第 5 列：键后面应有等号"
instead of "Expected '=' after a key in a key/value pair (at line 3, column 5)". Works for the compiled
``tomli`` and the standard library's ``tomllib`` alike (both put the place at the end of the message)."""

from __future__ import annotations

import re

from domain.messages import t

_PLACE = re.compile(
    r"^(?P<problem>.*?)\s*\(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$", re.DOTALL
)

# the parser's words (a pattern over its message) → the message id; a group "x" is passed on as {x}
_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"^Expected '=' after a key", "toml.expected_equals"),
        (r"^Cannot overwrite a value", "toml.overwrite"),
        (r"^Cannot declare (?P<x>.+) twice", "toml.table_twice"),
        (r"^Cannot (?:mutate immutable|redefine) namespace (?P<x>.+)", "toml.namespace"),
        (r"^Duplicate inline table key (?P<x>.+)", "toml.inline_duplicate"),
        (r"^Unterminated string|^Illegal character '\\n'", "toml.unterminated_string"),
        (r"^Unclosed array", "toml.unclosed_array"),
        (r"^Unclosed inline table", "toml.unclosed_inline"),
        (r"^Invalid value", "toml.invalid_value"),
        (r"^Invalid statement", "toml.invalid_statement"),
        (r"^Invalid initial character for a key part", "toml.bad_key"),
        (r"^Invalid hex value", "toml.bad_hex"),
        (r"^Invalid date or datetime", "toml.bad_date"),
        (r"^(?:Illegal|Found invalid) character (?P<x>.+)", "toml.bad_character"),
        (r"^Unescaped '\\' in a string", "toml.backslash"),
        (r"^Expected '\]' at the end of a table declaration", "toml.table_close"),
        (r"^Expected '\]\]' at the end of an array declaration", "toml.array_table_close"),
        (r"^Expected newline or end of document after a statement", "toml.line_end"),
        (r"^Expected (?P<x>'[^']+'|\"[^\"]+\")$", "toml.expected"),
    )
)


def _key_text(text: str) -> str:
    """A key as the parser names it, ``('header', 'funds')``, written as in the file: header.funds."""
    if text.startswith("(") and text.endswith(")"):
        parts = re.findall(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"", text)
        if parts:
            return ".".join(single or double for single, double in parts)
    return text


def toml_problem(error: ValueError) -> str:
    """One plain sentence for a TOML syntax error: where (line and column) and what is wrong."""
    text = str(error).strip()
    placed = _PLACE.match(text)
    problem = placed.group("problem") if placed else text
    sentence = t("toml.unknown", detail=problem)
    for pattern, key in _PROBLEMS:
        found = pattern.match(problem)
        if found:
            sentence = t(key, x=_key_text(found.groupdict().get("x") or ""))
            break
    if placed is None:
        return sentence
    if placed.group("line") is None:
        return t("toml.at_end", problem=sentence)
    return t("toml.at", line=placed.group("line"), column=placed.group("column"), problem=sentence)

"""Evaluations as TOML files: exact decimals, a schema version, atomic saves and plain-words load errors."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli as tomllib  # the compiled parser: the same results as the standard library's, faster
import tomli_w
from pydantic import ValidationError

from domain.errors import InputError
from domain.messages import t
from domain.record.atomic import ANY as ANY  # where callers have always found it
from domain.record.atomic import WriteFailed, write_text
from domain.record.atomic import file_fingerprint as file_fingerprint  # where callers have always found it
from domain.record.files import MAX_FORM_BYTES, read_bounded
from domain.record.models import SCHEMA_VERSION, Evaluation
from domain.record.problems import describe_validation_error
from domain.record.toml_errors import toml_problem

DERIVED_ROW_KEYS = ("target", "actual")


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    if isinstance(value, Decimal) and value.as_tuple().exponent == 0:
        return int(value)  # keep "20" as written instead of tomli-w's "20.0"
    return value


def to_toml(evaluation: Evaluation) -> str:
    """The TOML text of an evaluation; parsed values are written for readers and ignored on load."""
    data = _without_none(evaluation.model_dump(mode="python"))
    # A multi-line TOML string turns "\r\n" into "\n" on reading: text holding a carriage return is written
    # with escapes instead, so every character comes back.
    return tomli_w.dumps(data, multiline_strings="\r" not in _all_text(data))


def _all_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "".join(_all_text(item) for item in value.values())
    if isinstance(value, list):
        return "".join(_all_text(item) for item in value)
    return ""


def atomic_write_text(path: Path, text: str, mode: int | None = None, expected: object = ANY) -> str:
    """Save ``text`` to ``path`` atomically (``domain.record.atomic.write_text``); returns its fingerprint."""
    return write_text(Path(path), text, mode, expected)


def save_evaluation(evaluation: Evaluation, path: Path, expected: object = ANY) -> str:
    """Save atomically as TOML; returns the saved file's fingerprint. InputError (SaveConflict when the file
    is not what ``expected`` says) with a plain message otherwise."""
    try:
        return write_text(Path(path), to_toml(evaluation), expected=expected)
    except WriteFailed as error:
        raise InputError(t("storage.save_failed", reason=error.message)) from None


_TABLE = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r'^\s*("[^"]*"|[A-Za-z0-9_\-]+)\s*=')


def key_lines(text: str) -> dict[tuple[Any, ...], int]:
    """Map pydantic-style locations (("indicators", 2, "weight"), ("header",)) to 1-based line numbers."""
    lines: dict[tuple[Any, ...], int] = {}
    counters: dict[tuple[Any, ...], int] = {}
    table: tuple[Any, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            names = tuple(part.strip().strip('"') for part in header.group(2).split("."))
            if header.group(1) == "[[":
                index = counters.get(names, -1) + 1
                counters[names] = index
                table = (*names[:-1], names[-1], index)
            else:
                parent = names[:-1]
                resolved: tuple[Any, ...] = ()
                for part in parent:
                    resolved = (*resolved, part)
                    if resolved in counters:
                        resolved = (*resolved, counters[resolved])
                table = (*resolved, names[-1])
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault((*table, key.group(1).strip('"')), number)
    return lines


def _line_for(location: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> int | None:
    for length in range(len(location), 0, -1):
        if location[:length] in lines:
            return lines[location[:length]]
    return None


# tomllib's time grows with the square of the parts of one dotted key (40,000 parts: 20 s and gigabytes);
# no jixiao file has more than four, so a key of more than 64 parts is refused before parsing.
MAX_KEY_PARTS = 64
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_LONG_DOTTED_KEY = re.compile(rf"^[ \t]*\[*[ \t]*(?:{_KEY_PART}[ \t]*\.[ \t]*){{{MAX_KEY_PARTS}}}", re.MULTILINE)


def parse_toml(text: str, where: str, limit: int = MAX_FORM_BYTES) -> dict[str, Any]:
    """TOML text as data with exact decimals; InputError for text too long, keys too deep, bad TOML or
    nesting too deep."""
    if len(text) > limit:
        raise InputError(
            t(
                "storage.too_large",
                path=where,
                what=t("storage.what.file"),
                size=f"{len(text) // 1024} KB",
                limit=f"{limit // 1024} KB",
            )
        )
    if _LONG_DOTTED_KEY.search(text):
        raise InputError(t("storage.key_too_long", where=where, parts=MAX_KEY_PARTS))
    try:
        return tomllib.loads(text, parse_float=_bounded_decimal)
    except tomllib.TOMLDecodeError as error:
        raise InputError(t("storage.bad_toml", where=where, reason=toml_problem(error))) from None
    except RecursionError:
        raise InputError(t("storage.too_deep", where=where)) from None
    except ValueError:  # an integer of more digits than Python converts
        raise InputError(t("storage.number_too_long", where=where)) from None


MAX_EXPONENT = 100  # no amount, score or rate comes near 10^100; 1e999999999 would make int() run for hours


def _bounded_decimal(text: str) -> Decimal:
    """A TOML float as an exact decimal, its exponent clamped to ±MAX_EXPONENT: every bound of the records
    still refuses it (naming the key), but converting it to an integer no longer takes hours."""
    value = Decimal(text)
    if value.is_finite() and value and abs(value.adjusted()) > MAX_EXPONENT:
        exponent = MAX_EXPONENT + 1 if value.adjusted() > 0 else -MAX_EXPONENT - 1
        return Decimal((value.is_signed(), (1,), exponent))
    return value


def check_schema_version(data: dict[str, Any], where: str) -> None:
    version = data.get("schema_version")
    if version is None:
        raise InputError(t("storage.no_schema_version", where=where))
    if not isinstance(version, int) or isinstance(version, bool):
        raise InputError(t("storage.schema_version_not_int", where=where))
    if version > SCHEMA_VERSION:
        raise InputError(t("storage.newer_version", where=where, version=version))


def evaluation_from_data(data: dict[str, Any], where: str, text: str = "") -> Evaluation:
    """Validate parsed data as an evaluation (parsed values written for readers are dropped first)."""
    if data.get("kind") == "targets":  # approved targets (domain.record.targets), not a self-evaluation
        raise InputError(t("targets.only_targets", path=where))
    indicators = data.get("indicators")
    for row in indicators if isinstance(indicators, list) else []:
        if isinstance(row, dict):
            for key in DERIVED_ROW_KEYS:
                row.pop(key, None)
    try:
        return Evaluation.model_validate(data)
    except RecursionError:
        raise InputError(t("storage.too_deep", where=where)) from None
    except ValidationError as error:
        lines = key_lines(text) if text else {}
        located = {tuple(problem["loc"]): _line_for(tuple(problem["loc"]), lines) for problem in error.errors()}
        raise InputError(describe_validation_error(error, where, {k: v for k, v in located.items() if v})) from None


def evaluation_from_toml(text: str, where: str = "") -> Evaluation:
    """Parse and validate TOML text; every problem becomes one plain line naming key path and line."""
    where = where or t("storage.what.file")
    data = parse_toml(text, where)
    check_schema_version(data, where)
    return evaluation_from_data(data, where, text)


def read_bytes_file(path: Path, what: str = "", limit: int = MAX_FORM_BYTES) -> bytes:
    """A regular file's bytes (at most ``limit``), every problem turned into one plain message."""
    return read_bounded(Path(path), limit, what)


def read_text_file(path: Path, what: str = "", limit: int = MAX_FORM_BYTES) -> str:
    """Read a UTF-8 file (a BOM is allowed), turning every problem into one plain message."""
    try:
        return read_bytes_file(path, what, limit).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(t("storage.not_utf8", path=path, what=what or t("storage.what.file"))) from None


def load_evaluation(path: Path) -> Evaluation:
    """Load an evaluation TOML file."""
    path = Path(path)
    return evaluation_from_toml(read_text_file(path, t("storage.what.form")), str(path))

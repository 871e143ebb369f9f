"""Pydantic's validation errors in plain words: where the problem is (with the field's Chinese name where
the record has one, never an internal key alone) and what is wrong."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from domain.messages import t

if TYPE_CHECKING:
    from pydantic import ValidationError

_PROBLEM_KEYS = {
    "missing": "problem.missing",
    "extra_forbidden": "problem.extra_forbidden",
    "decimal_parsing": "problem.number",
    "decimal_type": "problem.number",
    "float_parsing": "problem.number",
    "float_type": "problem.number",
    "int_parsing": "problem.integer",
    "int_type": "problem.integer",
    "int_from_float": "problem.integer",
    "string_type": "problem.text",
    "bool_type": "problem.bool",
    "bool_parsing": "problem.bool",
    "list_type": "problem.list",
    "tuple_type": "problem.list",
    "dict_type": "problem.table",
    "model_type": "problem.table",
    "model_attributes_type": "problem.table",
    "finite_number": "problem.finite",
    "decimal_max_digits": "problem.max_digits",
    "decimal_max_places": "problem.max_places",
    "decimal_whole_digits": "problem.whole_digits",
    "recursion_loop": "problem.too_deep",
    "too_long": "problem.too_long",
    "string_too_long": "problem.too_long",
}


@cache
def field_labels() -> dict[str, str]:
    """Record field name → its Chinese name (from the models' descriptions)."""
    from domain.record import models

    labels: dict[str, str] = {}
    for model in (models.Header, models.FundsRow, models.Funds, models.Goals, models.IndicatorRow, models.Evaluation):
        for name, info in model.model_fields.items():
            description = info.description or ""
            if description and any("\u4e00" <= char <= "\u9fff" for char in description):
                labels.setdefault(name, description.split(" ")[0])
    labels.update(
        {
            "header": t("problem.section.header"),
            "funds": t("problem.section.funds"),
            "goals": t("problem.section.goals"),
            "indicators": t("problem.section.indicators"),
        }
    )
    return labels


def path_text(location: tuple[Any, ...], show_keys: bool = True) -> str:
    """A location such as ("indicators", 2, "weight") as "年度绩效指标 第 3 行 分值（indicators[3].weight）"."""
    keys: list[str] = []
    words: list[str] = []
    labels = field_labels()
    for part in location:
        if isinstance(part, int):
            keys.append(f"[{part + 1}]" if keys else str(part + 1))
            words.append(t("problem.row", number=part + 1))
        else:
            keys.append(("." if keys else "") + str(part))
            words.append(labels.get(str(part), ""))
    key = "".join(keys)
    if not key:
        return t("problem.whole_file")
    named = " ".join(word for word in words if word)
    if not show_keys and named:
        return named
    return f"{named} {key}" if named else key


def problem_words(error: Any) -> str:
    """One problem of a pydantic error in plain words."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind in ("greater_than_equal", "greater_than"):
        return t("problem.at_least", limit=context.get("ge", context.get("gt")))
    if kind in ("less_than_equal", "less_than"):
        return t("problem.at_most", limit=context.get("le", context.get("lt")))
    if kind in ("enum", "literal_error"):
        return t("problem.one_of", expected=context.get("expected", ""))
    if kind in _PROBLEM_KEYS:
        return t(_PROBLEM_KEYS[kind])
    message = str(error.get("msg", t("problem.invalid")))
    return message.removeprefix("Value error, ")


def describe_validation_error(
    error: ValidationError, where: str, lines: dict[tuple[Any, ...], int] | None = None, show_keys: bool = True
) -> str:
    """One line per problem: where it is (the field's name, its key path unless ``show_keys`` is off, and the
    line when known) and what is wrong."""
    messages: list[str] = []
    for problem in error.errors():
        location = tuple(problem.get("loc", ()))
        line = (lines or {}).get(location)
        place = t("problem.place_line", where=where, line=line) if line else where
        messages.append(
            t("problem.line", place=place, path=path_text(location, show_keys), problem=problem_words(problem))
        )
    return "\n".join(messages)

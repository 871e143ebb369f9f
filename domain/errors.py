"""Errors that carry a plain-words message for the user, and a reader for pydantic's errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError


class InputError(Exception):
    """Unusable input: the message is one or more plain lines meant for the user, never a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_PROBLEM_WORDS = {
    "missing": "缺少此项",
    "extra_forbidden": "不认识的键",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "string_type": "应为文字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表",
    "dict_type": "应为表",
    "model_type": "应为表",
    "enum": "不是允许的取值",
    "finite_number": "应为有限的数字",
    "decimal_max_digits": "数字过大或位数过多（最多 24 位）",
    "decimal_max_places": "小数位数过多（最多 10 位）",
    "decimal_whole_digits": "数字过大",
    "recursion_loop": "嵌套过深",
}


def _path_text(location: tuple) -> str:
    parts: list[str] = []
    for part in location:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]" if parts else str(part + 1))
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "（整个文件）"


def problem_words(error: dict) -> str:
    """One problem of a pydantic error in plain Chinese."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind in ("greater_than_equal", "greater_than"):
        return f"不能小于 {context.get('ge', context.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"不能大于 {context.get('le', context.get('lt'))}"
    if kind == "enum":
        return f"应为以下之一：{context.get('expected', '')}"
    if kind in _PROBLEM_WORDS:
        return _PROBLEM_WORDS[kind]
    message = str(error.get("msg", "无效"))
    return message.removeprefix("Value error, ")


def describe_validation_error(error: ValidationError, where: str, lines: dict[tuple, int] | None = None) -> str:
    """One line per problem: where it is (key path, and line when known) and what is wrong."""
    messages: list[str] = []
    for problem in error.errors():
        location = tuple(problem.get("loc", ()))
        line = (lines or {}).get(location)
        place = f"{where}" + (f" 第 {line} 行" if line else "")
        messages.append(f"{place}：{_path_text(location)} {problem_words(problem)}")
    return "\n".join(messages)

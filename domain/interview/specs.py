"""Fields as renderers see them: kinds, choices, specs, stable ids, and reading a choice from an answer.

Field ids are stable and addressable: "header.project_name", "funds.total.annual_budget", "funds.sources",
"goals.expected", "indicators[0].name", "loop.more", "review.save". Which fields apply and what each does
is declared once per question in ``domain.interview.questions``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from domain.messages import t
from domain.record.value_text import normalise_text


class FieldKind(StrEnum):
    """What kind of answer a field takes (decides validation and how a renderer offers it)."""

    TEXT = "text"  # one line of free text (项目名称, 主管部门 …)
    LONG_TEXT = "long_text"  # several lines allowed (预期目标, 偏差原因 …); enter submits, ctrl+j is a newline
    AMOUNT = "amount"  # non-negative money (元), commas and 万 accepted
    NUMBER = "number"  # a plain non-negative decimal (分值, 评定得分, year)
    CHOICE = "choice"  # one of ``choices`` (by number, key or label)
    INDICATOR = "indicator"  # a 三级 indicator name, with live catalogue suggestions
    VALUE = "value"  # a 年度指标值 / 实际完成值, parsed by domain.record.values
    CONFIRM = "confirm"  # yes / no


@dataclass(frozen=True)
class Choice:
    """One option of a CHOICE field; ``key`` is what the user may type to pick it ("1", "2", … or "y")."""

    key: str
    value: str
    label: str


@dataclass(frozen=True)
class FieldSpec:
    """A question as every front end renders it; ``question`` names its declaration."""

    id: str
    section: str  # "header" | "funds" | "goals" | "indicators" | "review"
    label: str  # short label for the side panel and jump list, e.g. "项目名称"
    prompt: str  # the question as asked, e.g. "项目名称是什么？"
    kind: FieldKind
    help: str = ""  # F1 text: what the field is, accepted formats, examples
    choices: tuple[Choice, ...] = ()
    optional: bool = False  # an empty answer is accepted
    placeholder: str = ""  # example input shown greyed in the input line
    row: int | None = None  # 0-based indicator row the field belongs to, if any
    question: str = ""  # the key of the question declaring this field


HEADER_KEYS = ("project_name", "department", "implementer", "project_amount", "year")
SOURCE_ROWS = ("fiscal", "carryover", "other")
FUNDS_COLUMNS = ("initial_budget", "annual_budget", "executed")
SOURCE_MODES = ("fiscal", "carryover", "other", "split")
GOAL_KEYS = ("expected", "achieved")
DIRECTION_CHOICES = ("positive", "reverse", "equal")

SOURCES_ID = "funds.sources"
FUNDS_WEIGHT_ID = "funds.weight"
FUNDS_REASON_ID = "funds.reason"
MORE_ID = "loop.more"
SAVE_ID = "review.save"

_ROW_ID = re.compile(r"^indicators\[(\d+)\]\.([a-z_0-9]+)$")
_YES = {"y", "yes", "是", "是的", "好", "对", "要", "有", "确定", "保存", "继续", "1", "true"}
_NO = {"n", "no", "否", "不", "不要", "没有", "无", "不用", "取消", "2", "0", "false"}


def row_field_id(row: int, key: str) -> str:
    return f"indicators[{row}].{key}"


def split_row_id(field_id: str) -> tuple[int, str] | None:
    """(row, key) of an indicator field id, or None."""
    match = _ROW_ID.match(field_id)
    return (int(match.group(1)), match.group(2)) if match else None


def row_title(row: int, name: str = "") -> str:
    shown = name.strip()
    if shown and shown != "*":
        return t("row.title.named", number=row + 1, name=shown if len(shown) <= 20 else shown[:20] + "…")
    return t("row.title", number=row + 1)


def make_spec(
    question: str,
    field_id: str,
    section: str,
    key: str,
    kind: FieldKind,
    *,
    row: int | None = None,
    optional: bool = False,
    choices: tuple[Choice, ...] = (),
    help_fields: Mapping[str, object] | None = None,
    placeholder: str | None = None,
    prompt: Mapping[str, object] | None = None,
) -> FieldSpec:
    """A spec whose texts come from the message catalogue under ``field.<key>.*`` (``prompt`` and
    ``help_fields`` fill the fields of the prompt and of the help)."""
    if placeholder is None:
        placeholder_key = f"field.{key}.placeholder"
        placeholder = t(placeholder_key)
        placeholder = "" if placeholder == placeholder_key else placeholder
    return FieldSpec(
        id=field_id,
        section=section,
        label=t(f"field.{key}.label"),
        prompt=t(f"field.{key}.prompt", **(prompt or {})),
        kind=kind,
        help=t(f"field.{key}.help", **(help_fields or {})),
        choices=choices,
        optional=optional,
        placeholder=placeholder,
        row=row,
        question=question,
    )


def numbered(values: list[str]) -> tuple[Choice, ...]:
    return tuple(Choice(str(number), value, value) for number, value in enumerate(values, start=1))


def yes_no() -> tuple[Choice, ...]:
    return (Choice("y", "yes", t("choice.yes")), Choice("n", "no", t("choice.no")))


def label_of(spec: FieldSpec, value: str | None) -> str:
    """The label of the choice holding ``value`` ("" for None; the value itself when no choice holds it)."""
    if value is None:
        return ""
    return next((choice.label for choice in spec.choices if choice.value == value), value)


def parse_confirm(text: str) -> bool | None:
    """Yes, no, or None when the answer is neither."""
    word = text.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    return None


def find_choice(spec: FieldSpec, text: str) -> Choice | None:
    """The choice named by its key, value or label (spaces and width ignored); None if none fits."""
    wanted = normalise_text(text).lower()
    if not wanted:
        return None
    for choice in spec.choices:
        if wanted == choice.key.lower():
            return choice
    for choice in spec.choices:
        if wanted in (normalise_text(choice.value).lower(), normalise_text(choice.label).lower()):
            return choice
    return None

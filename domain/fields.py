"""The questions of the interview, declared once: field kinds, choices and a builder for each field.

Field ids are stable: "header.project_name", "funds.total.annual_budget", "funds.sources", "goals.expected",
"indicators[0].name", "loop.more", "review.save". Renderers read the specs; domain.interview decides which
apply and in what order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from domain.strings import t


class FieldKind(StrEnum):
    """What kind of answer a field takes (decides validation and how a renderer offers it)."""

    TEXT = "text"  # one line of free text (项目名称, 主管部门 …)
    LONG_TEXT = "long_text"  # several lines allowed (预期目标, 偏差原因 …); renderers submit with enter, newline with ctrl+j
    AMOUNT = "amount"  # non-negative money (元), commas and 万 accepted
    NUMBER = "number"  # a plain non-negative decimal (分值, 评定得分, year)
    CHOICE = "choice"  # one of ``choices`` (by number, key or label)
    INDICATOR = "indicator"  # a 三级 indicator name, with live catalogue suggestions
    VALUE = "value"  # a 年度指标值 / 实际完成值, parsed by domain.values
    CONFIRM = "confirm"  # yes / no


@dataclass(frozen=True)
class Choice:
    """One option of a CHOICE field; ``key`` is what the user may type to pick it ("1", "2", … or "y")."""

    key: str
    value: str
    label: str


@dataclass(frozen=True)
class FieldSpec:
    """A question, declared once and rendered by every front end.

    ``id`` is stable and addressable: "header.project_name", "funds.total.annual_budget",
    "goals.expected", "indicators[0].name", "indicators[0].target_text", "loop.more", "review.save".
    """

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


HEADER_KEYS = ("project_name", "department", "implementer", "project_amount", "year")
FUNDS_ROWS = ("total", "fiscal", "carryover", "other")
SOURCE_ROWS = ("fiscal", "carryover", "other")
FUNDS_COLUMNS = ("initial_budget", "annual_budget", "executed")
SOURCE_MODES = ("fiscal", "carryover", "other", "split")
GOAL_KEYS = ("expected", "achieved")
ROW_KEYS = (
    "level1", "level2", "name", "catalogue", "target_text", "actual_text", "weight", "direction", "judged_score",
    "deviation_reason",
)
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


def _spec(field_id: str, section: str, key: str, kind: FieldKind, *, row: int | None = None,
          optional: bool = False, choices: tuple[Choice, ...] = (), help_fields: dict | None = None,
          **prompt_fields: object) -> FieldSpec:
    placeholder_key = f"field.{key}.placeholder"
    placeholder = t(placeholder_key)
    return FieldSpec(
        id=field_id,
        section=section,
        label=t(f"field.{key}.label"),
        prompt=t(f"field.{key}.prompt", **prompt_fields),
        kind=kind,
        help=t(f"field.{key}.help", **(help_fields or {})),
        choices=choices,
        optional=optional,
        placeholder="" if placeholder == placeholder_key else placeholder,
        row=row,
    )


def header_field(key: str) -> FieldSpec:
    kind = {"project_amount": FieldKind.AMOUNT, "year": FieldKind.NUMBER}.get(key, FieldKind.TEXT)
    return _spec(f"header.{key}", "header", f"header.{key}", kind, optional=key != "project_name")


def funds_amount_field(row: str, column: str) -> FieldSpec:
    names = {"row": t(f"funds.row.{row}"), "column": t(f"funds.column.{column}")}
    spec = _spec(f"funds.{row}.{column}", "funds", "funds.amount", FieldKind.AMOUNT, **names)
    help_text = t(f"field.funds.{column}.help") if row == "total" else t("field.funds.source.help", **names)
    return FieldSpec(spec.id, spec.section, t("field.funds.amount.label", **names), spec.prompt, spec.kind,
                     help_text, placeholder=t("field.funds.amount.placeholder"))


def sources_field() -> FieldSpec:
    choices = tuple(Choice(str(number), mode, t(f"choice.sources.{mode}")) for number, mode in
                    enumerate(SOURCE_MODES, start=1))
    return _spec(SOURCES_ID, "funds", "funds.sources", FieldKind.CHOICE, choices=choices)


def funds_weight_field(usual: str) -> FieldSpec:
    return _spec(FUNDS_WEIGHT_ID, "funds", "funds.weight", FieldKind.NUMBER, help_fields={"usual": usual})


def funds_reason_field(rate: str, floor: str) -> FieldSpec:
    return _spec(FUNDS_REASON_ID, "funds", "funds.reason", FieldKind.LONG_TEXT, optional=True,
                 help_fields={"floor": floor}, rate=rate, floor=floor)


def goals_field(key: str) -> FieldSpec:
    return _spec(f"goals.{key}", "goals", f"goals.{key}", FieldKind.LONG_TEXT)


def numbered(values: list[str]) -> tuple[Choice, ...]:
    return tuple(Choice(str(number), value, value) for number, value in enumerate(values, start=1))


def level1_field(row: int, title: str, names: list[str]) -> FieldSpec:
    return _spec(row_field_id(row, "level1"), "indicators", "level1", FieldKind.CHOICE, row=row,
                 choices=numbered(names), title=title)


def level2_field(row: int, title: str, level1: str, names: list[str]) -> FieldSpec:
    return _spec(row_field_id(row, "level2"), "indicators", "level2", FieldKind.CHOICE, row=row,
                 choices=numbered(names), level1=level1 or t("field.level1.label"), title=title)


def name_field(row: int, title: str) -> FieldSpec:
    return _spec(row_field_id(row, "name"), "indicators", "name", FieldKind.INDICATOR, row=row, title=title)


def catalogue_field(row: int, name: str, entries: list[tuple[str, str]]) -> FieldSpec:
    """``entries`` are (entry name, label) pairs, best match first; key 0 means no catalogue entry."""
    choices = tuple(Choice(str(number), value, label) for number, (value, label) in enumerate(entries, start=1))
    choices += (Choice("0", "", t("choice.catalogue.none")),)
    return _spec(row_field_id(row, "catalogue"), "indicators", "catalogue", FieldKind.CHOICE, row=row,
                 choices=choices, name=name)


def value_field(row: int, key: str, title: str, placeholder: str = "") -> FieldSpec:
    spec = _spec(row_field_id(row, key), "indicators", key, FieldKind.VALUE, row=row, title=title)
    if placeholder:
        return FieldSpec(spec.id, spec.section, spec.label, spec.prompt, spec.kind, spec.help,
                         placeholder=placeholder, row=row)
    return spec


def weight_field(row: int, title: str, left: str) -> FieldSpec:
    return _spec(row_field_id(row, "weight"), "indicators", "weight", FieldKind.NUMBER, row=row, left=left,
                 title=title)


def direction_field(row: int, title: str) -> FieldSpec:
    choices = tuple(Choice(str(number), value, t(f"choice.direction.{value}"))
                    for number, value in enumerate(DIRECTION_CHOICES, start=1))
    return _spec(row_field_id(row, "direction"), "indicators", "direction", FieldKind.CHOICE, row=row,
                 choices=choices, title=title)


def judged_field(row: int, title: str, low: str, high: str) -> FieldSpec:
    return _spec(row_field_id(row, "judged_score"), "indicators", "judged_score", FieldKind.NUMBER, row=row,
                 help_fields={"low": low, "high": high}, low=low, high=high, title=title)


def reason_field(row: int, title: str, why: str) -> FieldSpec:
    return _spec(row_field_id(row, "deviation_reason"), "indicators", "deviation_reason", FieldKind.LONG_TEXT,
                 row=row, optional=True, why=why, title=title)


YES_NO = (Choice("y", "yes", t("choice.yes")), Choice("n", "no", t("choice.no")))


def more_field() -> FieldSpec:
    return _spec(MORE_ID, "indicators", "loop.more", FieldKind.CONFIRM, choices=YES_NO)


def save_field() -> FieldSpec:
    return _spec(SAVE_ID, "review", "review.save", FieldKind.CONFIRM, choices=YES_NO)


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
    from domain.values import normalise_text

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

"""The questions of the interview, declared once: field kinds, choices, a builder for each field, and
which of them apply to a form as it stands (with their answers as text and their defaults).

Field ids are stable: "header.project_name", "funds.total.annual_budget", "funds.sources", "goals.expected",
"indicators[0].name", "loop.more", "review.save". Renderers read the specs from domain.interview.controller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from domain.messages import t

if TYPE_CHECKING:
    from domain.interview.controller import Interview


class FieldKind(StrEnum):
    """What kind of answer a field takes (decides validation and how a renderer offers it)."""

    TEXT = "text"  # one line of free text (项目名称, 主管部门 …)
    LONG_TEXT = "long_text"  # several lines allowed (预期目标, 偏差原因 …); renderers submit with enter, newline with ctrl+j
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
    names = {"source": t(f"funds.row.{row}"), "column": t(f"funds.column.{column}")}
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


def judged_field(row: int, title: str, low: str, high: str, default: str = "") -> FieldSpec:
    """The score judged inside a band; with ``default`` (the score the method gives unless told otherwise,
    e.g. the top of a met qualitative indicator's band) it is optional and enter keeps that default."""
    spec = _spec(row_field_id(row, "judged_score"), "indicators", "judged_score", FieldKind.NUMBER, row=row,
                 help_fields={"low": low, "high": high}, low=low, high=high, title=title)
    if not default:
        return spec
    return replace(spec, optional=True,
                   prompt=t("field.judged_score.prompt_default", title=title, low=low, high=high, default=default),
                   help=t("field.judged_score.help_default", low=low, high=high, default=default))


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
    from domain.record.values import normalise_text

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


# --- which fields apply now, and their answers as text -----------------------------------------------
# These read the interview's state; domain.interview.controller calls them and caches the list per change.


def build_specs(interview: Interview) -> list[FieldSpec]:
    """Every field that applies to the form as it stands, in the order they are asked."""
    from domain.scoring.rounding import ONE_HUNDRED, plain

    evaluation = interview.evaluation
    profile = interview._profile()
    specs = [header_field(key) for key in HEADER_KEYS]
    specs += [funds_amount_field("total", column) for column in FUNDS_COLUMNS]
    specs.append(sources_field())
    if interview._extras.get(SOURCES_ID) == "split":
        specs += [funds_amount_field(row, column) for row in SOURCE_ROWS for column in FUNDS_COLUMNS]
    specs.append(funds_weight_field(plain(profile.budget_weight)))
    rate = interview._budget().rate
    if (rate is not None and rate < profile.low_execution_rate) or evaluation.funds.reason.strip():
        rate_text = "—" if rate is None else f"{plain(round(rate * ONE_HUNDRED, 2))}%"
        specs.append(funds_reason_field(rate_text, plain(profile.low_execution_rate * ONE_HUNDRED)))
    specs += [goals_field(key) for key in GOAL_KEYS]
    for index in range(len(evaluation.indicators)):
        specs += _row_specs(interview, index)
    return [*specs, more_field(), save_field()]


def _row_specs(interview: Interview, index: int) -> list[FieldSpec]:
    from decimal import Decimal

    from domain.scoring.rounding import fixed, plain
    from domain.scoring.rules import RowStatus, Rule

    row = interview.evaluation.indicators[index]
    catalogue = interview._catalogue()
    title = row_title(index, row.name)
    level2_names = catalogue.level2_names(row.level1) or catalogue.level2_names()
    specs = [
        level1_field(index, title, catalogue.level1_names()),
        level2_field(index, title, row.level1, level2_names),
        name_field(index, title),
    ]
    name = row.name.strip()
    if name == "*" and row.weight == 0:
        return specs
    matches = interview._matches(row)
    if matches:
        entries = [(match.entry.name, _entry_label(match.entry)) for match in matches]
        chosen = catalogue.get(row.catalogue_name) if row.catalogue_name else None
        if chosen is not None and chosen.name not in {value for value, _ in entries}:
            entries.insert(0, (chosen.name, _entry_label(chosen)))
        specs.append(catalogue_field(index, name, entries))
    entry = interview._entry(row)
    example = t("field.target_text.example", example=entry.typical_target) if entry and entry.typical_target else ""
    left = interview.weight_left() + row.weight
    specs += [
        value_field(index, "target_text", title, example),
        value_field(index, "actual_text", title),
        weight_field(index, title, plain(left)),
    ]
    if not interview._row_complete(index):
        return specs
    free = interview._score(row, direction=None, judged_score=None)
    if free.has_note("direction_conflict") or row.direction is not None:
        specs.append(direction_field(index, title))
    undecided = interview._score(row, judged_score=None)
    qualitative = undecided.explanation.rule is Rule.QUALITATIVE
    banded = undecided.band is not None and (row.judged_score is not None or qualitative)
    if undecided.status is RowStatus.JUDGEMENT or banded:
        low, high = undecided.band or (Decimal(0), row.weight)
        default = "" if undecided.status is RowStatus.JUDGEMENT or undecided.score is None else plain(undecided.score)
        specs.append(judged_field(index, title, plain(low), plain(high), default))
    result = interview._score(row)
    lost = result.deduction is not None and result.deduction > 0
    over = result.has_note("overachieved")
    if (result.status is not RowStatus.UNUSED and (lost or over)) or row.deviation_reason.strip():
        why = t("reason.lost", lost=fixed(result.deduction, 2)) if lost else t("reason.overachieved") if over else ""
        specs.append(reason_field(index, title, why))
    return specs


def _entry_label(entry) -> str:
    from domain.scoring.rules import DIRECTION_WORDS

    unit = t("choice.catalogue.unit", unit=entry.unit) if entry.unit else ""
    return t("choice.catalogue.entry", name=entry.name, level2=entry.level2,
             direction=DIRECTION_WORDS[entry.direction][0], unit=unit)


def _label_of(spec: FieldSpec, value: str | None) -> str:
    if value is None:
        return ""
    return next((choice.label for choice in spec.choices if choice.value == value), value)


def _number(value) -> str:
    from decimal import Decimal

    from domain.scoring.rounding import plain

    return "" if value is None else plain(Decimal(value))


def value_text(interview: Interview, spec: FieldSpec) -> str:
    """The field's current value as the user would type it ("" when it holds nothing)."""
    evaluation = interview.evaluation
    field_id = spec.id
    place = split_row_id(field_id)
    if place is not None:
        index, key = place
        if index >= len(evaluation.indicators):
            return ""
        row = evaluation.indicators[index]
        if key == "catalogue":
            return _label_of(spec, row.catalogue_name)
        if key == "judged_score" and row.judged_score is None and spec.optional:
            return _method_default(interview, row)
        if key in ("weight", "judged_score"):
            return _number(getattr(row, key))
        if key == "direction":
            return _label_of(spec, row.direction.value if row.direction else None)
        return getattr(row, key)
    section, _, rest = field_id.partition(".")
    if section == "header":
        value = getattr(evaluation.header, rest)
        return value if isinstance(value, str) else _number(value)
    if field_id == SOURCES_ID:
        return _label_of(spec, interview._extras.get(SOURCES_ID))
    if field_id == FUNDS_WEIGHT_ID:
        return _number(evaluation.funds.weight)
    if field_id == FUNDS_REASON_ID:
        return evaluation.funds.reason
    if section == "funds":
        row_name, column = rest.split(".")
        return _number(getattr(getattr(evaluation.funds, row_name), column))
    if section == "goals":
        return getattr(evaluation.goals, rest)
    return _label_of(spec, interview._extras.get(field_id))


def _method_default(interview: Interview, row) -> str:
    """The score the method gives a row without a judgement ("" when it gives none)."""
    return _number(interview._score(row, judged_score=None).score)


def default_text(interview: Interview, spec: FieldSpec) -> str:
    """What enter accepts for a field not answered yet: its value, or a sensible guess (the same as the
    row above, the remainder of the funds, the profile's usual 分值 …); "" when there is none."""
    from decimal import Decimal

    from domain.scoring.rounding import plain

    evaluation = interview.evaluation
    field_id = spec.id
    current = value_text(interview, spec)
    place = split_row_id(field_id)
    if place is not None:
        index, key = place
        rows = evaluation.indicators
        above = rows[index - 1] if 0 < index <= len(rows) else None
        values = [choice.value for choice in spec.choices]
        if key == "level1":
            return current or (above.level1 if above is not None and above.level1 else values[0] if values else "")
        if key == "level2":
            if current in values:
                return current
            if above is not None and above.level2 in values:
                return above.level2
            return values[0] if values else current
        if key == "catalogue":
            return current if rows[index].catalogue_name is not None else _label_of(spec, "")
        if key == "weight":
            return current if rows[index].weight else ""
        return current
    if current and field_id not in (FUNDS_WEIGHT_ID, MORE_ID, SAVE_ID):
        return current
    funds = evaluation.funds
    if field_id == "funds.total.annual_budget":
        return _number(funds.total.initial_budget)
    if field_id == SOURCES_ID:
        return _label_of(spec, "fiscal")
    if field_id == FUNDS_WEIGHT_ID:
        return plain(interview._profile().budget_weight)
    if field_id == MORE_ID:
        return _label_of(spec, "yes" if interview.weight_left() > 0 else "no")
    if field_id == SAVE_ID:
        return _label_of(spec, "yes")
    section, _, rest = field_id.partition(".")
    if section == "funds" and rest.split(".")[0] in SOURCE_ROWS:
        source, column = rest.split(".")
        total = getattr(funds.total, column)
        if total is None:
            return ""
        before = SOURCE_ROWS[: SOURCE_ROWS.index(source)]
        used = sum((getattr(getattr(funds, name), column) or Decimal(0) for name in before), Decimal(0))
        return _number(max(Decimal(0), total - used))
    return current

"""The header (项目名称, 主管部门, 实施单位, 项目金额, 年度) and the two goal texts."""

from __future__ import annotations

from domain.errors import InputError
from domain.interview.form import Form
from domain.interview.outcome import Outcome
from domain.interview.questions.base import Question, number_text, parse_amount_answer
from domain.interview.specs import FieldKind, FieldSpec, make_spec
from domain.messages import t
from domain.record.value_text import normalise_text

_KINDS = {"project_amount": FieldKind.AMOUNT, "year": FieldKind.NUMBER}


class HeaderQuestion(Question):
    """One header field; all but the project name may stay empty."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.key = f"header.{name}"

    def specs(self, form: Form, row: int | None = None) -> list[FieldSpec]:
        kind = _KINDS.get(self.name, FieldKind.TEXT)
        return [make_spec(self.key, self.key, "header", self.key, kind, optional=self.name != "project_name")]

    def value_text(self, form: Form, spec: FieldSpec) -> str:
        value = getattr(form.evaluation.header, self.name)
        return value if isinstance(value, str) else number_text(value)

    def apply(self, form: Form, spec: FieldSpec, raw: str, keep: bool) -> Outcome:
        value: object = raw
        if self.name == "project_amount":
            value = parse_amount_answer(raw, spec.label) if raw else None
        elif self.name == "year":
            value = parse_year(raw) if raw else None
        setattr(form.evaluation.header, self.name, value)
        return Outcome()


class GoalQuestion(Question):
    """预期目标 or 实际完成情况: free text over several lines."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.key = f"goals.{name}"

    def specs(self, form: Form, row: int | None = None) -> list[FieldSpec]:
        return [make_spec(self.key, self.key, "goals", self.key, FieldKind.LONG_TEXT)]

    def value_text(self, form: Form, spec: FieldSpec) -> str:
        return str(getattr(form.evaluation.goals, self.name))

    def apply(self, form: Form, spec: FieldSpec, raw: str, keep: bool) -> Outcome:
        setattr(form.evaluation.goals, self.name, raw)
        return Outcome()


def parse_year(raw: str) -> int:
    text = normalise_text(raw).removesuffix("年度").removesuffix("年")
    if not text.isdigit() or not 1990 <= int(text) <= 2100:
        raise InputError(t("error.year", text=raw))
    return int(text)

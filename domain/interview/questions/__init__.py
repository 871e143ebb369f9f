"""Every question of the interview, declared once, in the order they are asked.

Adding a question is adding a declaration (a ``Question`` or ``RowQuestion`` subclass) to one of the
lists below: FORM_QUESTIONS before the indicator rows, ROW_QUESTIONS once per row, CLOSING after them.
Its fields are found by ``question_for(spec)`` through the key the spec carries.
"""

from __future__ import annotations

from domain.interview.form import Form
from domain.interview.questions.base import Question
from domain.interview.questions.closing import AnotherRow, Save
from domain.interview.questions.funds import BudgetReason, BudgetWeight, FundingSources, FundsAmount
from domain.interview.questions.header import GoalQuestion, HeaderQuestion
from domain.interview.questions.naming import CatalogueEntryChoice, IndicatorName, Level1, Level2
from domain.interview.questions.values import DeviationReason, JudgedScore, RowDirection, Value, Weight
from domain.interview.specs import FUNDS_COLUMNS, GOAL_KEYS, HEADER_KEYS, SOURCE_ROWS, FieldSpec

FORM_QUESTIONS: tuple[Question, ...] = (
    *(HeaderQuestion(name) for name in HEADER_KEYS),
    *(FundsAmount("total", column) for column in FUNDS_COLUMNS),
    FundingSources(),
    *(FundsAmount(source, column) for source in SOURCE_ROWS for column in FUNDS_COLUMNS),
    BudgetWeight(),
    BudgetReason(),
    *(GoalQuestion(name) for name in GOAL_KEYS),
)
ROW_QUESTIONS: tuple[Question, ...] = (
    Level1(),
    Level2(),
    IndicatorName(),
    CatalogueEntryChoice(),
    Value("target_text"),
    Value("actual_text"),
    Weight(),
    RowDirection(),
    JudgedScore(),
    DeviationReason(),
)
CLOSING: tuple[Question, ...] = (AnotherRow(), Save())

_BY_KEY = {question.key: question for question in (*FORM_QUESTIONS, *ROW_QUESTIONS, *CLOSING)}


def build_specs(form: Form) -> list[FieldSpec]:
    """Every field that applies to the form as it stands, in the order they are asked."""
    specs = [spec for question in FORM_QUESTIONS for spec in question.specs(form)]
    for index in range(len(form.rows)):
        specs += [spec for question in ROW_QUESTIONS for spec in question.specs(form, index)]
    return specs + [spec for question in CLOSING for spec in question.specs(form)]


def question_for(spec: FieldSpec) -> Question:
    """The declaration a field belongs to."""
    return _BY_KEY[spec.question]

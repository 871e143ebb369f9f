"""What a question is: the fields it contributes to a form as it stands, the text of a field's value, its
default, and how an answer is applied. Every question of the interview is one such declaration."""

from __future__ import annotations

from decimal import Decimal

from domain.errors import InputError
from domain.interview.form import Form
from domain.interview.outcome import Outcome
from domain.interview.specs import Choice, FieldSpec, find_choice
from domain.messages import t
from domain.record.value_text import normalise_text
from domain.scoring.rounding import plain


class Question:
    """A question declared once. ``key`` names it; ``row_question`` ones are asked once per indicator row.

    - ``specs(form, row)``: the fields it asks now (none when it does not apply);
    - ``value_text(form, spec)``: the field's value as the user would type it ("" when it holds nothing);
    - ``default_text(form, spec)``: what enter accepts while the field is unanswered;
    - ``apply(form, spec, raw, keep)``: check the answer (InputError when refused), change
      ``form.evaluation`` and return the Outcome; ``keep`` means the shown answer was confirmed as is.
    """

    key: str = ""
    row_question: bool = False

    def specs(self, form: Form, row: int | None = None) -> list[FieldSpec]:
        raise NotImplementedError

    def value_text(self, form: Form, spec: FieldSpec) -> str:
        raise NotImplementedError

    def default_text(self, form: Form, spec: FieldSpec) -> str:
        return self.value_text(form, spec)

    def apply(self, form: Form, spec: FieldSpec, raw: str, keep: bool) -> Outcome:
        raise NotImplementedError


def number_text(value: Decimal | int | None) -> str:
    return "" if value is None else plain(Decimal(value))


def choose(spec: FieldSpec, raw: str) -> Choice:
    """The choice an answer picks; InputError naming the keys when it picks none."""
    choice = find_choice(spec, raw)
    if choice is None:
        raise InputError(t("error.choice", keys="、".join(item.key for item in spec.choices)))
    return choice


def parse_weight_answer(raw: str) -> Decimal:
    """A 分值 as typed ("20", "20分")."""
    from domain.scoring.whatif import parse_weight

    return parse_weight(normalise_text(raw).removesuffix("分"))


def parse_amount_answer(raw: str, label: str) -> Decimal:
    from domain.scoring.whatif import parse_amount

    return parse_amount(raw, label)

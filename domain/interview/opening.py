"""Opening a form that already holds answers: which fields count as answered, which funding shortcut its
source rows correspond to, and which declared scores stand as the user's judgements."""

from __future__ import annotations

from collections.abc import Callable

from domain.interview.declared import adopt_declared_judgements
from domain.interview.form import Form
from domain.interview.specs import FUNDS_COLUMNS, MORE_ID, SAVE_ID, SOURCE_ROWS, SOURCES_ID, FieldSpec
from domain.record.models import Evaluation


def has_content(evaluation: Evaluation) -> bool:
    header, funds, goals = evaluation.header, evaluation.funds, evaluation.goals
    return bool(
        header.project_name.strip()
        or header.department.strip()
        or goals.expected.strip()
        or funds.total.annual_budget is not None
        or funds.total.executed is not None
        or any(row.name.strip() or row.target_text.strip() for row in evaluation.indicators)
    )


def infer_sources(evaluation: Evaluation) -> str | None:
    """Which shortcut the source rows of an existing form correspond to ("split" when none does)."""
    funds = evaluation.funds
    rows = {source: getattr(funds, source) for source in SOURCE_ROWS}
    if all(getattr(row, column) is None for row in rows.values() for column in FUNDS_COLUMNS):
        return None
    for source, row in rows.items():
        same = all((getattr(row, column) or 0) == (getattr(funds.total, column) or 0) for column in FUNDS_COLUMNS)
        others_zero = all(
            not getattr(other, column) for name, other in rows.items() if name != source for column in FUNDS_COLUMNS
        )
        if same and others_zero:
            return source
    return "split"


def open_existing(form: Form, specs: Callable[[], list[FieldSpec]], value_text: Callable[[FieldSpec], str]) -> None:
    """An existing evaluation: its declared judgements are taken, and every field holding a value (or
    optional) counts as answered."""
    conversation = form.conversation
    extras = adopt_declared_judgements(form)
    mode = infer_sources(form.evaluation)
    if mode is not None:
        extras[SOURCES_ID] = mode
    extras[MORE_ID] = "no"
    conversation.opened(extras)
    for _ in range(2):  # answering some fields makes others apply (direction, judged score, reasons)
        conversation.mark_answered(
            {
                spec.id
                for spec in specs()
                if spec.id != SAVE_ID
                and (spec.id in conversation.answered or spec.id == MORE_ID or spec.optional or value_text(spec))
            }
        )

"""Drive an interview to the end answering from a real form: the year's figures from the form, the rest by enter.

Used by the targets tests and by benchmarks/bench_targets.py to count questions and keystrokes.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.interview.specs import SAVE_ID, split_row_id
from domain.record.models import Evaluation
from domain.sheets.grid import plain_decimal


def _number(value: object) -> str:
    return plain_decimal(value) if value is not None else ""  # type: ignore[arg-type]


def answer_for(field_id: str, form: Evaluation, blank: bool, now: Evaluation | None = None) -> str:
    """What a clerk types for a field, reading the real form ``form`` (``blank``: nothing is filled in; ``now``
    given: the form begun from targets, whose rows are the real form's used rows)."""
    place = split_row_id(field_id)
    if place is not None:
        index, key = place
        row = form.indicators[index] if index < len(form.indicators) else None
        if not blank and now is not None:  # the targets leave out the form's unused `*` rows
            used = [item for item in form.indicators if not item.is_unused]
            row = used[index] if index < len(used) else None
        if row is None:
            return ""
        return {
            "level1": row.level1,
            "level2": row.level2,
            "name": row.name,
            "target_text": row.target_text,
            "actual_text": row.actual_text,
            "weight": _number(row.weight),
            "judged_score": _number(row.declared_score),
            "deviation_reason": row.deviation_reason or "按计划推进",
        }.get(key, "")
    header, funds = form.header, form.funds
    known = {
        "header.project_name": header.project_name,
        "header.department": header.department,
        "header.implementer": header.implementer or header.department,
        "header.year": str(header.year or ""),
        "header.project_amount": _number(header.project_amount),
        "goals.expected": form.goals.expected,
        "goals.achieved": form.goals.achieved or "已按计划完成",
        "funds.reason": funds.reason or "按合同进度支付",
    }
    if field_id in known:
        return known[field_id]
    if field_id.startswith("funds.") and field_id.count(".") == 2:
        _, source, column = field_id.split(".")
        return _number(getattr(getattr(funds, source), column))
    if field_id == "loop.more":
        return "n" if blank else ""
    return ""


def _just_below(text: str) -> str:
    from decimal import Decimal, InvalidOperation

    try:
        return str(Decimal(text) - Decimal("0.01"))
    except InvalidOperation:
        return ""


@dataclass
class Walk:
    questions: int = 0
    keystrokes: int = 0  # characters typed plus one enter per answer


def walk(interview, form: Evaluation, blank: bool = False, limit: int = 400) -> Walk:  # type: ignore[no-untyped-def]
    """Answer every question until the review; counts the questions and the keystrokes."""
    counted = Walk()
    interview.start()
    more_rows = len(form.indicators)
    while counted.questions < limit:
        spec = interview.current
        if spec is None or spec.id == SAVE_ID:
            return counted
        text = answer_for(spec.id, form, blank, interview.evaluation)
        if blank and spec.id == "loop.more":
            rows_now = len(interview.evaluation.indicators)
            text = "y" if rows_now < more_rows else "n"
        counted.questions += 1
        counted.keystrokes += len(text) + 1
        events = interview.answer(text)
        if text and any(event.kind.name == "ERROR" for event in events):
            # the real form's answer is refused (a declared score on the open top of its band, 8 of 10 for a
            # 部分达成 row): the clerk types the nearest score the band admits
            text = _just_below(text)
            counted.keystrokes += len(text) + 1
            interview.answer(text)
    raise AssertionError(f"the walk did not reach the review in {limit} answers")

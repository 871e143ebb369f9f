"""Walk mode's moves and sums, for a trainer at a projector: each form ends with its total and the sum that
gives it, rows are numbered as shown (placeholder rows that hide leave no gaps), and the walk steps back,
on, or to any form.

The functions take a ``TrainingSession`` in walk mode and return the events to show, as its own methods do.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Protocol

from domain.interview.events import Event, EventKind
from domain.messages import grade_name, t
from domain.record.models import Evaluation
from domain.scoring.profile import Profile
from domain.scoring.rounding import fixed, plain
from domain.scoring.rules import RowStatus, ScoredEvaluation


class WalkItem(Protocol):
    @property
    def form(self) -> int: ...


class TrainingSession(Protocol):
    """What the walk needs of the training session that calls it (domain.interview.training)."""

    forms: list[tuple[str, Evaluation]]
    position: int

    @property
    def items(self) -> Sequence[WalkItem]: ...

    @property
    def done(self) -> bool: ...

    def profile_for(self, evaluation: Evaluation) -> Profile: ...

    def reopen(self) -> None: ...

    def present(self, fresh: bool = False) -> list[Event]: ...

    def ask_again(self) -> list[Event]: ...


def scored_form(session: TrainingSession, form: int) -> ScoredEvaluation:
    """The form scored by its profile, each row's direction from the catalogue (as the walk explains it), each
    row counting what ``jixiao check`` counts (the form's own score where the rules admit it)."""
    from domain.scoring.adopted import adopted_scoring
    from domain.scoring.audit import audit_evaluation

    _, evaluation = session.forms[form]
    return adopted_scoring(audit_evaluation(evaluation, session.profile_for(evaluation)))


def total_event(session: TrainingSession, form: int) -> Event:
    """ "第 N 份表合计：9.80 + 16.67 + … = 89.18 分（良）", with the scored form as data (for its charts)."""
    scored = scored_form(session, form)
    parts = [scored.budget.score, *(result.score for result in scored.rows if result.status is not RowStatus.UNUSED)]
    terms = " + ".join(t("train.pending") if part is None else fixed(part, 2) for part in parts)
    grade = grade_name(scored.grade) or t("train.pending")
    text = t("ui.walk.form_total", form=form + 1, parts=terms, total=fixed(scored.total, 2), grade=grade)
    declared = scored.evaluation.declared_total
    if declared is not None and declared != scored.total:
        text += t("ui.walk.form_total_declared", declared=plain(declared))
    return Event(EventKind.INFO, text, data=scored)


def back(session: TrainingSession) -> list[Event]:
    """Step back one row (at the first row: show it again)."""
    if session.done:
        session.reopen()
    session.position = max(0, session.position - 1)
    return session.present(fresh=True)


def go_to_form(session: TrainingSession, query: str) -> list[Event]:
    """Jump to the first row of a form named by its number (1-based) or by words of its project name; an
    error event (and the current row again) when nothing fits."""
    wanted = query.strip()
    form = _find_form(session, wanted)
    if form is None:
        return [Event(EventKind.ERROR, t("ui.walk.goto_unknown", query=wanted)), *session.ask_again()]
    if session.done:
        session.reopen()
    session.position = next(index for index, item in enumerate(session.items) if item.form == form)
    return session.present(fresh=True)


def _find_form(session: TrainingSession, wanted: str) -> int | None:
    forms_with_items = {item.form for item in session.items}
    if wanted.isdecimal():
        number = int(wanted) - 1
        return number if number in forms_with_items else None
    if not wanted:
        return None
    for index, (_, evaluation) in enumerate(session.forms):
        if index in forms_with_items and wanted in evaluation.header.project_name:
            return index
    return None


def walk_tally(session: Any) -> tuple[list[tuple[str, str]], str, str]:
    """The walk's side column for a projector: the current form's rows shown so far, each ``(name, "得分/分值")``,
    the points counted so far against the 分值 seen, and the current row's formula ("" before any row)."""
    item = session.current_item
    if item is None:
        return [], "", ""
    _, evaluation = session.forms[item.form]
    lines: list[tuple[str, str]] = []
    counted = weight = Decimal(0)
    for seen in session.items[: session.position + 1]:
        if seen.form != item.form:
            continue
        result = seen.result
        score = getattr(result, "score", None)
        row_weight = result.weight
        name = t("train.tally.budget") if seen.row is None else f"{seen.shown}. {evaluation.indicators[seen.row].name}"
        lines.append((name, f"{'—' if score is None else fixed(score, 2)}/{plain(row_weight)}"))
        counted += score or Decimal(0)
        weight += row_weight
    total = t("train.tally.counted", counted=fixed(counted, 2), weight=plain(weight))
    explanation = getattr(item.result, "explanation", None)
    formula = explanation.shown if explanation is not None else ""
    return lines, total, formula

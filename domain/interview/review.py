"""What the interview says about the form as a whole: the review before saving, the findings, and the F1
help for a field (including why its score is what it is)."""

from __future__ import annotations

from decimal import Decimal

from domain.interview.events import Event, EventKind
from domain.interview.form import Form
from domain.interview.specs import FUNDS_WEIGHT_ID, FieldSpec
from domain.interview.words import direction_words, unit_words
from domain.messages import grade_name, t
from domain.scoring.findings import Finding, Severity
from domain.scoring.rounding import fixed
from domain.scoring.rules import RowStatus


def findings(form: Form) -> list[Finding]:
    """Form checks and structure findings for the review screen."""
    from domain.scoring.checks import form_checks
    from domain.scoring.indicators import match_row

    found = form_checks(form.scored())
    catalogue, matcher = form.context.catalogue(), form.context.matcher()
    for index, row in enumerate(form.rows):
        if form.row_complete(index):
            found.extend(match_row(row, catalogue, matcher).findings(index + 1))
    from domain.interview.from_targets import target_findings

    return found + target_findings(form)  # a form started from targets: what differs from them


def review_events(form: Form) -> list[Event]:
    """The summary, the rows still waiting for a score and every finding, as shown before saving."""
    from domain.interview.declared import written_evaluation

    scored = form.scored()
    written = written_evaluation(form)  # what saving writes: the total `jixiao check` gives the saved form
    budget = (
        written.funds.declared_score
        if written.funds.declared_score is not None
        else (scored.budget.score or Decimal(0))
    )
    total = written.declared_total if written.declared_total is not None else scored.total
    cap = scored.cap
    total = total if cap is None else min(total, cap)
    grade = t("interview.done.grade", grade=grade_name(scored.profile.grade_of(total))) if scored.grade else ""
    events = [
        Event(
            EventKind.INFO,
            t(
                "review.summary",
                total=fixed(total, 2),
                grade=grade,
                budget=fixed(budget, 2),
                indicators=fixed(total - budget, 2),
            ),
            data=scored,
        )
    ]
    pending = [
        index + 1
        for index, result in enumerate(form.row_results())
        if result is not None and result.score is None and result.status is not RowStatus.UNUSED
    ]
    if pending:
        events.append(
            Event(
                EventKind.WARNING,
                t("review.pending", count=len(pending), rows=t("ui.review.list_separator").join(map(str, pending))),
            )
        )
    found = findings(form)
    for finding in found:
        kind = EventKind.HINT if finding.severity is Severity.INFO else EventKind.WARNING
        events.append(Event(kind, finding.shown, data=finding))
    if not found and not pending:
        events.append(Event(EventKind.INFO, t("review.no_findings")))
    return events


def help_text(form: Form, spec: FieldSpec) -> str:
    """F1 text for a field, including why its score is what it is."""
    parts = [spec.help]
    if spec.placeholder:
        parts.append(spec.placeholder)
    if spec.row is not None:
        row = form.rows[spec.row]
        entry = form.context.entry(row)
        if entry is not None:
            parts.append(
                t(
                    "help.entry",
                    name=entry.name,
                    level1=entry.level1,
                    level2=entry.level2,
                    direction=direction_words(entry.direction),
                    unit=unit_words(entry.unit),
                    definition=entry.definition,
                )
            )
        result = form.row_result(spec.row)
        if result is not None:
            parts.append(t("help.row_score", explanation=result.explanation.shown))
            parts.extend(f"· {note.shown}" for note in result.notes)
    elif spec.section == "funds":
        budget = form.budget()
        parts.append(t("help.budget_score", explanation=budget.explanation.shown))
        parts.extend(f"· {note.shown}" for note in budget.notes)
    if spec.id == FUNDS_WEIGHT_ID or (spec.row is not None and spec.id.endswith(".weight")):
        parts.append(form.running_total_text())
    return "\n".join(part for part in parts if part)

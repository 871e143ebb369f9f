"""Audit a filled form: compare every declared score and total with what the rules give, and classify.

Arithmetic and method findings are errors, judgement and structure warnings, rounding info. The
audited total keeps a declared row score where the rules admit it (the computed one at the form's own
rounding habit, or a judgement inside its band) and says so, so an internally consistent form
reproduces its own total.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.record.models import Evaluation
from domain.scoring.audit_rows import ROUNDING_TOLERANCE, admits, audit_budget, audit_row, needs_judgement
from domain.scoring.checks import form_checks
from domain.scoring.findings import Finding, FindingClass, Severity
from domain.scoring.habit import PRECISIONS, Habit, find_habit, habit_of
from domain.scoring.indicators import RowMatch, score_with_catalogue
from domain.scoring.profile import DEFAULT_PROFILE, Profile, load_profile
from domain.scoring.results import RowStatus, ScoredEvaluation
from domain.scoring.rounding import ONE_HUNDRED, plain, quantize
from domain.scoring.wording import Msg, msg

__all__ = ["AUTO", "FormAudit", "admits", "audit_evaluation", "needs_judgement"]

AUTO = "auto"  # the profile option that lets the form's own layout choose


class FormAudit:
    """The audit of one form: the scored form, what was adopted for the total, and the findings."""

    def __init__(
        self,
        file: str,
        scored: ScoredEvaluation,
        matches: list[RowMatch],
        adopted_rows: list[Decimal],
        adopted_budget: Decimal,
        findings: list[Finding] | None = None,
        habit: Habit | None = None,
        habit_rows: int = 0,
        profile_choice: Msg | None = None,
    ) -> None:
        self.file = file
        self.scored = scored
        self.matches = matches
        self.adopted_rows = adopted_rows
        self.adopted_budget = adopted_budget
        self.findings = findings if findings is not None else []
        self.habit = habit
        self.habit_rows = habit_rows
        self.profile_choice = profile_choice

    @property
    def evaluation(self) -> Evaluation:
        evaluation: Evaluation = self.scored.evaluation
        return evaluation

    @property
    def project(self) -> str:
        return self.evaluation.header.project_name

    @property
    def declared_total(self) -> Decimal | None:
        return self.evaluation.declared_total

    @property
    def adopted_sum(self) -> Decimal:
        return self.adopted_budget + sum(self.adopted_rows, Decimal(0))

    @property
    def computed_total(self) -> Decimal:
        """The sum of adopted scores, capped by the execution rate where the profile says so."""
        cap = self.scored.cap
        return self.adopted_sum if cap is None else min(self.adopted_sum, cap)

    @property
    def scored_rows(self) -> int:
        return sum(1 for result in self.scored.rows if result.status is not RowStatus.UNUSED)

    @property
    def grade(self) -> str | None:
        """优/良/中/差 of the computed total; None for a form with no indicator row to score."""
        if self.scored_rows == 0:
            return None
        return self.scored.profile.grade_of(self.computed_total)

    @property
    def habit_text(self) -> Msg | None:
        if self.habit is None:
            return None
        return msg("audit.habit", habit=self.habit.describe(), rows=self.habit_rows)

    @property
    def has_errors(self) -> bool:
        return any(finding.severity is Severity.ERROR for finding in self.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)


def audit_evaluation(evaluation: Evaluation, profile: Profile | str | None = None, file: str = "") -> FormAudit:
    """Score a filled form and compare it with everything it declares.

    ``profile``: a profile, None for the one the form names, or ``"auto"`` for the one its layout points to."""
    choice: Msg | None = None
    if profile == AUTO:
        from domain.scoring.choosing import choose_profile

        name, choice = choose_profile(evaluation)
        chosen = load_profile(name)
    elif isinstance(profile, str):
        chosen = load_profile(profile)
    else:
        chosen = profile or load_profile(evaluation.profile or DEFAULT_PROFILE)
    scored, matches = score_with_catalogue(evaluation, chosen)
    directions = [match.entry.direction if match.entry else None for match in matches]
    habit, told = find_habit(evaluation.indicators, scored.rows, directions, chosen)
    findings: list[Finding] = []
    adopted_budget, budget_findings = audit_budget(evaluation, scored.budget, chosen)
    findings.extend(budget_findings)
    adopted_rows: list[Decimal] = []
    rows = zip(evaluation.indicators, scored.rows, directions, strict=True)
    for number, (row, result, direction) in enumerate(rows, start=1):
        adopted, row_findings = audit_row(number, row, result, chosen, habit, direction)
        adopted_rows.append(adopted)
        findings.extend(row_findings)
        for note in result.notes:
            if note.code in ("direction_conflict", "direction_unknown"):
                findings.append(
                    Finding(
                        FindingClass.JUDGEMENT,
                        note.code,
                        msg("audit.row_note", row=number, name=row.name, note=note.text),
                        number,
                        row.name,
                        row.declared_score,
                        result.score,
                    )
                )
    for number, match in enumerate(matches, start=1):
        findings.extend(match.findings(number))
    findings.extend(form_checks(scored, adopted_rows))
    if choice is not None:
        findings.insert(0, Finding(FindingClass.ADVICE, "profile_auto", choice))
    if told and habit != habit_of(chosen):
        findings.insert(
            0, Finding(FindingClass.ADVICE, "rounding_habit", msg("audit.habit", habit=habit.describe(), rows=told))
        )
    audit = FormAudit(file, scored, matches, adopted_rows, adopted_budget, findings, habit, told, choice)
    _audit_total(audit)
    return audit


def _is_rounded_total(declared: Decimal, exact: Decimal) -> bool:
    """A total written at another precision than the sum it stands for (89.18 written as 89.2)."""
    return abs(declared - exact) <= ROUNDING_TOLERANCE and any(
        quantize(exact, decimals, rounding) == declared for decimals, rounding in PRECISIONS
    )


def _declared_sum(evaluation: Any) -> Decimal:
    rows = sum((row.declared_score or Decimal(0) for row in evaluation.indicators), Decimal(0))
    return (evaluation.funds.declared_score or Decimal(0)) + rows


def _written(value: Decimal) -> str:
    """A total as the form writes it: 27.30 stays 27.30 (no exponent)."""
    return format(value, "f")


def _audit_total(audit: FormAudit) -> None:
    evaluation = audit.evaluation
    declared_total = evaluation.declared_total
    cap = audit.scored.cap
    rate = audit.scored.budget.rate
    if cap is not None and rate is not None and audit.adopted_sum > cap:
        below = min(below for below, limit in audit.scored.profile.execution_caps if rate < below and limit == cap)
        audit.findings.append(
            Finding(
                FindingClass.METHOD if declared_total is not None and declared_total > cap else FindingClass.ADVICE,
                "total_capped",
                msg(
                    "audit.total_capped",
                    percent=plain(quantize(rate * ONE_HUNDRED, 2)),
                    below=plain(below * ONE_HUNDRED),
                    cap=plain(cap),
                    excess=plain(audit.adopted_sum - cap),
                ),
                None,
                "总分",
                declared_total,
                cap,
            )
        )
    if audit.scored_rows == 0:
        audit.findings.append(Finding(FindingClass.COMPLETENESS, "no_scored_rows", msg("audit.no_scored_rows")))
    if declared_total is None:
        audit.findings.append(
            Finding(
                FindingClass.COMPLETENESS,
                "missing_total",
                msg("audit.missing_total"),
                None,
                None,
                None,
                audit.computed_total,
            )
        )
        return
    declared_sum = _declared_sum(evaluation)
    if declared_sum != declared_total:
        rounded = _is_rounded_total(declared_total, declared_sum)
        tail = (
            msg("audit.total_sum.rounded")
            if rounded
            else msg("audit.total_sum.off", difference=_written(declared_total - declared_sum))
        )
        audit.findings.append(
            Finding(
                FindingClass.ROUNDING if rounded else FindingClass.ARITHMETIC,
                "total_sum",
                msg("audit.total_sum", declared=_written(declared_total), sum=_written(declared_sum), tail=tail),
                None,
                "总分",
                declared_total,
                declared_sum,
            )
        )
    if audit.computed_total != declared_total:
        finding_class = (
            FindingClass.ROUNDING if _is_rounded_total(declared_total, audit.computed_total) else FindingClass.METHOD
        )
        audit.findings.append(
            Finding(
                finding_class,
                "total",
                msg("audit.total", computed=_written(audit.computed_total), declared=_written(declared_total)),
                None,
                "总分",
                declared_total,
                audit.computed_total,
            )
        )

"""What one form's audit comes to for a reviewer: plain, small and picklable, so a batch never keeps audits.

A ``FormSummary`` holds the totals, the grade, the findings and each indicator row's score, with the
points lost per 一级 (the budget row counted under 预算执行率), and the form's key (two files holding the
same form share it). ``summary_data`` is the JSON object of `jixiao check --format json|ndjson`, which
`jixiao report` also reads back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from domain.review.sameness import form_key
from domain.scoring.findings import Finding, Severity
from domain.scoring.serialise import SCHEMA_VERSION, finding_data, number

if TYPE_CHECKING:  # the report reads ndjson back without loading the audit
    from domain.scoring.audit import FormAudit

BUDGET_LEVEL = "预算执行率"
LEVELS = (BUDGET_LEVEL, "产出指标", "效益指标", "满意度指标")
OTHER_LEVEL = "其他"


@dataclass(frozen=True, slots=True)
class RowScore:
    """One used indicator row as audited: the catalogue entry it matched (None when none did)."""

    level1: str
    level2: str
    name: str
    catalogue_name: str | None
    weight: Decimal
    score: Decimal

    @property
    def lost(self) -> Decimal:
        return self.weight - self.score


@dataclass(frozen=True, slots=True)
class FormSummary:
    """One audited form for a batch: who, the totals, the grade, the findings and the row scores."""

    file: str
    project: str
    department: str
    implementer: str
    declared_total: Decimal | None
    computed_total: Decimal
    grade: str | None  # None for a form with no row to score
    findings: tuple[Finding, ...]
    rows: tuple[RowScore, ...]
    budget_weight: Decimal
    budget_score: Decimal
    key: str = ""  # what the form says, fingerprinted (domain.review.sameness): equal for a form and its export

    @property
    def unit(self) -> str:
        """The unit answerable for the form: the 实施单位, else the 主管部门."""
        return self.implementer or self.department

    @property
    def gap(self) -> Decimal | None:
        """Declared minus audited total (positive when the form claims more than the method gives)."""
        return None if self.declared_total is None else self.declared_total - self.computed_total

    @property
    def has_errors(self) -> bool:
        return any(finding.severity is Severity.ERROR for finding in self.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    def lost(self) -> dict[str, Decimal]:
        """Points lost per 一级, budget row first; rows under an unknown 一级 count as 其他."""
        lost = {level: Decimal(0) for level in LEVELS}
        lost[BUDGET_LEVEL] = self.budget_weight - self.budget_score
        for row in self.rows:
            level = row.level1 if row.level1 in lost else OTHER_LEVEL
            lost[level] = lost.get(level, Decimal(0)) + row.lost
        return lost


def summarise(audit: FormAudit) -> FormSummary:
    """The summary of one audit (unused `*` rows left out)."""
    header = audit.evaluation.header
    rows = []
    for row, match, adopted in zip(audit.evaluation.indicators, audit.matches, audit.adopted_rows, strict=True):
        if row.is_unused:
            continue
        rows.append(
            RowScore(
                match.level1 or row.level1.strip(),
                match.level2 or row.level2.strip(),
                row.name.strip(),
                match.entry.name if match.entry else None,
                row.weight,
                adopted,
            )
        )
    return FormSummary(
        file=audit.file,
        project=header.project_name,
        department=header.department.strip(),
        implementer=header.implementer.strip(),
        declared_total=audit.declared_total,
        computed_total=audit.computed_total,
        grade=audit.grade,
        findings=tuple(audit.findings),
        rows=tuple(rows),
        budget_weight=audit.evaluation.funds.weight,
        budget_score=audit.adopted_budget,
        key=form_key(audit.evaluation),
    )


def summary_data(summary: FormSummary) -> dict[str, Any]:
    """The documented JSON object of one audited form."""
    return {
        "schema_version": SCHEMA_VERSION,
        "file": summary.file,
        "project": summary.project,
        "department": summary.department,
        "implementer": summary.implementer,
        "declared_total": number(summary.declared_total),
        "computed_total": number(summary.computed_total),
        "grade": summary.grade,
        "errors": summary.count(Severity.ERROR),
        "warnings": summary.count(Severity.WARNING),
        "infos": summary.count(Severity.INFO),
        "lost": {level: number(points) for level, points in summary.lost().items()},
        "findings": [finding_data(finding) for finding in summary.findings],
        "rows": [
            {
                "level1": row.level1,
                "level2": row.level2,
                "indicator": row.name,
                "catalogue": row.catalogue_name,
                "weight": number(row.weight),
                "score": number(row.score),
            }
            for row in summary.rows
        ],
        "key": summary.key,
    }


def summary_line(summary: FormSummary) -> str:
    """One line of `--format ndjson`: the JSON object, compact, on one line."""
    return json.dumps(summary_data(summary), ensure_ascii=False, separators=(",", ":"))

"""Plain data (for JSON) of scores, audits, what-ifs and catalogue matches; numbers as decimal strings."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from domain.messages.lookup import grade_name
from domain.scoring.results import BudgetResult, Note, RowResult, ScoredEvaluation

if TYPE_CHECKING:  # a what-if serialises without loading the audit
    from domain.scoring.findings import Finding


SCHEMA_VERSION = 2  # the JSON output's: messages in the chosen language with their code and fields


def number(value: Decimal | None) -> str | None:
    """A decimal as a plain string (no exponent), or None."""
    if value is None:
        return None
    return format(value, "f")


def notes_data(notes: tuple[Note, ...]) -> list[dict[str, Any]]:
    return [{"code": note.code, "message": note.shown, "fields": note.text.data()} for note in notes]


def row_data(result: RowResult) -> dict[str, Any]:
    """One scored indicator: the what-if schema plus status, band and notes."""
    return {
        "score": number(result.score),
        "weight": number(result.weight),
        "deduction": number(result.deduction),
        "direction": result.direction.value if result.direction else None,
        "rule": result.explanation.rule.value,
        "status": result.status.value,
        "formula": result.explanation.formula,
        "explanation": result.explanation.shown,
        "band": [number(result.band[0]), number(result.band[1])] if result.band else None,
        "band_open": result.band_open,
        "notes": notes_data(result.notes),
    }


def budget_data(result: BudgetResult) -> dict[str, Any]:
    """The budget row scored."""
    return {
        "score": number(result.score),
        "weight": number(result.weight),
        "deduction": number(result.deduction),
        "rate": number(result.rate),
        "rate_used": number(result.rate_used),
        "rule": result.explanation.rule.value,
        "formula": result.explanation.formula,
        "explanation": result.explanation.shown,
        "notes": notes_data(result.notes),
    }


def scored_data(scored: ScoredEvaluation, file: str = "") -> dict[str, Any]:
    """A whole scored form."""
    evaluation = scored.evaluation
    rows = []
    for row, result in zip(evaluation.indicators, scored.rows, strict=True):
        rows.append(
            {
                "level1": row.level1,
                "level2": row.level2,
                "indicator": row.name,
                "target": row.target_text,
                "actual": row.actual_text,
                **row_data(result),
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "file": file,
        "project": evaluation.header.project_name,
        "profile": scored.profile.name,
        "budget": budget_data(scored.budget),
        "rows": rows,
        "total": number(scored.total),
        "complete": scored.complete,
        "grade": scored.grade,
        "grade_name": grade_name(scored.grade) or None,
        "pending_rows": [index + 1 for index in scored.pending_rows],
    }


def finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "row": finding.row,
        "indicator": finding.indicator,
        "declared": number(finding.declared),
        "computed": number(finding.computed),
        "message": finding.shown,
        "fields": finding.text.data(),
    }

"""One audited form as the report reads it, from a fresh audit or from a line of `check --format ndjson`.

``report_form`` shapes a summary (in a worker, so only this small record crosses between processes);
``form_from_data`` reads the documented JSON object back, checking every field, so shards audited on other
machines are reported on as if they had been audited here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from domain.review.summary import FormSummary, RowScore
from domain.scoring.findings import Severity


@dataclass(frozen=True, slots=True)
class ReportFinding:
    """One finding as the report shows it: its message in the language it was audited in (``--lang``)."""

    row: int | None
    indicator: str | None
    severity: Severity
    code: str
    declared: Decimal | None
    computed: Decimal | None
    message: str

    @property
    def category(self) -> str:
        """The finding's class (``method`` of ``method.row_score``)."""
        return self.code.split(".", 1)[0]


@dataclass(frozen=True, slots=True)
class ReportForm:
    """One form: who, the totals, the grade, the counts, the points lost per 一级, the findings and the rows."""

    file: str
    project: str
    department: str
    implementer: str
    declared_total: Decimal | None
    computed_total: Decimal
    grade: str | None
    lost: tuple[tuple[str, Decimal], ...]
    findings: tuple[ReportFinding, ...]
    rows: tuple[RowScore, ...]
    key: str

    @property
    def unit(self) -> str:
        return self.implementer or self.department

    @property
    def gap(self) -> Decimal | None:
        return None if self.declared_total is None else self.declared_total - self.computed_total

    @property
    def has_errors(self) -> bool:
        return any(finding.severity is Severity.ERROR for finding in self.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)


def report_form(summary: FormSummary) -> ReportForm:
    """The report's record of an audited form."""
    findings = tuple(
        ReportFinding(
            finding.row,
            finding.indicator,
            finding.severity,
            finding.code,
            finding.declared,
            finding.computed,
            finding.shown,
        )
        for finding in summary.findings
    )
    return ReportForm(
        summary.file,
        summary.project,
        summary.department,
        summary.implementer,
        summary.declared_total,
        summary.computed_total,
        summary.grade,
        tuple(summary.lost().items()),
        findings,
        summary.rows,
        summary.key,
    )


Parsed = TypeVar("Parsed")


class BadLine(ValueError):
    """A JSON object that is not what `check --format ndjson` writes; the text says which field."""


def _field(data: dict[str, Any], key: str, kind: type | tuple[type, ...], optional: bool = False) -> Any:
    if key not in data:
        if optional:
            return None
        raise BadLine(key)
    value = data[key]
    if value is None and optional:
        return None
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise BadLine(key)
    return value


def _decimal(data: dict[str, Any], key: str, optional: bool = False) -> Decimal | None:
    text = _field(data, key, str, optional)
    if text is None:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise BadLine(key) from None
    if not value.is_finite() or abs(value) >= Decimal("1e14"):
        raise BadLine(key)
    return value


def _finding(data: Any) -> ReportFinding:
    if not isinstance(data, dict):
        raise BadLine("findings")  # an item that is not an object
    try:
        severity = Severity(_field(data, "severity", str))
    except ValueError:
        raise BadLine("severity") from None
    return ReportFinding(
        _field(data, "row", int, optional=True),
        _field(data, "indicator", str, optional=True),
        severity,
        _field(data, "code", str),
        _decimal(data, "declared", True),
        _decimal(data, "computed", True),
        _field(data, "message", str),
    )


def _row(data: Any) -> RowScore:
    if not isinstance(data, dict):
        raise BadLine("rows")
    weight, score = _decimal(data, "weight"), _decimal(data, "score")
    assert weight is not None and score is not None
    return RowScore(
        _field(data, "level1", str),
        _field(data, "level2", str),
        _field(data, "indicator", str),
        _field(data, "catalogue", str, optional=True),
        weight,
        score,
    )


def _nested(key: str, read: Callable[[], Parsed]) -> Parsed:
    """What ``read`` gives; a wrong field inside ``key`` is named as ``key.field``."""
    try:
        return read()
    except BadLine as error:
        inner = str(error)
        raise BadLine(inner if inner == key or inner.startswith(f"{key}.") else f"{key}.{inner}") from None


def form_from_data(data: Any) -> ReportForm:
    """A form from the JSON object `check --format json|ndjson` writes; BadLine names the first wrong field."""
    if not isinstance(data, dict):
        raise BadLine("{}")
    computed = _decimal(data, "computed_total")
    assert computed is not None
    lost = _field(data, "lost", dict)
    levels = []
    for level in lost:
        points = _nested("lost", lambda level=level: _decimal(lost, level))  # type: ignore[misc]
        assert points is not None
        levels.append((str(level), points))
    findings = _nested("findings", lambda: tuple(_finding(item) for item in _field(data, "findings", list)))
    rows = _nested("rows", lambda: tuple(_row(item) for item in _field(data, "rows", list)))
    return ReportForm(
        _field(data, "file", str),
        _field(data, "project", str),
        _field(data, "department", str),
        _field(data, "implementer", str),
        _decimal(data, "declared_total", True),
        computed,
        _field(data, "grade", str, optional=True),
        tuple(levels),
        findings,
        rows,
        _field(data, "key", str, optional=True) or "",
    )


def packed(form: ReportForm) -> tuple[Any, ...]:
    """The form as plain tuples, which pickle several times faster than the records (for the spool)."""
    return (
        form.file,
        form.project,
        form.department,
        form.implementer,
        form.declared_total,
        form.computed_total,
        form.grade,
        form.lost,
        tuple((f.row, f.indicator, f.severity.value, f.code, f.declared, f.computed, f.message) for f in form.findings),
        tuple((r.level1, r.level2, r.name, r.catalogue_name, r.weight, r.score) for r in form.rows),
        form.key,
    )


def unpacked(data: tuple[Any, ...]) -> ReportForm:
    """The form ``packed`` made."""
    file, project, department, implementer, declared, computed, grade, lost, findings, rows, key = data
    return ReportForm(
        file,
        project,
        department,
        implementer,
        declared,
        computed,
        grade,
        lost,
        tuple(ReportFinding(row, indicator, Severity(severity), *rest) for row, indicator, severity, *rest in findings),
        tuple(RowScore(*row) for row in rows),
        key,
    )

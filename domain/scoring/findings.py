"""Findings: what checks and audits report, each with a class, a severity and a plain message."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class FindingClass(StrEnum):
    """The kinds of problem a form can have (see the scoring method's audit section)."""

    ARITHMETIC = "arithmetic"  # numbers on the form that do not add up
    ROUNDING = "rounding"  # a declared score equal to the computed one at another precision
    METHOD = "method"  # a declared score the rules do not give
    JUDGEMENT = "judgement"  # the rules leave it to a person
    STRUCTURE = "structure"  # names outside the framework or the catalogue
    COMPLETENESS = "completeness"  # something the form must say and does not
    ADVICE = "advice"  # a departure from the usual that is allowed


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_OF_CLASS = {
    FindingClass.ARITHMETIC: Severity.ERROR,
    FindingClass.METHOD: Severity.ERROR,
    FindingClass.JUDGEMENT: Severity.WARNING,
    FindingClass.STRUCTURE: Severity.WARNING,
    FindingClass.COMPLETENESS: Severity.WARNING,
    FindingClass.ROUNDING: Severity.INFO,
    FindingClass.ADVICE: Severity.INFO,
}


@dataclass(frozen=True)
class Finding:
    """One thing a check found; ``row`` is the 1-based indicator row, 0 for the budget row, None for the form."""

    finding_class: FindingClass
    detail: str
    message: str
    message_en: str = ""
    row: int | None = None
    indicator: str | None = None
    declared: Decimal | None = None
    computed: Decimal | None = None

    @property
    def code(self) -> str:
        return f"{self.finding_class.value}.{self.detail}"

    @property
    def severity(self) -> Severity:
        return SEVERITY_OF_CLASS[self.finding_class]

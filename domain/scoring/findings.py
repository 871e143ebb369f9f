"""Findings: what checks and audits report, each with a class, a severity and a message from the catalogue."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from domain.record.kinds import Frozen
from domain.scoring.wording import Msg


class FindingClass(StrEnum):
    """The kinds of problem a form can have (see the scoring method's audit section)."""

    ARITHMETIC = "arithmetic"  # numbers on the form that do not add up
    ROUNDING = "rounding"  # a declared score equal to the computed one at another precision
    METHOD = "method"  # a declared score the rules do not give
    JUDGEMENT = "judgement"  # the rules leave it to a person
    STRUCTURE = "structure"  # names outside the framework or the catalogue
    COMPLETENESS = "completeness"  # something the form must say and does not
    ADVICE = "advice"  # a departure from the usual that is allowed
    TARGETS = "targets"  # a difference from the approved targets (绩效目标表)


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
    FindingClass.TARGETS: Severity.WARNING,
}
# details whose severity is not their class's
SEVERITY_OF_CODE = {
    "targets.lowered": Severity.ERROR,
    "targets.raised": Severity.ERROR,
    "targets.no_match": Severity.INFO,
}


class Finding(Frozen):
    """One thing a check found; ``row`` is the 1-based indicator row, 0 for the budget row, None for the form.

    ``text`` is the message id with its fields; ``message`` and ``message_en`` render it."""

    finding_class: FindingClass
    detail: str
    text: Msg
    row: int | None = None
    indicator: str | None = None
    declared: Decimal | None = None
    computed: Decimal | None = None

    @property
    def code(self) -> str:
        return f"{self.finding_class.value}.{self.detail}"

    @property
    def severity(self) -> Severity:
        return SEVERITY_OF_CODE.get(self.code) or SEVERITY_OF_CLASS[self.finding_class]

    @property
    def message(self) -> str:
        return self.text.zh

    @property
    def message_en(self) -> str:
        return self.text.en

    @property
    def shown(self) -> str:
        """The message in the interface's language (``--lang`` / JIXIAO_LOCALE)."""
        from domain.messages.lookup import current_locale

        return self.text.render(current_locale())

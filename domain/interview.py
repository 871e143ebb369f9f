"""The interview: a UI-free controller that walks a person field by field through an evaluation.

It owns the answers (an ``Evaluation``), the current field, which fields apply, jumping, undo and the
events to show. Renderers (the Textual app, the plain line mode, tests) only call its methods and draw
the events it returns; nothing here knows about a terminal.

INTERFACE CONTRACT — the types and method signatures below are fixed; the bodies are to be written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from domain.findings import Finding
from domain.models import Evaluation
from domain.profile import Profile
from domain.scoring import RowResult, ScoredEvaluation


class FieldKind(StrEnum):
    """What kind of answer a field takes (decides validation and how a renderer offers it)."""

    TEXT = "text"  # one line of free text (项目名称, 主管部门 …)
    LONG_TEXT = "long_text"  # several lines allowed (预期目标, 偏差原因 …); renderers submit with enter, newline with ctrl+j
    AMOUNT = "amount"  # non-negative money (元), commas and 万 accepted
    NUMBER = "number"  # a plain non-negative decimal (分值, 评定得分, year)
    CHOICE = "choice"  # one of ``choices`` (by number, key or label)
    INDICATOR = "indicator"  # a 三级 indicator name, with live catalogue suggestions
    VALUE = "value"  # a 年度指标值 / 实际完成值, parsed by domain.values
    CONFIRM = "confirm"  # yes / no


@dataclass(frozen=True)
class Choice:
    """One option of a CHOICE field; ``key`` is what the user may type to pick it ("1", "2", … or "y")."""

    key: str
    value: str
    label: str


@dataclass(frozen=True)
class FieldSpec:
    """A question, declared once and rendered by every front end.

    ``id`` is stable and addressable: "header.project_name", "funds.total.annual_budget",
    "goals.expected", "indicators[0].name", "indicators[0].target_text", "loop.more", "review.save".
    """

    id: str
    section: str  # "header" | "funds" | "goals" | "indicators" | "review"
    label: str  # short label for the side panel and jump list, e.g. "项目名称"
    prompt: str  # the question as asked, e.g. "项目名称是什么？"
    kind: FieldKind
    help: str = ""  # F1 text: what the field is, accepted formats, examples
    choices: tuple[Choice, ...] = ()
    optional: bool = False  # an empty answer is accepted
    placeholder: str = ""  # example input shown greyed in the input line
    row: int | None = None  # 0-based indicator row the field belongs to, if any


class EventKind(StrEnum):
    QUESTION = "question"  # ask ``field``; text is the prompt
    HINT = "hint"  # a short aside (accepted formats, what was assumed)
    SUGGESTIONS = "suggestions"  # catalogue matches offered for an INDICATOR field (data: list[Suggestion])
    EXPLANATION = "explanation"  # a computed score with its derivation (data: RowResult or BudgetResult)
    WARNING = "warning"  # something to look at that does not block (funds not adding up, weight over 100 …)
    ERROR = "error"  # the answer was refused; the same field is asked again
    INFO = "info"  # neutral statement (saved, resumed, undone …)
    DONE = "done"  # the interview reached its end (saved or review finished)


@dataclass(frozen=True)
class Event:
    """Something a renderer shows, in order."""

    kind: EventKind
    text: str
    field: FieldSpec | None = None
    data: object = None


@dataclass(frozen=True)
class Suggestion:
    """A catalogue entry offered for an indicator name."""

    name: str
    level1: str
    level2: str
    direction: str
    unit: str
    score: float
    how: str  # "exact" | "alias" | "fuzzy" | "pinyin" | "initials"


@dataclass(frozen=True)
class FieldState:
    """One field in the jump list: its spec, the current answer as text, and whether it was answered."""

    spec: FieldSpec
    answer: str
    answered: bool
    current: bool


@dataclass
class Interview:
    """The conversation state; every method returns the events to show next."""

    evaluation: Evaluation = field(default_factory=Evaluation)
    profile: Profile | None = None
    on_commit: Callable[[Interview], None] | None = None  # called after every accepted answer (autosave)

    # --- conversation -------------------------------------------------------------------------
    def start(self) -> list[Event]:
        """Greeting and the first question (or, for an existing evaluation, the first field to review)."""
        raise NotImplementedError

    @property
    def current(self) -> FieldSpec | None:
        """The field being asked, or None when the interview is done."""
        raise NotImplementedError

    def answer(self, text: str) -> list[Event]:
        """Take an answer for the current field: ERROR and the same question again if refused, else the
        events that follow (explanations, warnings) and the next QUESTION."""
        raise NotImplementedError

    def suggestions(self, text: str, limit: int = 6) -> list[Suggestion]:
        """Live suggestions for what is being typed in the current field (catalogue for INDICATOR, matching
        choices for CHOICE); must be cheap — called on every keystroke."""
        raise NotImplementedError

    def back(self) -> list[Event]:
        """Return to the previous field (always allowed, even if the current input is invalid)."""
        raise NotImplementedError

    def jump(self, field_id: str) -> list[Event]:
        """Go to any field that applies now (from the jump list)."""
        raise NotImplementedError

    def undo(self) -> list[Event]:
        """Take back the last accepted answer and ask that field again."""
        raise NotImplementedError

    def fields(self) -> list[FieldState]:
        """Every field that applies now, in order, for the jump list and side panel."""
        raise NotImplementedError

    # --- what the form says so far -----------------------------------------------------------
    def scored(self) -> ScoredEvaluation:
        """The evaluation as scored now (rows still being filled are skipped)."""
        raise NotImplementedError

    def row_result(self, row: int) -> RowResult | None:
        """The computed result of one indicator row, when it has enough answers."""
        raise NotImplementedError

    def weight_left(self) -> Decimal:
        """分值 still unassigned: 100 − budget weight − the indicators' weights."""
        raise NotImplementedError

    def findings(self) -> list[Finding]:
        """Form checks and structure findings for the review screen."""
        raise NotImplementedError

    def help_for(self, field_id: str | None = None) -> str:
        """F1 text for a field (default: the current one), including why its score is what it is."""
        raise NotImplementedError

    @property
    def dirty(self) -> bool:
        """True when there are answers not yet written to the final file."""
        raise NotImplementedError

    @property
    def done(self) -> bool:
        raise NotImplementedError

"""The form being filled, as the questions see it: the record, the conversation and the context together,
with what follows from them (which rows are complete, their results aligned with the rows, the 分值 left,
the events that show a score)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.interview.context import FormContext
from domain.interview.conversation import Conversation
from domain.interview.events import Event, EventKind
from domain.interview.specs import FieldSpec, row_field_id
from domain.interview.words import direction_pending
from domain.messages import t
from domain.record.models import Evaluation, IndicatorRow
from domain.scoring.rounding import fixed, plain
from domain.scoring.rules import BudgetResult, RowResult, ScoredEvaluation

FULL_MARKS = Decimal(100)
WARNING_NOTES = frozenset(
    {
        "overachieved",
        "unit_mismatch",
        "direction_conflict",
        "direction_unknown",
        "judged_out_of_band",
        "negative_actual",
        "low_execution",
        "executed_over_budget",
    }
)


@dataclass
class Form:
    """One form in the interview; questions read it, change ``evaluation`` and return what else changed."""

    evaluation: Evaluation
    conversation: Conversation
    context: FormContext

    @property
    def rows(self) -> list[IndicatorRow]:
        return self.evaluation.indicators

    def answered(self, field_id: str) -> bool:
        return field_id in self.conversation.answered

    def row_complete(self, index: int) -> bool:
        """Whether a row has the answers it needs to be scored (a named `*` row worth 0 always has)."""
        row = self.rows[index]
        name = row.name.strip()
        if not name or not self.answered(row_field_id(index, "name")):
            return False
        if name == "*" and row.weight == 0:
            return True
        return all(self.answered(row_field_id(index, key)) for key in ("target_text", "actual_text", "weight"))

    def score(self, row: IndicatorRow, **override: object) -> RowResult:
        return self.context.score(row, **override)

    def budget(self) -> BudgetResult:
        return self.context.budget(self.evaluation.funds)

    def row_result(self, index: int) -> RowResult | None:
        """The computed result of one indicator row, when it has enough answers."""
        if not 0 <= index < len(self.rows) or not self.row_complete(index):
            return None
        return self.score(self.rows[index])

    def row_results(self) -> list[RowResult | None]:
        """One entry per row of the form, in order: its result, or None while it lacks answers."""
        return [self.row_result(index) for index in range(len(self.rows))]

    def scored(self) -> ScoredEvaluation:
        """The evaluation as scored now (rows still being filled are left out)."""
        complete = [
            (row, result) for row, result in zip(self.rows, self.row_results(), strict=True) if result is not None
        ]
        partial = self.evaluation.model_copy(update={"indicators": [row for row, _ in complete]})
        return ScoredEvaluation(partial, self.context.profile, self.budget(), [result for _, result in complete])

    def weight_left(self) -> Decimal:
        """分值 still unassigned: 100 − budget weight − the indicators' weights."""
        from domain.scoring.checks import weight_total

        return FULL_MARKS - weight_total(self.evaluation)

    def running_total_text(self) -> str:
        left = self.weight_left()
        return t(
            "hint.running_total",
            total=fixed(self.scored().total, 2),
            assigned=plain(FULL_MARKS - left),
            left=plain(left),
        )

    def row_events(self, index: int, spec: FieldSpec) -> list[Event]:
        """A row's score, its notes and the running total, as shown once the row is complete."""
        result = self.score(self.rows[index])
        if direction_pending(result):
            text = t(
                "explanation.direction_unknown"
                if result.has_note("direction_unknown")
                else "explanation.direction_pending"
            )
        else:
            text = result.explanation.shown
        events = [Event(EventKind.EXPLANATION, text, spec, result)]
        events += [
            Event(EventKind.WARNING if note.code in WARNING_NOTES else EventKind.HINT, note.shown, spec, note)
            for note in result.notes
        ]
        return [*events, Event(EventKind.HINT, self.running_total_text(), spec)]

    def budget_events(self) -> list[Event]:
        budget = self.budget()
        if budget.score is None:
            return []
        events = [Event(EventKind.EXPLANATION, budget.explanation.shown, data=budget)]
        return events + [
            Event(EventKind.WARNING if note.code in WARNING_NOTES else EventKind.HINT, note.shown, data=note)
            for note in budget.notes
        ]

    def remove_row(self, index: int) -> str:
        """Delete row ``index`` (the last row left is cleared instead), keeping undo; returns what to say."""
        conversation, rows = self.conversation, self.rows
        conversation.remember(
            conversation.step(conversation.current_id or row_field_id(index, "level1"), self.evaluation)
        )
        cleared = len(rows) == 1
        if cleared:
            rows[0] = IndicatorRow()
        else:
            del rows[index]
        conversation.row_removed(index, len(rows), cleared)
        return t("interview.row_cleared" if cleared else "interview.row_removed", number=index + 1)

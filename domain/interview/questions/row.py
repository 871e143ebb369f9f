"""What every indicator-row question shares: the row it is about, its title, when a row is unused (`*`),
resetting decisions that no longer hold, and showing the row's score once it is complete."""

from __future__ import annotations

from collections.abc import Mapping

from domain.interview.form import Form
from domain.interview.outcome import Outcome
from domain.interview.questions.base import Question
from domain.interview.specs import FieldKind, FieldSpec, make_spec, row_field_id, row_title
from domain.record.models import IndicatorRow


class RowQuestion(Question):
    """A question asked once per indicator row; ``name`` is the field's key within the row."""

    row_question = True
    name = ""
    kind = FieldKind.TEXT
    scores = True  # a change of this field changes the row's score (its explanation is shown again)
    on_unused_rows = False  # asked even for a `*` row worth 0

    def __init__(self) -> None:
        self.key = f"row.{self.name}"

    def specs(self, form: Form, row: int | None = None) -> list[FieldSpec]:
        assert row is not None
        if not self.on_unused_rows and unused(form.rows[row]):
            return []
        return self.row_specs(form, row, row_title(row, form.rows[row].name))

    def row_specs(self, form: Form, index: int, title: str) -> list[FieldSpec]:
        return [self.spec(index, title=title)]

    def spec(self, index: int, *, help_fields: Mapping[str, object] | None = None, **fields: object) -> FieldSpec:
        return make_spec(
            self.key,
            row_field_id(index, self.name),
            "indicators",
            self.name,
            self.kind,
            row=index,
            help_fields=help_fields,
            prompt=fields,
        )

    def value_text(self, form: Form, spec: FieldSpec) -> str:
        assert spec.row is not None
        return str(getattr(form.rows[spec.row], self.name))

    def apply(self, form: Form, spec: FieldSpec, raw: str, keep: bool) -> Outcome:
        assert spec.row is not None
        index = spec.row
        outcome, changed = self.change(form, spec, index, form.rows[index], raw, keep)
        show = self.name == "weight" or (self.scores and not keep and changed)
        if show and form.row_complete(index):
            outcome.events.extend(form.row_events(index, spec))
        return outcome

    def change(
        self, form: Form, spec: FieldSpec, index: int, row: IndicatorRow, raw: str, keep: bool
    ) -> tuple[Outcome, bool]:
        """Apply the answer to the row: the outcome, and whether the row changed."""
        raise NotImplementedError


def unused(row: IndicatorRow) -> bool:
    """A row written `*` with 分值 0 stands for no indicator (a placeholder kept from the form)."""
    return row.name.strip() == "*" and row.weight == 0


def reset_decisions(row: IndicatorRow, index: int, judged_only: bool = False) -> set[str]:
    """Decisions taken about a row's old values no longer hold once those values change: clears them and
    returns the fields to ask again."""
    stale = {row_field_id(index, "judged_score")}
    row.judged_score = None
    if not judged_only:
        row.direction = None
        stale.add(row_field_id(index, "direction"))
    return stale

"""The what-if controller: an indicator's (or the budget row's) score for values the user is trying out.

Free-standing, it scores what is typed with a profile (the default unless given) and takes the direction
from the catalogue entry the typed name stands for. Built from a row of a form, it starts from that row's
values, scores by the form's own profile, shows the change in the form's total, and applies the tried
values to the form only when asked — as answers to the row's fields, reporting any that did not take.
Every renderer (the calculator screen, plain mode) only draws what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from domain.errors import InputError
from domain.interview.events import EventKind
from domain.interview.specs import row_field_id
from domain.messages import t
from domain.record.models import Direction
from domain.scoring.profile import Profile
from domain.scoring.rounding import plain
from domain.scoring.rules import BudgetResult, RowResult
from domain.scoring.whatif import budget_whatif, indicator_whatif, parse_amount, parse_weight

if TYPE_CHECKING:
    from domain.catalogue.entries import CatalogueEntry
    from domain.catalogue.matching import IndicatorMatcher
    from domain.interview.controller import Interview

FIELDS = ("weight", "target_text", "actual_text", "direction", "judged")
_FIELD_KEYS = {
    "weight": "weight",
    "target_text": "target_text",
    "actual_text": "actual_text",
    "direction": "direction",
    "judged": "judged_score",
}


@dataclass(frozen=True)
class Tried:
    """Values typed into the calculator, as text (``direction`` a Direction value, or "" for as worded)."""

    weight: str
    target_text: str
    actual_text: str
    direction: str = ""
    judged: str = ""

    def get(self, name: str) -> str:
        return str(getattr(self, name))


@dataclass(frozen=True)
class RowStart:
    """Where a what-if on a form's row started: the row, its values, its score and the form's total."""

    row: int
    name: str
    values: Tried
    score: Decimal | None
    total: Decimal


@dataclass(frozen=True)
class Preview:
    """A tried indicator's result and, from a form's row, the form's total before and after."""

    result: RowResult
    total_before: Decimal | None = None
    total_after: Decimal | None = None

    @property
    def total_change(self) -> Decimal | None:
        if self.total_before is None or self.total_after is None:
            return None
        return self.total_after - self.total_before


class WhatIf:
    """One what-if session (see the module's docstring)."""

    def __init__(
        self,
        profile: Profile | None = None,
        start: RowStart | None = None,
        catalogue_direction: Direction | None = None,
    ) -> None:
        from domain.scoring.profile import builtin_profile

        self.profile = profile or builtin_profile()
        self.start = start
        self.catalogue_direction = catalogue_direction
        self.entry: CatalogueEntry | None = None
        self.typed_name = start.name if start is not None else ""  # its words tell a direction the catalogue does not

    @classmethod
    def for_row(cls, interview: Interview, index: int) -> WhatIf:
        """A what-if starting from row ``index`` of the interview's form, scored by the form's profile."""
        row = interview.evaluation.indicators[index]
        entry = interview.form.context.entry(row)
        result = interview.row_result(index)
        values = row_values(interview, index)
        start = RowStart(
            index, row.name, values, result.score if result is not None else None, interview.scored().total
        )
        whatif = cls(interview.profile, start, entry.direction if entry is not None else None)
        whatif.entry = entry
        return whatif

    def name(self, name: str, matcher: IndicatorMatcher | None) -> CatalogueEntry | None:
        """A free calculator's indicator name: the catalogue entry it stands for gives the direction."""
        from domain.catalogue.entries import ACCEPT_SCORE

        if self.start is not None:
            return self.entry  # a row's what-if keeps the row's name and its direction
        self.entry = None
        self.typed_name = name.strip()
        if name.strip() and matcher is not None:
            found = matcher.search(name, limit=1)
            if found and found[0].score >= ACCEPT_SCORE:
                self.entry = found[0].entry
        self.catalogue_direction = self.entry.direction if self.entry is not None else None
        return self.entry

    def preview(self, tried: Tried) -> Preview:
        """The score for the tried values (InputError with a plain message while something is missing)."""
        if not (tried.weight.strip() and tried.target_text.strip() and tried.actual_text.strip()):
            raise InputError(t("ui.whatif.fill_in"))
        judged = parse_amount(tried.judged, t("ui.whatif.judged")) if tried.judged.strip() else None
        direction = Direction(tried.direction) if tried.direction else None
        result = indicator_whatif(
            parse_weight(tried.weight),
            tried.target_text,
            tried.actual_text,
            direction,
            self.catalogue_direction,
            judged,
            self.profile,
            self.typed_name,
        )
        start = self.start
        if start is None or result.score is None:
            return Preview(result)
        return Preview(result, start.total, start.total - (start.score or Decimal(0)) + result.score)

    def judge(self, result: RowResult, tried: Tried, text: str) -> RowResult:
        """The result with a judged score inside the row's band (InputError naming the band otherwise)."""
        value = parse_amount(text.strip().removesuffix("分"), t("field.judged_score.label"))
        low, high = result.band or (Decimal(0), parse_weight(tried.weight))
        if not result.admits(value):  # bands are half-open: 部分达成 stops below its top
            top = t("scoring.open_top", high=plain(high)) if result.band_open else plain(high)
            raise InputError(t("error.judged_band", low=plain(low), high=top, text=text))
        judged = Tried(tried.weight, tried.target_text, tried.actual_text, tried.direction, plain(value))
        return self.preview(judged).result

    def budget(self, budget: str, executed: str, weight: str = "") -> BudgetResult:
        if not (budget.strip() and executed.strip()):
            raise InputError(t("ui.whatif.fill_in_budget"))
        return budget_whatif(
            parse_amount(budget, t("ui.whatif.budget")),
            parse_amount(executed, t("ui.whatif.executed")),
            parse_weight(weight) if weight.strip() else None,
            self.profile,
        )

    def apply(self, interview: Interview, tried: Tried) -> tuple[bool, list[str]]:
        """Write the tried values into the row, field by field as answers (the interview stays where it was).
        Returns whether anything was to change, and a plain message for every value that did not take."""
        if self.start is None:
            return False, []
        index = self.start.row
        changed = [name for name in FIELDS if tried.get(name) != row_values(interview, index).get(name)]
        problems: list[str] = []
        for name in changed:
            if tried.get(name) == row_values(interview, index).get(name):
                continue  # an earlier change already brought it there
            field_id = _field_id(interview, index, _FIELD_KEYS[name])
            if field_id is None:
                continue
            problems += [
                event.text for event in interview.edit(field_id, tried.get(name)) if event.kind is EventKind.ERROR
            ]
        after = row_values(interview, index, effective=True)
        for name in changed:
            if not _same(name, after.get(name), tried.get(name)) and not problems:
                label = t(f"ui.whatif.{'judged' if name == 'judged' else name.removesuffix('_text')}")
                problems.append(t("ui.review.not_applied", row=index + 1, label=label))
        return bool(changed), problems


def row_values(interview: Interview, index: int, effective: bool = False) -> Tried:
    """A row's values as the calculator shows them; ``effective``: a judged score left to the method's
    default (the top of a met qualitative indicator's band) counts as that default."""
    row = interview.evaluation.indicators[index]
    judged = plain(row.judged_score) if row.judged_score is not None else ""
    if effective and not judged:
        spec_id = _field_id(interview, index, "judged_score")
        optional = any(state.spec.optional for state in interview.fields() if state.spec.id == spec_id)
        result = interview.row_result(index)
        if optional and result is not None and result.score is not None:
            judged = plain(result.score)
    return Tried(
        plain(row.weight), row.target_text, row.actual_text, row.direction.value if row.direction else "", judged
    )


def _field_id(interview: Interview, row: int, key: str) -> str | None:
    wanted = row_field_id(row, key)
    return wanted if any(state.spec.id == wanted for state in interview.fields()) else None


def _same(name: str, have: str, want: str) -> bool:
    if name in ("weight", "judged"):
        try:
            return Decimal(have or "NaN") == Decimal((want or "NaN").strip().removesuffix("分"))
        except (ArithmeticError, InvalidOperation):
            return have == want
    return have == want.strip()

"""The reviewer's report as data: the headline counts, the grade distribution, the largest gaps between
declared and audited totals, and how each catalogue indicator scores across the forms.

A ``Review`` is filled one form summary at a time; the workbook writer and the terminal table read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from domain.review.summary import LEVELS, FormSummary, RowScore
from domain.scoring.findings import Severity
from domain.scoring.profile import Profile

GAP_ROWS = 10  # forms shown in the chart of the largest gaps


@dataclass(slots=True)
class IndicatorTally:
    """One catalogue indicator (or a name the catalogue does not know) over every form that uses it."""

    level1: str
    level2: str
    name: str
    in_catalogue: bool
    rows: int = 0
    weight: Decimal = Decimal(0)
    score: Decimal = Decimal(0)
    losing: int = 0
    worst_rate: Decimal | None = None

    def add(self, row: RowScore) -> None:
        self.rows += 1
        self.weight += row.weight
        self.score += row.score
        if row.lost > 0:
            self.losing += 1
        if row.weight > 0:
            rate = row.score / row.weight
            self.worst_rate = rate if self.worst_rate is None else min(self.worst_rate, rate)

    @property
    def lost(self) -> Decimal:
        return self.weight - self.score

    @property
    def rate(self) -> Decimal | None:
        """Score over weight across the forms (None when every row weighs nothing)."""
        return self.score / self.weight if self.weight > 0 else None


@dataclass(frozen=True, slots=True)
class Headline:
    forms: int
    with_errors: int
    errors: int
    warnings: int
    infos: int
    mean_total: Decimal | None
    overstated: Decimal  # the sum of declared − audited over forms that claim more than the method gives


@dataclass
class Review:
    """Every form of a batch, summarised, and what the report says about them."""

    profile: Profile
    forms: list[FormSummary] = field(default_factory=list)
    unusable: list[str] = field(default_factory=list)
    _indicators: dict[tuple[str, str, str, bool], IndicatorTally] = field(default_factory=dict)

    def add(self, summary: FormSummary) -> None:
        self.forms.append(summary)
        for row in summary.rows:
            in_catalogue = row.catalogue_name is not None
            name = row.catalogue_name if row.catalogue_name is not None else row.name
            key = (row.level1, row.level2, name, in_catalogue)
            tally = self._indicators.get(key)
            if tally is None:
                tally = self._indicators[key] = IndicatorTally(row.level1, row.level2, name, in_catalogue)
            tally.add(row)

    def headline(self) -> Headline:
        counts = {severity: sum(form.count(severity) for form in self.forms) for severity in Severity}
        totals = [form.computed_total for form in self.forms]
        mean = (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01")) if totals else None
        overstated = sum((gap for form in self.forms if (gap := form.gap) is not None and gap > 0), Decimal(0))
        return Headline(len(self.forms), sum(form.has_errors for form in self.forms), counts[Severity.ERROR],
                        counts[Severity.WARNING], counts[Severity.INFO], mean, overstated)

    def grade_counts(self) -> list[tuple[str, int]]:
        """Each grade of the profile, best first, with how many forms earned it (grades not in it after)."""
        words = [word for word, _ in sorted(self.profile.grades.items(), key=lambda item: item[1], reverse=True)]
        words.append(self.profile.lowest_grade)
        words += sorted({form.grade for form in self.forms if form.grade is not None} - set(words))
        return [(word, sum(1 for form in self.forms if form.grade == word)) for word in words]

    def largest_gaps(self, limit: int = GAP_ROWS) -> list[FormSummary]:
        """The forms whose declared total is furthest from the audited one (ties in input order); no zero gaps."""
        gapped = [form for form in self.forms if form.gap]
        return sorted(gapped, key=lambda form: -abs(form.gap or Decimal(0)))[:limit]

    def indicators(self) -> list[IndicatorTally]:
        """Every indicator, by 一级 in the framework's order, then the most points lost first."""
        order = {level: index for index, level in enumerate(LEVELS)}
        return sorted(self._indicators.values(),
                      key=lambda tally: (order.get(tally.level1, len(order)), tally.level1, -tally.lost, tally.level2, tally.name))

    def levels(self) -> list[str]:
        """The 一级 columns of the points-lost table: the framework's, then any other a form used."""
        extra = sorted({level for form in self.forms for level in form.lost()} - set(LEVELS))
        return [*LEVELS, *extra]

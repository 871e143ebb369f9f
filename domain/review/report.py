"""The reviewer's report as data: the headline counts, the grade distribution, the largest gaps between
declared and audited totals, and how each catalogue indicator scores across the forms.

A ``Review`` takes one form at a time and keeps only running sums, the ten largest gaps and one tally per
indicator; the forms themselves go to a spool on disk (``domain.review.spool``) and are read back, in the
order a reviewer sends them back, by the workbook writer and the terminal table. A form read twice (a form
and its export) is counted once, and said.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from domain.review.forms import ReportForm, packed, unpacked
from domain.review.spool import Spool
from domain.review.summary import LEVELS, RowScore
from domain.scoring.findings import Severity
from domain.scoring.profile import Profile

GAP_ROWS = 10  # forms shown in the chart of the largest gaps
LEVEL_RANK = {level: index for index, level in enumerate(LEVELS)}


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
    read_twice: int = 0  # forms read a second time (a form and its export), counted once
    unusable: int = 0  # files that could not be read


def _rank(level1: str) -> int:
    return LEVEL_RANK.get(level1, len(LEVEL_RANK))


def _order(tally: IndicatorTally) -> tuple[int, str, float, str, str, bool]:
    return _rank(tally.level1), tally.level1, -float(tally.lost), tally.level2, tally.name, not tally.in_catalogue


def _added(row: RowScore, tally: IndicatorTally | None) -> IndicatorTally:
    """A tally of a name outside the catalogue with one more row."""
    tally = tally or IndicatorTally(row.level1, row.level2, row.name, False)
    tally.add(row)
    return tally


class Review:
    """Every form of a batch, counted as it arrives; the forms are kept on disk, not in memory."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.spool = Spool()
        self._forms = self._with_errors = 0
        self._counts: Counter[Severity] = Counter()
        self._grades: Counter[str] = Counter()
        self._total = self._overstated = Decimal(0)
        self._gaps: list[tuple[Decimal, int, ReportForm]] = []  # a min-heap of the largest gaps so far
        self._levels: set[str] = set()
        self.compared_targets = False  # a form was compared with approved targets (``--targets``): a column for it
        self._indicators: dict[tuple[str, str, str], IndicatorTally] = {}  # catalogue entries: bounded

    def add(self, form: ReportForm) -> str | None:
        """Count a form; when it was read before (same key), count nothing and return where it was first read."""
        first = self.spool.first_seen(form.key, form.file)
        if first is not None:
            return first
        seq = self._forms
        self._forms += 1
        self._with_errors += form.has_errors
        self._counts.update(finding.severity for finding in form.findings)
        if form.grade is not None:
            self._grades[form.grade] += 1
        self._total += form.computed_total
        gap = form.gap
        if gap is not None and gap > 0:
            self._overstated += gap
        if gap:
            entry = (abs(gap), -seq, form)
            if len(self._gaps) < GAP_ROWS:
                heapq.heappush(self._gaps, entry)
            elif entry[:2] > self._gaps[0][:2]:
                heapq.heapreplace(self._gaps, entry)
        self._levels.update(level for level, _ in form.lost)
        self.compared_targets = self.compared_targets or any(
            finding.code.startswith("targets.") for finding in form.findings
        )
        for row in form.rows:
            if row.catalogue_name is None:  # names outside the catalogue grow with the forms: kept on disk
                self.spool.tally(
                    (row.level1, row.level2, row.name),
                    _rank(row.level1),
                    partial(_added, row),
                    lambda tally: float(tally.lost),
                )
                continue
            key = (row.level1, row.level2, row.catalogue_name)
            tally = self._indicators.get(key)
            if tally is None:
                tally = self._indicators[key] = IndicatorTally(row.level1, row.level2, row.catalogue_name, True)
            tally.add(row)
        self.spool.keep(packed(form), form.has_errors, float(gap or 0))
        return None

    def add_unusable(self, problem: str) -> None:
        self.spool.unusable(problem)

    def headline(self) -> Headline:
        mean = (self._total / self._forms).quantize(Decimal("0.01")) if self._forms else None
        return Headline(
            self._forms,
            self._with_errors,
            self._counts[Severity.ERROR],
            self._counts[Severity.WARNING],
            self._counts[Severity.INFO],
            mean,
            self._overstated,
            self.spool.repeats,
            self.spool.unusable_count,
        )

    def grade_counts(self) -> list[tuple[str, int]]:
        """Each grade of the profile, best first, with how many forms earned it (grades not in it after)."""
        words = [word for word, _ in sorted(self.profile.grades.items(), key=lambda item: item[1], reverse=True)]
        words.append(self.profile.lowest_grade)
        words += sorted(set(self._grades) - set(words))
        return [(word, self._grades[word]) for word in words]

    def largest_gaps(self, limit: int = GAP_ROWS) -> list[ReportForm]:
        """The forms whose declared total is furthest from the audited one (ties in input order); no zero gaps."""
        return [form for _, _, form in sorted(self._gaps, key=lambda entry: (-entry[0], -entry[1]))][:limit]

    def indicators(self) -> Iterator[IndicatorTally]:
        """Every indicator, by 一级 in the framework's order, then the most points lost first (names outside the
        catalogue among them, from the spool)."""
        known = sorted(self._indicators.values(), key=_order)
        return heapq.merge(known, self.spool.tallies(), key=_order)

    def levels(self) -> list[str]:
        """The 一级 columns of the points-lost table: the framework's, then any other a form used."""
        return [*LEVELS, *sorted(self._levels - set(LEVELS))]

    def forms(self) -> Iterator[ReportForm]:
        """The forms counted, in the order to send them back: errors first, then the largest gaps."""
        return (unpacked(data) for data in self.spool.in_send_back_order())

    def read_twice(self) -> Iterator[tuple[str, str]]:
        return self.spool.read_twice()

    def unusable(self) -> list[str]:
        return list(self.spool.problems())

    def close(self) -> None:
        self.spool.close()

    def __enter__(self) -> Review:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

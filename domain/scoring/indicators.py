"""Tie a form's rows to the catalogue: which entry each 三级 name means, and what is off in its 一级/二级."""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.catalogue.entries import ACCEPT_SCORE, Catalogue, CatalogueEntry, load_catalogue
from domain.catalogue.matching import IndicatorMatcher, default_matcher
from domain.catalogue.unit_kinds import contradicts
from domain.record.models import Evaluation, IndicatorRow
from domain.scoring.findings import Finding, FindingClass
from domain.scoring.profile import Profile
from domain.scoring.rules import ScoredEvaluation, score_budget, score_row
from domain.scoring.slips import label_weight
from domain.scoring.wording import msg


@dataclass(frozen=True)
class RowMatch:
    """The catalogue entry a row was matched to (or None) and what the framework says of its levels."""

    row: IndicatorRow
    entry: CatalogueEntry | None
    score: float
    how: str
    level1: str | None  # the framework name of the row's 一级, or None when not recognised
    level2: str | None

    def findings(self, number: int) -> list[Finding]:
        """Structure findings for this row (row numbers are 1-based)."""
        row = self.row
        if row.is_unused:
            return []
        found: list[Finding] = []
        if self.level1 is None:
            found.append(
                Finding(
                    FindingClass.STRUCTURE,
                    "level1",
                    msg("check.level1", row=number, level1=row.level1),
                    number,
                    row.name,
                )
            )
        if self.level2 is None:
            expected = msg("check.level2.satisfaction" if self.level1 == "满意度指标" else "check.level2.usual")
            what = msg("check.level2.unknown", level2=row.level2) if row.level2.strip() else msg("check.level2.blank")
            found.append(
                Finding(
                    FindingClass.STRUCTURE,
                    "level2",
                    msg("check.level2", row=number, name=row.name, what=what, expected=expected),
                    number,
                    row.name,
                )
            )
        if self.entry is None:
            found.append(
                Finding(
                    FindingClass.STRUCTURE, "level3", msg("check.level3", row=number, name=row.name), number, row.name
                )
            )
        return found


def entry_for(row: IndicatorRow, catalogue: Catalogue | None = None) -> CatalogueEntry | None:
    """The entry a row names outright: its recorded catalogue_name, else its written name when that is a
    catalogue name (or alias, settled by the 二级). None for a declined match (catalogue_name "") or a `*` row."""
    if row.catalogue_name == "":
        return None
    name = (row.catalogue_name or row.name).strip()
    if not name or name == "*":
        return None
    catalogue = catalogue or load_catalogue()
    return catalogue.resolve(name, catalogue.normalise_level2(row.level2, catalogue.normalise_level1(row.level1)))


def match_row(
    row: IndicatorRow, catalogue: Catalogue | None = None, matcher: IndicatorMatcher | None = None
) -> RowMatch:
    """Match one row: the recorded catalogue_name if it is known, else the best fuzzy match above ACCEPT_SCORE."""
    catalogue = catalogue or load_catalogue()
    matcher = matcher or default_matcher()
    level1 = catalogue.normalise_level1(row.level1)
    if level1 is None:  # 产出指标(50分): the label carries its weight (checked in domain.scoring.slips)
        labelled = label_weight(row.level1)
        level1 = catalogue.normalise_level1(labelled[0]) if labelled else None
    level2 = catalogue.normalise_level2(row.level2, level1)
    if row.is_unused:
        return RowMatch(row, None, 0.0, "unused", level1, level2)
    if row.catalogue_name == "":
        return RowMatch(row, None, 0.0, "declined", level1, level2)  # the user said it is not in the catalogue
    named = entry_for(row, catalogue)
    if named is not None and (
        row.catalogue_name or row.name.strip() == named.name or not contradicts(named.unit, row.target_text)
    ):
        return RowMatch(row, named, 100.0, "recorded" if row.catalogue_name else "exact", level1, level2)
    if named is not None:  # an alias, but a target of another kind of unit: not taken on trust
        return RowMatch(row, None, 0.0, "none", level1, level2)
    matches = matcher.search(row.name, level2=level2, limit=1, level1=level1) if row.name.strip() else []
    if matches and matches[0].score >= ACCEPT_SCORE and not contradicts(matches[0].entry.unit, row.target_text):
        best = matches[0]
        return RowMatch(row, best.entry, best.score, best.how, level1, level2)
    return RowMatch(row, None, matches[0].score if matches else 0.0, "none", level1, level2)


_MATCHED: dict[tuple[object, ...], RowMatch] = {}  # what a row's names matched, by those names


def match_rows(rows: list[IndicatorRow]) -> list[RowMatch]:
    """Match every row of a form against the default catalogue (the same names are matched once: a
    department's forms repeat them)."""
    catalogue, matcher = load_catalogue(), default_matcher()
    matches: list[RowMatch] = []
    for row in rows:
        key = (id(catalogue), id(matcher), row.level1, row.level2, row.name, row.catalogue_name, row.is_unused)
        known = _MATCHED.get(key)
        if known is None:
            if len(_MATCHED) >= 8192:
                _MATCHED.clear()
            known = _MATCHED[key] = match_row(row, catalogue, matcher)
        matches.append(known if known.row is row else replace(known, row=row))
    return matches


def score_with_catalogue(evaluation: Evaluation, profile: Profile) -> tuple[ScoredEvaluation, list[RowMatch]]:
    """Score a form with each row's direction taken from the catalogue entry it matches."""
    matches = match_rows(evaluation.indicators)
    rows = [score_row(match.row, profile, match.entry.direction if match.entry else None) for match in matches]
    return ScoredEvaluation(evaluation, profile, score_budget(evaluation.funds, profile), rows), matches

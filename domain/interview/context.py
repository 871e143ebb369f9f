"""The form's context: the rule profile, the catalogue and the matcher, and scoring a row or the budget row
with them. It holds no answers; the catalogue and matcher load on first use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from domain.catalogue.entries import ACCEPT_SCORE
from domain.errors import InputError
from domain.record.models import Funds, IndicatorRow
from domain.scoring.profile import Profile
from domain.scoring.rules import BudgetResult, RowResult, score_budget, score_row

if TYPE_CHECKING:
    from domain.catalogue.entries import Catalogue, CatalogueEntry
    from domain.catalogue.matching import IndicatorMatcher, Match


__all__ = ["ACCEPT_SCORE", "OFFER_SCORE", "FormContext"]
OFFER_SCORE = 50.0  # matches below this are not offered at all


@dataclass
class FormContext:
    """How a form is scored: its profile (named by the form, or given), the catalogue and the matcher."""

    profile_name: str = "default"
    given_profile: Profile | None = None
    _profile: Profile | None = field(default=None, init=False, repr=False)
    _matches: dict[tuple[str, str, str], list[Match]] = field(default_factory=dict, init=False, repr=False)

    @property
    def profile(self) -> Profile:
        if self._profile is None:
            self._profile = self.given_profile or _load(self.profile_name)
        return self._profile

    def catalogue(self) -> Catalogue:
        from domain.catalogue.entries import load_catalogue

        return load_catalogue()

    def matcher(self) -> IndicatorMatcher:
        from domain.catalogue.matching import default_matcher

        return default_matcher()

    def entry(self, row: IndicatorRow) -> CatalogueEntry | None:
        """The catalogue entry a row stands for: the one chosen, else its name when that is a catalogue name."""
        from domain.scoring.indicators import entry_for

        return entry_for(row, self.catalogue())

    def matches(self, row: IndicatorRow) -> list[Match]:
        """Catalogue entries worth offering for a name that is not itself a catalogue name (cached)."""
        key = (row.name.strip(), row.level2, row.level1)
        if key not in self._matches:
            name = key[0]
            if not name or name == "*" or self.catalogue().resolve(name, row.level2 or None) is not None:
                found: list[Match] = []
            else:
                found = [
                    match
                    for match in self.matcher().search(name, row.level2 or None, 5, level1=row.level1 or None)
                    if match.score >= OFFER_SCORE
                ]
            self._matches[key] = found
        return self._matches[key]

    def score(self, row: IndicatorRow, **override: object) -> RowResult:
        """The row's result by the profile and its catalogue entry's direction (``override`` replaces fields)."""
        entry = self.entry(row)
        scored_row = row.model_copy(update=override) if override else row
        return score_row(scored_row, self.profile, entry.direction if entry is not None else None)

    def budget(self, funds: Funds) -> BudgetResult:
        return score_budget(funds, self.profile)


def _load(name: str) -> Profile:
    from domain.scoring.profile import builtin_profile, load_profile

    try:
        return load_profile(name)
    except InputError:
        return builtin_profile()

"""Scoring practice on real forms: the trainee scores each row with the scores hidden, and is told why.

A ``TrainingSession`` goes through the budget row and every scorable indicator row of one or more
evaluations (default: the seed forms shipped in fixtures/seed). Answers are checked to 0.01; rows that
need judgement accept any score inside their band. In walk mode it shows each row's score and
explanation in turn instead of asking (for a trainer in front of a class).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from domain.errors import InputError
from domain.interview import walk
from domain.interview.events import Event, EventKind
from domain.interview.specs import FieldKind, FieldSpec
from domain.messages import t
from domain.record.models import Direction, Evaluation, IndicatorRow
from domain.scoring.profile import Profile
from domain.scoring.rounding import fixed, plain, quantize
from domain.scoring.rules import BudgetResult, RowResult, RowStatus

TOLERANCE = Decimal("0.01")
_SKIP = {"s", "skip", "跳过", "下一题"}
_QUIT = {"q", "quit", "退出", "结束"}


@dataclass(frozen=True)
class TrainingItem:
    """One row to score: which form and row (None for the budget row), what the trainee sees, the answer."""

    form: int
    row: int | None
    description: str
    result: RowResult | BudgetResult
    band: tuple[Decimal, Decimal] | None = None  # any answer inside counts (rows that need judgement)
    shown: int = 0  # the row's number as shown: placeholder rows that are left out leave no gap

    @property
    def expected(self) -> Decimal | None:
        return self.result.score


@dataclass
class TrainingTally:
    """How the trainee did so far."""

    correct: int = 0
    wrong: int = 0
    skipped: int = 0
    seen: int = 0
    mistakes: list[tuple[int, int | None]] = field(default_factory=list)  # (form, row) answered wrongly

    @property
    def answered(self) -> int:
        return self.correct + self.wrong


def _load_forms(paths: Sequence[str | Path] | None) -> list[tuple[str, Evaluation]]:
    from domain.paths import seed_dir
    from domain.record.storage import load_evaluation

    if not paths:
        seed = seed_dir()
        files = sorted(seed.glob("*.toml")) or sorted(seed.glob("*.tsv"))
        if not files:
            raise InputError(t("train.no_forms", where=seed))
    else:
        from domain.review.batch import form_paths

        files = []
        for name in paths:
            try:
                files.extend(form_paths([str(name)]))  # found as `jixiao check` finds forms
            except InputError:
                raise InputError(t("train.no_forms", where=Path(name))) from None
    forms: list[tuple[str, Evaluation]] = []
    for path in files:
        if path.suffix in (".tsv", ".txt"):
            forms.extend(_sheet_forms(path))
        elif path.suffix == ".toml":
            forms.append((str(path), load_evaluation(path)))
        else:
            from domain.sheets.forms import open_forms

            forms.extend(open_forms(path))  # a workbook: each of its forms
    return forms


def _sheet_forms(path: Path) -> list[tuple[str, Evaluation]]:
    from domain.record.storage import read_text_file
    from domain.sheets.importing import with_catalogue_names
    from domain.sheets.tsv import parse_sheet

    forms = parse_sheet(read_text_file(path, t("train.sheet_file")), source_name=path.name)
    return [(f"{path.name}:{form.line}", with_catalogue_names(form.evaluation)) for form in forms]


def _catalogue_direction(row: IndicatorRow) -> Direction | None:
    """The catalogue direction `jixiao check` would use for this row, so both agree on every score."""
    from domain.scoring.indicators import match_row

    entry = match_row(row).entry
    return entry.direction if entry is not None else None


class TrainingSession:
    """A practice round over some evaluations; every method returns the events to show next."""

    def __init__(
        self,
        forms: Sequence[tuple[str, Evaluation]],
        walk: bool = False,
        profile: Profile | None = None,
        keys: str | None = None,
    ) -> None:
        self.forms = list(forms)
        self.walk = walk
        self.profile = profile
        # how to skip a row and end the round, as the one showing the round says it ("输入 s 跳过，q 结束。"
        # in the line mode; a full-screen renderer names its keys); set it before start()
        self.keys = keys if keys is not None else t("train.keys.walk" if walk else "train.keys")
        self.tally = TrainingTally()
        self.items = self._build_items()
        self.position = 0
        self._finished = False
        self._visited: set[int] = set()  # walk mode: the rows shown so far
        if not self.items:
            raise InputError(t("train.nothing"))

    @classmethod
    def from_paths(
        cls,
        paths: Sequence[str | Path] | None = None,
        walk: bool = False,
        profile: Profile | None = None,
        keys: str | None = None,
    ) -> TrainingSession:
        """Practise on evaluation files or directories (default: the seed forms). InputError if none."""
        return cls(_load_forms(paths), walk, profile, keys)

    # --- conversation ---------------------------------------------------------------------------
    def start(self) -> list[Event]:
        one = len(self.forms) == 1  # English says “1 form”, not “1 forms”
        key = (
            ("train.start.walk.one" if one else "train.start.walk")
            if self.walk
            else ("train.start.one" if one else "train.start")
        )
        return [
            Event(EventKind.INFO, t(key, forms=len(self.forms), items=len(self.items), keys=self.keys)),
            *self.present(),
        ]

    @property
    def done(self) -> bool:
        return self._finished

    @property
    def current(self) -> FieldSpec | None:
        if self._finished:
            return None
        item = self.items[self.position]
        where = "budget" if item.row is None else str(item.row)
        if self.walk:
            return FieldSpec(
                f"train.{item.form}.{where}",
                "training",
                t("train.walk.label"),
                t("train.walk.question", keys=self.keys),
                FieldKind.CONFIRM,
                optional=True,
            )
        return FieldSpec(
            f"train.{item.form}.{where}",
            "training",
            t("train.question.label"),
            t("train.question"),
            FieldKind.NUMBER,
            t("train.question.help"),
            placeholder=t("train.placeholder"),
        )

    @property
    def current_item(self) -> TrainingItem | None:
        return None if self._finished else self.items[self.position]

    def answer(self, text: str) -> list[Event]:
        """Check a score (or, in walk mode, move on); "s" skips, "q" ends with the summary, nothing asks again."""
        if self._finished:
            return []
        word = (text or "").strip().lower()
        if word in _QUIT:
            return self.finish()
        item = self.items[self.position]
        if self.walk:
            return self._next()
        if word in _SKIP:
            return self.skip()
        if not word:
            return [Event(EventKind.ERROR, t("train.empty"), self.current), *self._ask()]
        try:
            from domain.scoring.whatif import parse_amount

            given = parse_amount(word.removesuffix("分"), t("train.question.label"))
        except InputError as error:
            return [Event(EventKind.ERROR, error.message, self.current), *self._ask()]
        self.tally.seen += 1
        events = [
            self._verdict(item, given),
            Event(EventKind.EXPLANATION, item.result.explanation.shown, data=item.result),
        ]
        return events + self._next()

    def skip(self) -> list[Event]:
        """Show the answer of the current row and move on (in walk mode, where it is shown already: move on)."""
        if self._finished:
            return []
        if self.walk:
            return self._next()
        item = self.items[self.position]
        self.tally.skipped += 1
        self.tally.seen += 1
        score = self._score_text(item)
        events = [
            Event(EventKind.INFO, t("train.skipped", score=score)),
            Event(EventKind.EXPLANATION, item.result.explanation.shown, data=item.result),
        ]
        return events + self._next()

    def finish(self) -> list[Event]:
        """End the round now and give the summary."""
        self._finished = True
        tally = self.tally
        if self.walk:
            text = t("train.summary.walk", seen=tally.seen, items=len(self.items))
        else:
            accuracy = ""
            if tally.answered:
                accuracy = t(
                    "train.summary.accuracy", percent=plain(quantize(Decimal(100) * tally.correct / tally.answered, 0))
                )
            text = t(
                "train.summary",
                correct=tally.correct,
                answered=tally.answered,
                skipped=tally.skipped,
                accuracy=accuracy,
            )
        return [Event(EventKind.DONE, text, data=tally)]

    # --- inner workings -------------------------------------------------------------------------
    def profile_for(self, evaluation: Evaluation) -> Profile:
        if self.profile is not None:
            return self.profile
        from domain.scoring.profile import builtin_profile, load_profile

        try:
            return load_profile(evaluation.profile)
        except InputError:
            return builtin_profile()

    def _build_items(self) -> list[TrainingItem]:
        from domain.scoring.rules import score_budget, score_row

        items: list[TrainingItem] = []
        for number, (_, evaluation) in enumerate(self.forms):
            profile = self.profile_for(evaluation)
            funds = evaluation.funds
            budget = score_budget(funds, profile)
            if budget.score is not None:
                description = t(
                    "train.budget",
                    budget=plain(funds.total.annual_budget or Decimal(0)),
                    executed=plain(funds.total.executed or Decimal(0)),
                    weight=plain(funds.weight),
                )
                items.append(TrainingItem(number, None, description, budget))
            shown = 0
            for index, row in enumerate(evaluation.indicators):
                blind = row.model_copy(update={"judged_score": None})
                result = score_row(blind, profile, _catalogue_direction(row))
                if result.status is RowStatus.UNUSED:
                    continue
                shown += 1
                band = None
                if result.status is RowStatus.JUDGEMENT or result.band is not None:
                    band = result.band or (Decimal(0), row.weight)
                description = t(
                    "train.row",
                    number=shown,
                    level2=row.level2 or "—",
                    name=row.name,
                    target=row.target_text or "—",
                    actual=row.actual_text or "—",
                    weight=plain(row.weight),
                )
                items.append(TrainingItem(number, index, description, result, band, shown))
        return items

    def present(self, fresh: bool = False) -> list[Event]:
        """The current row (``fresh``: after a step back or a jump, with its form's name again)."""
        item = self.items[self.position]
        events: list[Event] = []
        if fresh or self.position == 0 or self.items[self.position - 1].form != item.form:
            _, evaluation = self.forms[item.form]
            events.append(
                Event(
                    EventKind.INFO,
                    t(
                        "train.form",
                        number=item.form + 1,
                        name=evaluation.header.project_name,
                        department=evaluation.header.department or "—",
                    ),
                )
            )
        events.append(Event(EventKind.INFO, item.description, data=item))
        if item.band is not None:
            band = "train.band.walk" if self.walk else "train.band"
            events.append(Event(EventKind.HINT, t(band, low=plain(item.band[0]), high=plain(item.band[1]))))
        if self.walk:
            self._visited.add(self.position)
            self.tally.seen = len(self._visited)
            events.append(Event(EventKind.EXPLANATION, item.result.explanation.shown, data=item.result))
        return events + self._ask()

    def reopen(self) -> None:
        """Walk on after the summary (a step back or a jump from the end)."""
        self._finished = False

    def ask_again(self) -> list[Event]:
        return self._ask()

    def _ask(self) -> list[Event]:
        spec = self.current
        return [] if spec is None else [Event(EventKind.QUESTION, spec.prompt, spec, "")]

    def _next(self) -> list[Event]:
        form = self.items[self.position].form
        self.position += 1
        ending = self.position >= len(self.items) or self.items[self.position].form != form
        total = [walk.total_event(self, form)] if self.walk and ending else []
        if self.position >= len(self.items):
            self.position = len(self.items) - 1
            return total + self.finish()
        return total + self.present()

    def _score_text(self, item: TrainingItem) -> str:
        if item.band is not None:
            return f"{plain(item.band[0])}–{plain(item.band[1])}"
        return fixed(item.expected, 2) if item.expected is not None else t("train.pending")

    def _verdict(self, item: TrainingItem, given: Decimal) -> Event:
        if item.band is not None:
            low, high = item.band
            right = low - TOLERANCE <= given <= high + TOLERANCE
            text = (
                t("train.correct.band", low=plain(low), high=plain(high))
                if right
                else t("train.wrong.band", given=plain(given), low=plain(low), high=plain(high))
            )
        else:
            expected = item.expected if item.expected is not None else Decimal(0)
            right = abs(given - expected) <= TOLERANCE
            score = fixed(expected, 2)
            text = t("train.correct", score=score) if right else t("train.wrong", given=plain(given), score=score)
        if right:
            self.tally.correct += 1
            return Event(EventKind.INFO, text, data=True)
        self.tally.wrong += 1
        self.tally.mistakes.append((item.form, item.row))
        return Event(EventKind.WARNING, text, data=False)

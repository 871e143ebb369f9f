"""Naming an indicator row: 一级, 二级, the 三级 name as written, and the catalogue entry it is taken as."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from domain.catalogue.unit_kinds import contradicts, unit_kind
from domain.errors import InputError
from domain.interview.context import ACCEPT_SCORE
from domain.interview.events import Event, EventKind
from domain.interview.form import Form
from domain.interview.outcome import Outcome
from domain.interview.questions.base import choose
from domain.interview.questions.row import RowQuestion, reset_decisions
from domain.interview.specs import Choice, FieldKind, FieldSpec, find_choice, label_of, numbered, row_field_id
from domain.interview.words import direction_words, suggestion_of, unit_words
from domain.messages import t
from domain.record.models import IndicatorRow

if TYPE_CHECKING:
    from domain.catalogue.entries import CatalogueEntry


class Level1(RowQuestion):
    name = "level1"
    kind = FieldKind.CHOICE
    scores = False
    on_unused_rows = True

    def row_specs(self, form: Form, index: int, title: str) -> list[FieldSpec]:
        return [self.with_choices(index, numbered(form.context.catalogue().level1_names()), title=title)]

    def with_choices(self, index: int, choices: tuple[Choice, ...], **fields: object) -> FieldSpec:
        from dataclasses import replace

        return replace(self.spec(index, help_fields=None, **fields), choices=choices)

    def default_text(self, form: Form, spec: FieldSpec) -> str:
        assert spec.row is not None
        current = self.value_text(form, spec)
        above = form.rows[spec.row - 1] if spec.row > 0 else None
        values = [choice.value for choice in spec.choices]
        return current or (above.level1 if above is not None and above.level1 else values[0] if values else "")

    def change(
        self, form: Form, spec: FieldSpec, index: int, row: IndicatorRow, raw: str, keep: bool
    ) -> tuple[Outcome, bool]:
        outcome = Outcome()
        if keep:
            return outcome, False
        catalogue = form.context.catalogue()
        choice = find_choice(spec, raw)
        value = choice.value if choice is not None else catalogue.normalise_level1(raw)
        if value not in {item.value for item in spec.choices}:
            choose(spec, raw)  # refused, naming the choices
        if value == row.level1:
            return outcome, False
        row.level1 = value or ""
        if row.level2 and catalogue.normalise_level2(row.level2, value) not in catalogue.level2_names(value):
            row.level2 = ""
            outcome.unanswer.add(row_field_id(index, "level2"))
        return outcome, True


class Level2(Level1):
    name = "level2"
    scores = True

    def row_specs(self, form: Form, index: int, title: str) -> list[FieldSpec]:
        catalogue = form.context.catalogue()
        row = form.rows[index]
        names = catalogue.level2_names(row.level1) or catalogue.level2_names()
        return [self.with_choices(index, numbered(names), level1=row.level1 or t("field.level1.label"), title=title)]

    def default_text(self, form: Form, spec: FieldSpec) -> str:
        assert spec.row is not None
        current = self.value_text(form, spec)
        values = [choice.value for choice in spec.choices]
        above = form.rows[spec.row - 1] if spec.row > 0 else None
        if current in values:
            return current
        if above is not None and above.level2 in values:
            return above.level2
        return values[0] if values else current

    def change(
        self, form: Form, spec: FieldSpec, index: int, row: IndicatorRow, raw: str, keep: bool
    ) -> tuple[Outcome, bool]:
        outcome = Outcome()
        if keep:
            return outcome, True
        choice = find_choice(spec, raw)
        value = choice.value if choice is not None else form.context.catalogue().normalise_level2(raw, row.level1)
        if value not in {item.value for item in spec.choices}:
            raise InputError(t("error.level2", text=raw, level1=row.level1 or t("field.level1.label")))
        if value == row.level2:
            return outcome, True
        before = form.score(row, direction=None, judged_score=None)
        row.level2 = value or ""
        after = form.score(row, direction=None, judged_score=None)
        if (before.status, before.band, before.direction, before.notes) != (
            after.status,
            after.band,
            after.direction,
            after.notes,
        ):
            outcome.unanswer |= reset_decisions(row, index)  # another reading of the row: decisions may not hold
        if row.name.strip():
            outcome.events, outcome.unanswer = (
                match_name(form, index, row),
                outcome.unanswer | {row_field_id(index, "catalogue")},
            )
        return outcome, True


class IndicatorName(RowQuestion):
    name = "name"
    kind = FieldKind.INDICATOR
    on_unused_rows = True

    def change(
        self, form: Form, spec: FieldSpec, index: int, row: IndicatorRow, raw: str, keep: bool
    ) -> tuple[Outcome, bool]:
        if keep:
            return Outcome(), True
        changed = raw != row.name
        before = form.context.entry(row)
        row.name = raw
        if raw == "*":
            row.weight = Decimal(0)
        outcome = Outcome(match_name(form, index, row), unanswer={row_field_id(index, "catalogue")})
        if changed and (before is None or form.context.entry(row) != before):  # the full name keeps decisions
            outcome.unanswer |= reset_decisions(row, index)
        return outcome, True


def match_name(form: Form, index: int, row: IndicatorRow) -> list[Event]:
    """Tie a freshly written name to the catalogue: exact names at once, near ones offered as choices."""
    name = row.name.strip()
    if name == "*":
        row.catalogue_name = None
        return [Event(EventKind.HINT, t("hint.unused_row"))]
    catalogue = form.context.catalogue()
    entry = catalogue.resolve(name, row.level2 or None)
    if entry is not None and entry.name != name and contradicts(entry.unit, row.target_text):
        entry = None  # an alias, but a target in another kind of unit: asked, not taken on trust
    if entry is not None:
        row.catalogue_name = entry.name
        events = [Event(EventKind.HINT, entry_hint(entry), data=entry), *full_name_hint(form, index)]
        level2 = catalogue.normalise_level2(row.level2, row.level1)
        if level2 is not None and entry.level2 != level2:
            events.append(
                Event(
                    EventKind.WARNING,
                    t("warning.catalogue_level", name=entry.name, level1=entry.level1, level2=entry.level2),
                )
            )
        return events
    matches = form.context.matches(row)
    if not matches:
        row.catalogue_name = None
        return [Event(EventKind.HINT, t("hint.no_catalogue", name=name))]
    best = matches[0]
    confident = best.score >= ACCEPT_SCORE and not contradicts(best.entry.unit, row.target_text)
    row.catalogue_name = best.entry.name if confident else None
    offered = [suggestion_of(match.entry, match.score, match.how) for match in matches]
    return [Event(EventKind.SUGGESTIONS, t("field.catalogue.prompt", name=name), data=offered)]


class CatalogueEntryChoice(RowQuestion):
    """Which catalogue entry a name that is not itself a catalogue name stands for (0: none)."""

    name = "catalogue"
    kind = FieldKind.CHOICE

    def row_specs(self, form: Form, index: int, title: str) -> list[FieldSpec]:
        from dataclasses import replace

        row = form.rows[index]
        matches = form.context.matches(row)
        entries = [(match.entry.name, entry_label(match.entry)) for match in matches]
        if not matches:  # a catalogue name (or alias) is asked about only when the target's unit contradicts it
            named = form.context.catalogue().resolve(row.name.strip(), row.level2 or None) if row.name.strip() else None
            if named is None or named.name == row.name.strip() or not contradicts(named.unit, row.target_text):
                return []
            entries = [(named.name, entry_label(named))]
        chosen = form.context.catalogue().get(row.catalogue_name) if row.catalogue_name else None
        if chosen is not None and chosen.name not in {value for value, _ in entries}:
            entries.insert(0, (chosen.name, entry_label(chosen)))
        choices = tuple(Choice(str(number), value, label) for number, (value, label) in enumerate(entries, start=1))
        choices += (Choice("0", "", t("choice.catalogue.none")),)
        return [replace(self.spec(index, name=row.name.strip()), choices=choices)]

    def value_text(self, form: Form, spec: FieldSpec) -> str:
        assert spec.row is not None
        return label_of(spec, form.rows[spec.row].catalogue_name)

    def default_text(self, form: Form, spec: FieldSpec) -> str:
        assert spec.row is not None
        if form.rows[spec.row].catalogue_name is not None:
            return self.value_text(form, spec)
        return label_of(spec, "")

    def change(
        self, form: Form, spec: FieldSpec, index: int, row: IndicatorRow, raw: str, keep: bool
    ) -> tuple[Outcome, bool]:
        value = choose(spec, raw).value
        outcome = Outcome()
        if value != (row.catalogue_name or ""):
            outcome.unanswer = reset_decisions(row, index)
        row.catalogue_name = value
        entry = form.context.entry(row)
        if entry is None:
            return outcome, True
        if _is_pinyin(row.name):  # "sbgzl" was a way of finding the name, not the name itself
            row.name = entry.name
        outcome.events.append(Event(EventKind.HINT, entry_hint(entry), spec, entry))
        outcome.events += full_name_hint(form, index)
        return outcome, True


def _is_pinyin(name: str) -> bool:
    letters = name.replace(" ", "").replace("'", "")
    return letters.isascii() and letters.isalpha()


def entry_hint(entry: CatalogueEntry) -> str:
    definition = t("hint.catalogue.definition", definition=entry.definition) if entry.definition else ""
    return (
        t("hint.catalogue", name=entry.name, direction=direction_words(entry.direction), unit=unit_words(entry.unit))
        + definition
    )


def entry_label(entry: CatalogueEntry) -> str:
    return t(
        "choice.catalogue.entry",
        name=entry.name,
        level2=entry.level2,
        direction=direction_words(entry.direction),
        unit=unit_words(entry.unit),
    )


def unit_conflict(form: Form, index: int, row: IndicatorRow) -> Outcome:
    """After a target is written: a catalogue entry taken for a name that is not the entry's own (a cut-off
    name, an alias, a near match) whose unit is of another kind (≤36万元 against 项目招标资金节约率, %) is no
    longer trusted; the entry question is asked again, saying why. The entry's own name stands whatever the
    unit: real forms write “100%” for a planned count."""
    entry = form.context.entry(row) if row.catalogue_name else None
    if entry is None or row.name.strip() == entry.name or not contradicts(entry.unit, row.target_text):
        return Outcome()  # the entry's own name stands: forms write “100%” of a planned count
    row.catalogue_name = None
    kinds = {kind: t(f"unit_kind.{kind}") for kind in ("percent", "money", "time", "count")}
    from domain.record.values import parse_value

    warning = t(
        "warning.catalogue_unit",
        name=entry.name,
        unit=entry.unit,
        target=row.target_text.strip(),
        kind=kinds[unit_kind(parse_value(row.target_text).unit)],
        entry_kind=kinds[unit_kind(entry.unit)],
    )
    asked = row_field_id(index, "catalogue")
    return Outcome([Event(EventKind.WARNING, warning)], goto=asked, unanswer={asked})


def full_name_offer(form: Form, index: int) -> str | None:
    """The catalogue's full name for a row whose written name (what the official form will show) is not it:
    a cut-off 项目招标资金 taken as 项目招标资金节约率. None when the row names no entry or already its name."""
    if not 0 <= index < len(form.rows):
        return None
    row = form.rows[index]
    entry = form.context.entry(row)
    if entry is None or row.name.strip() == entry.name or row.name.strip() in ("", "*"):
        return None
    return entry.name


def full_name_target(form: Form, current_row: int | None) -> tuple[int, str] | None:
    """The row the full-name key acts on: the current row when it has an offer, else the nearest row before
    it (or the last row) that has one; with the full name."""
    start = current_row if current_row is not None else len(form.rows) - 1
    for index in range(min(start, len(form.rows) - 1), -1, -1):
        offer = full_name_offer(form, index)
        if offer is not None:
            return index, offer
    return None


def full_name_hint(form: Form, index: int) -> list[Event]:
    """Says what the official form will show for the row, and the key that takes the catalogue's name."""
    offer = full_name_offer(form, index)
    if offer is None:
        return []
    return [Event(EventKind.HINT, t("hint.full_name", written=form.rows[index].name.strip(), full=offer))]


def use_full_name(interview: Any) -> list[Event]:
    """The full-name key (ctrl+f, plain ``:n``): the row's name becomes its catalogue entry's full name, as an
    answer to its name field (undo takes it back); says which row, or that there is none to change."""
    current = interview.current
    found = full_name_target(interview.form, current.row if current is not None else None)
    if found is None:
        return [Event(EventKind.INFO, t("interview.full_name_none"))]
    index, full = found
    events: list[Event] = interview.edit(row_field_id(index, "name"), full)
    if any(event.kind is EventKind.ERROR for event in events):
        return events
    return [Event(EventKind.INFO, t("interview.full_name_done", row=index + 1, full=full))]

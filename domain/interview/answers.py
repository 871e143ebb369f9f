"""Reading and applying one answer of the interview: validation, the change to the form, and what to say.

Companion of domain.interview.controller: each function takes the interview, checks the answer (raising InputError
with a plain message when it is refused) and changes the evaluation; the interview keeps the order,
undo and autosave.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.errors import InputError
from domain.interview.controller import (
    ACCEPT_SCORE,
    DONE_ID,
    FULL_MARKS,
    SCORE_KEYS,
    Event,
    EventKind,
    Interview,
    direction_words,
    suggestion_of,
    unit_words,
)
from domain.interview.fields import (
    FUNDS_COLUMNS,
    FUNDS_REASON_ID,
    FUNDS_WEIGHT_ID,
    MORE_ID,
    SAVE_ID,
    SOURCE_ROWS,
    SOURCES_ID,
    Choice,
    FieldSpec,
    find_choice,
    parse_confirm,
    row_field_id,
    split_row_id,
)
from domain.messages import t
from domain.record.models import Direction, FundsRow, IndicatorRow, ValueKind
from domain.scoring.rounding import plain


@dataclass
class Outcome:
    """What an accepted answer led to: events to show, a field to go to, and whether it counts as answered."""

    events: list[Event]
    goto: str | None = None
    answered: bool = True


def apply_answer(interview: Interview, spec: FieldSpec, raw: str, keep: bool) -> Outcome:
    """Check and apply ``raw`` to the field ``spec``; ``keep`` means the current answer was confirmed as is."""
    field_id = spec.id
    place = split_row_id(field_id)
    if place is not None:
        return _apply_row(interview, spec, place[0], place[1], raw, keep)
    if field_id.startswith("header."):
        return _apply_header(interview, field_id.removeprefix("header."), spec, raw)
    if field_id == SOURCES_ID:
        return _apply_sources(interview, spec, raw)
    if field_id == FUNDS_WEIGHT_ID:
        return _apply_funds_weight(interview, raw, keep)
    if field_id == FUNDS_REASON_ID:
        interview.evaluation.funds.reason = raw
        return Outcome([Event(EventKind.WARNING, t("warning.reason_missing"))] if not raw else [])
    if field_id.startswith("funds."):
        _, row, column = field_id.split(".")
        return _apply_amount(interview, spec, row, column, raw)
    if field_id.startswith("goals."):
        setattr(interview.evaluation.goals, field_id.removeprefix("goals."), raw)
        return Outcome([])
    if field_id == MORE_ID:
        return _apply_more(interview, raw)
    return _apply_save(interview, raw)


def _apply_header(interview: Interview, key: str, spec: FieldSpec, raw: str) -> Outcome:
    from domain.scoring.whatif import parse_amount

    value: object = raw
    if key == "project_amount":
        value = parse_amount(raw, spec.label) if raw else None
    elif key == "year":
        value = _parse_year(raw) if raw else None
    setattr(interview.evaluation.header, key, value)
    return Outcome([])


def _apply_amount(interview: Interview, spec: FieldSpec, row: str, column: str, raw: str) -> Outcome:
    from domain.scoring.checks import check_funds
    from domain.scoring.whatif import parse_amount

    funds = interview.evaluation.funds
    value = parse_amount(raw, spec.label)
    before = getattr(getattr(funds, row), column)
    setattr(getattr(funds, row), column, value)
    mode = interview._extras.get(SOURCES_ID)
    if row == "total" and mode in SOURCE_ROWS:
        _fill_sources(interview, mode)
    events: list[Event] = []
    sources_done = mode == "split" and all(f"funds.{source}.{column}" in interview._answered for source in SOURCE_ROWS)
    label = t(f"funds.column.{column}")
    for finding in check_funds(funds):
        if finding.detail == "funds_sum" and sources_done and finding.message.startswith(label):
            events.append(Event(EventKind.WARNING, finding.message, data=finding))
        elif finding.detail == "executed_over_budget" and row == "total" and column != "initial_budget":
            events.append(Event(EventKind.WARNING, finding.message, data=finding))
    if row == "total" and FUNDS_WEIGHT_ID in interview._answered and value != before:
        events.extend(interview._budget_events())
    return Outcome(events)


def _apply_sources(interview: Interview, spec: FieldSpec, raw: str) -> Outcome:
    choice = _choose(spec, raw)
    interview._extras[SOURCES_ID] = choice.value
    if choice.value in SOURCE_ROWS:
        _fill_sources(interview, choice.value)
        interview._answered -= {f"funds.{row}.{column}" for row in SOURCE_ROWS for column in FUNDS_COLUMNS}
    return Outcome([])


def _fill_sources(interview: Interview, mode: str) -> None:
    funds = interview.evaluation.funds
    total = funds.total
    zero = FundsRow(**{column: None if getattr(total, column) is None else Decimal(0) for column in FUNDS_COLUMNS})
    for source in SOURCE_ROWS:
        setattr(funds, source, total.model_copy() if source == mode else zero.model_copy())


def _apply_funds_weight(interview: Interview, raw: str, keep: bool) -> Outcome:
    weight = _parse_weight(raw)
    others = FULL_MARKS - interview.weight_left() - interview.evaluation.funds.weight
    events: list[Event] = []
    if others + weight > FULL_MARKS:
        if not keep:
            raise InputError(t("error.weight_over", left=plain(max(Decimal(0), FULL_MARKS - others))))
        events.append(Event(EventKind.WARNING, t("warning.weights_over", total=plain(others + weight))))
    interview.evaluation.funds.weight = weight
    return Outcome(events + interview._budget_events())


def _apply_more(interview: Interview, raw: str) -> Outcome:
    wanted = parse_confirm(raw)
    if wanted is None:
        raise InputError(t("error.confirm"))
    rows = interview.evaluation.indicators
    if wanted:
        rows.append(IndicatorRow())
        interview._extras.pop(MORE_ID, None)
        return Outcome([Event(EventKind.INFO, t("interview.row_added", number=len(rows)))],
                       goto=row_field_id(len(rows) - 1, "level1"), answered=False)
    interview._extras[MORE_ID] = "no"
    left = interview.weight_left()
    events = []
    if left > 0:
        events.append(Event(EventKind.WARNING, t("warning.weights_short", total=plain(FULL_MARKS - left),
                                                 left=plain(left))))
    elif left < 0:
        events.append(Event(EventKind.WARNING, t("warning.weights_over", total=plain(FULL_MARKS - left))))
    return Outcome(events, goto=SAVE_ID)


def _apply_save(interview: Interview, raw: str) -> Outcome:
    wanted = parse_confirm(raw)
    if wanted is None:
        raise InputError(t("error.confirm"))
    if wanted:
        interview._extras[SAVE_ID] = "yes"
        return Outcome([], goto=DONE_ID)
    interview._extras.pop(SAVE_ID, None)
    target = interview._return_to or interview._specs()[0].id
    interview._return_to = None
    return Outcome([Event(EventKind.INFO, t("interview.review_declined"))], goto=target, answered=False)


def _apply_row(interview: Interview, spec: FieldSpec, index: int, key: str, raw: str, keep: bool) -> Outcome:
    row = interview.evaluation.indicators[index]
    events: list[Event] = []
    changed = True
    if key == "level1":
        _set_level1(interview, spec, index, row, raw, keep)
    elif key == "level2":
        events = _set_level2(interview, spec, index, row, raw, keep)
    elif key == "name":
        events = [] if keep else _set_name(interview, index, row, raw)
    elif key == "catalogue":
        events = _set_catalogue(interview, spec, index, row, raw)
    elif key in ("target_text", "actual_text"):
        events = [] if keep else _set_value(interview, index, row, key, raw)
    elif key == "weight":
        events = _set_weight(interview, index, row, raw, keep)
    elif key == "direction":
        direction = Direction(_choose(spec, raw).value)
        if direction != row.direction:
            row.direction = direction
            _reset_decisions(interview, index, judged_only=True)
    elif key == "judged_score":
        changed = _set_judged(interview, spec, row, raw)
    else:
        row.deviation_reason = raw
        if not raw:
            events = [Event(EventKind.WARNING, t("warning.reason_missing"), spec)]
    if (key == "weight" or (key in SCORE_KEYS and not keep and changed)) and interview._row_complete(index):
        events.extend(interview._row_events(index, spec))
    return Outcome(events)


def _set_level1(interview: Interview, spec: FieldSpec, index: int, row: IndicatorRow, raw: str, keep: bool) -> None:
    if keep:
        return
    catalogue = interview._catalogue()
    choice = find_choice(spec, raw)
    value = choice.value if choice is not None else catalogue.normalise_level1(raw)
    if value not in {item.value for item in spec.choices}:
        _choose(spec, raw)
    if value != row.level1:
        row.level1 = value
        if row.level2 and catalogue.normalise_level2(row.level2, value) not in catalogue.level2_names(value):
            row.level2 = ""
            interview._answered.discard(row_field_id(index, "level2"))


def _set_level2(interview: Interview, spec: FieldSpec, index: int, row: IndicatorRow, raw: str, keep: bool) -> list[Event]:
    if keep:
        return []
    choice = find_choice(spec, raw)
    value = choice.value if choice is not None else interview._catalogue().normalise_level2(raw, row.level1)
    if value not in {item.value for item in spec.choices}:
        raise InputError(t("error.level2", text=raw, level1=row.level1 or t("field.level1.label")))
    if value == row.level2:
        return []
    before = interview._score(row, direction=None, judged_score=None)
    row.level2 = value
    after = interview._score(row, direction=None, judged_score=None)
    if (before.status, before.band, before.direction, before.notes) != (after.status, after.band, after.direction,
                                                                      after.notes):
        _reset_decisions(interview, index)  # another reading of the row: earlier decisions may not hold
    return _match_name(interview, index, row) if row.name.strip() else []


def _set_name(interview: Interview, index: int, row: IndicatorRow, raw: str) -> list[Event]:
    changed = raw != row.name
    row.name = raw
    if raw == "*":
        row.weight = Decimal(0)
    events = _match_name(interview, index, row)
    if changed:
        _reset_decisions(interview, index)
    return events


def _match_name(interview: Interview, index: int, row: IndicatorRow) -> list[Event]:
    """Tie a freshly written name to the catalogue: exact names at once, near ones offered as choices."""
    interview._answered.discard(row_field_id(index, "catalogue"))
    name = row.name.strip()
    if name == "*":
        row.catalogue_name = None
        return [Event(EventKind.HINT, t("hint.unused_row"))]
    catalogue = interview._catalogue()
    entry = catalogue.resolve(name, row.level2 or None)
    if entry is not None:
        row.catalogue_name = entry.name
        events = [Event(EventKind.HINT, _entry_hint(entry), data=entry)]
        level2 = catalogue.normalise_level2(row.level2, row.level1)
        if level2 is not None and entry.level2 != level2:
            events.append(Event(EventKind.WARNING, t("warning.catalogue_level", name=entry.name,
                                                     level1=entry.level1, level2=entry.level2)))
        return events
    matches = interview._matches(row)
    if not matches:
        row.catalogue_name = None
        return [Event(EventKind.HINT, t("hint.no_catalogue", name=name))]
    best = matches[0]
    row.catalogue_name = best.entry.name if best.score >= ACCEPT_SCORE else None
    offered = [suggestion_of(match.entry, match.score, match.how) for match in matches]
    return [Event(EventKind.SUGGESTIONS, t("field.catalogue.prompt", name=name), data=offered)]


def _set_catalogue(interview: Interview, spec: FieldSpec, index: int, row: IndicatorRow, raw: str) -> list[Event]:
    value = _choose(spec, raw).value
    if value != (row.catalogue_name or ""):
        _reset_decisions(interview, index)
    row.catalogue_name = value
    entry = interview._entry(row)
    if entry is None:
        return []
    if _is_pinyin(row.name):  # "sbgzl" was a way of finding the name, not the name itself
        row.name = entry.name
    return [Event(EventKind.HINT, _entry_hint(entry), spec, entry)]


def _is_pinyin(name: str) -> bool:
    letters = name.replace(" ", "").replace("'", "")
    return letters.isascii() and letters.isalpha()


def _set_value(interview: Interview, index: int, row: IndicatorRow, key: str, raw: str) -> list[Event]:
    from domain.record.values import describe, parse_value

    setattr(row, key, raw)
    _reset_decisions(interview, index)
    parsed = parse_value(raw)
    if parsed.kind is ValueKind.UNREADABLE:
        return [Event(EventKind.WARNING, t("warning.value_unreadable", value=raw, note=parsed.note), data=parsed)]
    if parsed.direction_hint is not None and key == "target_text":
        text = _reading_with_direction(describe(parsed), direction_words(parsed.direction_hint))
    else:
        text = t("hint.value", value=describe(parsed))
    return [Event(EventKind.HINT, text, data=parsed)]


def _reading_with_direction(value: str, direction: str) -> str:
    """“读作：满意（达成，定性）”: a reading that already ends in brackets takes the direction inside them."""
    if value.endswith("）") and "（" in value:
        head, _, detail = value[:-1].rpartition("（")
        if head and "）" not in detail:
            return t("hint.value.detail_direction", value=head, detail=detail, direction=direction)
    return t("hint.value.direction", value=value, direction=direction)


def _set_weight(interview: Interview, index: int, row: IndicatorRow, raw: str, keep: bool) -> list[Event]:
    weight = _parse_weight(raw)
    others = FULL_MARKS - interview.weight_left() - row.weight
    events: list[Event] = []
    if others + weight > FULL_MARKS:
        if not keep:
            raise InputError(t("error.weight_over", left=plain(max(Decimal(0), FULL_MARKS - others))))
        events.append(Event(EventKind.WARNING, t("warning.weights_over", total=plain(others + weight))))
    if weight != row.weight:
        row.weight = weight
        _reset_decisions(interview, index, judged_only=True)
    return events


def _set_judged(interview: Interview, spec: FieldSpec, row: IndicatorRow, raw: str) -> bool:
    """Record the judged score; on a row the method scores by default (a met qualitative indicator: the top
    of its band), that default is kept as no judgement at all. True when the row's judged score changed."""
    from domain.record.values import normalise_text
    from domain.scoring.whatif import parse_amount

    value = parse_amount(normalise_text(raw).removesuffix("分"), spec.label)
    undecided = interview._score(row, judged_score=None)
    low, high = undecided.band or (Decimal(0), row.weight)
    if not undecided.admits(value):
        raise InputError(t("error.judged_band", low=plain(low), high=plain(high), text=raw))
    wanted = None if spec.optional and undecided.score is not None and value == undecided.score else value
    if wanted == row.judged_score:
        return False
    row.judged_score = wanted
    return True


def _reset_decisions(interview: Interview, index: int, judged_only: bool = False) -> None:
    """Decisions taken about a row's old values no longer hold once those values change."""
    row = interview.evaluation.indicators[index]
    if not judged_only:
        row.direction = None
        interview._answered.discard(row_field_id(index, "direction"))
    row.judged_score = None
    interview._answered.discard(row_field_id(index, "judged_score"))



def _entry_hint(entry) -> str:
    definition = t("hint.catalogue.definition", definition=entry.definition) if entry.definition else ""
    return t("hint.catalogue", name=entry.name, direction=direction_words(entry.direction),
             unit=unit_words(entry.unit)) + definition


def _choose(spec: FieldSpec, raw: str) -> Choice:
    choice = find_choice(spec, raw)
    if choice is None:
        raise InputError(t("error.choice", keys="、".join(item.key for item in spec.choices)))
    return choice


def _parse_year(raw: str) -> int:
    from domain.record.values import normalise_text

    text = normalise_text(raw).removesuffix("年度").removesuffix("年")
    if not text.isdigit() or not 1990 <= int(text) <= 2100:
        raise InputError(t("error.year", text=raw))
    return int(text)


def _parse_weight(raw: str) -> Decimal:
    from domain.record.values import normalise_text
    from domain.scoring.whatif import parse_weight

    return parse_weight(normalise_text(raw).removesuffix("分"))

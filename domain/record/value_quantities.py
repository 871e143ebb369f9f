"""Read a number with its comparator, multiplier, unit and range (≥90%, 94.8万份, 3-5个工作日), and the words around it."""

from __future__ import annotations

from decimal import Decimal, localcontext

from domain.record.kinds import Comparator, Direction, ParsedValue, ValueKind
from domain.record.value_notes import Unreadable, join_notes, say
from domain.record.value_text import format_number, plain_number
from domain.record.value_words import (
    APPROX_PREFIXES,
    APPROX_SUFFIXES,
    ASCII_UNIT,
    CJK_RUN,
    DIRECTION_OF,
    HAS_DIGIT,
    KILO_UNITS,
    LABEL_ENDINGS,
    MAX_DIGITS,
    MULTIPLIERS,
    NEUTRAL_PREFIXES,
    NEUTRAL_SUFFIXES,
    NUMBER,
    OPEN_BRACKETS,
    PREFIX_COMPARATORS,
    PREFIX_LONGEST_FIRST,
    RANGE,
    SEPARATORS,
    SUFFIX_COMPARATORS,
    SUFFIX_LONGEST_FIRST,
    TIME_UNITS,
    UNIT_ALIASES,
    UNITS_LONGEST_FIRST,
)


def acceptable_tail(tail: str, notes: list[str]) -> bool:
    """Whether words after a clear value can be ignored; adds a note when they are."""
    if tail == "":
        return True
    for word in NEUTRAL_SUFFIXES:
        if tail == word:
            return True
    if tail.startswith(OPEN_BRACKETS):
        notes.append(say("values.ignored_tail", tail=tail))
        return True
    if tail.startswith(SEPARATORS):
        if HAS_DIGIT.search(tail):
            raise Unreadable(say("values.several_numbers"))
        notes.append(say("values.ignored_tail", tail=tail))
        return True
    if NUMBER.match(tail):
        raise Unreadable(say("values.several_numbers"))
    if len(tail) <= 2 and CJK_RUN.fullmatch(tail):
        notes.append(say("values.ignored_tail", tail=tail))
        return True
    return False


def _strip_prefix(lead: str, notes: list[str]) -> tuple[Comparator | None, bool, bool, bool] | None:
    """Comparator, approximate?, 节约?, negative? from the words before the number; None if not a lead-in."""
    comparator: Comparator | None = None
    approx = saving = negative = False
    if lead.endswith("-") and (lead == "-" or lead[:-1].endswith(tuple(PREFIX_COMPARATORS))):
        negative = True
        lead = lead[:-1]
    progress = True
    while lead and progress:
        progress = False
        for word in PREFIX_LONGEST_FIRST:
            if lead.endswith(word):
                found = PREFIX_COMPARATORS[word]
                if comparator is not None and DIRECTION_OF[found] != DIRECTION_OF[comparator]:
                    raise Unreadable(say("values.conflicting_comparators"))
                comparator = comparator or found
                lead, progress = lead[: -len(word)], True
                break
        else:
            for word in NEUTRAL_PREFIXES:
                if lead.endswith(word):
                    saving = saving or word in ("节约", "节省")
                    lead, progress = lead[: -len(word)], True
                    break
            else:
                for word in APPROX_PREFIXES:
                    if lead.endswith(word):
                        approx, lead, progress = True, lead[: -len(word)], True
                        break
    if lead == "":
        return comparator, approx, saving, negative
    if len(lead) <= 10 and lead.endswith(LABEL_ENDINGS) and not HAS_DIGIT.search(lead):
        notes.append(say("values.ignored_lead", lead=lead.rstrip(":")))
        return comparator, approx, saving, negative
    return None


def _read_unit(rest: str, per_part: bool = True) -> tuple[str, str]:
    """The unit at the start of ``rest`` (with one /per part, as in 元/卷) and what follows it."""
    unit = ""
    for word in UNITS_LONGEST_FIRST:
        if rest.startswith(word):
            unit, rest = word, rest[len(word) :]
            break
    else:
        match = ASCII_UNIT.match(rest)
        if match:
            unit, rest = match.group(), rest[match.end() :]
        else:
            run = CJK_RUN.match(rest)
            if run:
                candidate = run.group()
                cut = min(
                    (
                        candidate.find(word)
                        for word in (*SUFFIX_COMPARATORS, *APPROX_SUFFIXES, *NEUTRAL_SUFFIXES)
                        if word in candidate
                    ),
                    default=len(candidate),
                )
                if 1 <= cut <= 2:
                    unit, rest = candidate[:cut], rest[cut:]
    unit = UNIT_ALIASES.get(unit, unit)
    if per_part and rest.startswith("/"):
        per, after = _read_unit(rest[1:], per_part=False)
        if per:
            unit, rest = f"{unit}/{per}", after
    return unit, rest


def read_quantity(raw: str, text: str) -> ParsedValue | None:
    """A number with its comparator, multiplier and unit, or None when the value is words."""
    match = NUMBER.search(text)
    if match is None:
        return None
    notes: list[str] = []
    lead = _strip_prefix(text[: match.start()], notes)
    if lead is None:
        return None
    comparator, approx, saving, negative = lead
    digits = match.group().replace(",", "")
    if len(digits) > MAX_DIGITS:
        raise Unreadable(say("values.too_long"))
    number = Decimal(digits)
    if negative:
        number = -number
    number, unit, rest, _ = scale_and_unit(number, text[match.end() :])
    suffix, approx_after, rest = _read_suffix(rest)
    approx = approx or approx_after
    if suffix is not None:
        if comparator is not None and DIRECTION_OF[suffix] != DIRECTION_OF[comparator]:
            raise Unreadable(say("values.conflicting_comparators"))
        comparator = comparator or suffix
    range_match = RANGE.match(rest)
    if range_match:
        return _read_range(raw, number, unit, comparator, rest[range_match.end() :], notes)
    if not acceptable_tail(rest, notes):
        return None
    if approx:
        notes.insert(0, say("values.approximate"))
    if saving and comparator in (Comparator.LE, Comparator.LT):
        notes.append(say("values.saving_within"))
    hint = DIRECTION_OF[comparator] if comparator else (Direction.REVERSE if unit in TIME_UNITS else None)
    return ParsedValue(
        raw=raw,
        kind=ValueKind.QUANTITY,
        comparator=comparator,
        number=plain_number(number),
        unit=unit,
        direction_hint=hint,
        note=join_notes(notes),
    )


def scale_and_unit(number: Decimal, rest: str) -> tuple[Decimal, str, str, int | None]:
    """Apply a 万 / 亿 / 千 multiplier and read the unit after it (千克, 千米 … stay units).

    Also gives the power of ten applied (None when no multiplier was written)."""
    applied: int | None = None
    if not rest.startswith(KILO_UNITS):
        for word, power in MULTIPLIERS.items():
            if rest.startswith(word):
                with localcontext() as context:
                    context.prec = MAX_DIGITS + 20
                    number = number.scaleb(power)
                rest = rest[len(word) :]
                applied = power
                break
    unit, after = _read_unit(rest)
    return number, unit, after, applied


def _read_suffix(rest: str) -> tuple[Comparator | None, bool, str]:
    comparator: Comparator | None = None
    approx = False
    progress = True
    while rest and progress:
        progress = False
        if rest.startswith(("(含)", "(含本数)")):
            rest, progress = rest[rest.index(")") + 1 :], True
            continue
        for word in SUFFIX_LONGEST_FIRST:
            if rest.startswith(word):
                found = SUFFIX_COMPARATORS[word]
                if comparator is not None and found != comparator:
                    raise Unreadable(say("values.conflicting_comparators"))
                comparator, rest, progress = found, rest[len(word) :], True
                break
        else:
            for word in APPROX_SUFFIXES:
                if rest.startswith(word):
                    approx, rest, progress = True, rest[len(word) :], True
    return comparator, approx, rest


def _read_range(
    raw: str, low: Decimal, low_unit: str, comparator: Comparator | None, rest: str, notes: list[str]
) -> ParsedValue:
    """90%-95% → ≥90% (a time limit 3-5个工作日 → ≤5 工作日), with a note asking to confirm."""
    if comparator is not None:
        raise Unreadable(say("values.range_and_comparator"))
    match = NUMBER.match(rest)
    if match is None:
        raise Unreadable(say("values.bad_range"))
    high, high_unit, after, _ = scale_and_unit(Decimal(match.group().replace(",", "")), rest[match.end() :])
    if low_unit and high_unit and low_unit != high_unit:
        raise Unreadable(say("values.range_units"))
    unit = high_unit or low_unit
    if not acceptable_tail(after, notes):
        raise Unreadable(say("values.range_tail"))
    shown = f"{format_number(low)}{low_unit}-{format_number(high)}{high_unit}"
    low, high = min(low, high), max(low, high)  # 95%-90% is the same range as 90%-95%
    if unit in TIME_UNITS:
        notes.insert(0, say("values.range_upper", shown=shown, number=format_number(high), unit=unit))
        return ParsedValue(
            raw=raw,
            kind=ValueKind.QUANTITY,
            comparator=Comparator.LE,
            number=plain_number(high),
            unit=unit,
            direction_hint=Direction.REVERSE,
            note=join_notes(notes),
        )
    notes.insert(0, say("values.range_lower", shown=shown, number=format_number(low), unit=unit))
    return ParsedValue(
        raw=raw,
        kind=ValueKind.QUANTITY,
        comparator=Comparator.GE,
        number=plain_number(low),
        unit=unit,
        direction_hint=Direction.POSITIVE,
        note=join_notes(notes),
    )

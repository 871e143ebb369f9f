"""Parse what people write in 年度指标值 / 实际完成值 into a comparator, number and unit, or a grade.

Forms are filled by hand, so the reader is forgiving and says what it assumed in ``note``:

- Full-width characters (８０％, ＞, ≧, ．) and spaces anywhere are normalised silently.
- Comparators may stand before the number (≥, 不少于, 大于 …) or after it (以上, 以内, 内 …); both
  together must agree, else the value is unreadable.
- Multipliers are applied and dropped from the unit: 94.8万份 → 948000 份, 1.2亿 → 120000000.
  万元 / 亿元 / 千元 are read the same way (90万元 → 900000 元), so money compares in 元.
  千 is a multiplier only when it does not start a unit of its own (千克, 千米, 千瓦 stay units).
- A time limit (小时, 天, 工作日, 个月 …) with no comparator hints "lower is better" (on time → full).
- A range such as 90%-95% is read by its lower bound (≥90%) — or, for a time limit such as
  3-5个工作日, by its upper bound (≤5 工作日) — with a note asking to confirm.
- Words after a clear number are ignored with a note when they are an aside in brackets or one or
  two cut-off characters (100% (110个, 完成约4万栋附); longer words make the whole value TEXT, because
  the number is then not clearly the subject (11个登记所无…).
- "0" is read as the number 0: whether it is the placeholder of an unused row is decided by the row.
- Dates (2023年12月, 2021年12月底, 2020年12月31日前) become number = year × 100 + month.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from domain.messages.lookup import current_locale
from domain.record.kinds import Comparator, Direction, Grade, ParsedValue, ValueKind
from domain.record.value_dates import read_date
from domain.record.value_notes import Unreadable, say
from domain.record.value_quantities import read_quantity, scale_and_unit
from domain.record.value_text import format_number, normalise_text, spell_out
from domain.record.value_words import (
    CN_NUMERAL,
    CUT_COMPARATORS,
    DIRECTION_OF,
    GRADE_NOTES,
    GRADE_WORDS_ZH,
    GRADES,
    HAS_DIGIT,
    HAS_WORD,
    NUMBER,
    PLACEHOLDER,
    PREFIX_COMPARATORS,
    SYMBOL,
    TEXT_COMPARATORS,
    TRIM,
)

__all__ = ["INTERNAL_ERROR_NOTE", "describe", "multiplier_of", "parse_value"]


# --- public API ----------------------------------------------------------------------------------

INTERNAL_ERROR_NOTE = "无法识别（读取时出错）"  # a safety net that is never reached, so not in the tables


def parse_value(text: str) -> ParsedValue:
    """Read one written value; never raises (unreadable text becomes ValueKind.UNREADABLE)."""
    try:
        raw = text if isinstance(text, str) else str(text)
    except Exception:  # noqa: BLE001 - input from users must never raise
        raw = ""
    try:
        return _parse_cached(raw, current_locale())  # a reading's notes are in the interface's language
    except Exception:  # noqa: BLE001 - a safety net; the tests check it is never reached
        return ParsedValue(raw=raw, kind=ValueKind.UNREADABLE, note=INTERNAL_ERROR_NOTE)


def multiplier_of(value: ParsedValue) -> int | None:
    """The power of ten a 万 / 亿 / 千 written after the value's number applied (94.8万份 → 4), or None."""
    if value.kind is not ValueKind.QUANTITY:
        return None
    text = spell_out(normalise_text(value.raw))
    match = NUMBER.search(text)
    if match is None:
        return None
    return scale_and_unit(Decimal(1), text[match.end() :])[3]


def describe(value: ParsedValue) -> str:
    """A short Chinese rendering for explanations: ≥99%, 72小时, 满意（达成）, 948000份."""
    text = normalise_text(value.raw)
    kind = value.kind
    if kind is ValueKind.QUANTITY and value.number is not None:
        symbol = SYMBOL.get(value.comparator, "") if value.comparator else ""
        approx = "约" if "约数" in value.note else ""
        return f"{symbol}{approx}{format_number(value.number)}{value.unit}"
    if kind is ValueKind.DATE and value.number is not None:
        year, month = divmod(int(value.number), 100)
        before = "前" if value.comparator in (Comparator.LE, Comparator.LT) else ""
        return f"{year}年{month}月{before}"
    if kind is ValueKind.GRADE and value.grade is not None:
        return f"{text.strip(TRIM)}（{GRADE_WORDS_ZH[value.grade]}）"
    if kind is ValueKind.UNUSED:
        return say("values.blank") if text == "" else say("values.unused")
    if kind is ValueKind.UNREADABLE:
        shown = text if len(text) <= 20 else text[:20] + "…"
        return say("values.unreadable", text=shown)
    return text


# --- parsing -------------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _parse_cached(raw: str, locale: str) -> ParsedValue:
    return _parse(raw)


def _parse(raw: str) -> ParsedValue:
    text = normalise_text(raw)
    if text == "" or PLACEHOLDER.fullmatch(text):
        return ParsedValue(raw=raw, kind=ValueKind.UNUSED, note=say("values.blank") if text == "" else "")
    grade = _read_grade(text.strip(TRIM))
    if grade is not None:
        found, note = grade
        return ParsedValue(raw=raw, kind=ValueKind.GRADE, grade=found, direction_hint=Direction.QUALITATIVE, note=note)
    spelled = spell_out(text)
    if spelled != text:
        # Chinese numerals count only when they make a clean value (三个工作日内), not in 百年大计.
        try:
            value = read_date(raw, spelled) or read_quantity(raw, spelled)
        except Unreadable:
            value = None
        if value is not None and value.kind is not ValueKind.TEXT and "忽略了" not in value.note:
            return value
    if any(char in CN_NUMERAL for char in text) and not HAS_DIGIT.search(text):
        value = _read_text(raw, text)
        return value if value.note else value.replace(note=say("values.type_digits"))
    try:
        value = read_date(raw, text) or read_quantity(raw, text)
    except Unreadable as reason:
        return ParsedValue(raw=raw, kind=ValueKind.UNREADABLE, note=str(reason))
    return value if value is not None else _read_text(raw, text)


def _read_grade(text: str) -> tuple[Grade, str] | None:
    """A whole grade word, or the start of one cut off by the sheet (大部分及时响 → 大部分及时响应)."""
    if text in GRADES:
        return GRADES[text], say(GRADE_NOTES[text]) if text in GRADE_NOTES else ""
    if len(text) < 3 or HAS_DIGIT.search(text):
        return None
    candidates = [word for word in GRADES if word.startswith(text) and len(word) - len(text) <= 3]
    grades = {GRADES[word] for word in candidates}
    if len(grades) != 1:
        return None
    word = min(candidates, key=len)
    note = say(GRADE_NOTES[word]) if word in GRADE_NOTES else say("values.cut_grade", word=word)
    return grades.pop(), note


def _read_text(raw: str, text: str) -> ParsedValue:
    """Words with no usable number: TEXT (with the comparator its words carry), or UNREADABLE symbols."""
    if not HAS_WORD.search(text):
        if any(word in text for word in PREFIX_COMPARATORS) and not HAS_DIGIT.search(text):
            return ParsedValue(raw=raw, kind=ValueKind.UNREADABLE, note=say("values.only_comparator"))
        return ParsedValue(raw=raw, kind=ValueKind.UNREADABLE, note=say("values.not_a_value"))
    comparator: Comparator | None = None
    note = ""
    hits = [(text.find(word), -len(word), word) for word in TEXT_COMPARATORS if word in text]
    if hits:
        comparator = TEXT_COMPARATORS[min(hits)[2]]  # earliest, then longest: 不高于 over 高于
    else:
        for cut, word in CUT_COMPARATORS.items():
            if text.endswith(cut):
                comparator = PREFIX_COMPARATORS[word]
                note = say("values.cut_comparator", word=word)
                break
    return ParsedValue(
        raw=raw,
        kind=ValueKind.TEXT,
        comparator=comparator,
        direction_hint=DIRECTION_OF[comparator] if comparator else None,
        note=note,
    )

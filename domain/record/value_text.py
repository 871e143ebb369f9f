"""Written values made plain: half-width and without spaces, Chinese numerals as digits, numbers rendered exactly."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from domain.record.value_words import (
    CN_DIGITS,
    CN_NUMBER_BEFORE_TIME,
    CN_WHOLE,
    INVISIBLE,
    UNITS_LONGEST_FIRST,
    WIDTH_TABLE,
)

__all__ = ["format_number", "normalise_text", "plain_number", "spell_out"]


def normalise_text(text: str) -> str:
    """Full-width digits, letters and signs to half-width, ≧/≦ to ≥/≤, and every space removed."""
    if not isinstance(text, str):
        return ""
    return INVISIBLE.sub("", text.translate(WIDTH_TABLE))


def format_number(value: Decimal) -> str:
    """The shortest exact plain rendering: no exponent, no trailing zeros after the point."""
    try:
        if not value.is_finite():
            return str(value)
        if value == 0:
            return "0"
        text = format(value, "f")
    except (AttributeError, TypeError, ValueError, InvalidOperation):
        return str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _spell_whole(text: str) -> str:
    """A value that is a Chinese numeral with at most a comparator and a unit (九十, 九十五点五%, 三十个)."""
    match = CN_WHOLE.fullmatch(text)
    if match is None:
        return text
    rest = match["rest"]
    if rest and not rest.startswith(("%", *UNITS_LONGEST_FIRST)):
        return text
    number = _chinese_integer(match["int"])
    if match["frac"]:
        number += "." + "".join(str(CN_DIGITS[char]) for char in match["frac"])
    return f"{match['lead']}{number}{rest}"


def spell_out(text: str) -> str:
    """Digits for 百分之…, for Chinese numerals in time limits (三个工作日, 二〇二三年) and for a value that
    is a Chinese numeral (九十, 九十五点五%)."""
    text = text.replace("百分之百", "100%")
    text = re.sub(r"百分之(\d+(?:\.\d+)?)", r"\1%", text)
    text = re.sub(
        r"百分之([零〇一二两三四五六七八九十百]+)", lambda match: _chinese_integer(match.group(1)) + "%", text
    )
    text = _spell_whole(text)
    return CN_NUMBER_BEFORE_TIME.sub(lambda match: _chinese_integer(match.group(1)), text)


def _chinese_integer(word: str) -> str:
    if "十" not in word and "百" not in word:
        return "".join(str(CN_DIGITS[char]) for char in word)
    total, current = 0, 0
    for char in word:
        if char in CN_DIGITS:
            current = CN_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    return str(total + current)


def plain_number(number: Decimal) -> Decimal:
    """The same number without exponent or trailing zeros (948000.0 → 948000, 0.90 → 0.9)."""
    return Decimal(format_number(number))

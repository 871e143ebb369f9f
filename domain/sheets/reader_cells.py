"""One cell of a sheet's form as a value: blank, a number, a rate, or text clipped for a message."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from domain.sheets.reader_words import NOTHING

_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_GROUPED_NUMBER = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")


def is_blank(cell: str) -> bool:
    """A number cell left empty: blank, a dash, 无 or a slash."""
    return not cell or cell.strip() in NOTHING


@lru_cache(maxsize=1 << 16)
def number(cell: str) -> Decimal | None:
    """A cell's number: 1234.5, "1,234.50", full-width digits and signs, spaces ignored; None when it is not
    plainly a number (read as the tab-separated reader reads one)."""
    text = cell.strip().translate(_FULL_WIDTH).replace(" ", "")
    if _GROUPED_NUMBER.fullmatch(text):
        text = text.replace(",", "")
    elif not _PLAIN_NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)  # exact as written: 20.0 stays 20.0
    except InvalidOperation:  # pragma: no cover - the patterns only admit valid literals
        return None


def rate(cell: str) -> Decimal | None:
    """An 执行率: 0.98 as written, or 98% read as 0.98."""
    text = cell.strip().translate(_FULL_WIDTH)
    if text.endswith("%"):
        value = number(text[:-1])
        return None if value is None else value.scaleb(-2)
    return number(text)


def clip(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"

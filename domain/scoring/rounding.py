"""Exact decimal arithmetic helpers: rounding to a profile's precision and plain rendering."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, getcontext, localcontext

from domain.record.value_text import format_number
from domain.scoring.conventions import Rounding

ONE_HUNDRED = Decimal(100)


_PLACES = [Decimal(1).scaleb(-decimals) for decimals in range(11)]


def quantize(value: Decimal, decimals: int, rounding: Rounding = Rounding.HALF_UP) -> Decimal:
    """Round ``value`` to ``decimals`` places, half-up or by truncation."""
    mode = ROUND_HALF_UP if rounding is Rounding.HALF_UP else ROUND_DOWN
    if 0 <= decimals <= 10 and value.is_finite() and value.adjusted() + decimals + 2 < getcontext().prec:
        # the result has fewer digits than the context carries: exact without a context of its own
        return value.quantize(_PLACES[decimals], rounding=mode)
    with localcontext() as context:
        context.prec = max(50, value.adjusted() + decimals + 10)
        return value.quantize(Decimal(1).scaleb(-decimals), rounding=mode)


def divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    """Exact-enough division (40 significant digits) for intermediate results."""
    with localcontext() as context:
        context.prec = 40
        return numerator / denominator


plain = format_number  # a decimal without exponent or trailing zeros: 16.670 → "16.67"


def fixed(value: Decimal, decimals: int) -> str:
    """A decimal at a fixed number of places: 9.8 → "9.80" (half-up)."""
    return str(quantize(value, decimals))

"""The funds block once read: rows the layout does not name.

A funds row the layout does not name (其中：中央补助, 本年一般公共预算拨款 in a layout without it, 财政专户管理资金,
单位资金) is either a further source of the total — then it is counted with 其他资金, the record's row for
the remaining sources — or a part of a row above it (中央补助 inside 财政拨款) — then it is not counted
again. The total tells which: the named sources with the row add up to it, or without it.

A 年度资金总额 left at 0 while the rows under it hold the money is kept as written: scoring reads the rows
(``domain.scoring.results.funds_input``) and the audit names the slip (``domain.scoring.checks``).
"""

from __future__ import annotations

from decimal import Decimal

from domain.record.models import FundsRow
from domain.sheets.reader_cells import clip
from domain.sheets.reader_state import FormState

AMOUNTS = ("initial_budget", "annual_budget", "executed")
SOURCES = ("fiscal", "carryover", "other")


def _sum(rows: list[FundsRow], name: str) -> Decimal | None:
    values = [getattr(row, name) for row in rows]
    if all(value is None for value in values):
        return None
    return sum((value or Decimal(0) for value in values), Decimal(0))


def _row(funds: dict[str, object], key: str) -> FundsRow | None:
    found = funds.get(key)
    return found if isinstance(found, FundsRow) else None


def settle_parts(state: FormState, funds: dict[str, object]) -> None:
    """Count the unnamed rows as sources where the total shows they are; note each decision."""
    if not state.parts:
        return
    total = _row(funds, "total")
    sources = [found for key in SOURCES if (found := _row(funds, key)) is not None]
    extra = [amounts for _, _, amounts in state.parts]

    def adds_up(rows: list[FundsRow]) -> bool:
        compared = False
        for name in AMOUNTS:
            stated = getattr(total, name) if total else None
            summed = _sum(rows, name)
            if stated is None or summed is None:
                continue
            compared = True
            if summed != stated:
                return False
        return compared

    counted = adds_up(sources + extra) and not adds_up(sources)
    for row, label, amounts in state.parts:
        if counted:
            other = _row(funds, "other") or FundsRow()
            funds["other"] = FundsRow(**{name: _add(getattr(other, name), getattr(amounts, name)) for name in AMOUNTS})
            state.warn(row, "reader.funds.part_counted", label=clip(label))
        else:
            state.warn(row, "reader.funds.part_inside", label=clip(label))


def _add(first: Decimal | None, second: Decimal | None) -> Decimal | None:
    if first is None and second is None:
        return None
    return (first or Decimal(0)) + (second or Decimal(0))

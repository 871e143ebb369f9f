"""Compact charts drawn in cells: each row's 分值 as a bar with its 得分 filled in (the points lost stand out),
and each 一级 指标's share of the total. Labels are padded by cell width, so Chinese names line up."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from rich.text import Text

from domain.messages import t
from tui.cells import pad
from tui.display import one_line

FULL, LOST, PENDING = "█", "░", "┄"


def _cells(value: Decimal, scale: Decimal) -> int:
    return int((value * scale).to_integral_value(rounding=ROUND_HALF_UP))


def _number(value: Decimal | None) -> str:
    from domain.scoring.rounding import fixed

    return t("chart.pending") if value is None else fixed(value, 2)


def row_chart(scored: Any, width: int) -> Text:
    """One line per row: number and name, then a bar as long as its 分值 (on one scale for every row) filled
    up to its 得分, then 得分/分值."""
    from domain.scoring.breakdown import row_bars
    from domain.scoring.rounding import plain

    bars = row_bars(scored, t("chart.budget"))
    label_cells = max(8, min(18, width // 3))
    figures = max(len(f"{_number(bar.score)}/{plain(bar.weight)}") for bar in bars)
    room = max(4, width - label_cells - figures - 6)
    widest = max((bar.weight for bar in bars), default=Decimal(0))
    scale = Decimal(room) / widest if widest else Decimal(0)
    text = Text(t("chart.title.rows"), style="bold")
    for bar in bars:
        number = "" if bar.number == 0 else f"{bar.number}"
        text.append("\n" + pad(number, 3, "right") + " " + pad(one_line(bar.label), label_cells) + " ")
        length = _cells(bar.weight, scale)
        if bar.score is None:
            text.append(PENDING * length, style="yellow")
        else:
            kept = min(length, _cells(bar.score, scale))
            text.append(FULL * kept, style="green")
            text.append(LOST * (length - kept), style="bold red")
        text.append(" " * (room - length + 1))
        style = "bold red" if bar.lost else ""
        text.append(pad(f"{_number(bar.score)}/{plain(bar.weight)}", figures, "right"), style=style)
    return text


def share_chart(scored: Any, width: int) -> Text:
    """One line per 一级 指标 (and the budget row): a bar as long as its share of the total, then the
    figures."""
    from domain.scoring.breakdown import level_shares
    from domain.scoring.rounding import fixed, plain

    shares = level_shares(scored, t("chart.budget"))
    label_cells = max(8, min(12, width // 4))
    room = max(4, width - label_cells - 20)
    text = Text(t("chart.title.levels"), style="bold")
    for share in shares:
        text.append("\n" + pad(one_line(share.label), label_cells) + " ")
        length = _cells(share.share, Decimal(room) / 100)
        text.append(FULL * length, style="cyan")
        text.append(" " * (room - length + 1))
        text.append(
            t(
                "chart.share",
                score=pad(fixed(share.score, 2), 6, "right"),
                weight=pad(plain(share.weight), 3),
                share=pad(fixed(share.share, 1), 5, "right"),
            )
        )
    return text


def charts(scored: Any, width: int) -> Text:
    """Both charts, one above the other."""
    return Text("\n\n").join([row_chart(scored, width), share_chart(scored, width)])

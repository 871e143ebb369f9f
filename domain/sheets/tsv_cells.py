"""Cells and lines of a tab-separated sheet: splitting, comparing labels, numbers as written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from domain.messages import t
from domain.sheets.tsv_words import TITLE

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


def norm(text: str) -> str:
    """A cell reduced for comparing labels: no whitespace, no trailing colon."""
    return re.sub(r"\s+", "", text).rstrip(":：")


def _unquote(cell: str) -> str:
    cell = cell.strip()
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        cell = cell[1:-1].replace('""', '"').strip()
    return cell


def split_cells(line: str) -> list[str]:
    return [_unquote(cell) for cell in line.split("\t")]


def columns_moved(shift: int) -> str:
    """整行左移一列 / 右移两列 … as the form's users would say it."""
    count = t(f"tsv.count.{abs(shift)}") if abs(shift) <= 3 else str(abs(shift))
    return t("tsv.moved_right" if shift > 0 else "tsv.moved_left", count=count)


def clip(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_GROUPED_NUMBER = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")
_DASHES = frozenset({"—", "——", "-", "－", "–", "―"})


def is_blank(cell: str) -> bool:
    return not cell or cell in _DASHES


def number(cell: str) -> Decimal | None:
    """The cell as an exact Decimal when it is a plain number as written (20.0 stays 20.0), else None."""
    text = cell.translate(_FULL_WIDTH_DIGITS)
    if _GROUPED_NUMBER.fullmatch(text):
        text = text.replace(",", "")
    elif not _PLAIN_NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the patterns only admit valid literals
        return None


def rate(cell: str) -> Decimal | None:
    """A declared 执行率: 0.98 as written, or 98% read as 0.98."""
    if cell.endswith(("%", "％")):
        value = number(cell[:-1].strip())
        return None if value is None else value.scaleb(-2)
    return number(cell)


@dataclass
class Line:
    number: int  # 1-based line in the file
    cells: list[str]

    def at(self, index: int) -> str:
        return self.cells[index] if 0 <= index < len(self.cells) else ""

    @property
    def filled(self) -> list[tuple[int, str]]:
        return [(index, cell) for index, cell in enumerate(self.cells) if cell]

    @property
    def label(self) -> str:
        filled = self.filled
        return norm(filled[0][1]) if filled else ""


def title_of(line: Line) -> str | None:
    filled = line.filled
    if len(filled) == 1 and TITLE in filled[0][1] and len(filled[0][1]) <= 40:
        return filled[0][1]
    return None

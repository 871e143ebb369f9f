"""What the reader of one form in a sheet keeps while it reads, and its refusal."""

from __future__ import annotations

from decimal import Decimal

from domain.messages import t
from domain.record.models import FundsRow, IndicatorRow
from domain.sheets.layouts import Layout
from domain.sheets.reader_cells import clip, is_blank, number
from domain.sheets.reader_pieces import Rows
from domain.sheets.reader_placing import RowPlacer


class Refused(Exception):
    """A form cannot be read completely; the message names the row and what is missing."""


class TargetTable(Refused):
    """The form is a target table (绩效目标表: 指标值 but no 实际完成值, 分值 or 得分), not a self-evaluation."""


class FormState:
    """One form's reading so far: its layout and rows, the blocks and columns found, the warnings."""

    def __init__(self, rows: Rows, layout: Layout, start: int, end: int, sheet: str) -> None:
        self.rows, self.layout, self.start, self.end, self.sheet = rows, layout, start, end, sheet
        self.warnings: list[str] = []
        self.header: dict[str, object] = {}
        self.remarks: dict[str, str] = {}
        self.unit: str | None = None
        self.unit_note: str | None = None
        self.year: int | None = None
        self.funds: dict[str, object] = {}
        self.funds_columns: dict[str, tuple[int, int]] | None = None
        self.funds_heading_row = -1
        self.funds_label_words: list[str] = []
        self.funds_weight: Decimal | None = None
        self.goal_columns: tuple[int, int] | None = None
        self.goal_heading_row = -1
        self.goal_end = 10**6  # the first column right of the 实际完成情况 column that is not part of it
        self.indicator_points: Decimal | None = None
        self.expected: list[str] = []
        self.achieved: list[str] = []
        self.groups: list[str] = []
        self.columns: dict[str, tuple[int, int]] | None = None
        self.passed_columns: frozenset[int] = frozenset()  # columns under heads the layout does not read
        self.sub_heads_row = -1  # the row of sub-heads under the indicator heads, when they stand on two rows
        self.indicator_rows: list[IndicatorRow] = []
        self.level_points: dict[str, tuple[Decimal, int]] = {}
        self.level1 = ""
        self.level2 = ""
        self.total_seen = False
        self.declared_total: Decimal | None = None
        self.grade: str | None = None
        self.placer: RowPlacer | None = None
        self.weights_missing = False
        self.parts: list[tuple[int, str, FundsRow]] = []  # funds rows the layout does not name

    # -- helpers

    def line(self, row: int) -> int:
        return row + 1

    def refuse(self, row: int, key: str, **fields: object) -> Refused:
        return Refused(t("sheets.at_row", row=self.line(row), message=t(key, **fields)))

    def warn(self, row: int, key: str, **fields: object) -> None:
        self.warnings.append(t("sheets.at_row", row=self.line(row), message=t(key, **fields)))

    def note(self, row: int, text: str) -> None:
        """A warning already worded (several repairs of one row joined)."""
        self.warnings.append(t("sheets.at_row", row=self.line(row), message=text))

    def amount(self, row: int, cell: str, what: str) -> Decimal | None:
        if is_blank(cell):
            return None
        value = number(cell)
        unit = self.unit or self.unit_note or self.layout.funds_unit
        if value is None and unit == "万元" and cell.strip().endswith(("万元", "万")):
            value = number(cell.strip().removesuffix("元").removesuffix("万"))  # "150万" in a block in 万元
        if value is None or value < 0:
            raise self.refuse(row, "sheets.read.not_amount", what=what, text=clip(cell))
        return value

"""What the reader of one tab-separated form keeps while it reads: columns, blocks read, warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from domain.messages import t
from domain.record.models import IndicatorRow
from domain.sheets.tsv_cells import Line, norm
from domain.sheets.tsv_words import HEADER_LABELS, LEVEL1_NAMES, LEVEL2_NAMES


@dataclass(frozen=True)
class IndicatorColumns:
    """Where the 年度绩效指标 header puts each column (0-based)."""

    level1: int = 1
    level2: int = 2
    name: int = 3
    target: int = 4
    actual: int = 5
    weight: int = 6
    score: int = 7
    reason: int = 8

    def label(self, index: int) -> str:
        names = {
            self.level1: t("tsv.column.level1"), self.level2: t("tsv.column.level2"), self.name: t("tsv.column.name"),
            self.target: t("tsv.column.target"), self.actual: t("tsv.column.actual"), self.weight: t("tsv.column.weight"),
            self.score: t("tsv.column.score"), self.reason: t("tsv.column.reason"),
        }
        return names.get(index, t("tsv.column.nth", number=index + 1))


def header_label(cell: str) -> str | None:
    text = norm(cell)
    for label, key in HEADER_LABELS:
        if key == "year":
            if text in (label, label + "（年）", label + "(年)"):
                return key
        elif text.startswith(label) and len(text) <= len(label) + 6:
            return key
    return None


def is_level_name(text: str) -> bool:
    key = norm(text)
    return key in LEVEL1_NAMES or key in LEVEL2_NAMES


@dataclass
class FormState:
    """One form's reading so far: the blocks and rows read, the columns found, the warnings."""

    title: Line
    source: str
    year: int | None
    warnings: list[str] = field(default_factory=list)
    header: dict[str, object] = field(default_factory=dict)
    funds: dict[str, object] = field(default_factory=dict)
    funds_columns: dict[str, int] | None = None
    funds_label_column: int = 1
    funds_rows_seen: set[str] = field(default_factory=set)
    goal_columns: tuple[int, int] | None = None
    expected: list[str] = field(default_factory=list)
    achieved: list[str] = field(default_factory=list)
    columns: IndicatorColumns | None = None
    rows: list[IndicatorRow] = field(default_factory=list)
    level1: str = ""
    level2: str = ""
    declared_total: Decimal | None = None
    total_seen: bool = False

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(t("sheets.at_row", row=line, message=message))

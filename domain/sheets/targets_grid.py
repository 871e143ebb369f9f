"""Read the target tables of one sheet: where each starts, its header, budget, goal and indicator rows.

Everything is found by its words (``targets_words``), never by position; merged cells are read as a person
sees them. Where a table holds two sets of targets — 中期 and 年度 side by side, or a 长期 block above a 年度
block — the 年度 set is taken. A self-evaluation sheet whose 实际完成值 column is empty everywhere is read
as the targets it holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pydantic import ValidationError

from domain.messages import t
from domain.record.models import Header
from domain.record.targets import TargetBudget, TargetRow, Targets
from domain.sheets.grid import Grid, plain_decimal
from domain.sheets.layouts import bare, norm
from domain.sheets.targets_columns import (
    Piece,
    annual_set,
    block_label,
    column_roles,
    is_heading,
    pieces,
    starts,
    title_of,
)
from domain.sheets.targets_words import (
    AMOUNT,
    BUDGET_LABELS,
    COMPARATORS,
    GOAL_EXPECTED,
    GOAL_LABELS,
    HEADER_LABELS,
    MEDIUM_BUDGET,
    NOT_GOAL_TEXT,
    STOP_ROWS,
    UNIT_NOTE,
    UNUSED,
    YEAR,
)

# 10亿元 written in 万元: no project of a target table comes near it, so such a number is taken as 元
YUAN_UNDER_WAN = Decimal(100000)


@dataclass
class TargetsRead:
    """One target table found in a sheet."""

    sheet: str
    row: int  # 1-based
    targets: Targets
    warnings: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------------------- one table


def _decimal(text: str) -> Decimal | None:
    match = AMOUNT.search(text.replace("，", ","))
    if not match:
        return None
    try:
        value = Decimal(match.group(1).replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 and abs(value.adjusted()) < 20 else None


class TableReader:
    """One target table between two title rows."""

    def __init__(self, grid: Grid, start: int, end: int, title: str) -> None:
        self.grid, self.start, self.end, self.title = grid, start, end, title
        self.header: dict[str, str] = {}
        self.budget: dict[str, Decimal] = {}
        self.unit = ""
        self.goal = ""
        self.year: int | None = None
        self.warnings: list[str] = []
        self.annual_column: int | None = None

    def headings(self) -> list[tuple[int, dict[str, list[int]]]]:
        found = []
        for row in range(self.start, self.end):
            roles = column_roles(pieces(self.grid, row))
            if is_heading(roles):
                found.append((row, roles))
        return found

    def chosen_heading(self) -> tuple[int, dict[str, list[int]]] | None:
        headings = self.headings()
        if not headings:
            return None
        labelled = [(row, roles, block_label(self.grid, row, min(roles["level1"]))) for row, roles in headings]
        annual = [(row, roles) for row, roles, label in labelled if "年度" in label or "短期" in label]
        if annual:
            return annual[-1]
        plain = [(row, roles) for row, roles, label in labelled if "长期" not in label and "中期" not in label]
        return (plain or [(row, roles) for row, roles, _ in labelled])[-1]

    # -- above the indicators

    def read_top(self, until: int) -> None:
        for row in range(self.start, until):
            row_pieces = pieces(self.grid, row)
            if row == self.start and row_pieces and title_of(row_pieces[0][1]):
                year = YEAR.search(row_pieces[0][1])
                if year is None and row + 1 < until:
                    year = YEAR.search(" ".join(text for _, text in pieces(self.grid, row + 1)))
                self.year = int(year.group(1)) if year else None
                continue
            self._read_labels(row, row_pieces, until)

    def _read_labels(self, row: int, row_pieces: list[Piece], until: int) -> None:
        for index, (column, text) in enumerate(row_pieces):
            label_text, following = text, ""
            if not _is_label(text) and not GOAL_LABELS.match(text):
                label, colon, inline = text.replace("：", ":").partition(":")
                if colon:
                    label_text, following = label, inline.strip()
            if not following and index + 1 < len(row_pieces):
                following = row_pieces[index + 1][1]
            reduced = norm(label_text)
            if "万元" in reduced or reduced.endswith("(元)"):
                self.unit = self.unit or ("万元" if "万元" in reduced else "元")
            for key, words in HEADER_LABELS.items():
                if key not in self.header and words.match(label_text) and following and not _is_label(following):
                    self.header[key] = following.strip()
            if any(reduced.startswith(word) for word in MEDIUM_BUDGET):
                continue
            for key, words in BUDGET_LABELS.items():
                if words.match(label_text) or (key == "total" and bare(label_text).startswith("年度资金总额")):
                    self._budget(key, column, following)
                    break
            if GOAL_LABELS.match(label_text) and not self.goal:
                self._goal(row, column, following, until)

    def _budget(self, key: str, column: int, text: str) -> None:
        if key == "total":
            self.annual_column = column
        elif key in self.budget and self.annual_column is not None and column < self.annual_column:
            return  # the 中期 part of a row that also holds the 年度 one
        value = _decimal(text)
        if value is None:
            return
        self.budget[key] = value
        unit = UNIT_NOTE.search(text)
        if unit and not self.unit:
            self.unit = unit.group(1)

    def _goal(self, row: int, column: int, following: str, until: int) -> None:
        if following and not NOT_GOAL_TEXT.match(following) and not GOAL_EXPECTED.match(following):
            self.goal = following.strip()
            return
        wanted = column
        if following and GOAL_EXPECTED.match(following):
            wanted = next((c for c, text in pieces(self.grid, row) if text == following), column)
        for below in range(row + 1, min(until, row + 4)):
            text = self.grid.seen(below, wanted).strip()
            if text and not NOT_GOAL_TEXT.match(text) and not GOAL_LABELS.match(text):
                self.goal = text
                return

    # -- the indicators

    def read_rows(self, heading: int, columns: dict[str, int]) -> tuple[list[TargetRow], bool]:
        """The rows under a heading, and whether any 实际完成值 is filled in."""
        rows: list[TargetRow] = []
        actuals = False
        level1 = level2 = ""
        grid = self.grid
        for row in range(heading + 1, self.end):
            own = pieces(grid, row)
            if not own:
                continue
            if is_heading(column_roles(own)) or STOP_ROWS.match(own[0][1]):
                break
            level1 = grid.seen(row, columns["level1"]).strip() or level1
            level2 = (grid.seen(row, columns["level2"]).strip() or level2) if "level2" in columns else ""
            name = grid.seen(row, columns["name"]).strip()
            target = grid.at(row, columns["target"]).strip() if "target" in columns else ""
            if "actual" in columns and grid.at(row, columns["actual"]).strip():
                actuals = True
            if norm(name) in UNUSED or norm(target) in UNUSED - {""}:
                continue
            weight = None
            if "weight" in columns:
                weight = _decimal(grid.at(row, columns["weight"]))
                weight = weight if weight is not None and weight <= 100 else None
            rows.append(
                TargetRow(
                    level1=level1,
                    level2=level2,
                    name=name,
                    target_text=self._target(row, columns, target),
                    weight=weight,
                )
            )
        return rows, actuals

    def _target(self, row: int, columns: dict[str, int], value: str) -> str:
        nature = norm(self.grid.at(row, columns["nature"])) if "nature" in columns else ""
        unit = self.grid.at(row, columns["unit"]).strip() if "unit" in columns else ""
        text = value
        if unit and not text.endswith(unit) and unit not in {"/", "—", "-", "无"}:
            text += unit
        comparator = COMPARATORS.get(nature, "")
        if comparator and text and text[0] not in "≥≤=<>＞＜":
            text = comparator + text
        return text

    def read(self) -> TargetsRead | None:
        chosen = self.chosen_heading()
        if chosen is None:
            return None
        heading, roles = chosen
        first_heading = self.headings()[0][0]
        self.read_top(first_heading)
        columns = annual_set(self.grid, heading, roles)
        rows, actuals = self.read_rows(heading, columns)
        if actuals or not rows or not any(row.target_text for row in rows):
            return None  # a filled self-evaluation, or no targets at all
        if "project_name" not in self.header:
            return None
        unit = self.unit or "万元"
        total = self.budget.get("total")
        if unit == "万元" and total is not None and total >= YUAN_UNDER_WAN:
            unit = "元"  # a label saying 万元 over an amount in 元 (深圳's sheets do this)
            self.warnings.append(t("targets.read.yuan_under_wan", amount=plain_decimal(total)))
        code = self.header.get("code", "")
        department = self.header.get("department", "")
        try:
            targets = Targets(
                project_code=code,
                header=Header(
                    project_name=self.header["project_name"],
                    department=department,
                    implementer=self.header.get("implementer", ""),
                    year=self.year,
                ),
                budget=TargetBudget(
                    unit=unit,
                    total=self.budget.get("total"),
                    fiscal=self.budget.get("fiscal"),
                    other=self.budget.get("other"),
                ),
                goal=self.goal,
                indicators=rows,
            )
        except ValidationError:
            return None
        return TargetsRead(self.grid.name, self.start + 1, targets, self.warnings)


def _is_label(text: str) -> bool:
    reduced = text.replace("：", ":").partition(":")[0]
    return any(
        words.match(text) or words.match(reduced) for words in (*HEADER_LABELS.values(), *BUDGET_LABELS.values())
    )


def read_targets_grid(grid: Grid) -> Iterator[TargetsRead]:
    """Every target table in a sheet (a self-evaluation sheet with no actuals counts as one)."""
    found = starts(grid)
    any_read = False
    for position, (start, _kind) in enumerate(found):
        end = found[position + 1][0] if position + 1 < len(found) else len(grid.rows)
        read = TableReader(grid, start, end, _kind).read()
        if read is not None:
            any_read = True
            yield read
    if not any_read:  # a system's flat export: one row per indicator
        from domain.sheets.targets_flat import read_flat

        for row, targets in read_flat(grid):
            yield TargetsRead(grid.name, row, targets)

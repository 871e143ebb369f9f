"""Putting an indicator row's cells back under their heads, as a person reading the sheet would.

Sheet exports (and workbooks saved from them) shift some rows by a column or two, repeat a 三级 name, or
write a 三级 name, a 二级 name or 满意度指标 in the wrong level column. The row's 分值 / 得分 pair tells how
far it moved; the cells are then read from where the heads say they belong, and each repair is a note.
Rows that did not move are read exactly under their heads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.messages import t
from domain.sheets.grid import Grid
from domain.sheets.reader_cells import clip, is_blank, number
from domain.sheets.reader_words import LEVEL1_NAMES, LEVEL2_NAMES, SATISFACTION

Spans = dict[str, tuple[int, int]]
SHIFTS = (0, -1, 1, -2, 2, -3, 3)


@dataclass
class PlacedRow:
    """An indicator row's texts by column key (level1 and level2 as written, before continuation)."""

    values: dict[str, str]
    level1: str
    level2: str
    notes: list[str] = field(default_factory=list)


def moved(shift: int) -> str:
    """整行左移一列 / 右移两列 … as the form's users would say it."""
    count = t(f"tsv.count.{abs(shift)}") if abs(shift) <= 3 else str(abs(shift))
    return t("tsv.moved_right" if shift > 0 else "tsv.moved_left", count=count)


def _column_label(columns: Spans, index: int) -> str:
    for key in ("level1", "level2", "name", "target", "actual", "weight", "score", "reason"):
        if key in columns and columns[key][0] == index:
            return t(f"tsv.column.{key}")
    return t("tsv.column.nth", number=index + 1)


def is_level_name(text: str) -> bool:
    return text in LEVEL1_NAMES or text in LEVEL2_NAMES


class RowPlacer:
    """Places the cells of one indicator row of a grid under the heads ``columns``."""

    def __init__(self, grid: Grid, columns: Spans, split_target: bool, passed: frozenset[int] = frozenset()) -> None:
        self.grid, self.columns = grid, columns
        self.passed = passed  # columns under heads the layout knows and does not read
        order = ("level1", "level2", "name", "target", "actual", "weight", "score")
        lefts = [columns[key][0] for key in order if key in columns]
        self.ordered = not split_target and len(lefts) == len(order) and lefts == sorted(lefts)
        self.first = min(left for left, _ in columns.values())
        covered = grid.covered()
        self.merged = bool(covered)

    def own(self, row: int, column: int) -> str:
        """The text written in a cell itself (not under a merge from elsewhere)."""
        if column < 0:
            return ""
        if self.merged and (row, column) in self.grid.covered():
            return ""
        return self.grid.at(row, column)

    def seen(self, row: int, key: str, shift: int = 0) -> str:
        """The text under a head, the row moved by ``shift`` (under a merge: the merge's text)."""
        left, right = self.columns[key]
        left, right = left + shift, right + shift
        if left < 0:
            return ""
        text = self.grid.seen(row, left)
        if text:
            return text
        for column in range(left + 1, right + 1):
            text = self.own(row, column)
            if text:
                return text
        return ""

    def shift(self, row: int) -> int | None:
        """How far the row's 分值/得分 pair sits from the heads' columns, or None when it has none."""
        if "weight" not in self.columns or "score" not in self.columns:
            return 0
        weight_at, score_at = self.columns["weight"][0], self.columns["score"][0]
        best: tuple[int, int] | None = None
        for shift in SHIFTS:
            if weight_at + shift < 0 or score_at + shift < 0:
                continue
            weight = number(self.own(row, weight_at + shift).removesuffix("分"))
            score_cell = self.own(row, score_at + shift)
            if weight is None:
                continue
            score = number(score_cell.removesuffix("分"))
            if score is not None:
                points = 2 + (1 if 0 <= score <= weight else 0)
            elif is_blank(score_cell):
                points = 1
            else:
                continue
            points -= abs(shift)
            if shift and points < 1:
                continue  # a moved reading needs a 得分 that fits beside its 分值
            if best is None or points > best[0]:
                best = (points, shift)
            if points == 3:
                break  # in place with a fitting 得分: no moved reading can do better
        return None if best is None else best[1]

    def place(self, row: int) -> PlacedRow:
        shift = self.shift(row) if self.ordered else 0
        notes: list[str] = []
        if shift is None:
            shift = 0
        elif shift:
            notes.append(t("tsv.row_moved", moved=moved(shift)))
        if not shift:
            return self._in_place(row, notes)
        return self._moved(row, shift, notes)

    def _levels(self, row: int, shift: int = 0) -> tuple[str, str]:
        raw1 = self.seen(row, "level1", shift) if "level1" in self.columns else ""
        raw2 = self.seen(row, "level2", shift) if "level2" in self.columns else ""
        return raw1, raw2

    def _in_place(self, row: int, notes: list[str]) -> PlacedRow:
        values = {key: self.seen(row, key) for key in self.columns if key not in ("level1", "level2")}
        raw1, raw2 = self._levels(row)
        used = {column for left, right in self.columns.values() for column in range(left, right + 1)} | self.passed
        if self.ordered and not values.get("name"):
            name_at = self.columns["name"][0]
            level_at = {self.columns["level1"][0]: "1", self.columns["level2"][0]: "2"}
            displaced = [
                (column, text)
                for column, text in self._filled(row)
                if column < name_at and not is_level_name(_plain(text))
            ]
            if displaced:
                column, name = displaced[-1]
                values["name"] = name
                used.add(column)
                if level_at.get(column) == "1":
                    raw1 = ""
                elif level_at.get(column) == "2":
                    raw2 = ""
                notes.append(t("tsv.name_moved", name=clip(name), column=_column_label(self.columns, column)))
        for column, text in self._filled(row):
            if column not in used and column >= self.first:
                notes.append(t("tsv.cell_unplaced", column=column + 1, text=clip(text)))
        return PlacedRow(values, raw1, raw2, notes)

    def _filled(self, row: int) -> list[tuple[int, str]]:
        cells = self.grid.rows[row] if row < len(self.grid.rows) else []
        return [(column, text) for column, text in enumerate(cells) if text and self.own(row, column)]

    def _moved(self, row: int, shift: int, notes: list[str]) -> PlacedRow:
        columns = self.columns
        used: set[int] = set()
        values: dict[str, str] = {}
        for key, (left, right) in columns.items():
            if key in ("level1", "level2", "name"):
                continue
            values[key] = self.seen(row, key, shift)
            used |= set(range(left + shift, right + shift + 1))
        target_at = columns["target"][0] + shift
        if shift > 0:
            # A cell was inserted between the 三级 name and the values (the sheet repeats the name).
            raw1, raw2 = self._levels(row)
            name = self.seen(row, "name")
            used |= {columns["level1"][0], columns["level2"][0], columns["name"][0]}
            for column in range(columns["name"][0] + 1, target_at):
                cell = self.own(row, column)
                used.add(column)
                if not cell:
                    continue
                if not name:
                    name = cell
                    notes.append(t("tsv.name_moved", name=clip(name), column=_column_label(columns, column)))
                elif cell == name:
                    notes.append(t("tsv.name_twice", name=clip(name)))
                else:
                    notes.append(t("tsv.column_cell_unplaced", column=_column_label(columns, column), text=clip(cell)))
        else:
            name_at = columns["name"][0] + shift
            level_at = {columns["level1"][0] + shift: "1", columns["level2"][0] + shift: "2"}
            raw1, raw2 = self._levels(row, shift)
            name = self.own(row, name_at)
            used |= {
                column
                for column in (columns["level1"][0] + shift, columns["level2"][0] + shift, name_at)
                if column >= 0
            }
            weight_at = columns["weight"][0] + shift
            before = [(column, text) for column, text in self._filled(row) if column < weight_at]
            target, actual = values.get("target", ""), values.get("actual", "")
            if (not target or not actual) and len(before) >= 3 and not is_level_name(_plain(before[-3][1])):
                # Shifted further than the merged cells explain: read the texts from the right.
                (_, name), (_, target), (_, actual) = before[-3:]
                values["target"], values["actual"] = target, actual
                rest = [text for _, text in before[:-3]]
                raw1 = raw2 = ""
                if len(rest) == 1:
                    if _plain(rest[0]) in LEVEL1_NAMES:
                        raw1 = rest[0]
                    else:
                        raw2 = rest[0]
                elif rest:
                    raw1, raw2 = rest[-2], rest[-1]
                    for cell in rest[:-2]:
                        notes.append(t("tsv.unplaced", text=clip(cell)))
                used |= {column for column, _ in before}
                notes.append(t("tsv.read_from_right", name=clip(name), target=clip(target), actual=clip(actual)))
            elif not name:
                displaced = [
                    (column, text)
                    for column, text in self._filled(row)
                    if column < name_at and not is_level_name(_plain(text))
                ]
                if displaced:
                    column, name = displaced[-1]
                    used.add(column)
                    if level_at.get(column) == "1":
                        raw1 = ""
                    elif level_at.get(column) == "2":
                        raw2 = ""
                    notes.append(t("tsv.name_moved", name=clip(name), column=_column_label(columns, column - shift)))
        for column, text in self._filled(row):
            if column not in used and column >= min(self.first, self.first + shift):
                notes.append(t("tsv.cell_unplaced", column=column + 1, text=clip(text)))
        values["name"] = name
        return PlacedRow(values, raw1, raw2, notes)


def _plain(text: str) -> str:
    return "".join(text.split())


def settle_levels(raw1: str, raw2: str, current1: str, notes: list[str]) -> tuple[str, str]:
    """满意度指标 written in the 二级 column is the 一级; a 二级 name in the 一级 column is the 二级."""
    if _plain(raw2) == SATISFACTION and not raw1:
        notes.append(t("tsv.satisfaction_moved"))
        return raw2, ""
    if raw1 and not raw2 and _plain(raw1) in LEVEL2_NAMES and _plain(raw1) not in LEVEL1_NAMES:
        kept = t("tsv.level1_kept", level1=current1) if current1 else t("tsv.level1_none")
        notes.append(t("tsv.level2_moved", level2=raw1, kept=kept))
        return "", raw1
    return raw1, raw2

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

from domain.record.models import Header
from domain.record.targets import TargetBudget, TargetRow, Targets
from domain.sheets.grid import Grid
from domain.sheets.layouts import bare, norm
from domain.sheets.targets_words import (
    AMOUNT,
    BUDGET_LABELS,
    COLUMNS,
    COMPARATORS,
    FORM_TITLE_WORDS,
    GOAL_EXPECTED,
    GOAL_LABELS,
    HEADER_LABELS,
    MEDIUM_BUDGET,
    NOT_GOAL_TEXT,
    STOP_ROWS,
    TARGET_TITLE_WORDS,
    UNIT_NOTE,
    UNUSED,
    YEAR,
)

Piece = tuple[int, str]  # column, text


@dataclass
class TargetsRead:
    """One target table found in a sheet."""

    sheet: str
    row: int  # 1-based
    targets: Targets
    warnings: list[str] = field(default_factory=list)


def pieces(grid: Grid, row: int) -> list[Piece]:
    """The cells of a row that hold their own text (not the continuation of a merge)."""
    cells = grid.rows[row] if 0 <= row < len(grid.rows) else []
    found: list[Piece] = []
    for column, text in enumerate(cells):
        if text and grid.origin(row, column) == (row, column):
            found.append((column, text))
    return found


def title_of(text: str) -> str | None:
    """"target" for a target table's title, "form" for a self-evaluation's, else None."""
    reduced = norm(text)
    if "表" not in reduced or len(reduced) > 60 or "部门整体" in reduced:
        return None
    if any(word in reduced for word in TARGET_TITLE_WORDS):
        return "target"
    return "form" if any(word in reduced for word in FORM_TITLE_WORDS) else None


def starts(grid: Grid) -> list[tuple[int, str]]:
    """(row, kind) of each table's title row; a sheet without titles is one table from its top."""
    found: list[tuple[int, str]] = []
    for row, cells in enumerate(grid.rows):
        filled = [cell for cell in cells if cell]
        if 1 <= len(filled) <= 3 and len(filled[0]) <= 80 and (kind := title_of(filled[0])):
            found.append((row, kind))
    return found or [(0, "")]


# ------------------------------------------------------------------------------------------- headings


def _column_roles(row_pieces: list[Piece]) -> dict[str, list[int]]:
    roles: dict[str, list[int]] = {}
    for column, text in row_pieces:
        for role, words in COLUMNS.items():
            if words.match(text):
                roles.setdefault(role, []).append(column)
                break
    return roles


def is_heading(roles: dict[str, list[int]]) -> bool:
    return "level1" in roles and "name" in roles and "target" in roles


def _block_label(grid: Grid, row: int, first_column: int) -> str:
    """The words that name an indicator block: cells left of its heading, and the row above."""
    texts = [text for column, text in pieces(grid, row) if column < first_column]
    texts += [grid.seen(row, column) for column in range(first_column)]
    texts += [text for _, text in pieces(grid, row - 1)] if row > 0 else []
    return "".join(norm(text) for text in texts)


def _set_score(grid: Grid, row: int, left: int, right: int) -> int:
    """How much the labels above columns left..right speak of 年度 rather than 中期 / 长期."""
    score = 0
    for above in (row - 1, row - 2, row - 3):
        for column in range(left, right + 1):
            text = norm(grid.seen(above, column)) if above >= 0 else ""
            if not text or len(text) > 20:
                continue
            if "中期" in text or "长期" in text:
                score -= 1
            elif "年度" in text:
                score += 1
    return score


def _annual_set(grid: Grid, row: int, roles: dict[str, list[int]]) -> dict[str, int]:
    """The columns of the 年度 set when the heading holds a 中期 set beside it (else the only set)."""
    names = roles["name"]
    chosen = len(names) - 1
    if len(names) > 1:
        bounds = []
        for index, column in enumerate(names):
            level2 = [c for c in roles.get("level2", []) if c < column]
            left = level2[-1] if level2 else column
            right = names[index + 1] - 1 if index + 1 < len(names) else column + 3
            if index + 1 < len(names):
                next_level2 = [c for c in roles.get("level2", []) if column < c < names[index + 1]]
                right = next_level2[0] - 1 if next_level2 else right
            bounds.append((left, right))
        scores = [_set_score(grid, row, left, right) for left, right in bounds]
        best = max(scores)
        chosen = max(index for index, score in enumerate(scores) if score == best)
    name = names[chosen]
    limit = names[chosen + 1] if chosen + 1 < len(names) else 10**6
    picked = {"level1": roles["level1"][0], "name": name}
    for role in ("level2", "target", "nature", "unit", "weight", "actual", "score"):
        columns = roles.get(role, [])
        if role == "level2":
            before = [c for c in columns if c < name]
            if before:
                picked[role] = before[-1]
            continue
        after = [c for c in columns if name < c < limit]
        if after:
            picked[role] = after[0]
    return picked


def _merge_right(grid: Grid, row: int, column: int) -> int:
    for top, left, bottom, right in grid.merges:
        if top <= row <= bottom and left == column:
            return right
    return column


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
            roles = _column_roles(pieces(self.grid, row))
            if is_heading(roles):
                found.append((row, roles))
        return found

    def chosen_heading(self) -> tuple[int, dict[str, list[int]]] | None:
        headings = self.headings()
        if not headings:
            return None
        labelled = [(row, roles, _block_label(self.grid, row, min(roles["level1"]))) for row, roles in headings]
        annual = [(row, roles) for row, roles, label in labelled if "年度" in label]
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
            if is_heading(_column_roles(own)) or STOP_ROWS.match(own[0][1]):
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
            rows.append(TargetRow(level1=level1, level2=level2, name=name, target_text=self._target(row, columns, target),
                                  weight=weight))
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
        columns = _annual_set(self.grid, heading, roles)
        rows, actuals = self.read_rows(heading, columns)
        if actuals or not rows or not any(row.target_text for row in rows):
            return None  # a filled self-evaluation, or no targets at all
        if "project_name" not in self.header:
            return None
        code = self.header.get("code", "")
        department = self.header.get("department", "")
        try:
            targets = Targets(
                project_code=code,
                header=Header(project_name=self.header["project_name"], department=department,
                              implementer=self.header.get("implementer", ""), year=self.year),
                budget=TargetBudget(unit=self.unit or "万元", total=self.budget.get("total"),
                                    fiscal=self.budget.get("fiscal"), other=self.budget.get("other")),
                goal=self.goal, indicators=rows)
        except ValidationError:
            return None
        return TargetsRead(self.grid.name, self.start + 1, targets, self.warnings)


def _is_label(text: str) -> bool:
    reduced = text.replace("：", ":").partition(":")[0]
    return any(words.match(text) or words.match(reduced) for words in (*HEADER_LABELS.values(), *BUDGET_LABELS.values()))


def read_targets_grid(grid: Grid) -> Iterator[TargetsRead]:
    """Every target table in a sheet (a self-evaluation sheet with no actuals counts as one)."""
    found = starts(grid)
    for position, (start, _kind) in enumerate(found):
        end = found[position + 1][0] if position + 1 < len(found) else len(grid.rows)
        read = TableReader(grid, start, end, _kind).read()
        if read is not None:
            yield read


def holds_targets(grid: Grid) -> bool:
    """Whether a sheet is a target table (by its title) or a self-evaluation holding only targets."""
    return any(True for _ in read_targets_grid(grid))

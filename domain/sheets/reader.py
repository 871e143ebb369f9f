"""Read 项目支出绩效自评表 forms from a sheet's grid, finding every block and column by its header text.

A sheet may hold one form or several stacked; each starts at its title (or, without a title, at its
header). The layout of each form is the declaration (``domain.sheets.layouts``) whose marker words the
form shows most; blocks, column heads and row labels are then found by that declaration's words, never by
position. Merged cells are read as a person sees them: a 一级 cell merged over five rows names all five,
and in a file that lost its merges (a CSV) a blank 一级 or 二级 cell continues the one above.

A form is complete when its project name, funds block, indicator block (every row with a 分值) and — for
layouts that have one — its 总分 row were read and every number in them is a number. Anything less is a
refusal naming the sheet and row and what could not be found; what was read with an assumption is a
warning. Department-wide forms (部门整体) and target-setting forms (绩效目标表) are told apart and refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pydantic import ValidationError

from domain.messages import t
from domain.record.models import Evaluation, Funds, FundsRow, Goals, Header, IndicatorRow
from domain.sheets.grid import Grid, Range, plain_decimal
from domain.sheets.layouts import Layout, Words, choose_layout, norm

YEAR_MIN, YEAR_MAX = 1990, 2100
_DASHES = frozenset({"—", "——", "-", "－", "–", "―"})
_NOTHING = _DASHES | {"/", "／", "无"}
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_GROUPED_NUMBER = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")
_POINTS = re.compile(r"[(（]\s*([0-9]+(?:\.[0-9]+)?)\s*分\s*[)）]\s*$")
_POINTS_ANYWHERE = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*分")
_UNIT_IN_LABEL = re.compile(r"[(（]\s*(万元|元|千元|亿元)\s*[)）]")
_UNIT_NOTE = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|千元|亿元)")
_YEAR = re.compile(r"(?<![0-9])((?:19|20|21)[0-9]{2})\s*年")
_GRADES = frozenset({"优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "较好", "一般", "较差"})
_TITLE_WORDS = ("自评表", "绩效目标表", "目标申报表", "绩效目标申报表")
_LEVEL1 = frozenset({"产出指标", "效益指标", "满意度指标", "成本指标"})
MAX_FORMS_PER_FILE = 20_000


def is_blank(cell: str) -> bool:
    """A number cell left empty: blank, a dash, 无 or a slash."""
    return not cell or cell.strip() in _NOTHING


def number(cell: str) -> Decimal | None:
    """A cell's number: 1234.5, "1,234.50", full-width digits; None when it is not plainly a number."""
    text = cell.strip().translate(_FULL_WIDTH).replace(" ", "")
    if _GROUPED_NUMBER.fullmatch(text):
        text = text.replace(",", "")
    elif not _PLAIN_NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
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


@dataclass(frozen=True)
class Piece:
    """A cell as a person sees it in one row: columns it spans, its text, and whether it continues from above."""

    left: int
    right: int
    text: str
    above: bool = False


@dataclass
class FormRead:
    """One form found in a sheet: the record when it was read completely, else why not."""

    sheet: str
    row: int  # 1-based row where the form starts
    layout: str
    evaluation: Evaluation | None = None
    warnings: list[str] = field(default_factory=list)
    refusal: str | None = None

    @property
    def where(self) -> str:
        return t("sheets.where", sheet=self.sheet, row=self.row)

    @property
    def project(self) -> str:
        return self.evaluation.header.project_name if self.evaluation else ""


class Refused(Exception):
    """A form cannot be read completely; the message names the row and what is missing."""


# ------------------------------------------------------------------------------------------- the grid


class Rows:
    """The rows of a grid as pieces, with the merged ranges indexed by row."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self._pieces: dict[int, list[Piece]] = {}
        self.by_row: dict[int, list[Range]] = {}
        for merge in grid.merges:
            top, left, bottom, right = merge
            for row in range(top, min(bottom, len(grid.rows) - 1) + 1):
                self.by_row.setdefault(row, []).append(merge)

    def __len__(self) -> int:
        return len(self.grid.rows)

    def forget(self) -> None:
        self._pieces.clear()

    def pieces(self, row: int) -> list[Piece]:
        found = self._pieces.get(row)
        if found is None:
            found = self._pieces[row] = self._read_pieces(row)
        return found

    def _read_pieces(self, row: int) -> list[Piece]:
        grid = self.grid
        cells = grid.rows[row] if row < len(grid.rows) else []
        merges = self.by_row.get(row, [])
        if not merges:
            return [Piece(column, column, text) for column, text in enumerate(cells) if text]
        starts = {left: (top, left, bottom, right) for top, left, bottom, right in merges}
        inside = {column for _, left, _, right in merges for column in range(left + 1, right + 1)}
        columns = sorted({column for column, text in enumerate(cells) if text} | set(starts))
        found: list[Piece] = []
        for column in columns:
            if column in starts:
                top, left, _, right = starts[column]
                text = grid.at(top, left)
                if text:
                    found.append(Piece(left, right, text, above=top < row))
            elif column not in inside:
                found.append(Piece(column, column, cells[column]))
        return found

    def value(self, row: int, span: tuple[int, int]) -> str:
        """The text a person sees under a column head spanning ``span`` (first filled column)."""
        left, right = span
        seen = self.grid.seen(row, left)
        if seen:
            return seen
        for column in range(left + 1, right + 1):
            text = self.grid.at(row, column)
            if text and self.grid.origin(row, column) == (row, column):
                return text
        return ""

    def top_of(self, row: int, column: int) -> bool:
        """Whether the cell is where its text is written (not a continuation of a merge from above)."""
        return self.grid.origin(row, column)[0] == row


def _texts(rows: Rows, start: int, end: int) -> set[str]:
    texts: set[str] = set()
    for row in range(start, min(end, start + 80)):
        for piece in rows.pieces(row):
            if not piece.above:
                texts.add(norm(piece.text))
    return texts


# ----------------------------------------------------------------------------------------- the reader


def title_kind(text: str) -> str | None:
    """What a title announces: "form", "department" (部门整体), "target" (绩效目标表), or None."""
    if "表" not in text:
        return None
    reduced = norm(text)
    if len(reduced) > 60 or not any(word in reduced for word in _TITLE_WORDS):
        return None
    if "部门整体" in reduced:
        return "department"
    if "目标表" in reduced or "目标申报表" in reduced:
        return "target"
    return "form" if "自评表" in reduced else None


@dataclass
class _Columns:
    spans: dict[str, tuple[int, int]]

    def first(self) -> int:
        return min(left for left, _ in self.spans.values())


def _find_columns(pieces: list[Piece], words: dict[str, Words]) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for piece in pieces:
        if piece.above:
            continue
        for key, declared in words.items():
            if key not in found and declared.match(piece.text):
                found[key] = (piece.left, piece.right)
                break
    return found


class FormReader:
    """Reads the rows of one form (from its start to the next form) with one declared layout."""

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
        self.indicator_points: Decimal | None = None
        self.expected: list[str] = []
        self.achieved: list[str] = []
        self.groups: list[str] = []
        self.columns: dict[str, tuple[int, int]] | None = None
        self.indicator_rows: list[IndicatorRow] = []
        self.level_points: dict[str, tuple[Decimal, int]] = {}
        self.level1 = ""
        self.level2 = ""
        self.total_seen = False
        self.declared_total: Decimal | None = None
        self.grade: str | None = None

    # -- helpers

    def line(self, row: int) -> int:
        return row + 1

    def refuse(self, row: int, key: str, **fields: object) -> Refused:
        return Refused(t("sheets.at_row", row=self.line(row), message=t(key, **fields)))

    def warn(self, row: int, key: str, **fields: object) -> None:
        self.warnings.append(t("sheets.at_row", row=self.line(row), message=t(key, **fields)))

    def amount(self, row: int, cell: str, what: str) -> Decimal | None:
        if is_blank(cell):
            return None
        value = number(cell)
        if value is None or value < 0:
            raise self.refuse(row, "sheets.read.not_amount", what=what, text=clip(cell))
        return value

    # -- dispatch

    def read(self) -> Evaluation:
        layout = self.layout
        section = "header"
        for row in range(self.start, self.end):
            pieces = self.rows.pieces(row)
            if not pieces:
                continue
            own = [piece for piece in pieces if not piece.above]
            if not own:
                continue  # only the continuation of merged cells from above
            first = own[0].text
            if row == self.start and title_kind(first):
                self.read_title(first)
                continue
            if self.columns is None and len(_find_columns(own, layout.indicator_columns)) >= 4:
                self.read_indicator_heading(row, pieces)
                section = "indicators"
            elif layout.total_labels.match(first) and section == "indicators":
                self.read_total(row, pieces)
                section = "closing"
            elif self._is_closing(first):
                self.read_closing(row, own)
                section = "closing"
            elif section != "indicators" and layout.funds_labels.match(first) and self.funds_columns is None:
                self.read_funds_heading(row, pieces)
                section = "funds"
            elif section != "indicators" and layout.goals_labels.match(first) and self.goal_columns is None:
                self.read_goal_heading(row, pieces)
                section = "goals"
            elif section == "header" and self._header_key(own):
                self.read_header(row, own)
            elif section == "funds" and self.funds_columns is not None and row != self.funds_heading_row:
                self.read_funds_row(row, pieces)
            elif section == "goals":
                self.read_goal_text(row, pieces)
            elif section == "indicators":
                self.read_indicator(row, pieces)
            elif section == "closing":
                continue  # 填表说明 and other notes under the form
            elif section == "header":
                self.read_header_note(row, own)
        return self.finish()

    # -- title and header

    def read_title(self, text: str) -> None:
        match = _YEAR.search(text)
        if match:
            self.year = int(match.group(1))

    def _header_key(self, pieces: list[Piece]) -> str | None:
        for piece in pieces:
            key = self._header_label(piece.text)
            if key:
                return key
        return None

    def _header_label(self, text: str) -> str | None:
        label = norm(text).split(":", 1)[0]
        for key, words in self.layout.header.items():
            if words.match(label) and len(label) <= len(words.written) + 8:
                return key
        return None

    def read_header_note(self, row: int, pieces: list[Piece]) -> None:
        """Rows between the title and the first block: the year line, 单位：万元, 填报单位 …"""
        for piece in pieces:
            text = piece.text
            unit = _UNIT_NOTE.search(norm(text).replace("(", "").replace(")", ""))
            if unit:
                self.unit_note = unit.group(1)
            year = _YEAR.search(text)
            if year and self.year is None and len(norm(text)) <= 16:
                self.year = int(year.group(1))

    def read_header(self, row: int, pieces: list[Piece]) -> None:
        index = 0
        while index < len(pieces):
            piece = pieces[index]
            key = self._header_label(piece.text)
            if key is None:
                self.read_header_note(row, [piece])
                index += 1
                continue
            inline = re.split(r"[:：]", piece.text, maxsplit=1)
            values: list[str] = []
            if len(inline) == 2 and inline[1].strip():
                values.append(inline[1].strip())
            index += 1
            while index < len(pieces) and self._header_label(pieces[index].text) is None:
                values.append(pieces[index].text)
                index += 1
            self.set_header(row, key, " ".join(values).strip())

    def set_header(self, row: int, key: str, text: str) -> None:
        if key == "project_amount":
            value = self.amount(row, text, t("sheets.field.project_amount"))
            if value is not None:
                self.header[key] = value
        elif key == "year":
            value = number(text.removesuffix("年度").removesuffix("年")) if text else None
            if value is not None and value == value.to_integral_value() and YEAR_MIN <= value <= YEAR_MAX:
                self.year = int(value)
            elif text:
                raise self.refuse(row, "sheets.read.bad_year", text=clip(text))
        elif key == "project_code":
            if text:
                self.remarks[self.layout.header[key].written] = text
        elif text:
            self.header[key] = text

    # -- funds

    def read_funds_heading(self, row: int, pieces: list[Piece]) -> None:
        label = next(piece for piece in pieces if self.layout.funds_labels.match(piece.text))
        self.funds_label_words = [label.text]
        unit = _UNIT_IN_LABEL.search(label.text)
        if unit:
            self.unit = unit.group(1)
        points = _POINTS_ANYWHERE.search(label.text)
        if points:
            self.funds_weight = Decimal(points.group(1))
        columns = _find_columns([p for p in pieces if p is not label], self.layout.funds_columns)
        heading_row = row
        if len(columns) < 2:  # the heads may stand on the row below the block's label
            below = [p for p in self.rows.pieces(row + 1) if not p.above]
            columns = _find_columns(below, self.layout.funds_columns)
            heading_row = row + 1
        if not {"annual_budget", "executed"} <= set(columns):
            missing = [self.layout.funds_columns[key].written for key in ("annual_budget", "executed") if key not in columns]
            raise self.refuse(row, "sheets.read.funds_heads", missing="、".join(missing))
        if "score" in columns and self.funds_weight is None:
            head = self.rows.grid.seen(heading_row, columns["score"][0])
            points = _POINTS_ANYWHERE.search(head)
            if points:
                self.funds_weight = Decimal(points.group(1))
        self.funds_columns = columns
        self.funds_heading_row = heading_row

    def read_funds_row(self, row: int, pieces: list[Piece]) -> None:
        assert self.funds_columns is not None
        first = min(left for left, _ in self.funds_columns.values())
        labels = [p for p in pieces if p.left < first and not self.layout.funds_labels.match(p.text)
                  and p.text not in self.funds_label_words and number(p.text) is None and not is_blank(p.text)]
        values = {key: self.rows.value(row, span) for key, span in self.funds_columns.items()}
        if not labels:
            if not any(not is_blank(value) for value in values.values()):
                return
            if "total" in self.funds:
                self.warn(row, "sheets.read.funds_row_unlabelled")
                return
            key = "total"  # a block of one row (湖北) has no row label
            label_text = ""
        else:
            label_text = labels[-1].text
            key = next((name for name, words in self.layout.funds_rows.items()
                        if words.match(label_text.removeprefix("其中").lstrip(":：")) or words.match(label_text)), "")
            if not key:
                self.warn(row, "sheets.read.funds_row_unknown", label=clip(label_text))
                return
        amounts = FundsRow(
            initial_budget=self.amount(row, values.get("initial_budget", ""), t("sheets.field.initial_budget")),
            annual_budget=self.amount(row, values.get("annual_budget", ""), t("sheets.field.annual_budget")),
            executed=self.amount(row, values.get("executed", ""), t("sheets.field.executed")),
        )
        if key == "other_parts":
            self.add_other(row, label_text, amounts)
            return
        if key in self.funds:
            self.warn(row, "sheets.read.funds_row_twice", label=clip(label_text))
        self.funds[key] = amounts
        if key == "total":
            self.read_budget_scores(row, values)

    def add_other(self, row: int, label: str, amounts: FundsRow) -> None:
        """四川's 财政专户管理资金 and 单位资金 are counted with 其他资金 (the record has one row for them)."""
        if not any(value for value in (amounts.initial_budget, amounts.annual_budget, amounts.executed)):
            return
        current = self.funds.get("other_parts", FundsRow())
        assert isinstance(current, FundsRow)
        summed = {name: (getattr(current, name) or Decimal(0)) + (getattr(amounts, name) or Decimal(0))
                  for name in ("initial_budget", "annual_budget", "executed")}
        self.funds["other_parts"] = FundsRow(**summed)
        self.warn(row, "sheets.read.other_parts", label=clip(label))

    def read_budget_scores(self, row: int, values: dict[str, str]) -> None:
        weight_cell = values.get("weight", "")
        if not is_blank(weight_cell):
            weight = number(weight_cell.strip().removesuffix("分"))
            if weight is None or not 0 <= weight <= 100:
                raise self.refuse(row, "sheets.read.not_number", what=t("sheets.field.budget_weight"), text=clip(weight_cell))
            self.funds_weight = weight
        rate_cell = values.get("rate", "")
        if not is_blank(rate_cell):
            declared = rate(rate_cell)
            if declared is None:
                raise self.refuse(row, "sheets.read.not_number", what=t("sheets.field.rate"), text=clip(rate_cell))
            self.funds["declared_rate"] = declared
        score_cell = values.get("score", "")
        if not is_blank(score_cell):
            score = number(score_cell)
            if score is None:
                raise self.refuse(row, "sheets.read.not_number", what=t("sheets.field.budget_score"), text=clip(score_cell))
            self.funds["declared_score"] = score
        reason = values.get("reason", "")
        if reason and not is_blank(reason):
            self.funds["reason"] = reason

    # -- goals

    def read_goal_heading(self, row: int, pieces: list[Piece]) -> None:
        layout = self.layout
        for candidate in (row, row + 1):
            own = [p for p in self.rows.pieces(candidate) if not p.above]
            expected = next((p for p in own if layout.goals_expected.match(p.text)), None)
            achieved = next((p for p in own if layout.goals_achieved.match(p.text)), None)
            if expected and achieved and expected.left < achieved.left:
                self.goal_columns = (expected.left, achieved.left)
                self.goal_heading_row = candidate
                return
        # A block without heads: the texts right of the label are the expected goal.
        label = next(piece for piece in pieces if layout.goals_labels.match(piece.text))
        self.goal_columns = (label.right + 1, 10**6)
        self.goal_heading_row = row
        self.warn(row, "sheets.read.goal_heads")
        self.goal_text([p for p in pieces if p.left > label.right])

    def read_goal_text(self, row: int, pieces: list[Piece]) -> None:
        if row != self.goal_heading_row:
            self.goal_text(pieces)

    def goal_text(self, pieces: list[Piece]) -> None:
        if self.goal_columns is None:
            return
        start, split = self.goal_columns
        expected = [p.text for p in pieces if start <= p.left < split and not p.above]
        achieved = [p.text for p in pieces if p.left >= split and not p.above]
        if expected:
            self.expected.append(" ".join(expected))
        if achieved:
            self.achieved.append(" ".join(achieved))

    # -- indicators

    def read_indicator_heading(self, row: int, pieces: list[Piece]) -> None:
        layout = self.layout
        columns = _find_columns([p for p in pieces if not p.above], layout.indicator_columns)
        target_keys = ("target_value",) if layout.split_target else ("target",)
        required = ("name", *target_keys, "actual", "score")
        missing = [key for key in required if key not in columns]
        if "actual" in missing and "score" in missing:
            raise Refused(t("sheets.at_row", row=self.line(row), message=t("sheets.refuse.target_form")))
        if missing:
            names = "、".join(layout.indicator_columns[key].written for key in missing)
            raise self.refuse(row, "sheets.read.indicator_heads", missing=names)
        self.columns = columns
        # 四川: 绩效指标（90分）; the label may stand left of the heads.
        for piece in pieces:
            if layout.indicator_labels.match(piece.text):
                points = _POINTS_ANYWHERE.search(piece.text)
                if points:
                    self.indicator_points = Decimal(points.group(1))

    def cell(self, row: int, key: str) -> str:
        assert self.columns is not None
        span = self.columns.get(key)
        return self.rows.value(row, span) if span else ""

    def read_indicator(self, row: int, pieces: list[Piece]) -> None:
        assert self.columns is not None
        layout = self.layout
        own = [p for p in pieces if not p.above and p.left >= self.columns.get("level1", (0, 0))[0]]
        data_keys = [key for key in self.columns if key not in ("level1", "level2")]
        values = {key: self.cell(row, key) for key in data_keys}
        level1_raw = self.cell(row, "level1") if "level1" in self.columns else ""
        level2_raw = self.cell(row, "level2") if "level2" in self.columns else ""
        if layout.indicator_groups and own and layout.indicator_groups.match(own[0].text) and not any(
                number(values.get(key, "")) is not None for key in ("weight", "score")):
            self.groups.append(" ".join(p.text for p in own))
            return
        if all(is_blank(value) or not value for value in values.values()):
            if own and any(p.text not in (level1_raw, level2_raw) for p in own):
                self.warn(row, "sheets.read.row_ignored", text=clip(" ".join(p.text for p in own)))
            return
        level1, level2 = self.levels(row, level1_raw, level2_raw)
        name = values.get("name", "")
        weight_cell = values.get("weight", "")
        name_points = _POINTS.search(name)
        weight: Decimal | None
        if not is_blank(weight_cell):
            weight = number(weight_cell.strip().removesuffix("分"))
            if weight is None or not 0 <= weight <= 100:
                raise self.refuse(row, "sheets.read.not_weight", text=clip(weight_cell), name=clip(name))
        elif name_points:
            weight = Decimal(name_points.group(1))
            name = name[: name_points.start()].strip()
        elif name.strip() in ("", "*"):
            weight = Decimal(0)
        else:
            raise self.refuse(row, "sheets.read.no_weight", name=clip(name))
        score_cell = values.get("score", "")
        score = None
        if not is_blank(score_cell):
            score = number(score_cell.strip().removesuffix("分"))
            if score is None:
                raise self.refuse(row, "sheets.read.not_score", text=clip(score_cell), name=clip(name))
        if not name and weight:
            raise self.refuse(row, "sheets.read.no_name")
        if not level1:
            self.warn(row, "sheets.read.no_level1", name=clip(name))
        target = self.target_text(row, values)
        actual = values.get("actual", "")
        unit = values.get("unit", "")
        if layout.split_target and unit and number(actual) is not None:
            actual = actual + unit
        try:
            self.indicator_rows.append(IndicatorRow(
                level1=level1, level2=level2, name=name, target_text=target, actual_text=actual, weight=weight,
                declared_score=score, deviation_reason="" if values.get("reason", "").strip() in _DASHES else values.get("reason", ""),
            ))
        except ValidationError:
            raise self.refuse(row, "sheets.read.bad_row", name=clip(name)) from None

    def target_text(self, row: int, values: dict[str, str]) -> str:
        if not self.layout.split_target:
            return values.get("target", "")
        comparator_cell = values.get("comparator", "").strip()
        value = values.get("target_value", "").strip()
        unit = values.get("unit", "").strip()
        symbol = None
        if comparator_cell:
            symbol = next((sign for sign, words in self.layout.comparators.items() if words.match(comparator_cell)), None)
            if symbol is None:
                raise self.refuse(row, "sheets.read.bad_comparator", text=clip(comparator_cell))
        if symbol == "" or number(value) is None:
            return value  # 定性: the value is a word (达到预期, 满意)
        return f"{symbol or ''}{value}{unit}"

    def levels(self, row: int, raw1: str, raw2: str) -> tuple[str, str]:
        """一级 and 二级 as seen; a blank one continues the row above (a file without its merges)."""
        raw1 = self.level_weight(row, raw1)
        raw2 = self.level_weight(row, raw2)
        new_level1 = bool(raw1) and raw1 != self.level1
        if raw1:
            self.level1 = raw1
        if raw2:
            self.level2 = raw2
        elif new_level1:
            self.level2 = ""
        return self.level1, self.level2

    def level_weight(self, row: int, text: str) -> str:
        """安徽 writes the 一级's weight into its cell: 产出指标(50分) → 产出指标, 50 kept to check the rows."""
        match = _POINTS.search(text)
        if not match:
            return text
        name = text[: match.start()].strip()
        if name not in self.level_points:
            self.level_points[name] = (Decimal(match.group(1)), row)
        return name

    # -- total and closing rows

    def read_total(self, row: int, pieces: list[Piece]) -> None:
        self.total_seen = True
        own = [p for p in pieces if not p.above][1:]
        total = None
        if self.columns and "score" in self.columns:
            total = number(self.cell(row, "score"))
        numbers = [(p, value) for p in own if (value := number(p.text)) is not None]
        if total is None and numbers:
            total = numbers[-1][1]
            if len(numbers) > 2:
                self.warn(row, "sheets.read.total_numbers", count=len(numbers), total=plain_decimal(total))
        if total is None:
            raise self.refuse(row, "sheets.read.no_total")
        self.declared_total = total
        for piece in own:
            if norm(piece.text) in _GRADES:
                self.grade = norm(piece.text)

    def _is_closing(self, text: str) -> bool:
        label = norm(text).split(":", 1)[0]
        return label in self.layout.closing or label in self.layout.footer or label.startswith("填表说明")

    def read_closing(self, row: int, pieces: list[Piece]) -> None:
        labels = set(self.layout.closing) | set(self.layout.footer)
        index = 0
        while index < len(pieces):
            text = pieces[index].text
            label, _, inline = text.replace("：", ":").partition(":")
            label = norm(label)
            index += 1
            if label.startswith("填表说明"):
                return
            if label not in labels:
                continue
            values = [inline.strip()] if inline.strip() else []
            while index < len(pieces) and norm(pieces[index].text).replace("：", ":").split(":", 1)[0] not in labels:
                values.append(pieces[index].text)
                index += 1
            value = " ".join(values).strip()
            if value:
                self.remarks[label] = value

    # -- result

    def finish(self) -> Evaluation:
        layout = self.layout
        start = self.start
        if "project_name" not in self.header:
            raise self.refuse(start, "sheets.read.missing", what=layout.header["project_name"].written)
        if self.funds_columns is None:
            raise self.refuse(start, "sheets.read.missing", what=layout.funds_labels.written)
        if self.columns is None:
            raise self.refuse(start, "sheets.read.missing", what=layout.indicator_labels.written)
        if not self.indicator_rows:
            raise self.refuse(start, "sheets.read.no_rows")
        if "total" not in self.funds:
            raise self.refuse(self.funds_heading_row, "sheets.read.missing", what=layout.funds_rows["total"].written)
        if layout.total_required and not self.total_seen:
            raise self.refuse(start, "sheets.read.missing", what=layout.total_labels.written)
        for name, (points, row) in self.level_points.items():
            rows = sum((r.weight for r in self.indicator_rows if r.level1 == name), Decimal(0))
            if rows != points:
                self.warn(row, "sheets.read.level_points", level=name, points=plain_decimal(points), rows=plain_decimal(rows))
        funds = dict(self.funds)
        other_parts = funds.pop("other_parts", None)
        if isinstance(other_parts, FundsRow):
            other = funds.get("other", FundsRow())
            assert isinstance(other, FundsRow)
            funds["other"] = FundsRow(**{
                name: (getattr(other, name) or Decimal(0)) + (getattr(other_parts, name) or Decimal(0))
                for name in ("initial_budget", "annual_budget", "executed")})
        unit = self.unit or self.unit_note or layout.funds_unit
        if not self.unit and not self.unit_note:
            self.warn(self.funds_heading_row, "sheets.read.unit_assumed", unit=unit)
        expected = "\n".join(self.expected)
        if self.groups and not expected:
            expected = "\n".join(self.groups)
        try:
            return Evaluation(
                source="",
                header=Header(
                    project_name=str(self.header.get("project_name", "")),
                    department=str(self.header.get("department", "")),
                    implementer=str(self.header.get("implementer", "")),
                    project_amount=self.header.get("project_amount"),
                    year=self.year,
                ),
                funds=Funds(unit=unit, weight=self.funds_weight if self.funds_weight is not None else Decimal(layout.funds_weight),
                            **funds),
                goals=Goals(expected=expected, achieved="\n".join(self.achieved)),
                indicators=self.indicator_rows,
                declared_total=self.declared_total,
                declared_grade=self.grade,
                remarks=self.remarks or None,
            )
        except ValidationError as error:
            problem = error.errors()[0]
            where = ".".join(str(part) for part in problem.get("loc", ()))
            raise self.refuse(start, "sheets.read.invalid", where=where, problem=problem.get("msg", "")) from None


# ------------------------------------------------------------------------------------------ the sheet


def form_starts(rows: Rows, layouts_words: Words) -> Iterator[tuple[int, str]]:
    """(row, kind) of each form's first row: its title, or a header row when a form has no title.

    Scans the stored cells (a title or label is always the top-left cell of its merge), so a sheet of a
    million rows of other data is passed over quickly."""
    seen_header = False
    for row, cells in enumerate(rows.grid.rows):
        filled = [cell for cell in cells if cell]
        if not filled:
            continue
        if len(filled) <= 3:
            kind = title_kind(filled[0]) if len(filled[0]) <= 80 else None
            if kind:
                seen_header = True
                yield row, kind
                continue
        if not seen_header and any("名称" in cell and layouts_words.match(cell) for cell in filled[:2]):
            seen_header = True
            yield row, "untitled"


_PROJECT_NAME = Words.of(["项目名称"])


def read_grid(grid: Grid) -> Iterator[FormRead]:
    """Every form in one sheet, in order (a sheet with none yields nothing)."""
    rows = Rows(grid)
    starts = list(form_starts(rows, _PROJECT_NAME))
    for position, (start, kind) in enumerate(starts):
        if position >= MAX_FORMS_PER_FILE:
            yield FormRead(grid.name, start + 1, "", refusal=t("sheets.refuse.too_many_forms", limit=MAX_FORMS_PER_FILE))
            return
        end = starts[position + 1][0] if position + 1 < len(starts) else len(rows)
        if kind == "department":
            yield FormRead(grid.name, start + 1, "", refusal=t("sheets.refuse.department"))
            continue
        if kind == "target":
            yield FormRead(grid.name, start + 1, "", refusal=t("sheets.refuse.target_form"))
            continue
        rows.forget()  # pieces are kept for one form at a time
        layout = choose_layout(_texts(rows, start, end))
        reader = FormReader(rows, layout, start, end, grid.name)
        try:
            evaluation = reader.read()
        except Refused as refusal:
            yield FormRead(grid.name, start + 1, layout.id, warnings=reader.warnings, refusal=str(refusal))
            continue
        yield FormRead(grid.name, start + 1, layout.id, evaluation=evaluation, warnings=reader.warnings)

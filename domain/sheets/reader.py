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

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import ValidationError

from domain.messages import t
from domain.record.models import Evaluation, Funds, FundsRow, Goals, Header
from domain.sheets.grid import Grid, plain_decimal
from domain.sheets.layouts import Words, choose_layout, norm
from domain.sheets.reader_blocks import BlockReading
from domain.sheets.reader_funds import settle_parts
from domain.sheets.reader_indicators import IndicatorReading
from domain.sheets.reader_pieces import Piece, Rows, find_columns, form_texts
from domain.sheets.reader_state import Refused, TargetTable
from domain.sheets.reader_words import DEPARTMENT_WIDE, TITLE_WORDS

MAX_FORMS_PER_FILE = 20_000


@dataclass
class FormRead:
    """One form found in a sheet: the record when it was read completely, else why not."""

    sheet: str
    row: int  # 1-based row where the form starts
    layout: str
    evaluation: Evaluation | None = None
    warnings: list[str] = field(default_factory=list)
    refusal: str | None = None
    kind: str = "form"  # or "target": a target table (绩效目标表), read as targets by ``targets_file.take_targets``
    rows: tuple[int, int] = (0, 0)  # the grid rows the form spans (0-based, end excluded)

    @property
    def where(self) -> str:
        return t("sheets.where", sheet=self.sheet, row=self.row)

    @property
    def project(self) -> str:
        return self.evaluation.header.project_name if self.evaluation else ""


# ----------------------------------------------------------------------------------------- the reader


def title_kind(text: str) -> str | None:
    """What a title announces: "form", "department" (部门整体), "target" (绩效目标表), or None."""
    reduced = norm(text)
    if len(reduced) <= 60 and "绩效" in reduced and DEPARTMENT_WIDE.search(reduced):
        return "department"  # 部门整体支出绩效评价自评报告 / 得分表: whatever its last words
    if "表" not in text:
        return None
    if len(reduced) > 60 or not any(word in reduced for word in TITLE_WORDS):
        return None
    if DEPARTMENT_WIDE.search(reduced):
        return "department"
    if "目标表" in reduced or "目标申报表" in reduced:
        return "target"
    return "form" if "自评表" in reduced else None


_CLOSING: dict[tuple[str, str], bool] = {}  # (layout, text) → whether the text labels a closing row


class FormReader(BlockReading, IndicatorReading):
    """Reads the rows of one form (from its start to the next form) with one declared layout."""

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
            if self.columns is None and len(find_columns(own, layout.indicator_columns)) >= 4:
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
            elif section == "goals" and len(own) == 1 and layout.indicator_labels.match(first):
                self.read_indicator_label(first)  # 四、年度绩效指标完成情况 on a row of its own ends the goals
                section = "indicator-label"
            elif section == "goals":
                self.read_goal_text(row, pieces)
            elif section == "indicators":
                self.read_indicator(row, pieces)
            elif section == "closing":
                continue  # 填表说明 and other notes under the form
            elif section == "header":
                self.read_header_note(row, own)
        return self.finish()

    # -- closing rows

    def _is_closing(self, text: str) -> bool:
        key = (self.layout.id, text)
        found = _CLOSING.get(key)
        if found is None:
            if len(_CLOSING) > 1 << 15:
                _CLOSING.clear()
            label = norm(text).split(":", 1)[0]
            found = _CLOSING[key] = (
                label in self.layout.closing or label in self.layout.footer or label.startswith("填表说明")
            )
        return found

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
            self.warn(self.end - 1, "reader.no_total_row", what=layout.total_labels.written)
        for name, (points, row) in self.level_points.items():
            rows = sum((r.weight for r in self.indicator_rows if r.level1 == name), Decimal(0))
            if rows != points:
                self.warn(
                    row, "sheets.read.level_points", level=name, points=plain_decimal(points), rows=plain_decimal(rows)
                )
        funds = dict(self.funds)
        settle_parts(self, funds)
        other_parts = funds.pop("other_parts", None)
        if isinstance(other_parts, FundsRow):
            other = funds.get("other", FundsRow())
            assert isinstance(other, FundsRow)
            funds["other"] = FundsRow(
                **{
                    name: (getattr(other, name) or Decimal(0)) + (getattr(other_parts, name) or Decimal(0))
                    for name in ("initial_budget", "annual_budget", "executed")
                }
            )
        unit = self.unit or self.unit_note or layout.funds_unit
        if not self.unit and not self.unit_note:
            self.warn(self.funds_heading_row, "sheets.read.unit_assumed", unit=unit)
        expected = "\n".join(self.expected)
        if self.groups and not expected:
            expected = "\n".join(self.groups)
        try:
            return Evaluation(
                source="",
                profile=layout.profile or "default",
                header=Header(
                    project_name=str(self.header.get("project_name", "")),
                    department=str(self.header.get("department", "")),
                    implementer=str(self.header.get("implementer", "")),
                    project_amount=self.header.get("project_amount"),
                    year=self.year,
                ),
                funds=Funds(
                    unit=unit,
                    weight=self.funds_weight if self.funds_weight is not None else Decimal(layout.funds_weight),
                    **funds,
                ),
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
            yield FormRead(
                grid.name, start + 1, "", refusal=t("sheets.refuse.too_many_forms", limit=MAX_FORMS_PER_FILE)
            )
            return
        end = starts[position + 1][0] if position + 1 < len(starts) else len(rows)
        if kind == "department":
            yield FormRead(grid.name, start + 1, "", refusal=t("sheets.refuse.department"))
            continue
        if kind == "target":
            yield FormRead(
                grid.name, start + 1, "", refusal=t("sheets.refuse.target_form"), kind="target", rows=(start, end)
            )
            continue
        rows.forget()  # pieces are kept for one form at a time
        layout = choose_layout(form_texts(rows, start, end))
        reader = FormReader(rows, layout, start, end, grid.name)
        try:
            evaluation = reader.read()
        except TargetTable as refusal:
            yield FormRead(
                grid.name,
                start + 1,
                layout.id,
                warnings=reader.warnings,
                refusal=str(refusal),
                kind="target",
                rows=(start, end),
            )
            continue
        except Refused as refusal:
            yield FormRead(
                grid.name, start + 1, layout.id, warnings=reader.warnings, refusal=str(refusal), rows=(start, end)
            )
            continue
        yield FormRead(
            grid.name, start + 1, layout.id, evaluation=evaluation, warnings=reader.warnings, rows=(start, end)
        )

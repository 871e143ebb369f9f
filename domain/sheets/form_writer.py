"""Write one form on a worksheet, row by row: title, header, funds, goals, indicators and closing lines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from domain.record.models import Evaluation, FundsRow
from domain.sheets.export_cells import LINE_POINTS, convert, even_spans, funds_rate, lines_needed, sum_rows
from domain.sheets.grid import plain_decimal
from domain.sheets.layouts import Layout

TOTAL_LABEL = "总分"
_PERCENT_TEXT = re.compile(r"([0-9]+(?:\.[0-9]+)?)%")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_SPLIT_TARGET = re.compile(r"(≥|>=|≤|<=|>|<|=)?\s*([0-9]+(?:\.[0-9]+)?)\s*([^\s0-9]{0,6})")
_COMPARATOR_SIGNS = {">=": "≥", "<=": "≤"}


@dataclass
class SheetForm:
    """One form to write: the evaluation and the scores to write for it (from the audit)."""

    evaluation: Evaluation
    row_scores: list[Decimal]
    budget_score: Decimal
    rate: Decimal | None
    total: Decimal
    grade: str
    computed_rate: Decimal | None = None  # 执行数 ÷ 预算数 unrounded, shown in the 执行率 cell
    rate_note: str = ""  # how the rate was rounded before scoring, written under the form when it was


class FormWriter:
    """Writes one form on one worksheet, row by row, keeping the merged ranges and row heights."""

    def __init__(self, workbook: Any, worksheet: Any, declared: Layout, unit: str, formats: dict[str, Any]) -> None:
        self.book, self.sheet, self.layout, self.unit, self.f = workbook, worksheet, declared, unit, formats
        self.widths: list[float] = [float(w) for w in declared.write["widths"]]
        self.columns = len(self.widths)
        self.last = self.columns - 1
        self.row = 0
        self.heights: dict[int, float] = {}
        self.repeat: int | None = None
        self.note = ""

    # -- primitives

    def span_width(self, first: int, last: int) -> float:
        return sum(self.widths[first : last + 1])

    def need(self, row: int, text: str, first: int, last: int, rows: int = 1) -> None:
        lines = lines_needed(text, self.span_width(first, last))
        height = max(LINE_POINTS + 4, lines * LINE_POINTS + 6) / rows
        self.heights[row] = max(self.heights.get(row, 0), height)

    def put(self, row: int, first: int, last: int, value: Any, fmt: str = "text", down: int = 0) -> None:
        """Write a value over columns first..last (and ``down`` more rows), merging when it spans."""
        style = self.f[fmt]
        if isinstance(value, Decimal):
            value = float(value)
        if last > first or down > 0:
            self.sheet.merge_range(row, first, row + down, last, value if value is not None else "", style)
        elif value is None or value == "":
            self.sheet.write_blank(row, first, None, style)
        elif isinstance(value, str):
            self.sheet.write_string(row, first, value, style)
        else:
            self.sheet.write_number(row, first, value, style)
        if isinstance(value, str) and value:
            for offset in range(down + 1):
                self.need(row + offset, value, first, last, rows=down + 1)

    def put_value(self, row: int, column: int, text: str, last: int | None = None) -> None:
        """A 指标值 or 完成值: a plain number or percentage as a number, anything else as written."""
        last = column if last is None else last
        stripped = text.strip()
        percent = _PERCENT_TEXT.fullmatch(stripped)
        if percent and plain_decimal(Decimal(percent.group(1))) == percent.group(1):
            digits = len(percent.group(1).partition(".")[2])
            fmt = "percent0" if digits == 0 else f"percent{min(digits, 2)}"
            if digits <= 2:
                self.put(row, column, last, Decimal(percent.group(1)).scaleb(-2), fmt)
                return
        if _PLAIN_NUMBER.fullmatch(stripped) and plain_decimal(Decimal(stripped)) == stripped:
            self.put(row, column, last, Decimal(stripped), "general")
            return
        self.put(row, column, last, text, "text")

    def amount(self, value: Decimal | None, source_unit: str) -> Decimal | str:
        converted = convert(value, source_unit, self.unit)
        return "—" if converted is None else converted

    # -- the form

    def write(self, form: SheetForm) -> None:
        """Write the form from row ``self.row`` down; ``self.row`` ends on the row after it."""
        evaluation, declared = form.evaluation, self.layout
        top = self.row
        self.put(top, 0, self.last, declared.title, "title")
        self.heights[top] = 30
        year = evaluation.header.year
        self.put(top + 1, 0, self.last, declared.year_line.format(year=year) if year else "", "subtitle")
        self.heights[top + 1] = 20
        self.row = top + 2
        self.write_header(evaluation)
        self.write_funds(form)
        self.write_goals(evaluation)
        self.write_indicators(form)
        self.note = form.rate_note
        self.write_closing(evaluation)

    def finish(self) -> None:
        for row, height in self.heights.items():
            self.sheet.set_row(row, height)

    def write_header(self, evaluation: Evaluation) -> None:
        header, words = evaluation.header, self.layout.header
        row, last = self.row, self.last
        middle = max(3, self.columns // 2)
        self.put(row, 0, 1, words["project_name"].written, "label")
        self.put(row, 2, last, header.project_name, "left")
        row += 1
        self.put(row, 0, 1, words["department"].written, "label")
        self.put(row, 2, middle, header.department, "left")
        self.put(row, middle + 1, middle + 2, words["implementer"].written, "label")
        self.put(row, middle + 3, last, header.implementer, "left")
        row += 1
        code = (evaluation.remarks or {}).get(words["project_code"].written, "") if "project_code" in words else ""
        if header.project_amount is not None or code:
            self.put(row, 0, 1, f"{words['project_amount'].written}（{self.unit}）", "label")
            amount = self.amount(header.project_amount, evaluation.funds.unit)
            self.put(row, 2, middle, amount, "amount" if isinstance(amount, Decimal) else "center")
            self.put(
                row, middle + 1, middle + 2, words["project_code"].written if "project_code" in words else "", "label"
            )
            self.put(row, middle + 3, last, code, "left")
            row += 1
        self.row = row

    def write_funds(self, form: SheetForm) -> None:
        evaluation, declared = form.evaluation, self.layout
        funds = evaluation.funds
        heads: list[str] = declared.write["funds_columns"]
        rows: list[str] = list(declared.write["funds_rows"])
        extra = list(declared.funds_rows["other_parts"].words) if "other_parts" in declared.funds_rows else []
        top = self.row
        count = 1 + len(rows) + len(extra)
        label = declared.funds_label.format(unit=self.unit, weight=plain_decimal(funds.weight))
        self.put(top, 0, 0, label, "label", down=count - 1)
        self.put(top, 1, 2, "", "head")
        first = 3
        spans = self._spread(first, len(heads))
        for (left, right), key in zip(spans, heads, strict=True):
            self.put(top, left, right, declared.funds_columns[key].written, "head")
        fiscal = funds.fiscal if "carryover" in rows else sum_rows(funds.fiscal, funds.carryover)
        row = top + 1
        for key in rows:
            source: FundsRow = fiscal if key == "fiscal" else getattr(funds, key)
            self.put(row, 1, 2, declared.funds_rows[key].written, "left")
            self._funds_values(row, spans, heads, source, funds.unit, form if key == "total" else None)
            row += 1
        for label_text in extra:
            self.put(row, 1, 2, label_text, "left")
            self._funds_values(row, spans, heads, FundsRow(), funds.unit, None)
            row += 1
        self.row = row

    def _spread(self, first: int, count: int) -> list[tuple[int, int]]:
        """``count`` column spans from ``first`` to the last column; the last one takes what is left."""
        spans = [(first + index, first + index) for index in range(count)]
        if spans and spans[-1][1] < self.last:
            spans[-1] = (spans[-1][0], self.last)
        return spans

    def _funds_values(
        self,
        row: int,
        spans: list[tuple[int, int]],
        heads: list[str],
        source: FundsRow,
        unit: str,
        form: SheetForm | None,
    ) -> None:
        funds = form.evaluation.funds if form else None
        for (left, right), key in zip(spans, heads, strict=True):
            if key in ("initial_budget", "annual_budget", "executed"):
                value = self.amount(getattr(source, key), unit)
                self.put(row, left, right, value, "amount" if isinstance(value, Decimal) else "center")
            elif key == "rate":
                rate = (
                    (form.computed_rate if form.computed_rate is not None else form.rate)
                    if form
                    else funds_rate(source)
                )
                if form and rate is not None:
                    rate = rate.quantize(Decimal("0.0001"))
                self.put(
                    row, left, right, rate if rate is not None else "—", "percent2" if rate is not None else "center"
                )
            elif key == "weight":
                self.put(row, left, right, funds.weight if funds else "—", "general" if funds else "center")
            elif key == "score":
                self.put(row, left, right, form.budget_score if form else "—", "score" if form else "center")
                if form and form.rate_note:
                    self.sheet.write_comment(row, left, form.rate_note, {"font_name": "宋体", "x_scale": 2})
            elif key == "reason":
                self.put(row, left, right, funds.reason if funds else "", "left")

    def write_goals(self, evaluation: Evaluation) -> None:
        declared, row = self.layout, self.row
        split = 1 + (self.columns - 1) // 2
        self.put(row, 0, 0, declared.goals_label, "label", down=1)
        self.put(row, 1, split - 1, declared.goals_expected.written, "head")
        self.put(row, split, self.last, declared.goals_achieved.written, "head")
        self.put(row + 1, 1, split - 1, evaluation.goals.expected, "left")
        self.put(row + 1, split, self.last, evaluation.goals.achieved, "left")
        self.row = row + 2

    def write_indicators(self, form: SheetForm) -> None:
        evaluation, declared = form.evaluation, self.layout
        keys: list[str] = declared.write["indicator_columns"]
        columns = {key: index + 1 for index, key in enumerate(keys)}
        top = self.row
        rows = evaluation.indicators
        weight = sum((r.weight for r in rows), Decimal(0))
        label = declared.indicator_label.format(weight=plain_decimal(weight))
        self.put(top, 0, 0, label, "label", down=len(rows))
        for key, column in columns.items():
            self.put(top, column, column, declared.indicator_columns[key].written, "head")
        if self.repeat is None:
            self.repeat = top
            self.sheet.repeat_rows(top)
        first = top + 1
        for offset, (indicator, score) in enumerate(zip(rows, form.row_scores, strict=True)):
            row = first + offset
            cells = self._indicator_cells(indicator.target_text, indicator.actual_text)
            for key, column in columns.items():
                if key in ("level1", "level2"):
                    continue
                if key == "name":
                    self.put(row, column, column, indicator.name, "left")
                elif key in ("target", "target_value", "actual"):
                    self.put_value(row, column, cells[key])
                elif key in ("comparator", "unit"):
                    self.put(row, column, column, cells[key], "center")
                elif key == "weight":
                    self.put(row, column, column, indicator.weight, "general")
                elif key == "score":
                    self.put(row, column, column, score, "score")
                elif key == "reason":
                    self.put(row, column, column, indicator.deviation_reason, "left")
        self._merge_levels(rows, first, columns)
        total_row = first + len(rows)
        weight_column, score_column = columns["weight"], columns["score"]
        self.put(total_row, 0, weight_column - 1, TOTAL_LABEL, "label")
        self.put(total_row, weight_column, weight_column, weight + form.evaluation.funds.weight, "general")
        self.put(total_row, score_column, score_column, form.total, "score")
        if score_column < self.last:
            self.put(total_row, score_column + 1, self.last, "", "center")
        self.row = total_row + 1

    def _indicator_cells(self, target: str, actual: str) -> dict[str, str]:
        cells = {"target": target, "actual": actual, "comparator": "", "target_value": target, "unit": ""}
        if not self.layout.split_target:
            return cells
        from domain.record.models import ValueKind
        from domain.record.values import parse_value

        match = _SPLIT_TARGET.fullmatch(target.strip())
        if match and match.group(3) not in ("以上", "以内", "以下", "之内"):
            sign, value, unit = match.group(1) or "", match.group(2), match.group(3)
            cells.update(comparator=_COMPARATOR_SIGNS.get(sign, sign), target_value=value, unit=unit)
            actual_match = _SPLIT_TARGET.fullmatch(actual.strip())
            if unit and actual_match and not actual_match.group(1) and actual_match.group(3) == unit:
                cells["actual"] = actual_match.group(2)
        elif parse_value(target).kind is ValueKind.GRADE:
            cells.update(comparator="定性")
        return cells

    def _merge_levels(self, rows: Sequence[Any], first: int, columns: dict[str, int]) -> None:
        """一级 cells merged down their rows, 二级 cells down theirs (within their 一级)."""

        def runs(keyfunc: Any) -> list[tuple[int, int, str]]:
            found: list[tuple[int, int, str]] = []
            for index, indicator in enumerate(rows):
                key = keyfunc(indicator)
                if found and found[-1][2] == key and key[-1] != "" and found[-1][1] == index - 1:
                    found[-1] = (found[-1][0], index, key)
                else:
                    found.append((index, index, key))
            return found

        for start, end, key in runs(lambda r: (r.level1,)):
            self.put(first + start, columns["level1"], columns["level1"], key[0], "center", down=end - start)
        for start, end, key in runs(lambda r: (r.level1, r.level2)):
            self.put(first + start, columns["level2"], columns["level2"], key[1], "center", down=end - start)

    def write_closing(self, evaluation: Evaluation) -> None:
        remarks = evaluation.remarks or {}
        row = self.row
        for label in self.layout.write.get("closing", []):
            self.put(row, 0, 1, label, "label")
            self.put(row, 2, self.last, remarks.get(label, ""), "left")
            row += 1
        footer = [
            label
            for label in self.layout.footer
            if label in ("填表人", "联系电话", "填报日期", "单位负责人", "项目负责人", "财务负责人")
        ]
        footer = footer[:4] if footer else ["填表人", "联系电话", "填报日期"]
        spans = even_spans(self.columns, len(footer))
        for (left, right), label in zip(spans, footer, strict=True):
            value = remarks.get(label, "")
            self.put(row + 1, left, right, f"{label}：{value}", "footer")
        self.row = row + 2
        if self.note:
            self.put(self.row, 0, self.last, self.note, "footer")
            self.row += 1

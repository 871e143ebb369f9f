"""Write evaluations as the official 项目支出绩效自评表 workbook (XlsxWriter), one sheet per form.

The layout's declaration (``domain.sheets.layouts``) gives every word written — title, labels, heads, row
names — so a form written here reads back through the same declaration. The scores written are the ones
``jixiao check`` adopts (computed, or the declared score where it is an admissible judgement), the total
is the audited total, and amounts are converted to the unit asked for.

The sheet is made to be printed and opened: thin borders, wrapped text, widths that fit Chinese, numbers
stored as numbers (percentages with a percent format), A4 landscape fitted to one page wide, the indicator
heads repeated on every page.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from domain.errors import InputError
from domain.messages import t
from domain.record.models import Evaluation, FundsRow
from domain.sheets.grid import plain_decimal
from domain.sheets.layouts import Layout, layout

UNITS: dict[str, Decimal] = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(10**8)}
FONT = "宋体"
LINE_POINTS = 14.0  # one line of 10-point text, with leading
SHEET_NAME_LIMIT = 31
DEFAULT_SHEET_NAME = "自评表"  # the form's own words, written in Chinese whatever the interface language
TOTAL_LABEL = "总分"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
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


def audited(evaluation: Evaluation) -> SheetForm:
    """The form with the scores ``jixiao check`` adopts."""
    from domain.scoring.audit import audit_evaluation

    audit = audit_evaluation(evaluation)
    return SheetForm(evaluation, list(audit.adopted_rows), audit.adopted_budget, audit.scored.budget.rate_used,
                     audit.computed_total, audit.grade)


CJK_WIDTH = 1.8  # a Chinese character of 10-point 宋体 in Excel's width units (the width of a "0")


def display_width(text: str) -> float:
    """Width units a text takes in a cell: about 1.8 for a Chinese character, one for a Latin one."""
    return sum(CJK_WIDTH if unicodedata.east_asian_width(char) in ("W", "F") else 1.0 for char in text)


def lines_needed(text: str, width: float) -> int:
    """How many lines a wrapped text takes in a cell ``width`` characters wide."""
    usable = max(1.0, width - 1.2)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in (text or "").split("\n"))


def sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("", name).strip("'").strip() or DEFAULT_SHEET_NAME
    base = base[:SHEET_NAME_LIMIT]
    candidate, number = base, 2
    while candidate.lower() in used:
        suffix = f"({number})"
        candidate = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        number += 1
    used.add(candidate.lower())
    return candidate


def convert(amount: Decimal | None, from_unit: str, to_unit: str) -> Decimal | None:
    if amount is None or from_unit == to_unit:
        return amount
    result = amount * UNITS[from_unit] / UNITS[to_unit]
    return result.normalize() if result == result.to_integral_value() else result


class _Writer:
    """Writes one form on one worksheet, row by row, keeping the merged ranges and row heights."""

    def __init__(self, workbook: Any, worksheet: Any, declared: Layout, unit: str, formats: dict[str, Any]) -> None:
        self.book, self.sheet, self.layout, self.unit, self.f = workbook, worksheet, declared, unit, formats
        self.widths: list[float] = [float(w) for w in declared.write["widths"]]
        self.columns = len(self.widths)
        self.last = self.columns - 1
        self.row = 0
        self.heights: dict[int, float] = {}
        self.repeat: int | None = None

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
            self.put(row, middle + 1, middle + 2, words["project_code"].written if "project_code" in words else "", "label")
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
        fiscal = funds.fiscal if "carryover" in rows else _sum_rows(funds.fiscal, funds.carryover)
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

    def _funds_values(self, row: int, spans: list[tuple[int, int]], heads: list[str], source: FundsRow,
                      unit: str, form: SheetForm | None) -> None:
        funds = form.evaluation.funds if form else None
        for (left, right), key in zip(spans, heads, strict=True):
            if key in ("initial_budget", "annual_budget", "executed"):
                value = self.amount(getattr(source, key), unit)
                self.put(row, left, right, value, "amount" if isinstance(value, Decimal) else "center")
            elif key == "rate":
                rate = form.rate if form else _rate(source)
                self.put(row, left, right, rate if rate is not None else "—", "percent2" if rate is not None else "center")
            elif key == "weight":
                self.put(row, left, right, funds.weight if funds else "—", "general" if funds else "center")
            elif key == "score":
                self.put(row, left, right, form.budget_score if form else "—", "score" if form else "center")
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
        footer = [label for label in self.layout.footer if label in ("填表人", "联系电话", "填报日期", "单位负责人",
                                                                     "项目负责人", "财务负责人")]
        footer = footer[:4] if footer else ["填表人", "联系电话", "填报日期"]
        spans = _even_spans(self.columns, len(footer))
        for (left, right), label in zip(spans, footer, strict=True):
            value = remarks.get(label, "")
            self.put(row + 1, left, right, f"{label}：{value}", "footer")
        self.row = row + 2


def _even_spans(columns: int, count: int) -> list[tuple[int, int]]:
    size = columns / count
    spans = []
    for index in range(count):
        left = round(index * size)
        right = round((index + 1) * size) - 1
        spans.append((left, max(left, right)))
    return spans


def _sum_rows(first: FundsRow, second: FundsRow) -> FundsRow:
    def add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
        return None if a is None and b is None else (a or Decimal(0)) + (b or Decimal(0))

    return FundsRow(initial_budget=add(first.initial_budget, second.initial_budget),
                    annual_budget=add(first.annual_budget, second.annual_budget),
                    executed=add(first.executed, second.executed))


def _rate(row: FundsRow) -> Decimal | None:
    """A source row's 执行率, to the precision the method rounds the total row's rate to."""
    if row.annual_budget and row.executed is not None:
        return (row.executed / row.annual_budget).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return None


def _formats(workbook: Any) -> dict[str, Any]:
    base = {"font_name": FONT, "font_size": 10, "border": 1, "valign": "vcenter", "text_wrap": True}

    def make(**extra: Any) -> Any:
        return workbook.add_format({**base, **extra})

    return {
        "title": workbook.add_format({"font_name": FONT, "font_size": 16, "bold": True, "align": "center",
                                      "valign": "vcenter"}),
        "subtitle": workbook.add_format({"font_name": FONT, "font_size": 11, "align": "center", "valign": "vcenter"}),
        "label": make(bold=True, align="center"),
        "head": make(bold=True, align="center", bg_color="#F2F2F2"),
        "text": make(align="center"),
        "center": make(align="center"),
        "left": make(align="left"),
        "general": make(align="center", num_format="General"),
        "amount": make(align="right", num_format="#,##0.00"),
        "score": make(align="center", num_format="0.00"),
        "percent0": make(align="center", num_format="0%"),
        "percent1": make(align="center", num_format="0.0%"),
        "percent2": make(align="center", num_format="0.00%"),
        "footer": workbook.add_format({"font_name": FONT, "font_size": 10, "align": "left", "valign": "vcenter"}),
    }


def _page_setup(worksheet: Any, writer: _Writer) -> None:
    for index, width in enumerate(writer.widths):
        worksheet.set_column(index, index, width)
    worksheet.set_landscape()
    worksheet.set_paper(9)  # A4
    worksheet.fit_to_pages(1, 0)  # one page wide, as many tall as it takes
    worksheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    worksheet.center_horizontally()
    worksheet.set_footer("&C第 &P 页，共 &N 页")
    worksheet.hide_gridlines(2)


def write_workbook(forms: Sequence[SheetForm], path: Path, layout_id: str = "central", unit: str | None = None,
                   stacked: bool = False) -> list[str]:
    """Write the forms to ``path`` atomically, one sheet each (or all on one sheet, one under another, when
    ``stacked``, as some offices collect them); returns notes about what had to be adapted."""
    import xlsxwriter  # type: ignore[import-untyped]

    declared = layout(layout_id)
    notes: list[str] = []
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp.xlsx", dir=directory)
    os.close(handle)
    try:
        workbook = xlsxwriter.Workbook(temporary, {"strings_to_numbers": False, "strings_to_formulas": False,
                                                   "strings_to_urls": False})
        formats = _formats(workbook)
        used: set[str] = set()
        writer: _Writer | None = None
        writers: list[_Writer] = []
        for form in forms:
            evaluation = form.evaluation
            form_unit = unit or evaluation.funds.unit or declared.funds_unit
            if form_unit not in UNITS or evaluation.funds.unit not in UNITS:
                raise InputError(t("export.unit_unknown", unit=form_unit if form_unit not in UNITS else evaluation.funds.unit))
            carry = evaluation.funds.carryover
            if "carryover" not in declared.write["funds_rows"] and (carry.annual_budget or carry.executed):
                notes.append(t("export.note.carryover", project=evaluation.header.project_name,
                               amount=plain_decimal(carry.annual_budget or carry.executed or Decimal(0))))
            if writer is None or not stacked:
                worksheet = workbook.add_worksheet(sheet_name(evaluation.header.project_name, used))
                writer = _Writer(workbook, worksheet, declared, form_unit, formats)
                writers.append(writer)
                _page_setup(worksheet, writer)
            else:
                writer.unit = form_unit
                writer.row += 1  # a blank row between stacked forms
            writer.write(form)
        for finished in writers:
            finished.finish()
            finished.sheet.print_area(0, 0, finished.row - 1, finished.last)
        workbook.close()
        os.replace(temporary, path)
    except InputError:
        Path(temporary).unlink(missing_ok=True)
        raise
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(t("export.failed", path=path, detail=error.strerror or error)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return notes

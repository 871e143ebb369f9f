"""Reading the blocks above a tab-separated form's indicators: header, funds and goals."""

from __future__ import annotations

import re
from decimal import Decimal

from domain.messages import t
from domain.record.models import FundsRow
from domain.sheets.tsv_cells import Line, clip, columns_moved, is_blank, norm, number, rate
from domain.sheets.tsv_state import FormState, header_label
from domain.sheets.tsv_words import FUNDS_DEFAULT, FUNDS_HEADINGS, FUNDS_ROWS, YEAR_MAX, YEAR_MIN, key_label


class BlockReading(FormState):
    """Reads the header rows, the 项目资金 block and the 年度总体目标 block of one form."""

    # -- header

    def read_header(self, line: Line) -> None:
        labelled = [(index, key) for index, cell in line.filled if (key := header_label(cell))]
        first = labelled[0][0]
        for index, cell in line.filled:
            if index < first:
                self.warn(line.number, t("tsv.cell_unplaced", column=index + 1, text=clip(cell)))
        for position, (index, key) in enumerate(labelled):
            end = labelled[position + 1][0] if position + 1 < len(labelled) else len(line.cells)
            values = [cell for cell in line.cells[index + 1 : end] if cell]
            text = " ".join(values)
            if len(values) > 1:
                self.warn(line.number, t("tsv.joined", label=key_label(key), count=len(values), text=clip(text)))
            self.set_header(line, key, text)

    def set_header(self, line: Line, key: str, text: str) -> None:
        if key in ("project_amount", "year"):
            if is_blank(text):
                return
            value = number(text if key == "project_amount" else text.removesuffix("年"))
            if key == "project_amount":
                if value is None or value < 0:
                    self.warn(line.number, t("tsv.bad_amount", text=clip(text)))
                    return
                self.header[key] = value
            else:
                if value is None or value != value.to_integral_value() or not YEAR_MIN <= value <= YEAR_MAX:
                    self.warn(line.number, t("tsv.bad_year", text=clip(text)))
                    return
                self.header[key] = int(value)
        else:
            self.header[key] = text

    # -- funds

    def read_funds_heading(self, line: Line) -> None:
        unit = re.search(r"[（(]\s*([^()（）]{1,4}?)\s*[)）]", line.filled[0][1])
        if unit:
            self.funds["unit"] = unit.group(1)
        found: dict[str, int] = {}
        for index, cell in line.filled:
            text = norm(cell)
            for heading, key in FUNDS_HEADINGS:
                if text.startswith(heading) and key not in found:
                    found[key] = index
        if len(found) == len(FUNDS_HEADINGS):
            self.funds_columns = found
        else:
            self.funds_columns = dict(FUNDS_DEFAULT)
            self.warn(line.number, t("tsv.funds_heads"))
        self.funds_label_column = min(self.funds_columns.values()) - 1

    def funds_key(self, line: Line) -> str | None:
        for _, cell in line.filled[:2]:
            text = norm(cell)
            for label, key in FUNDS_ROWS:
                if label in text:
                    return key
        return None

    def read_funds_row(self, line: Line) -> None:
        key = self.funds_key(line)
        assert key is not None
        columns = self.funds_columns or dict(FUNDS_DEFAULT)
        label_index = next(index for index, cell in line.filled if any(lab in norm(cell) for lab, _ in FUNDS_ROWS))
        shift = label_index - self.funds_label_column
        numeric = ("initial_budget", "annual_budget", "executed")
        if shift and not all(number(line.at(columns[k] + shift)) is not None for k in numeric):
            if all(number(line.at(columns[k])) is not None for k in numeric):
                shift = 0
        if shift:
            self.warn(line.number, t("tsv.funds_row_moved", label=line.at(label_index), moved=columns_moved(shift)))
        if key in self.funds_rows_seen:
            self.warn(line.number, t("tsv.funds_row_twice", label=line.at(label_index)))
        self.funds_rows_seen.add(key)
        values: dict[str, Decimal | None] = {}
        for name in numeric:
            cell = line.at(columns[name] + shift)
            value = number(cell)
            if value is None and not is_blank(cell):
                self.warn(line.number, t("tsv.not_number", label=key_label(name), text=clip(cell)))
            elif value is not None and value < 0:
                self.warn(line.number, t("tsv.negative", label=key_label(name), value=value))
                value = None
            values[name] = value
        self.funds[key] = FundsRow(**values)
        if key != "total":
            return
        weight_cell = line.at(columns["weight"] + shift)
        weight = number(weight_cell)
        if weight is None or not 0 <= weight <= 100:
            self.warn(line.number, t("tsv.budget_weight", text=clip(weight_cell)))
        else:
            self.funds["weight"] = weight
        for name, reader in (("rate", rate), ("score", number)):
            cell = line.at(columns[name] + shift)
            value = reader(cell)
            if value is None and not is_blank(cell):
                self.warn(line.number, t("tsv.not_number", label=key_label(name), text=clip(cell)))
            self.funds["declared_" + name] = value

    # -- goals

    def read_goal_heading(self, line: Line) -> None:
        expected = achieved = None
        for index, cell in line.filled:
            text = norm(cell)
            if text.startswith("预期目标"):
                expected = index
            elif text.startswith("实际完成"):
                achieved = index
        if expected is not None and achieved is not None and expected < achieved:
            self.goal_columns = (expected, achieved)
        else:
            self.goal_columns = None
            self.warn(line.number, t("tsv.goal_heads"))

    def read_goal_text(self, line: Line) -> None:
        filled = line.filled
        if self.goal_columns is None:
            parts = [cell for _, cell in filled]
            expected, achieved = parts[:1], parts[1:]
        else:
            start, split = self.goal_columns
            for index, cell in filled:
                if index < start:
                    self.warn(line.number, t("tsv.cell_unplaced", column=index + 1, text=clip(cell)))
            expected = [cell for index, cell in filled if start <= index < split]
            achieved = [cell for index, cell in filled if index >= split]
        if expected:
            self.expected.append(" ".join(expected))
        if achieved:
            self.achieved.append(" ".join(achieved))

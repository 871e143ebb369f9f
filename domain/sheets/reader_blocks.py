"""Reading the blocks above a sheet form's indicators: title, header, funds and goals."""

from __future__ import annotations

import re
from decimal import Decimal

from domain.messages import t
from domain.record.models import FundsRow
from domain.sheets.layouts import norm
from domain.sheets.reader_cells import clip, is_blank, number, rate
from domain.sheets.reader_pieces import Piece, find_columns
from domain.sheets.reader_state import FormState
from domain.sheets.reader_words import POINTS_ANYWHERE, UNIT_IN_LABEL, UNIT_NOTE, YEAR, YEAR_MAX, YEAR_MIN

AMOUNTS = ("initial_budget", "annual_budget", "executed")
_HEADER_LABELS: dict[tuple[str, str], str | None] = {}  # (layout, text) → the header key it labels


class BlockReading(FormState):
    """Reads the title, the header rows, the funds block and the goals block of one form."""

    # -- title and header

    def read_title(self, text: str) -> None:
        match = YEAR.search(text)
        if match:
            self.year = int(match.group(1))

    def _header_key(self, pieces: list[Piece]) -> str | None:
        for piece in pieces:
            key = self._header_label(piece.text)
            if key:
                return key
        return None

    def _header_label(self, text: str) -> str | None:
        cache_key = (self.layout.id, text)
        if cache_key in _HEADER_LABELS:
            return _HEADER_LABELS[cache_key]
        if len(_HEADER_LABELS) > 1 << 15:
            _HEADER_LABELS.clear()
        label = norm(text).split(":", 1)[0]
        found = next(
            (
                key
                for key, words in self.layout.header.items()
                if words.match(label) and len(label) <= len(words.written) + 8
            ),
            None,
        )
        _HEADER_LABELS[cache_key] = found
        return found

    def read_header_note(self, row: int, pieces: list[Piece]) -> None:
        """Rows between the title and the first block: the year line, 单位：万元, 填报单位 …"""
        for piece in pieces:
            text = piece.text
            unit = UNIT_NOTE.search(norm(text).replace("(", "").replace(")", ""))
            if unit:
                self.unit_note = unit.group(1)
            year = YEAR.search(text)
            if year and self.year is None and len(norm(text)) <= 16:
                self.year = int(year.group(1))

    def read_header(self, row: int, pieces: list[Piece]) -> None:
        index = 0
        while index < len(pieces):
            piece = pieces[index]
            key = self._header_label(piece.text)
            other = None if key else self._other_label(piece.text)
            if key is None and other is None:
                self.read_header_note(row, [piece])
                index += 1
                continue
            inline = re.split(r"[:：]", piece.text, maxsplit=1)
            values: list[str] = []
            if len(inline) == 2 and inline[1].strip():
                values.append(inline[1].strip())
            index += 1
            while (
                index < len(pieces)
                and self._header_label(pieces[index].text) is None
                and self._other_label(pieces[index].text) is None
            ):
                values.append(pieces[index].text)
                index += 1
            if key is not None:
                self.set_header(row, key, " ".join(values).strip())
            elif other is not None and values:
                self.remarks[other] = " ".join(values).strip()
                self.read_header_note(row, [Piece(piece.left, piece.right, f"{other}:{self.remarks[other]}")])

    def _other_label(self, text: str) -> str | None:
        """A footer label written among the header rows (项目负责人及电话 …): kept in the remarks, never
        joined to the value before it."""
        label = norm(text).split(":", 1)[0]
        if len(label) > 12:
            return None
        return label if any(label.startswith(word) for word in self.layout.footer) else None

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
        unit = UNIT_IN_LABEL.search(label.text)
        if unit:
            self.unit = unit.group(1)
        points = POINTS_ANYWHERE.search(label.text)
        if points:
            self.funds_weight = Decimal(points.group(1))
        columns = find_columns([p for p in pieces if p is not label], self.layout.funds_columns)
        heading_row = row
        if len(columns) < 2:  # the heads may stand on the row below the block's label
            below = [p for p in self.rows.pieces(row + 1) if not p.above]
            columns = find_columns(below, self.layout.funds_columns)
            heading_row = row + 1
        budget = "annual_budget" if "annual_budget" in self.layout.funds_columns else "initial_budget"
        if "executed" not in columns or not {"annual_budget", "initial_budget"} & set(columns):
            missing = [self.layout.funds_columns[key].written for key in (budget, "executed") if key not in columns]
            raise self.refuse(row, "sheets.read.funds_heads", missing="、".join(missing))
        if "score" in columns and self.funds_weight is None:
            head = self.rows.grid.seen(heading_row, columns["score"][0])
            points = POINTS_ANYWHERE.search(head)
            if points:
                self.funds_weight = Decimal(points.group(1))
        self.funds_columns = columns
        self.funds_heading_row = heading_row

    def read_funds_row(self, row: int, pieces: list[Piece]) -> None:
        assert self.funds_columns is not None
        first = min(left for left, _ in self.funds_columns.values())
        labels = [
            p
            for p in pieces
            if p.left < first
            and not self.layout.funds_labels.match(p.text)
            and p.text not in self.funds_label_words
            and number(p.text) is None
            and not is_blank(p.text)
        ]
        values = {key: self.rows.value(row, span) for key, span in self.funds_columns.items()}
        sideways = self.sideways(row) if not labels else None
        if sideways is not None:
            if not sideways[0]:
                return  # labels naming different rows: said in ``sideways``
            labels = [Piece(0, 0, sideways[0])]
            values.update(sideways[1])
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
            key = self._funds_row_key(label_text)
            if not key:
                self.read_funds_part(row, label_text, values)
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

    def sideways(self, row: int) -> tuple[str, dict[str, str]] | None:
        """A funds block laid out sideways (河北's printout: 预算安排情况 over 预算数 | 6.84, 资金执行情况 over
        执行数 | 6.84): under each head spanning several columns, the row's label in the first cell and its
        amount in a cell after it. (label, the amounts under their heads) when the labels under the amount
        heads name one funds row; ("", {}) with a warning when they name different rows; None when the row
        is not laid out so."""
        assert self.funds_columns is not None
        grid = self.rows.grid
        found: dict[str, str] = {}
        label = ""
        seen: list[str] = []
        for key in AMOUNTS:
            span = self.funds_columns.get(key)
            if span is None or span[1] == span[0]:
                continue
            left, right = span
            head = grid.seen(row, left)
            if is_blank(head) or number(head) is not None:
                continue
            row_key = self._funds_row_key(head)
            seen.append(head)
            if not row_key:
                return None
            if label and row_key != self._funds_row_key(label):
                self.warn(row, "reader.funds.sideways_mixed", labels="、".join(clip(text) for text in seen))
                return "", {}
            label = label or head
            found[key] = next(
                (
                    text
                    for column in range(left + 1, right + 1)
                    if (text := grid.at(row, column)) and grid.origin(row, column) == (row, column)
                ),
                "",
            )
        return (label, found) if label else None

    def _rate_in_percent(self) -> bool:
        """Whether the 执行率 head notes its numbers are percents: 预算执行进度（%）."""
        assert self.funds_columns is not None
        head = self.rows.grid.seen(self.funds_heading_row, self.funds_columns["rate"][0])
        return norm(head).endswith("(%)")

    def _funds_row_key(self, label: str) -> str:
        return next(
            (
                name
                for name, words in self.layout.funds_rows.items()
                if words.match(label.removeprefix("其中").lstrip(":：")) or words.match(label)
            ),
            "",
        )

    def read_funds_part(self, row: int, label: str, values: dict[str, str]) -> None:
        """A funds row the layout does not name (其中：中央补助, 单位资金 …): kept aside, and counted once the
        block is read when the total shows it is a part of it (``funds_parts``), else set aside with a note."""
        cells = [values.get(key, "") for key in AMOUNTS]
        numbers = [number(cell) for cell in cells]
        if any(value is None and not is_blank(cell) for value, cell in zip(numbers, cells, strict=True)) or any(
            value is not None and value < 0 for value in numbers
        ):
            self.warn(row, "sheets.read.funds_row_unknown", label=clip(label))
            return
        self.parts.append((row, label, FundsRow(**dict(zip(AMOUNTS, numbers, strict=True)))))

    def add_other(self, row: int, label: str, amounts: FundsRow) -> None:
        """四川's 财政专户管理资金 and 单位资金 are counted with 其他资金 (the record has one row for them)."""
        if not any(value for value in (amounts.initial_budget, amounts.annual_budget, amounts.executed)):
            return
        current = self.funds.get("other_parts", FundsRow())
        assert isinstance(current, FundsRow)
        summed = {
            name: (getattr(current, name) or Decimal(0)) + (getattr(amounts, name) or Decimal(0))
            for name in ("initial_budget", "annual_budget", "executed")
        }
        self.funds["other_parts"] = FundsRow(**summed)
        self.warn(row, "sheets.read.other_parts", label=clip(label))

    def read_budget_scores(self, row: int, values: dict[str, str]) -> None:
        weight_cell = values.get("weight", "")
        if not is_blank(weight_cell):
            weight = number(weight_cell.strip().removesuffix("分"))
            if weight is None or not 0 <= weight <= 100:
                raise self.refuse(
                    row, "sheets.read.not_number", what=t("sheets.field.budget_weight"), text=clip(weight_cell)
                )
            self.funds_weight = weight
        rate_cell = values.get("rate", "")
        if not is_blank(rate_cell):
            declared = rate(rate_cell)
            if declared is not None and declared > 1 and self._rate_in_percent():
                declared = declared.scaleb(-2)  # 预算执行进度（%） 100.00 is 100%
            if declared is None:
                raise self.refuse(row, "sheets.read.not_number", what=t("sheets.field.rate"), text=clip(rate_cell))
            self.funds["declared_rate"] = declared
        score_cell = values.get("score", "")
        if not is_blank(score_cell):
            score = number(score_cell)
            if score is None:
                raise self.refuse(
                    row, "sheets.read.not_number", what=t("sheets.field.budget_score"), text=clip(score_cell)
                )
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
                # a head right of 实际完成情况 (河北's 总体完成率（%）) ends its column
                self.goal_end = min((p.left for p in own if p.left > achieved.right), default=self.goal_end)
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
        achieved = [p.text for p in pieces if split <= p.left < self.goal_end and not p.above]
        if expected:
            self.expected.append(" ".join(expected))
        if achieved:
            self.achieved.append(" ".join(achieved))

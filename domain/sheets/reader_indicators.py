"""Reading a sheet form's indicator rows, their 一级 and 二级 levels, and its 总分 row."""

from __future__ import annotations

from decimal import Decimal

from pydantic import ValidationError

from domain.messages import t
from domain.record.models import IndicatorRow
from domain.sheets.grid import plain_decimal
from domain.sheets.layouts import norm
from domain.sheets.reader_cells import clip, is_blank, number
from domain.sheets.reader_pieces import Piece, find_columns
from domain.sheets.reader_placing import RowPlacer, moved, settle_levels
from domain.sheets.reader_state import FormState, TargetTable
from domain.sheets.reader_words import DASHES, GRADES, LEVEL1_OF, PLACEHOLDER, POINTS, POINTS_ANYWHERE


class IndicatorReading(FormState):
    """Reads the indicator heading, each indicator row and the total row of one form."""

    # -- indicators

    def read_indicator_heading(self, row: int, pieces: list[Piece]) -> None:
        layout = self.layout
        columns = find_columns([p for p in pieces if not p.above], layout.indicator_columns)
        self.read_sub_heads(row, pieces, columns)
        self.read_unread_heads(row, pieces, columns)
        target_keys = ("target_value",) if layout.split_target else ("target",)
        required = ("name", *target_keys, "actual", "score")
        missing = [key for key in required if key not in columns]
        if "actual" in missing and "score" in missing:
            raise TargetTable(t("sheets.at_row", row=self.line(row), message=t("sheets.refuse.target_form")))
        if missing:
            names = "、".join(layout.indicator_columns[key].written for key in missing)
            raise self.refuse(row, "sheets.read.indicator_heads", missing=names)
        self.columns = columns
        # 四川: 绩效指标（90分）; the label may stand left of the heads.
        for piece in pieces:
            if layout.indicator_labels.match(piece.text):
                self.read_indicator_label(piece.text)

    def read_indicator_label(self, text: str) -> None:
        points = POINTS_ANYWHERE.search(text)
        if points:
            self.indicator_points = Decimal(points.group(1))

    def read_sub_heads(self, row: int, pieces: list[Piece], columns: dict[str, tuple[int, int]]) -> None:
        """Heads on two rows (预期指标值 over 符号 / … / 单位, 自评得分 over 单项指标得分 / 权重占比): the row below
        is a row of sub-heads when every cell of its own stands under a head spanning several columns and
        some are declared heads. Each sub-head takes its columns; a spanning head keeps those left to it."""
        spanning = [p for p in pieces if not p.above and p.right > p.left]
        below = [p for p in self.rows.pieces(row + 1) if not p.above] if row + 1 < self.end else []
        if (
            not spanning
            or not below
            or not all(any(head.left <= p.left and p.right <= head.right for head in spanning) for p in below)
        ):
            return
        found = find_columns(below, self.layout.indicator_columns)
        if not found:
            return
        claimed = {column for left, right in found.values() for column in range(left, right + 1)}
        for key, (left, right) in list(columns.items()):
            free = [column for column in range(left, right + 1) if column not in claimed]
            if key not in found and free and len(free) <= right - left:
                columns[key] = (free[0], free[-1])
        columns.update(found)
        self.sub_heads_row = row + 1

    def read_unread_heads(self, row: int, pieces: list[Piece], columns: dict[str, tuple[int, int]]) -> None:
        """Heads the layout knows and does not read (河北's 指标分值, 单项指标折算得分): their columns are passed
        over in every row, said once."""
        unread = self.layout.indicator_unread
        if not unread:
            return
        heads = [p for p in pieces if not p.above]
        if self.sub_heads_row > 0:
            heads += [p for p in self.rows.pieces(self.sub_heads_row) if not p.above]
        claimed = {column for left, right in columns.values() for column in range(left, right + 1)}
        found = [p for p in heads if unread.match(p.text) and not claimed & set(range(p.left, p.right + 1))]
        if found:
            self.passed_columns = frozenset(c for p in found for c in range(p.left, p.right + 1))
            self.warn(row, "reader.columns_unread", heads="、".join(clip(p.text) for p in found))

    def cell(self, row: int, key: str) -> str:
        assert self.columns is not None
        span = self.columns.get(key)
        return self.rows.value(row, span) if span else ""

    def weight_of(self, row: int, name: str, weight_cell: str) -> tuple[str, Decimal]:
        """A row's 分值: its cell, or "(5分)" written after the name (taken off the name); none for an unused row
        or a form without a 分值 column (its weights were set in the target table, said once)."""
        assert self.columns is not None
        name_points = POINTS.search(name)
        if not is_blank(weight_cell):
            weight = number(weight_cell.strip().removesuffix("分"))
            if weight is None or not 0 <= weight <= 100:
                raise self.refuse(row, "sheets.read.not_weight", text=clip(weight_cell), name=clip(name))
            return name, weight
        if name_points:
            return name[: name_points.start()].strip(), Decimal(name_points.group(1))
        if name.strip() in ("", "*"):
            return name, Decimal(0)
        if "weight" not in self.columns:
            if not self.weights_missing:
                self.weights_missing = True
                self.warn(row, "reader.no_weight_column")
            return name, Decimal(0)
        raise self.refuse(row, "sheets.read.no_weight", name=clip(name))

    def read_indicator(self, row: int, pieces: list[Piece]) -> None:
        assert self.columns is not None
        layout = self.layout
        if row == self.sub_heads_row:
            return
        if self.placer is None:
            self.placer = RowPlacer(self.rows.grid, self.columns, layout.split_target, self.passed_columns)
        own = [p for p in pieces if not p.above and p.left >= self.columns.get("level1", (0, 0))[0]]
        placed = self.placer.place(row)
        values = placed.values
        level1_raw, level2_raw = placed.level1, placed.level2
        if (
            layout.indicator_groups
            and own
            and layout.indicator_groups.match(own[0].text)
            and not any(number(values.get(key, "")) is not None for key in ("weight", "score"))
        ):
            self.groups.append(" ".join(p.text for p in own))
            return
        if all(is_blank(value) or not value for value in values.values()):
            if own and any(p.text not in (level1_raw, level2_raw) for p in own):
                self.warn(row, "sheets.read.row_ignored", text=clip(" ".join(p.text for p in own)))
            return
        name_cell = values.get("name", "").strip()
        if name_cell.startswith("其中") and is_blank(values.get("weight", "")) and is_blank(values.get("score", "")):
            self.warn(row, "reader.breakdown_row", text=clip(name_cell))
            return  # 其中… under a row: its breakdown, not an indicator
        if self.leftover(values):
            shown = " ".join(text for text in (level1_raw, level2_raw, values.get("name", "")) if text)
            self.warn(row, "reader.leftover_row", text=clip(shown or values.get("name", "")))
            return
        notes = placed.notes
        level1_raw, level2_raw = settle_levels(level1_raw, level2_raw, self.level1, notes)
        level1, level2 = self.levels(row, level1_raw, level2_raw)
        name, weight = self.weight_of(row, values.get("name", ""), values.get("weight", ""))
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
        if notes:
            self.note(row, "；".join(notes))
        try:
            self.indicator_rows.append(
                IndicatorRow(
                    level1=level1,
                    level2=level2,
                    name=name,
                    target_text=target,
                    actual_text=actual,
                    weight=weight,
                    declared_score=score,
                    deviation_reason="" if values.get("reason", "").strip() in DASHES else values.get("reason", ""),
                )
            )
        except ValidationError:
            raise self.refuse(row, "sheets.read.bad_row", name=clip(name)) from None

    @staticmethod
    def leftover(values: dict[str, str]) -> bool:
        """A row kept from the blank template: no 分值 and no 得分, and a placeholder name ("指标2", "……")
        or nothing but the name."""
        name = values.get("name", "")
        if not is_blank(values.get("weight", "")) or not is_blank(values.get("score", "")) or POINTS.search(name):
            return False
        if PLACEHOLDER.fullmatch(name.strip()):
            return True
        return all(is_blank(values.get(key, "")) for key in ("target", "target_value", "actual"))

    def target_text(self, row: int, values: dict[str, str]) -> str:
        if not self.layout.split_target:
            return values.get("target", "")
        comparator_cell = values.get("comparator", "").strip()
        value = values.get("target_value", "").strip()
        unit = values.get("unit", "").strip()
        symbol = None
        if comparator_cell:
            symbol = next(
                (sign for sign, words in self.layout.comparators.items() if words.match(comparator_cell)), None
            )
            if symbol is None:
                raise self.refuse(row, "sheets.read.bad_comparator", text=clip(comparator_cell))
        if symbol == "" or number(value) is None:
            return value  # 定性: the value is a word (达到预期, 满意)
        return f"{symbol or ''}{value}{unit}"

    def levels(self, row: int, raw1: str, raw2: str) -> tuple[str, str]:
        """一级 and 二级 as seen; a blank one continues the row above (a file without its merges)."""
        raw2 = self.level_weight(row, raw2)
        raw1 = self.level_weight(row, raw1, raw2 or self.level2)
        new_level1 = bool(raw1) and raw1 != self.level1
        if raw1:
            self.level1 = raw1
        if raw2:
            self.level2 = raw2
        elif new_level1:
            self.level2 = ""
        return self.level1, self.level2

    def level_weight(self, row: int, text: str, level2: str = "") -> str:
        """安徽 writes the 一级's weight into its cell: 产出指标(50分) → 产出指标, 50 kept to check the rows; a cell
        holding the weight alone ("(50分)") is the 一级 its 二级 belongs to (数量指标 → 产出指标), noted."""
        if " " in text or "\n" in text:
            text = "".join(text.split())  # 产\n出\n指\n标 written down the cell, 经济效益 指标 wrapped
        match = POINTS.search(text)
        if not match:
            return text
        name = text[: match.start()].strip()
        if not name:
            name = LEVEL1_OF.get("".join(level2.split()), "")
            if name and name != self.level1:
                self.warn(row, "reader.level1_from_level2", text=clip(text), level1=name, level2=clip(level2))
        if name not in self.level_points:
            self.level_points[name] = (Decimal(match.group(1)), row)
        return name

    # -- total row

    def read_total(self, row: int, pieces: list[Piece]) -> None:
        self.total_seen = True
        own = [p for p in pieces if not p.above][1:]
        total = None
        if self.columns and "score" in self.columns:
            total = number(self.cell(row, "score"))
        numbers = [(p, value) for p in own if (value := number(p.text)) is not None]
        weight_at = self.columns["weight"][0] if self.columns and "weight" in self.columns else None
        if total is None and len(numbers) == 1 and numbers[0][0].left == weight_at and "score" in (self.columns or {}):
            self.warn(row, "reader.total_weights_only", weights=plain_decimal(numbers[0][1]))
            return  # 合计 carries the 分值 (权重) sum only: no declared total
        if total is None and numbers:
            total = numbers[-1][1]
            if len(numbers) > 2:
                self.warn(row, "sheets.read.total_numbers", count=len(numbers), total=plain_decimal(total))
            elif len(numbers) == 2 and self.columns and "score" in self.columns:
                shift = numbers[-1][0].left - self.columns["score"][0]
                if shift:
                    self.warn(row, "tsv.total_moved", moved=moved(shift), weights=numbers[0][1], total=total)
        if total is None:
            if not self.layout.total_required:
                return
            raise self.refuse(row, "sheets.read.no_total")
        self.declared_total = total
        for piece in own:
            if norm(piece.text) in GRADES:
                self.grade = norm(piece.text)

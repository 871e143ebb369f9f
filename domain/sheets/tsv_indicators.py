"""Reading a tab-separated form's 年度绩效指标 rows and its 总分 row, putting displaced cells back."""

from __future__ import annotations

from decimal import Decimal

from domain.messages import t
from domain.record.models import IndicatorRow
from domain.sheets.tsv_cells import Line, clip, columns_moved, is_blank, norm, number
from domain.sheets.tsv_state import FormState, IndicatorColumns, is_level_name
from domain.sheets.tsv_words import INDICATOR_HEADINGS, LEVEL1_NAMES, LEVEL2_NAMES, SATISFACTION


class IndicatorReading(FormState):
    """Reads the indicator heading, each indicator row and the total row of one form."""

    # -- indicators

    def read_indicator_heading(self, line: Line) -> None:
        found: dict[str, int] = {}
        for index, cell in line.filled:
            text = norm(cell)
            for heading, key in INDICATOR_HEADINGS:
                if key not in found and (text == heading or (key == "reason" and text.startswith(heading))):
                    found[key] = index
        required = [key for _, key in INDICATOR_HEADINGS if key != "reason"]
        positions = [found.get(key) for key in required]
        in_order = all(p is not None for p in positions) and positions == sorted(positions)  # type: ignore[type-var]
        if in_order and len(set(positions)) == len(positions):
            found.setdefault("reason", found["score"] + 1)
            self.columns = IndicatorColumns(**found)
        else:
            self.columns = IndicatorColumns()
            self.warn(line.number, t("tsv.indicator_heads"))

    def choose_shift(self, line: Line, columns: IndicatorColumns) -> int | None:
        """How far the row's 分值/得分 pair sits from the header's columns, or None when it has none."""
        best: tuple[int, int] | None = None
        for shift in (0, -1, 1, -2, 2, -3, 3):
            if columns.weight + shift < 0:
                continue
            weight = number(line.at(columns.weight + shift))
            score_cell = line.at(columns.score + shift)
            score = number(score_cell)
            if weight is None:
                continue
            if score is not None:
                points = 2 + (1 if 0 <= score <= weight else 0)
            elif is_blank(score_cell):
                points = 1
            else:
                continue
            points -= abs(shift)
            if best is None or points > best[0]:
                best = (points, shift)
        return None if best is None else best[1]

    def read_indicator(self, line: Line) -> None:
        columns = self.columns or IndicatorColumns()
        shift = self.choose_shift(line, columns)
        notes: list[str] = []
        if shift is None:
            if len(line.filled) < 2:
                self.warn(line.number, t("tsv.unknown_row", text=clip(line.filled[0][1])))
                return
            notes.append(t("tsv.no_weight_score"))
            shift = 0
        elif shift:
            notes.append(t("tsv.row_moved", moved=columns_moved(shift)))

        def at(index: int) -> str:
            return line.at(index) if index >= 0 else ""

        used = {columns.weight + shift, columns.score + shift, columns.reason + shift}
        target_at, actual_at = columns.target + shift, columns.actual + shift
        target, actual = at(target_at), at(actual_at)
        used |= {target_at, actual_at}
        if shift > 0:
            # A cell was inserted between the 三级 name and the values (the sheet repeats the name).
            raw = {"1": at(columns.level1), "2": at(columns.level2)}
            name = at(columns.name)
            used |= {columns.level1, columns.level2, columns.name}
            for index in range(columns.name + 1, target_at):
                cell = at(index)
                used.add(index)
                if not cell:
                    continue
                if not name:
                    name = cell
                    notes.append(t("tsv.name_moved", name=clip(name), column=columns.label(index)))
                elif cell == name:
                    notes.append(t("tsv.name_twice", name=clip(name)))
                else:
                    notes.append(t("tsv.column_cell_unplaced", column=columns.label(index), text=clip(cell)))
        else:
            level_at = {columns.level1 + shift: "1", columns.level2 + shift: "2"}
            raw = {"1": at(columns.level1 + shift), "2": at(columns.level2 + shift)}
            name_at = columns.name + shift
            name = at(name_at)
            used |= {i for i in (columns.level1 + shift, columns.level2 + shift, name_at) if i >= 0}
            before = [(i, c) for i, c in line.filled if i < columns.weight + shift]
            if shift < 0 and (not target or not actual) and len(before) >= 3 and not is_level_name(before[-3][1]):
                # Shifted further than the merged cells explain: read the texts from the right.
                (_, name), (_, target), (_, actual) = before[-3:]
                rest = [c for _, c in before[:-3]]
                raw = {"1": "", "2": ""}
                if len(rest) == 1:
                    raw["1" if norm(rest[0]) in LEVEL1_NAMES else "2"] = rest[0]
                elif rest:
                    raw["1"], raw["2"] = rest[-2], rest[-1]
                    for cell in rest[:-2]:
                        notes.append(t("tsv.unplaced", text=clip(cell)))
                used |= {i for i, _ in before}
                notes.append(
                    t("tsv.read_from_right", name=clip(name), target=clip(target), actual=clip(actual))
                )
            elif not name:
                displaced = [(i, c) for i, c in line.filled if i < name_at and not is_level_name(c)]
                if displaced:
                    index, name = displaced[-1]
                    used.add(index)
                    if index in level_at:
                        raw[level_at[index]] = ""
                    notes.append(t("tsv.name_moved", name=clip(name), column=columns.label(index - shift)))
        for index, cell in line.filled:
            if index not in used:
                notes.append(t("tsv.cell_unplaced", column=index + 1, text=clip(cell)))

        level1, level2 = self.resolve_levels(raw["1"], raw["2"], notes)
        weight = self.read_weight(at(columns.weight + shift), notes)
        score_cell = at(columns.score + shift)
        score = number(score_cell)
        if score is None and not is_blank(score_cell):
            notes.append(t("tsv.score_not_number", text=clip(score_cell)))
        if not name and weight:
            notes.append(t("tsv.name_empty"))
        if not level1:
            notes.append(t("tsv.level1_empty"))
        if notes:
            self.warn(line.number, "；".join(notes))
        self.rows.append(
            IndicatorRow(
                level1=level1, level2=level2, name=name, target_text=target, actual_text=actual,
                weight=weight, declared_score=score, deviation_reason=at(columns.reason + shift),
            )
        )

    def resolve_levels(self, raw1: str, raw2: str, notes: list[str]) -> tuple[str, str]:
        """Apply merged-cell inheritance and put 满意度指标 / a 二级 name where they belong."""
        if norm(raw2) == SATISFACTION:
            notes.append(t("tsv.satisfaction_moved"))
            raw1, raw2 = raw2, ""
        elif raw1 and not raw2 and norm(raw1) in LEVEL2_NAMES and norm(raw1) not in LEVEL1_NAMES:
            kept = t("tsv.level1_kept", level1=self.level1) if self.level1 else t("tsv.level1_none")
            notes.append(t("tsv.level2_moved", level2=raw1, kept=kept))
            raw1, raw2 = "", raw1
        if raw1:
            self.level1, self.level2 = raw1, raw2
        elif raw2:
            self.level2 = raw2
        return self.level1, self.level2

    @staticmethod
    def read_weight(cell: str, notes: list[str]) -> Decimal:
        weight = number(cell)
        if weight is None:
            notes.append(t("tsv.weight_blank") if is_blank(cell) else t("tsv.weight_not_number", text=clip(cell)))
            return Decimal(0)
        if not 0 <= weight <= 100:
            notes.append(t("tsv.weight_range", weight=weight))
            return Decimal(0)
        return weight

    # -- total

    def read_total(self, line: Line) -> None:
        if self.total_seen:
            self.warn(line.number, t("tsv.total_twice"))
        self.total_seen = True
        columns = self.columns or IndicatorColumns()
        numbers = [(index, value) for index, cell in line.filled[1:] if (value := number(cell)) is not None]
        others = [(index, cell) for index, cell in line.filled[1:] if number(cell) is None and not is_blank(cell)]
        for index, cell in others:
            self.warn(line.number, t("tsv.total_cell", column=index + 1, text=clip(cell)))
        if not numbers:
            self.warn(line.number, t("tsv.total_none"))
            self.declared_total = None
            return
        if len(numbers) == 1:
            self.warn(line.number, t("tsv.total_one", total=numbers[0][1]))
            self.declared_total = numbers[0][1]
            return
        if len(numbers) > 2:
            self.warn(line.number, t("tsv.total_many", count=len(numbers)))
        (_, weight_total), (score_at, total) = numbers[-2:]
        shift = score_at - columns.score
        if shift:
            self.warn(line.number, t("tsv.total_moved", moved=columns_moved(shift), weights=weight_total, total=total))
        if weight_total != 100:
            self.warn(line.number, t("tsv.total_weights", weights=weight_total))
        self.declared_total = total

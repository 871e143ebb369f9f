"""Read a tab-separated sheet export of 项目支出绩效自评表 forms into Evaluation records.

Sheet exports leave merged cells blank, shift some rows by a column, repeat or displace cells and cut
long texts. The importer keeps every text and declared number as written, puts displaced cells back
where the form's own header row says they belong, and reports each such guess as a warning naming
the line, so that nothing is silently invented or lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath, PureWindowsPath

from domain.errors import InputError
from domain.messages import t
from domain.record.models import Evaluation, Funds, FundsRow, Goals, Header, IndicatorRow

TITLE = "项目支出绩效自评表"
SATISFACTION = "满意度指标"
LEVEL1_NAMES = frozenset({"产出指标", "效益指标", "满意度指标", "成本指标"})
LEVEL2_NAMES = frozenset(
    {
        "数量指标", "质量指标", "时效指标", "成本指标",
        "经济成本指标", "社会成本指标", "生态环境成本指标",
        "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标",
        "服务对象满意度指标",
    }
)
YEAR_MIN, YEAR_MAX = 1990, 2100
UNNAMED_FILE = "未命名"  # a file name for a form without a project name (the form's language)
FILE_NAME_LIMIT = 40  # characters of the project name kept in a file name (UTF-8: at most 120 bytes)


class SheetError(InputError, ValueError):
    """Input that holds no readable form; the message is one plain Chinese sentence for the user."""


@dataclass
class ImportedForm:
    """One form read from a sheet: the record, the 1-based line of its title, and what had to be guessed."""

    evaluation: Evaluation
    line: int
    warnings: list[str]
    missing: list[str] = field(default_factory=list)  # blocks not found: the form is incomplete


# ---------------------------------------------------------------------------------------------- text


def decode_sheet(data: bytes) -> str:
    """The text of a sheet file: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SheetError(t("tsv.utf16_broken")) from None
    if b"\x00" in data:
        raise SheetError(t("tsv.binary"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError(t("tsv.encoding"))


_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _norm(text: str) -> str:
    """A cell reduced for comparing labels: no whitespace, no trailing colon."""
    return re.sub(r"\s+", "", text).rstrip(":：")


def _unquote(cell: str) -> str:
    cell = cell.strip()
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        cell = cell[1:-1].replace('""', '"').strip()
    return cell


def _split_cells(line: str) -> list[str]:
    return [_unquote(cell) for cell in line.split("\t")]


def _columns_moved(shift: int) -> str:
    """整行左移一列 / 右移两列 … as the form's users would say it."""
    count = t(f"tsv.count.{abs(shift)}") if abs(shift) <= 3 else str(abs(shift))
    return t("tsv.moved_right" if shift > 0 else "tsv.moved_left", count=count)


def _clip(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _check_usable(text: object) -> str:
    if not isinstance(text, str):
        raise SheetError(t("tsv.not_text"))
    text = _SURROGATE.sub("\ufffd", text).removeprefix("\ufeff")
    if not text.strip():
        raise SheetError(t("sheets.file.empty"))
    if "\x00" in text or len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise SheetError(t("tsv.binary_chars"))
    if "\t" not in text:
        if "," in text:
            raise SheetError(t("tsv.is_csv"))
        raise SheetError(t("tsv.no_tabs"))
    return text


# ------------------------------------------------------------------------------------------- numbers

_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_GROUPED_NUMBER = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")
_DASHES = frozenset({"—", "——", "-", "－", "–", "―"})


def _is_blank(cell: str) -> bool:
    return not cell or cell in _DASHES


def _number(cell: str) -> Decimal | None:
    """The cell as an exact Decimal when it is a plain number as written (20.0 stays 20.0), else None."""
    text = cell.translate(_FULL_WIDTH_DIGITS)
    if _GROUPED_NUMBER.fullmatch(text):
        text = text.replace(",", "")
    elif not _PLAIN_NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the patterns only admit valid literals
        return None


def _rate(cell: str) -> Decimal | None:
    """A declared 执行率: 0.98 as written, or 98% read as 0.98."""
    if cell.endswith(("%", "％")):
        value = _number(cell[:-1].strip())
        return None if value is None else value.scaleb(-2)
    return _number(cell)


# -------------------------------------------------------------------------------------------- blocks


@dataclass
class _Line:
    number: int  # 1-based line in the file
    cells: list[str]

    def at(self, index: int) -> str:
        return self.cells[index] if 0 <= index < len(self.cells) else ""

    @property
    def filled(self) -> list[tuple[int, str]]:
        return [(index, cell) for index, cell in enumerate(self.cells) if cell]

    @property
    def label(self) -> str:
        filled = self.filled
        return _norm(filled[0][1]) if filled else ""


def _title_of(line: _Line) -> str | None:
    filled = line.filled
    if len(filled) == 1 and TITLE in filled[0][1] and len(filled[0][1]) <= 40:
        return filled[0][1]
    return None


_YEAR_IN_TEXT = re.compile(r"(?<![0-9])((?:19|20|21)[0-9]{2})\s*年")
_YEAR_TOKEN = re.compile(r"(?<![0-9])((?:19|20|21)[0-9]{2})(?![0-9])")


def _plausible_year(text: str) -> int | None:
    value = int(text)
    return value if YEAR_MIN <= value <= YEAR_MAX else None


def year_from_name(name: str) -> int | None:
    """The one 4-digit year in a file name (sheet-2020-shenzhen.tsv → 2020), or None if none or several."""
    found = {year for token in _YEAR_TOKEN.findall(name) if (year := _plausible_year(token))}
    return found.pop() if len(found) == 1 else None


# ---------------------------------------------------------------------------------------- the reader


@dataclass(frozen=True)
class _IndicatorColumns:
    """Where the 年度绩效指标 header puts each column (0-based)."""

    level1: int = 1
    level2: int = 2
    name: int = 3
    target: int = 4
    actual: int = 5
    weight: int = 6
    score: int = 7
    reason: int = 8

    def label(self, index: int) -> str:
        names = {
            self.level1: t("tsv.column.level1"), self.level2: t("tsv.column.level2"), self.name: t("tsv.column.name"),
            self.target: t("tsv.column.target"), self.actual: t("tsv.column.actual"), self.weight: t("tsv.column.weight"),
            self.score: t("tsv.column.score"), self.reason: t("tsv.column.reason"),
        }
        return names.get(index, t("tsv.column.nth", number=index + 1))


_INDICATOR_HEADINGS = (
    ("一级指标", "level1"), ("二级指标", "level2"), ("三级指标", "name"), ("年度指标值", "target"),
    ("实际完成值", "actual"), ("分值", "weight"), ("得分", "score"), ("偏差原因", "reason"),
)
_FUNDS_HEADINGS = (
    ("年初预算数", "initial_budget"), ("全年预算数", "annual_budget"), ("全年执行数", "executed"),
    ("分值", "weight"), ("执行率", "rate"), ("得分", "score"),
)
_FUNDS_DEFAULT = {"initial_budget": 2, "annual_budget": 3, "executed": 4, "weight": 5, "rate": 6, "score": 7}
_FUNDS_ROWS = (("年度资金总额", "total"), ("当年财政拨款", "fiscal"), ("上年结转", "carryover"), ("其他资金", "other"))
_HEADER_LABELS = (
    ("项目名称", "project_name"), ("主管部门", "department"), ("实施单位", "implementer"),
    ("项目金额", "project_amount"), ("评价年度", "year"), ("年度", "year"),
)


def _header_label(cell: str) -> str | None:
    text = _norm(cell)
    for label, key in _HEADER_LABELS:
        if key == "year":
            if text in (label, label + "（年）", label + "(年)"):
                return key
        elif text.startswith(label) and len(text) <= len(label) + 6:
            return key
    return None


def _is_level_name(text: str) -> bool:
    key = _norm(text)
    return key in LEVEL1_NAMES or key in LEVEL2_NAMES


@dataclass
class _FormReader:
    """Reads the lines of one form (from its title to the next title) into an Evaluation."""

    title: _Line
    source: str
    year: int | None
    warnings: list[str] = field(default_factory=list)
    header: dict[str, object] = field(default_factory=dict)
    funds: dict[str, object] = field(default_factory=dict)
    funds_columns: dict[str, int] | None = None
    funds_label_column: int = 1
    funds_rows_seen: set[str] = field(default_factory=set)
    goal_columns: tuple[int, int] | None = None
    expected: list[str] = field(default_factory=list)
    achieved: list[str] = field(default_factory=list)
    columns: _IndicatorColumns | None = None
    rows: list[IndicatorRow] = field(default_factory=list)
    level1: str = ""
    level2: str = ""
    declared_total: Decimal | None = None
    total_seen: bool = False

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(t("sheets.at_row", row=line, message=message))

    # -- dispatch

    def read(self, lines: list[_Line]) -> ImportedForm:
        section = "header"
        for line in lines:
            if not line.filled:
                continue
            label = line.label
            if label == "总分":
                self.read_total(line)
                section = "after"
            elif label.startswith("年度绩效指标"):
                self.read_indicator_heading(line)
                section = "indicators"
            elif section == "indicators":
                self.read_indicator(line)
            elif any(_header_label(cell) for _, cell in line.filled):
                self.read_header(line)
            elif label.startswith("项目资金"):
                self.read_funds_heading(line)
                section = "funds"
            elif label.startswith("年度总体目标"):
                self.read_goal_heading(line)
                section = "goals"
            elif section == "funds" and self.funds_key(line):
                self.read_funds_row(line)
            elif section == "goals":
                self.read_goal_text(line)
            else:
                self.warn(line.number, t("tsv.unknown_row", text=_clip(' '.join(c for _, c in line.filled))))
        return self.finish()

    # -- header

    def read_header(self, line: _Line) -> None:
        labelled = [(index, key) for index, cell in line.filled if (key := _header_label(cell))]
        first = labelled[0][0]
        for index, cell in line.filled:
            if index < first:
                self.warn(line.number, t("tsv.cell_unplaced", column=index + 1, text=_clip(cell)))
        for position, (index, key) in enumerate(labelled):
            end = labelled[position + 1][0] if position + 1 < len(labelled) else len(line.cells)
            values = [cell for cell in line.cells[index + 1 : end] if cell]
            text = " ".join(values)
            if len(values) > 1:
                self.warn(line.number, t("tsv.joined", label=_key_label(key), count=len(values), text=_clip(text)))
            self.set_header(line, key, text)

    def set_header(self, line: _Line, key: str, text: str) -> None:
        if key in ("project_amount", "year"):
            if _is_blank(text):
                return
            value = _number(text if key == "project_amount" else text.removesuffix("年"))
            if key == "project_amount":
                if value is None or value < 0:
                    self.warn(line.number, t("tsv.bad_amount", text=_clip(text)))
                    return
                self.header[key] = value
            else:
                if value is None or value != value.to_integral_value() or not YEAR_MIN <= value <= YEAR_MAX:
                    self.warn(line.number, t("tsv.bad_year", text=_clip(text)))
                    return
                self.header[key] = int(value)
        else:
            self.header[key] = text

    # -- funds

    def read_funds_heading(self, line: _Line) -> None:
        unit = re.search(r"[（(]\s*([^()（）]{1,4}?)\s*[)）]", line.filled[0][1])
        if unit:
            self.funds["unit"] = unit.group(1)
        found: dict[str, int] = {}
        for index, cell in line.filled:
            text = _norm(cell)
            for heading, key in _FUNDS_HEADINGS:
                if text.startswith(heading) and key not in found:
                    found[key] = index
        if len(found) == len(_FUNDS_HEADINGS):
            self.funds_columns = found
        else:
            self.funds_columns = dict(_FUNDS_DEFAULT)
            self.warn(line.number, t("tsv.funds_heads"))
        self.funds_label_column = min(self.funds_columns.values()) - 1

    def funds_key(self, line: _Line) -> str | None:
        for _, cell in line.filled[:2]:
            text = _norm(cell)
            for label, key in _FUNDS_ROWS:
                if label in text:
                    return key
        return None

    def read_funds_row(self, line: _Line) -> None:
        key = self.funds_key(line)
        assert key is not None
        columns = self.funds_columns or dict(_FUNDS_DEFAULT)
        label_index = next(index for index, cell in line.filled if any(lab in _norm(cell) for lab, _ in _FUNDS_ROWS))
        shift = label_index - self.funds_label_column
        numeric = ("initial_budget", "annual_budget", "executed")
        if shift and not all(_number(line.at(columns[k] + shift)) is not None for k in numeric):
            if all(_number(line.at(columns[k])) is not None for k in numeric):
                shift = 0
        if shift:
            self.warn(line.number, t("tsv.funds_row_moved", label=line.at(label_index), moved=_columns_moved(shift)))
        if key in self.funds_rows_seen:
            self.warn(line.number, t("tsv.funds_row_twice", label=line.at(label_index)))
        self.funds_rows_seen.add(key)
        values: dict[str, Decimal | None] = {}
        for name in numeric:
            cell = line.at(columns[name] + shift)
            value = _number(cell)
            if value is None and not _is_blank(cell):
                self.warn(line.number, t("tsv.not_number", label=_key_label(name), text=_clip(cell)))
            elif value is not None and value < 0:
                self.warn(line.number, t("tsv.negative", label=_key_label(name), value=value))
                value = None
            values[name] = value
        self.funds[key] = FundsRow(**values)
        if key != "total":
            return
        weight_cell = line.at(columns["weight"] + shift)
        weight = _number(weight_cell)
        if weight is None or not 0 <= weight <= 100:
            self.warn(line.number, t("tsv.budget_weight", text=_clip(weight_cell)))
        else:
            self.funds["weight"] = weight
        for name, reader in (("rate", _rate), ("score", _number)):
            cell = line.at(columns[name] + shift)
            value = reader(cell)
            if value is None and not _is_blank(cell):
                self.warn(line.number, t("tsv.not_number", label=_key_label(name), text=_clip(cell)))
            self.funds["declared_" + name] = value

    # -- goals

    def read_goal_heading(self, line: _Line) -> None:
        expected = achieved = None
        for index, cell in line.filled:
            text = _norm(cell)
            if text.startswith("预期目标"):
                expected = index
            elif text.startswith("实际完成"):
                achieved = index
        if expected is not None and achieved is not None and expected < achieved:
            self.goal_columns = (expected, achieved)
        else:
            self.goal_columns = None
            self.warn(line.number, t("tsv.goal_heads"))

    def read_goal_text(self, line: _Line) -> None:
        filled = line.filled
        if self.goal_columns is None:
            parts = [cell for _, cell in filled]
            expected, achieved = parts[:1], parts[1:]
        else:
            start, split = self.goal_columns
            for index, cell in filled:
                if index < start:
                    self.warn(line.number, t("tsv.cell_unplaced", column=index + 1, text=_clip(cell)))
            expected = [cell for index, cell in filled if start <= index < split]
            achieved = [cell for index, cell in filled if index >= split]
        if expected:
            self.expected.append(" ".join(expected))
        if achieved:
            self.achieved.append(" ".join(achieved))

    # -- indicators

    def read_indicator_heading(self, line: _Line) -> None:
        found: dict[str, int] = {}
        for index, cell in line.filled:
            text = _norm(cell)
            for heading, key in _INDICATOR_HEADINGS:
                if key not in found and (text == heading or (key == "reason" and text.startswith(heading))):
                    found[key] = index
        required = [key for _, key in _INDICATOR_HEADINGS if key != "reason"]
        positions = [found.get(key) for key in required]
        in_order = all(p is not None for p in positions) and positions == sorted(positions)  # type: ignore[type-var]
        if in_order and len(set(positions)) == len(positions):
            found.setdefault("reason", found["score"] + 1)
            self.columns = _IndicatorColumns(**found)
        else:
            self.columns = _IndicatorColumns()
            self.warn(line.number, t("tsv.indicator_heads"))

    def choose_shift(self, line: _Line, columns: _IndicatorColumns) -> int | None:
        """How far the row's 分值/得分 pair sits from the header's columns, or None when it has none."""
        best: tuple[int, int] | None = None
        for shift in (0, -1, 1, -2, 2, -3, 3):
            if columns.weight + shift < 0:
                continue
            weight = _number(line.at(columns.weight + shift))
            score_cell = line.at(columns.score + shift)
            score = _number(score_cell)
            if weight is None:
                continue
            if score is not None:
                points = 2 + (1 if 0 <= score <= weight else 0)
            elif _is_blank(score_cell):
                points = 1
            else:
                continue
            points -= abs(shift)
            if best is None or points > best[0]:
                best = (points, shift)
        return None if best is None else best[1]

    def read_indicator(self, line: _Line) -> None:
        columns = self.columns or _IndicatorColumns()
        shift = self.choose_shift(line, columns)
        notes: list[str] = []
        if shift is None:
            if len(line.filled) < 2:
                self.warn(line.number, t("tsv.unknown_row", text=_clip(line.filled[0][1])))
                return
            notes.append(t("tsv.no_weight_score"))
            shift = 0
        elif shift:
            notes.append(t("tsv.row_moved", moved=_columns_moved(shift)))

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
                    notes.append(t("tsv.name_moved", name=_clip(name), column=columns.label(index)))
                elif cell == name:
                    notes.append(t("tsv.name_twice", name=_clip(name)))
                else:
                    notes.append(t("tsv.column_cell_unplaced", column=columns.label(index), text=_clip(cell)))
        else:
            level_at = {columns.level1 + shift: "1", columns.level2 + shift: "2"}
            raw = {"1": at(columns.level1 + shift), "2": at(columns.level2 + shift)}
            name_at = columns.name + shift
            name = at(name_at)
            used |= {i for i in (columns.level1 + shift, columns.level2 + shift, name_at) if i >= 0}
            before = [(i, c) for i, c in line.filled if i < columns.weight + shift]
            if shift < 0 and (not target or not actual) and len(before) >= 3 and not _is_level_name(before[-3][1]):
                # Shifted further than the merged cells explain: read the texts from the right.
                (_, name), (_, target), (_, actual) = before[-3:]
                rest = [c for _, c in before[:-3]]
                raw = {"1": "", "2": ""}
                if len(rest) == 1:
                    raw["1" if _norm(rest[0]) in LEVEL1_NAMES else "2"] = rest[0]
                elif rest:
                    raw["1"], raw["2"] = rest[-2], rest[-1]
                    for cell in rest[:-2]:
                        notes.append(t("tsv.unplaced", text=_clip(cell)))
                used |= {i for i, _ in before}
                notes.append(
                    t("tsv.read_from_right", name=_clip(name), target=_clip(target), actual=_clip(actual))
                )
            elif not name:
                displaced = [(i, c) for i, c in line.filled if i < name_at and not _is_level_name(c)]
                if displaced:
                    index, name = displaced[-1]
                    used.add(index)
                    if index in level_at:
                        raw[level_at[index]] = ""
                    notes.append(t("tsv.name_moved", name=_clip(name), column=columns.label(index - shift)))
        for index, cell in line.filled:
            if index not in used:
                notes.append(t("tsv.cell_unplaced", column=index + 1, text=_clip(cell)))

        level1, level2 = self.resolve_levels(raw["1"], raw["2"], notes)
        weight = self.read_weight(at(columns.weight + shift), notes)
        score_cell = at(columns.score + shift)
        score = _number(score_cell)
        if score is None and not _is_blank(score_cell):
            notes.append(t("tsv.score_not_number", text=_clip(score_cell)))
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
        if _norm(raw2) == SATISFACTION:
            notes.append(t("tsv.satisfaction_moved"))
            raw1, raw2 = raw2, ""
        elif raw1 and not raw2 and _norm(raw1) in LEVEL2_NAMES and _norm(raw1) not in LEVEL1_NAMES:
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
        weight = _number(cell)
        if weight is None:
            notes.append(t("tsv.weight_blank") if _is_blank(cell) else t("tsv.weight_not_number", text=_clip(cell)))
            return Decimal(0)
        if not 0 <= weight <= 100:
            notes.append(t("tsv.weight_range", weight=weight))
            return Decimal(0)
        return weight

    # -- total

    def read_total(self, line: _Line) -> None:
        if self.total_seen:
            self.warn(line.number, t("tsv.total_twice"))
        self.total_seen = True
        columns = self.columns or _IndicatorColumns()
        numbers = [(index, value) for index, cell in line.filled[1:] if (value := _number(cell)) is not None]
        others = [(index, cell) for index, cell in line.filled[1:] if _number(cell) is None and not _is_blank(cell)]
        for index, cell in others:
            self.warn(line.number, t("tsv.total_cell", column=index + 1, text=_clip(cell)))
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
            self.warn(line.number, t("tsv.total_moved", moved=_columns_moved(shift), weights=weight_total, total=total))
        if weight_total != 100:
            self.warn(line.number, t("tsv.total_weights", weights=weight_total))
        self.declared_total = total

    # -- result

    def finish(self) -> ImportedForm:
        where = self.title.number
        missing = [
            what
            for what, present in (
                ("项目名称", "project_name" in self.header),
                ("项目资金", self.funds_columns is not None),
                ("年度总体目标", self.goal_columns is not None or self.expected or self.achieved),
                ("年度绩效指标", self.columns is not None),
                ("总分行", self.total_seen),
            )
            if not present
        ]
        if missing:
            self.warn(where, t("tsv.missing", missing="、".join(missing)))
        for label, key in _FUNDS_ROWS:
            if self.funds_columns is not None and key not in self.funds:
                self.warn(where, t("tsv.funds_row_missing", label=label))
        header = Header(
            project_name=self.header.get("project_name", ""),
            department=self.header.get("department", ""),
            implementer=self.header.get("implementer", ""),
            project_amount=self.header.get("project_amount"),
            year=self.year if self.year is not None else self.header.get("year"),
        )
        evaluation = Evaluation(
            source=self.source,
            header=header,
            funds=Funds(**self.funds),
            goals=Goals(expected="\n".join(self.expected), achieved="\n".join(self.achieved)),
            indicators=self.rows,
            declared_total=self.declared_total,
        )
        return ImportedForm(evaluation=evaluation, line=where, warnings=self.warnings, missing=missing)


def _key_label(key: str) -> str:
    """The form's own word for a field key, for messages."""
    return {
        "project_name": "项目名称", "department": "主管部门", "implementer": "实施单位", "project_amount": "项目金额",
        "year": "年度", "initial_budget": "年初预算数", "annual_budget": "全年预算数", "executed": "全年执行数",
        "rate": "执行率", "score": "得分", "weight": "分值",
    }.get(key, key)


# -------------------------------------------------------------------------------------------- public


def parse_sheet(text: str, source_name: str = "", year: int | None = None) -> list[ImportedForm]:
    """Every 项目支出绩效自评表 in a tab-separated sheet export, in order; raises only SheetError.

    ``source_name`` is the file the text came from (its base name goes into each form's ``source``);
    ``year`` is the year the forms concern. When it is None the year is taken from the form itself
    (a 年度 cell, or a title such as 2020年度项目支出绩效自评表), else from a single year in the file
    name with a warning, else left unknown.
    """
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX):
        raise SheetError(t("tsv.year_range", low=YEAR_MIN, high=YEAR_MAX))
    text = _check_usable(text)
    file_name = PureWindowsPath(PurePosixPath(source_name).name).name if source_name else ""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_Line(number, _split_cells(raw)) for number, raw in enumerate(raw_lines, 1)]
    starts = [index for index, line in enumerate(lines) if _title_of(line) is not None]
    if not starts:
        raise SheetError(t("tsv.no_title", title=TITLE))
    name_year = year_from_name(file_name) if year is None else None
    forms: list[ImportedForm] = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        title = lines[start]
        form_year = year
        if form_year is None:
            match = _YEAR_IN_TEXT.search(_title_of(title) or "")
            form_year = _plausible_year(match.group(1)) if match else None
        source = f"{file_name}:{title.number}" if file_name else t("sheets.row", row=title.number)
        reader = _FormReader(title=title, source=source, year=form_year)
        form = reader.read(lines[start + 1 : end])
        if form.evaluation.header.year is None and name_year is not None:
            form.evaluation.header.year = name_year
        if position == 0:
            form.warnings[:0] = [t("sheets.at_row", row=line.number, message=t("tsv.before_first")) for line in lines[:start] if line.filled]
        forms.append(form)
    return forms


_UNSAFE_IN_NAME = re.compile(r"[\s\"'“”‘’「」『』/\\:*?<>|\x00-\x1f\x7f]+")


def form_file_name(evaluation: Evaluation, index: int) -> str:
    """A stable, filesystem-safe file name for a form: 01-项目名称.toml (index is the 1-based position)."""
    name = _UNSAFE_IN_NAME.sub("", evaluation.header.project_name).strip(".")
    name = name[:FILE_NAME_LIMIT].rstrip(".") or UNNAMED_FILE
    return f"{index:02d}-{name}.toml"

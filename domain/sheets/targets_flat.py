"""Target tables exported flat by a budget system: one row per indicator, the project's facts in columns.

Such an export has a heading row naming 项目名称 and the indicator columns together (年度资金总额, 年度目标,
一级指标, 短期二级指标名称, 短期三级指标 …); every row repeats the project's facts, and consecutive rows of
the same project make one table. Where the heading holds a 中期 set beside the 短期 (年度) one, the 短期 set
is taken; a system that titles both the name and the value column 短期三级指标 has the value second.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation

from pydantic import ValidationError

from domain.record.models import Header
from domain.record.targets import TargetBudget, TargetRow, Targets
from domain.sheets.grid import Grid
from domain.sheets.layouts import Words, norm
from domain.sheets.targets_words import UNUSED

FLAT_COLUMNS: dict[str, Words] = {
    "project_name": Words.of(["项目名称"]),
    "department": Words.of(["主管部门及代码", "主管部门"]),
    "implementer": Words.of(["实施单位", "项目单位"]),
    "code": Words.of(["项目编码", "项目代码"]),
    "year": Words.of(["年份", "预算年度"]),
    "total": Words.of(["年度资金总额", "年度资金总额[万元]", "年度资金总额(万元)"]),
    "fiscal": Words.of(["年度财政拨款", "年度财政拨款[万元]", "年度财政拨款(万元)"]),
    "other": Words.of(["年度其他资金", "年度其他资金[万元]", "年度其他资金(万元)"]),
    "goal": Words.of(["年度目标", "年度绩效目标"]),
    "level1": Words.of(["一级指标名称", "一级指标"]),
    "level2": Words.of(["短期二级指标名称", "年度二级指标名称", "短期二级指标类型", "二级指标"]),
    "name": Words.of(["短期三级指标", "年度三级指标", "三级指标"]),
    "target": Words.of(["短期指标值", "年度指标值", "指标值"]),
    "unit": Words.of(["单位", "度量单位", "计量单位"]),
    "weight": Words.of(["分值", "权重"]),
}
_PREFERRED_FIRST = ("level1", "level2")  # 一级指标名称 before 一级指标, 短期二级指标名称 before its 类型


def _roles(cells: list[str]) -> dict[str, list[int]]:
    roles: dict[str, list[int]] = {}
    for role, words in FLAT_COLUMNS.items():
        for written in words.words:
            found = [column for column, text in enumerate(cells) if text and norm(text) == norm(written)]
            if found:
                roles[role] = found
                break
    return roles


def _heading(grid: Grid) -> tuple[int, dict[str, list[int]]] | None:
    """The heading row and each role's columns (for 一级 and 二级, every column that may hold it, best first)."""
    for row, cells in enumerate(grid.rows[:30]):
        roles = _roles(cells)
        if not {"project_name", "name"} <= roles.keys() or len(roles) < 5:
            continue
        columns = {role: found[:1] for role, found in roles.items()}
        for role in _PREFERRED_FIRST:  # 一级指标名称 left empty: the 一级指标 column says it
            columns[role] = [
                column
                for written in FLAT_COLUMNS[role].words
                for column, text in enumerate(cells)
                if text and norm(text) == norm(written)
            ]
        names = roles["name"]
        if "target" not in roles and len(names) > 1:
            columns["target"] = [names[1]]  # 短期三级指标 twice: the name, then the value
        if "target" not in columns:
            continue
        return row, columns
    return None


def _amount(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 and abs(value.adjusted()) < 20 else None


def _year(text: str) -> int | None:
    digits = text.strip()[:4]
    return int(digits) if digits.isdigit() and 1990 <= int(digits) <= 2100 else None


def read_flat(grid: Grid) -> Iterator[tuple[int, Targets]]:
    """(first row, targets) for each project of a flat export (nothing when the sheet is not one)."""
    found = _heading(grid)
    if found is None:
        return
    heading, columns = found

    def cell(row: int, role: str) -> str:
        return next((text for column in columns.get(role, []) if (text := grid.at(row, column).strip())), "")

    start, project = heading + 1, ""
    rows: list[int] = []
    for row in range(heading + 1, len(grid.rows) + 1):
        name = cell(row, "project_name") if row < len(grid.rows) else ""
        if rows and name != project:
            table = _table(cell, start, rows)
            if table is not None:
                yield start + 1, table
            rows = []
        if name:
            if not rows:
                start, project = row, name
            rows.append(row)


def _table(cell: Callable[[int, str], str], start: int, rows: list[int]) -> Targets | None:
    indicators = []
    for row in rows:
        name, target, unit = cell(row, "name"), cell(row, "target"), cell(row, "unit")
        if norm(name) in UNUSED or norm(target) in UNUSED - {""}:
            continue
        weight = _amount(cell(row, "weight")) if cell(row, "weight") else None
        indicators.append(
            TargetRow(
                level1=cell(row, "level1"),
                level2=cell(row, "level2"),
                name=name,
                target_text=target + unit if unit and not target.endswith(unit) else target,
                weight=weight if weight is not None and weight <= 100 else None,
            )
        )
    if not indicators:
        return None
    try:
        return Targets(
            project_code=cell(start, "code"),
            header=Header(
                project_name=cell(start, "project_name"),
                department=cell(start, "department"),
                implementer=cell(start, "implementer"),
                year=_year(cell(start, "year")),
            ),
            budget=TargetBudget(
                unit="万元",
                total=_amount(cell(start, "total")),
                fiscal=_amount(cell(start, "fiscal")),
                other=_amount(cell(start, "other")),
            ),
            goal=cell(start, "goal"),
            indicators=indicators,
        )
    except ValidationError:
        return None

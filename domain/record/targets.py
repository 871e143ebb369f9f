"""Approved performance targets (项目支出绩效目标表) as a record and as TOML.

A targets file is what a 绩效目标表 fixed a year before the self-evaluation: the header, the budget, the
goal and the indicator rows with their 指标值 (and 分值 where the table gives one). It is written with
``kind = "targets"`` so that nothing mistakes it for an evaluation, and it turns into the start of one
(``to_evaluation``): every answer the targets give filled in, the year's figures left empty.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from domain.errors import InputError
from domain.messages import t
from domain.record.models import Evaluation, Funds, FundsRow, Goals, Header, IndicatorRow, Weight
from domain.record.problems import describe_validation_error
from domain.record.storage import (
    _without_none,
    atomic_write_text,
    check_schema_version,
    parse_toml,
    read_text_file,
)

TARGETS_KIND: Literal["targets"] = "targets"
CODE_REMARK = "项目编码"

Amount = Annotated[Decimal, Field(ge=0, allow_inf_nan=False, max_digits=24, decimal_places=10)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class TargetBudget(_Record):
    """The money the table approved for the year (年度资金总额 and its parts), in ``unit``."""

    unit: str = Field(default="万元", description="金额单位")
    total: Amount | None = Field(default=None, description="年度资金总额")
    fiscal: Amount | None = Field(default=None, description="其中：财政拨款")
    other: Amount | None = Field(default=None, description="其他资金")


class TargetRow(_Record):
    """One approved indicator: 一级 / 二级 / 三级 and the 指标值 as the table writes it (comparator and unit
    joined in when the table has them in columns of their own)."""

    level1: str = ""
    level2: str = ""
    name: str = ""
    target_text: str = ""
    weight: Weight | None = Field(default=None, description="分值 (权重) when the table gives one")


class Targets(_Record):
    """A whole 绩效目标表 for one project."""

    kind: Literal["targets"] = TARGETS_KIND
    schema_version: Annotated[int, Field(ge=1)] = 1
    source: str = Field(default="", description="where the table came from: file, sheet and row")
    project_code: str = Field(default="", description="项目编码")
    header: Header = Field(default_factory=Header)
    budget: TargetBudget = Field(default_factory=TargetBudget)
    goal: str = Field(default="", description="年度目标")
    indicators: list[TargetRow] = Field(default_factory=list)

    @property
    def project(self) -> str:
        return self.header.project_name

    def to_evaluation(self) -> Evaluation:
        """The start of the self-evaluation: the targets' answers in, the year's figures empty."""
        budget = self.budget
        scale = Decimal(10000) if budget.unit == "万元" else Decimal(1)  # the assistant asks for amounts in 元

        def row(amount: Decimal | None) -> FundsRow:
            value = None if amount is None else (amount * scale).normalize()
            value = (
                None if value is None else value.quantize(Decimal(1)) if value == value.to_integral_value() else value
            )
            return FundsRow(initial_budget=value, annual_budget=value)

        funds = Funds(unit="元", total=row(budget.total), fiscal=row(budget.fiscal), other=row(budget.other))
        rows = [
            IndicatorRow(
                level1=row.level1,
                level2=row.level2,
                name=row.name,
                target_text=row.target_text,
                weight=row.weight if row.weight is not None else Decimal(0),
            )
            for row in self.indicators
        ]
        remarks = {CODE_REMARK: self.project_code} if self.project_code else None
        return Evaluation(
            header=self.header.model_copy(),
            funds=funds,
            goals=Goals(expected=self.goal),
            indicators=rows,
            remarks=remarks,
            source=self.source,
        )


def targets_to_toml(targets: Targets) -> str:
    import tomli_w

    data = _without_none(targets.model_dump(mode="python"))
    rows = data.pop("indicators", [])
    text = tomli_w.dumps(data, multiline_strings=True)
    return text + "".join("\n[[indicators]]\n" + tomli_w.dumps(row, multiline_strings=True) for row in rows)


def save_targets(targets: Targets, path: Path) -> str:
    """Write a targets file atomically (returns the fingerprint of what was written)."""
    return atomic_write_text(Path(path), targets_to_toml(targets))


def is_targets_data(data: dict[str, Any]) -> bool:
    return data.get("kind") == TARGETS_KIND


def targets_from_data(data: dict[str, Any], where: str) -> Targets:
    check_schema_version(data, where)
    try:
        return Targets.model_validate(data)
    except ValidationError as error:
        raise InputError(describe_validation_error(error, where)) from None


def load_targets(path: Path) -> Targets:
    """A targets TOML file; one plain message when it is not one."""
    path = Path(path)
    data = parse_toml(read_text_file(path, t("targets.what")), str(path))
    if not is_targets_data(data):
        raise InputError(t("targets.not_targets_file", path=path))
    return targets_from_data(data, str(path))


# kind = "targets" (either quote, spaces anywhere, a comment after it)
_KIND_LINE = re.compile(r"""^\s*kind\s*=\s*(["'])targets\1\s*(#.*)?$""")


def is_targets_file(path: Path) -> bool:
    """A TOML file that says ``kind = "targets"`` near its top (read cheaply, never raises)."""
    path = Path(path)
    if path.suffix.lower() != ".toml":
        return False
    try:
        with path.open("rb") as stream:
            head = stream.read(4096).decode("utf-8", "ignore")
    except OSError:
        return False
    return any(_KIND_LINE.match(line) for line in head.splitlines())

"""The evaluation record: everything a 项目支出绩效自评表 holds, as validated pydantic models.

Money and scores are exact ``Decimal`` values. What a form *declares* (declared_score,
declared_total, declared_rate) is kept beside the inputs so that an audit can compare it with
what the rules compute; nothing computed is stored here except the parsed form of each value,
which is written out for readers of the TOML file and recomputed on load.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, computed_field

from domain.record.kinds import Comparator, Direction, Grade, ParsedValue, ValueKind
from domain.record.values import parse_value

__all__ = [
    "SCHEMA_VERSION",
    "Comparator",
    "Direction",
    "Evaluation",
    "Funds",
    "FundsRow",
    "Goals",
    "Grade",
    "Header",
    "IndicatorRow",
    "ParsedValue",
    "ValueKind",
]

SCHEMA_VERSION = 1


def _parsed_data(value: ParsedValue) -> dict[str, Any]:
    return value.as_dict()


# A parsed value is a plain record (see domain.record.kinds), written out as a table for readers.
ParsedField = Annotated[ParsedValue, PlainSerializer(_parsed_data, return_type=dict[str, Any])]

# Amounts and scores are kept at the precision the cell holds: a formula's cached quotient
# (0.97346938775510201, down to 1.2345678901234567e-07) has up to 17 significant digits after up to 30
# places, and the method rounds only where it says. At most 40 digits in all: enough for any budget in 元
# or 万元, and a bound that keeps hand-edited exponents (1e999999999) from reaching the arithmetic.
_DIGITS, _PLACES = 40, 30
FormDecimal = Annotated[Decimal, Field(allow_inf_nan=False, max_digits=_DIGITS, decimal_places=_PLACES)]
NonNegativeDecimal = Annotated[Decimal, Field(ge=0, allow_inf_nan=False, max_digits=_DIGITS, decimal_places=_PLACES)]
Weight = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False, max_digits=_DIGITS, decimal_places=_PLACES)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Header(_Record):
    """The form's header block."""

    project_name: str = Field(default="", description="项目名称")
    department: str = Field(default="", description="主管部门")
    implementer: str = Field(default="", description="实施单位")
    project_amount: NonNegativeDecimal | None = Field(default=None, description="项目金额")
    year: Annotated[int, Field(ge=1990, le=2100)] | None = Field(default=None, description="年度")


class FundsRow(_Record):
    """One row of the funds block: 年初预算数 / 全年预算数 / 全年执行数."""

    initial_budget: NonNegativeDecimal | None = Field(default=None, description="年初预算数")
    annual_budget: NonNegativeDecimal | None = Field(default=None, description="全年预算数")
    executed: NonNegativeDecimal | None = Field(default=None, description="全年执行数")


class Funds(_Record):
    """The 项目资金 block: the total row, its three source rows and the budget row's 分值."""

    unit: str = Field(default="元", description="金额单位")
    total: FundsRow = Field(default_factory=FundsRow, description="年度资金总额")
    fiscal: FundsRow = Field(default_factory=FundsRow, description="其中：当年财政拨款")
    carryover: FundsRow = Field(default_factory=FundsRow, description="上年结转资金")
    other: FundsRow = Field(default_factory=FundsRow, description="其他资金")
    weight: Weight = Field(default=Decimal(10), description="分值")
    declared_rate: FormDecimal | None = Field(default=None, description="表上的执行率")
    declared_score: FormDecimal | None = Field(default=None, description="表上的得分")
    reason: str = Field(default="", description="执行率偏低的说明")


class Goals(_Record):
    """年度总体目标."""

    expected: str = Field(default="", description="预期目标")
    achieved: str = Field(default="", description="实际完成情况")


class IndicatorRow(_Record):
    """One row of 年度绩效指标, as written, with the user's decisions where the rules need them."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, arbitrary_types_allowed=True)

    level1: str = Field(default="", description="一级指标")
    level2: str = Field(default="", description="二级指标")
    name: str = Field(default="", description="三级指标 as written")
    catalogue_name: str | None = Field(default=None, description="matched catalogue entry")
    target_text: str = Field(default="", description="年度指标值 as written")
    actual_text: str = Field(default="", description="实际完成值 as written")
    weight: Weight = Field(default=Decimal(0), description="分值")
    declared_score: FormDecimal | None = Field(default=None, description="得分 on the form")
    deviation_reason: str = Field(default="", description="偏差原因分析及改进措施")
    direction: Direction | None = Field(
        default=None, description="direction decided by the user where text and catalogue disagree"
    )
    judged_score: NonNegativeDecimal | None = Field(
        default=None, description="score the user chose inside a qualitative band or by judgement"
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def target(self) -> ParsedField:
        """年度指标值 as parsed (recomputed, never read back)."""
        return parse_value(self.target_text)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def actual(self) -> ParsedField:
        """实际完成值 as parsed (recomputed, never read back)."""
        return parse_value(self.actual_text)

    @property
    def is_unused(self) -> bool:
        """A `*` / 0 row that marks an unused 二级 (e.g. 经济效益指标 * 0 0 0 0)."""
        return self.name.strip() in {"", "*"} and self.weight == 0


class Evaluation(_Record):
    """A whole self-evaluation form."""

    schema_version: Annotated[int, Field(ge=1)] = SCHEMA_VERSION
    profile: str = Field(default="default", description="name of the rule profile to score with")
    source: str = Field(default="", description="where the form came from, e.g. a sheet and line")
    header: Header = Field(default_factory=Header)
    funds: Funds = Field(default_factory=Funds)
    goals: Goals = Field(default_factory=Goals)
    indicators: list[IndicatorRow] = Field(default_factory=list)
    declared_total: FormDecimal | None = Field(default=None, description="总分 on the form")
    declared_grade: str | None = Field(default=None, description="等级 written after the total (优, 良 …)")
    remarks: dict[str, str] | None = Field(
        default=None,
        description="the form's other labelled texts, by their label: 项目编码, 评价结论, 存在问题, 填表人, 联系电话 …",
    )

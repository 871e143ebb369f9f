"""The evaluation record: everything a 项目支出绩效自评表 holds, as validated pydantic models.

Money and scores are exact ``Decimal`` values. What a form *declares* (declared_score,
declared_total, declared_rate) is kept beside the inputs so that an audit can compare it with
what the rules compute; nothing computed is stored here except the parsed form of each value,
which is written out for readers of the TOML file and recomputed on load.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, computed_field

SCHEMA_VERSION = 1

# Amounts and scores carry at most 24 digits, 10 of them after the point: enough for any budget in 元
# or 万元, and a bound that keeps hand-edited exponents (1e999999999) from reaching the arithmetic.
FormDecimal = Annotated[Decimal, Field(allow_inf_nan=False, max_digits=24, decimal_places=10)]
NonNegativeDecimal = Annotated[Decimal, Field(ge=0, allow_inf_nan=False, max_digits=24, decimal_places=10)]
Weight = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False, max_digits=24, decimal_places=10)]


class Direction(StrEnum):
    """How an indicator is scored: higher is better, lower is better, must equal, or graded."""

    POSITIVE = "positive"
    REVERSE = "reverse"
    EQUAL = "equal"
    QUALITATIVE = "qualitative"


class Comparator(StrEnum):
    """The comparison a 年度指标值 states, normalised from ≥ / 以上 / 不少于 / 以内 / …"""

    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    EQ = "="


class ValueKind(StrEnum):
    """What a written value turned out to be."""

    QUANTITY = "quantity"  # a number, maybe with comparator and unit: ≥99%, 72小时之内, 94.8万份
    DATE = "date"  # a deadline such as 2023年12月 (number = year*100 + month)
    GRADE = "grade"  # a qualitative word mapped to a band: 满意, 基本满意, 有效 …
    TEXT = "text"  # words that can only be compared by restating them: 不高于社会平均
    UNUSED = "unused"  # the placeholder of an unused 二级 row: *, 0 on a * row, blank
    UNREADABLE = "unreadable"  # could not be read; needs judgement (reason in ``note``)


class Grade(StrEnum):
    """The three qualitative bands of the method."""

    ACHIEVED = "achieved"  # 达成年度指标: 80%–100%
    PARTIAL = "partial"  # 部分达成年度指标并具有一定效果: 60%–80%
    NOT_ACHIEVED = "not_achieved"  # 未达成年度指标且效果较差: 0–60%


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ParsedValue(_Frozen):
    """A 年度指标值 or 实际完成值 as read by ``domain.record.values.parse_value``."""

    raw: str
    kind: ValueKind
    comparator: Comparator | None = None
    number: Decimal | None = None  # multipliers applied: 94.8万 → 948000; 90% → 90 with unit "%"
    unit: str = ""
    grade: Grade | None = None
    direction_hint: Direction | None = None  # what the wording alone implies (以内 → reverse)
    note: str = ""  # why it needs judgement, or what was assumed


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
    def target(self) -> ParsedValue:
        """年度指标值 as parsed (recomputed, never read back)."""
        from domain.record.values import parse_value

        return parse_value(self.target_text)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def actual(self) -> ParsedValue:
        """实际完成值 as parsed (recomputed, never read back)."""
        from domain.record.values import parse_value

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

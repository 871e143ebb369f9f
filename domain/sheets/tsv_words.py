"""The words of a tab-separated 自评表 export: its title, level names, column heads and row labels."""

from __future__ import annotations

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

INDICATOR_HEADINGS = (
    ("一级指标", "level1"), ("二级指标", "level2"), ("三级指标", "name"), ("年度指标值", "target"),
    ("实际完成值", "actual"), ("分值", "weight"), ("得分", "score"), ("偏差原因", "reason"),
)
FUNDS_HEADINGS = (
    ("年初预算数", "initial_budget"), ("全年预算数", "annual_budget"), ("全年执行数", "executed"),
    ("分值", "weight"), ("执行率", "rate"), ("得分", "score"),
)
FUNDS_DEFAULT = {"initial_budget": 2, "annual_budget": 3, "executed": 4, "weight": 5, "rate": 6, "score": 7}
FUNDS_ROWS = (("年度资金总额", "total"), ("当年财政拨款", "fiscal"), ("上年结转", "carryover"), ("其他资金", "other"))
HEADER_LABELS = (
    ("项目名称", "project_name"), ("主管部门", "department"), ("实施单位", "implementer"),
    ("项目金额", "project_amount"), ("评价年度", "year"), ("年度", "year"),
)


def key_label(key: str) -> str:
    """The form's own word for a field key, for messages."""
    return {
        "project_name": "项目名称", "department": "主管部门", "implementer": "实施单位", "project_amount": "项目金额",
        "year": "年度", "initial_budget": "年初预算数", "annual_budget": "全年预算数", "executed": "全年执行数",
        "rate": "执行率", "score": "得分", "weight": "分值",
    }.get(key, key)

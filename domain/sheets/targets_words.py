"""The words of target tables (项目支出绩效目标表 / 绩效目标申报表): labels, column heads and stop rows.

Gathered from the tables described in fixtures/targets/SOURCES.md: the central 申报表 (中期 and 年度 side by
side), system exports (指标性质 / 指标值 / 度量单位 / 分值), 湖南's 目标表 (指标内容 / 指标值 / 备注, 长期 and 年度
blocks), 深圳's 二级项目支出绩效目标申报表 (label：value pairs, 目标值 / 指标解释) and self-evaluation sheets
that hold only the targets.
"""

from __future__ import annotations

import re

from domain.sheets.layouts import Words

TARGET_TITLE_WORDS = ("目标表", "目标申报表", "绩效目标申报", "目标申报")
FORM_TITLE_WORDS = ("自评表",)

HEADER_LABELS: dict[str, Words] = {
    "project_name": Words.of(["项目名称"]),
    "department": Words.of(["主管部门及代码", "主管部门", "一级预算单位", "主管部门(单位)", "市级主管部门"]),
    "implementer": Words.of(["实施单位", "项目单位", "申请单位", "项目实施单位", "申报单位"]),
    "code": Words.of(["项目编码", "项目代码", "项目编号"]),
}

BUDGET_LABELS: dict[str, Words] = {
    "total": Words.of(
        ["年度资金总额", "年度资金申请总额", "本年度项目金额", "年度资金总额及构成", "年度预算", "项目年度预算"]
    ),
    "fiscal": Words.of(
        ["其中:财政拨款", "财政拨款", "其中:当年财政拨款", "其中:本年财政拨款", "当年财政拨款", "其中:财政资金"]
    ),
    "other": Words.of(["其他资金", "其中:其他资金"]),
}
# labels of the medium-term money, which a table puts beside the year's: never the year's budget
MEDIUM_BUDGET = ("中期资金总额", "项目总金额", "项目资金总额")

GOAL_LABELS = Words.of(["年度目标", "年度总体目标", "年度绩效目标", "年度目标(当年)"])
GOAL_EXPECTED = Words.of(["预期目标", "年初预期目标"])
NOT_GOAL_TEXT = Words.of(
    ["中期目标", "长期目标", "长期目标(跨度多年的项目需填)", "实际完成情况", "年度实际完成情况", "预期目标", "总体目标"]
)

COLUMNS: dict[str, Words] = {
    "level1": Words.of(["一级指标"]),
    "level2": Words.of(["二级指标"]),
    "name": Words.of(["三级指标", "指标内容", "指标名称", "绩效指标名称", "三级指标名称"]),
    "target": Words.of(
        ["指标值", "目标值", "年度指标值", "年度目标值", "年初目标值", "指标值(年度)", "年度指标值(A)", "目标值(标准)"]
    ),
    "nature": Words.of(["指标性质", "计算符号", "指标方向"]),
    "unit": Words.of(["度量单位", "计量单位"]),
    "weight": Words.of(["分值", "权重", "指标分值", "分值(权重)"]),
    "actual": Words.of(["实际完成值", "完成值", "全年实际值", "实际完成值(B)", "全年实际完成值"]),
    "score": Words.of(["得分"]),
}

STOP_ROWS = Words.of(
    [
        "备注",
        "总分",
        "合计",
        "填表人",
        "填报人",
        "审核人",
        "单位负责人",
        "联系电话",
        "填报日期",
        "填表说明*",
        "说明*",
        "注:*",
        "注1*",
        "评价结论",
        "存在问题",
        "改进措施",
    ]
)

# a row kept in a fixed grid but not used
UNUSED = frozenset({"", "*", "…", "……", "/", "—", "-", "不适用", "无"})
COMPARATORS = {
    "≥": "≥",
    ">=": "≥",
    "≤": "≤",
    "<=": "≤",
    "=": "=",
    "＝": "=",
    ">": ">",
    "<": "<",
    "＞": ">",
    "＜": "<",
    "大于等于": "≥",
    "小于等于": "≤",
    "等于": "=",
    "大于": ">",
    "小于": "<",
    "正向": "≥",
    "反向": "≤",
}

YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
AMOUNT = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*(万元|元)?")
UNIT_NOTE = re.compile(r"(万元|元)")

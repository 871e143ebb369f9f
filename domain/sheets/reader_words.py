"""The words a sheet's forms are read by: dashes, point and unit notes, years, grades, title words."""

from __future__ import annotations

import re

YEAR_MIN, YEAR_MAX = 1990, 2100
DASHES = frozenset({"—", "——", "-", "－", "–", "―"})
NOTHING = DASHES | {"/", "／", "无"}
POINTS = re.compile(r"[(（]\s*([0-9]+(?:\.[0-9]+)?)\s*分\s*[)）]\s*$")
POINTS_ANYWHERE = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*分")
UNIT_IN_LABEL = re.compile(r"[(（]\s*(万元|元|千元|亿元)\s*[)）]")
UNIT_NOTE = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|千元|亿元)")
YEAR = re.compile(r"(?<![0-9])((?:19|20|21)[0-9]{2})\s*年")
GRADES = frozenset({"优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "较好", "一般", "较差"})
# the 一级 each usual 二级 belongs to (财预〔2020〕10号's framework)
LEVEL1_OF = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "满意度指标": "满意度指标",
}
# a name left from the blank template: 指标1, 三级指标2, ……, ...
_DOTS = "[….\u3002\u00b7\u3001]"
PLACEHOLDER = re.compile(r"(?:(?:[一二三]级)?指标\s*[0-9０-９]*|" + _DOTS + "+)" + _DOTS + "*")
# 部门整体支出绩效自评表, 部门（单位）整体支出绩效自评表 (compared after ``norm``: half-width brackets)
DEPARTMENT_WIDE = re.compile(r"部门(\([^()]{0,6}\))?整体|单位整体支出")
TITLE_WORDS = ("自评表", "绩效目标表", "目标申报表", "绩效目标申报表")
SATISFACTION = "满意度指标"
LEVEL1_NAMES = frozenset({"产出指标", "效益指标", "满意度指标", "成本指标"})
LEVEL2_NAMES = frozenset(
    {
        "数量指标",
        "质量指标",
        "时效指标",
        "成本指标",
        "经济成本指标",
        "社会成本指标",
        "生态环境成本指标",
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
        "服务对象满意度指标",
    }
)

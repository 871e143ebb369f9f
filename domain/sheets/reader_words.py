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
TITLE_WORDS = ("自评表", "绩效目标表", "目标申报表", "绩效目标申报表")
_LEVEL1 = frozenset({"产出指标", "效益指标", "满意度指标", "成本指标"})

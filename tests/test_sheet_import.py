"""The sheet importer against the 37 seed forms, hand-made broken sheets and arbitrary text."""

from __future__ import annotations

import random
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.record.models import Evaluation
from domain.sheets.tsv import (
    ImportedForm,
    SheetError,
    decode_sheet,
    form_file_name,
    parse_sheet,
    year_from_name,
)

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "sheet-2020-shenzhen.tsv"
SEED_NAME = "sheet-2020-shenzhen.tsv"

TITLE_LINES = [
    3,
    25,
    46,
    73,
    97,
    121,
    142,
    162,
    184,
    204,
    226,
    246,
    266,
    286,
    306,
    339,
    361,
    383,
    405,
    427,
    447,
    469,
    489,
    509,
    531,
    551,
    573,
    596,
    618,
    640,
    660,
    682,
    702,
    724,
    744,
    764,
    786,
]


@lru_cache(maxsize=1)
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def seed_forms() -> tuple[ImportedForm, ...]:
    return tuple(parse_sheet(seed_text(), SEED_NAME))


def form(number: int) -> ImportedForm:
    """The seed form by its 1-based position."""
    return seed_forms()[number - 1]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def rows_of(imported: ImportedForm) -> list[tuple]:
    return [
        (
            r.level1,
            r.level2,
            r.name,
            r.target_text,
            r.actual_text,
            _text(r.weight),
            _text(r.declared_score),
            r.deviation_reason,
        )
        for r in imported.evaluation.indicators
    ]


def funds_of(imported: ImportedForm) -> dict:
    funds = imported.evaluation.funds
    row = lambda r: (_text(r.initial_budget), _text(r.annual_budget), _text(r.executed))  # noqa: E731
    return {
        "unit": funds.unit,
        "total": row(funds.total),
        "fiscal": row(funds.fiscal),
        "carryover": row(funds.carryover),
        "other": row(funds.other),
        "weight": _text(funds.weight),
        "rate": _text(funds.declared_rate),
        "score": _text(funds.declared_score),
    }


def funds(total, fiscal, carryover, other, rate, score, weight="10"):
    return {
        "unit": "元",
        "total": total,
        "fiscal": fiscal,
        "carryover": carryover,
        "other": other,
        "weight": weight,
        "rate": rate,
        "score": score,
    }


ZERO = ("0.00", "0.00", "0.00")
UNUSED_ECONOMIC = ("效益指标", "经济效益指标", "*", "0", "0", "0", "0", "")
UNUSED_ECOLOGICAL = ("效益指标", "生态效益指标", "*", "0", "0", "0", "0", "")

# Pinned forms, chosen to cover every kind of damage in the export:
#  1  满意度指标 in column 0 (row shifted left); 总分 numbers one column left
#  2  cost row with its name twice (row shifted right) and a 三级 name in the 一级 column
#  3  二级 names in the 一级 column (rows shifted left), a 三级 name in column 0, cut-off reasons
#  4  a 三级 name in the 二级 column of a left-shifted row
#  7  满意度指标 in the 二级 column; the form lacks a row (weights add to 95)
# 15  all of the above at once, plus a row shifted left by two (群众满意度)
# 24  unused rows written * / * / * / 0 / 0
# 27  满意度指标 in the 一级 column of a left-shifted row
# 37  the last form, its 总分 on the file's last line, which has no newline
PINNED = {
    1: dict(
        name="“互联网+不动产登记”强隔离安全交换平台",
        amount="400000",
        total="89.18",
        funds=funds(
            ("360000.00", "360000.00", "351000.00"), ZERO, ZERO, ("360000.00", "360000.00", "351000.00"), "0.98", "9.80"
        ),
        rows=[
            ("产出指标", "数量指标", "硬件配置完成", "90%", "75%", "20", "16.67", ""),
            ("产出指标", "质量指标", "设备故障率", "10%", "8%", "5", "5", ""),
            ("产出指标", "时效指标", "维护及时率", "80%", "70%", "20", "17.5", ""),
            ("产出指标", "成本指标", "项目招标资金", "3%", "2%", "5", "3.33", ""),
            UNUSED_ECONOMIC,
            ("效益指标", "社会效益指标", "系统正常运行", "90%", "92%", "15", "15", ""),
            UNUSED_ECOLOGICAL,
            ("满意度指标", "", "服务大厅满意", "80%", "70%", "25", "21.88", ""),
        ],
    ),
    2: dict(
        name="2019-2020产权档案整理扫描项目",
        amount="16870000",
        total="95",
        funds=funds(
            ("16870000.00", "16870000.00", "8367965.04"),
            ("0.00", "16870000.00", "8367965.04"),
            ZERO,
            ("16870000.00", "0.00", "0.00"),
            "0.50",
            "5.00",
        ),
        rows=[
            ("产出指标", "数量指标", "档案整理扫描", "95%", "100%", "20.0", "20.0", ""),
            ("产出指标", "质量指标", "档案整理扫描", "99%", "99%", "10.0", "10.0", ""),
            ("产出指标", "时效指标", "日常新增档案", "72小时之内", "72小时之内", "10.0", "10.0", ""),
            ("产出指标", "成本指标", "档案整理单价", "≤13.8元/卷", "≤13.8元/卷", "5.0", "5.0", ""),
            ("产出指标", "成本指标", "档案扫描单价", "≤9.6元/卷", "≤9.6元/卷", "5.0", "5.0", ""),
            ("效益指标", "社会效益指标", "日常新增纸质", "及时", "及时", "20.0", "20.0", ""),
            ("满意度指标", "", "用户满意度", "95%", "99%", "20.0", "20.0", ""),
        ],
    ),
    3: dict(
        name="2020-2021年度不动产权证书附图制作",
        amount="9600000",
        total="80.36",
        funds=funds(
            ("4800000.00", "4800000.00", "2874000.00"),
            ZERO,
            ZERO,
            ("4800000.00", "4800000.00", "2874000.00"),
            "0.60",
            "6.00",
        ),
        rows=[
            (
                "产出指标",
                "数量指标",
                "房屋分户附图",
                "有测绘相关档",
                "完成约10万户",
                "2.0",
                "0.4",
                "时间为2020年7月底，2020年度项目工作",
            ),
            (
                "产出指标",
                "数量指标",
                "楼栋宗地附图",
                "有测绘相关档",
                "完成约4万栋附",
                "5.0",
                "4.95",
                "房宗地为5327宗，目前有测绘相关档案已",
            ),
            (
                "产出指标",
                "数量指标",
                "宗地档案整理",
                "不少于10.4万",
                "完成约3万宗地",
                "5.0",
                "2.63",
                "目工作总量，按照项目合同2020年度收集",
            ),
            ("产出指标", "质量指标", "附图关联准确", "99%以上", "抽检率准确率", "5.0", "5.0", ""),
            ("产出指标", "质量指标", "房屋分户附图", "99%以上", "抽检率准确率", "5.0", "5.0", ""),
            ("产出指标", "质量指标", "楼栋宗地附图", "99%以上", "抽检率准确率", "5.0", "5.0", ""),
            (
                "产出指标",
                "时效指标",
                "附图制作关联",
                "完成附图制作",
                "按比例计算完",
                "3.0",
                "1.38",
                "目前主要工作为附图制作关联。2、加快附",
            ),
            (
                "产出指标",
                "时效指标",
                "专用软件编制",
                "按照计划进度",
                "已完成100%",
                "15.0",
                "15.0",
                "2020年专用软件制作应完成100%。",
            ),
            ("产出指标", "成本指标", "附图制作成本", "平均制作成本", "低于", "5.0", "5.0", ""),
            ("效益指标", "社会效益指标", "有利于权利人", "有利", "有利", "12.0", "10.0", "加快附图制作关联进度。"),
            ("效益指标", "社会效益指标", "促进房地产安", "有效", "有效", "12.0", "10.0", "加快附图制作关联进度。"),
            ("效益指标", "社会效益指标", "有利于利害关", "有利", "有利", "12.0", "10.0", "加快附图制作关联进度。"),
            ("满意度指标", "", "权利人对附图", "满意", "未调查", "4.0", "0.0", "暂未开展满意度调查。"),
        ],
    ),
    4: dict(
        name="2020年深圳市不动产登记数据汇交与监管技术支持 服务",
        amount="700000",
        total="89.4",
        funds=funds(
            ("490000.00", "490000.00", "488000.00"),
            ("490000.00", "490000.00", "488000.00"),
            ZERO,
            ZERO,
            "1.00",
            "10.00",
        ),
        rows=[
            ("产出指标", "数量指标", "系统扩展性", "可拓展", "大部分可拓展", "10", "8", ""),
            ("产出指标", "数量指标", "软件配置完成", "100%", "90%", "10", "9", ""),
            ("产出指标", "质量指标", "系统验收合格", "100%", "90%", "10", "9", ""),
            ("产出指标", "时效指标", "系统故障修复", "及时响应", "大部分及时响", "10", "8", ""),
            ("产出指标", "成本指标", "软件开发成本", "不高于社会平", "不高于社会平", "5", "5", ""),
            ("产出指标", "成本指标", "系统维护成本", "不高于社会平", "不高于社会平", "5", "5", ""),
            UNUSED_ECONOMIC,
            ("效益指标", "社会效益指标", "系统正常运行", "95%", "85%", "20", "17.9", ""),
            UNUSED_ECOLOGICAL,
            ("满意度指标", "", "用户满意度", "80%", "70%", "20", "17.5", ""),
        ],
    ),
    7: dict(
        name="qqf结转2018年产权档案整理扫描",
        amount="1140000",
        total="99.9",
        funds=funds(
            ("0.00", "1140000.00", "1132227.49"), ZERO, ("0.00", "1140000.00", "1132227.49"), ZERO, "0.99", "9.90"
        ),
        rows=[
            ("产出指标", "数量指标", "档案整理扫描", "95%", "100%", "20.0", "20.0", ""),
            ("产出指标", "质量指标", "档案整理扫描", "99%", "99%", "10.0", "10.0", ""),
            ("产出指标", "时效指标", "日常新增档案", "72小时之内", "72小时之内", "10.0", "10.0", ""),
            ("产出指标", "成本指标", "档案扫描单价", "≤9.6元/卷", "≤9.6元/卷", "5.0", "5.0", ""),
            ("效益指标", "社会效益指标", "日常新增纸质", "及时", "及时", "20.0", "20.0", ""),
            ("满意度指标", "", "用户满意度", "95%", "99%", "20.0", "20.0", ""),
        ],
    ),
    15: dict(
        name="布吉登记所变配电增容工程",
        amount="950000",
        total="92.2",
        funds=funds(
            ("950000.00", "950000.00", "207093.10"), ZERO, ZERO, ("950000.00", "950000.00", "207093.10"), "0.22", "2.20"
        ),
        rows=[
            ("产出指标", "数量指标", "建设规模（平", "40", "100%", "2", "2", ""),
            ("产出指标", "数量指标", "配套设施完成", "100%", "100%", "4", "4", ""),
            ("产出指标", "数量指标", "主体工程完成", "100%", "100%", "4", "4", ""),
            ("产出指标", "质量指标", "设计单位资质", "100%", "100%", "10", "10", ""),
            ("产出指标", "质量指标", "监理单位资质", "100%", "100%", "10", "10", ""),
            ("产出指标", "质量指标", "施工单位资质", "100%", "100%", "10", "10", ""),
            ("产出指标", "时效指标", "工程计量拨款", "100%", "100%", "3", "3", ""),
            ("产出指标", "时效指标", "工程进度达标", "100%", "100%", "3", "3", ""),
            ("产出指标", "成本指标", "单位公里投资", "100%", "100%", "4", "4", ""),
            ("效益指标", "经济效益指标", "单位造价合理", "100%", "100%", "10", "10", ""),
            ("效益指标", "经济效益指标", "完工验收通过", "100%", "100%", "10", "10", ""),
            ("效益指标", "经济效益指标", "概算执行率", "100%", "100%", "10", "10", ""),
            ("效益指标", "社会效益指标", "建筑利用率", "100%", "100%", "1", "1", ""),
            ("效益指标", "社会效益指标", "设计功能实现", "100%", "100%", "2", "2", ""),
            ("效益指标", "社会效益指标", "设施功能运转", "100%", "100%", "2", "2", ""),
            UNUSED_ECOLOGICAL,
            ("满意度指标", "", "使用单位满意", "100%", "100%", "2", "2", ""),
            ("满意度指标", "", "工作人员满意", "100%", "100%", "2", "2", ""),
            ("满意度指标", "", "群众满意度", "100%", "100%", "1", "1", ""),
        ],
    ),
    24: dict(
        name="劳务外包",
        amount="239237442.6",
        total="96",
        funds=funds(
            ("59410000.00", "59410000.00", "59373303.80"),
            ("59410000.00", "59410000.00", "59373303.80"),
            ZERO,
            ZERO,
            "1.00",
            "10.00",
        ),
        rows=[
            ("产出指标", "数量指标", "发放到位率", "劳务人员工资", "100%", "12.5", "12.5", ""),
            ("产出指标", "质量指标", "发放准确率", "劳务人员工资", "100%", "12.5", "12.5", ""),
            ("产出指标", "时效指标", "发放及时率", "劳务人员工资", "100%", "12.5", "12.5", ""),
            ("产出指标", "成本指标", "成本控制率", "劳务人员工资", "100%", "12.5", "12.5", ""),
            ("效益指标", "经济效益指标", "*", "*", "*", "0", "0", ""),
            (
                "效益指标",
                "社会效益指标",
                "人员流失率",
                "劳务人员的工",
                "2020年临聘人",
                "20",
                "18",
                "管理规定，要求各事业单位",
            ),
            ("效益指标", "生态效益指标", "*", "*", "*", "0", "0", ""),
            ("满意度指标", "", "工作配合率", "派遣服务公司", "90%", "20", "18", ""),
        ],
    ),
    27: dict(
        name="罗湖盐田登记所办文窗口新增等候大厅项目",
        amount="960000",
        total="92.9",
        funds=funds(
            ("960000.00", "960000.00", "281521.96"), ZERO, ZERO, ("960000.00", "960000.00", "281521.96"), "0.29", "2.90"
        ),
        rows=[
            ("产出指标", "数量指标", "建设规模（平", "扩建服务窗口", "100%", "12.5", "12.5", ""),
            ("产出指标", "质量指标", "施工质量验收", "施工质量验收", "100%", "12.5", "12.5", ""),
            ("产出指标", "时效指标", "工程进度达标", "按合同完成（", "100%", "12.5", "12.5", ""),
            ("产出指标", "成本指标", "招标节约率（", "大于1%", "100%", "12.5", "12.5", ""),
            UNUSED_ECONOMIC,
            ("效益指标", "社会效益指标", "提升办文人员", "有效", "100%", "12", "12", ""),
            ("效益指标", "社会效益指标", "合理办文流线", "有效", "100%", "12", "12", ""),
            UNUSED_ECOLOGICAL,
            ("满意度指标", "", "窗口人员满意", "满意", "100%", "16", "16", ""),
        ],
    ),
    37: dict(
        name="总部外窗口引导员服务",
        amount="3600000",
        total="95",
        funds=funds(
            ("900000.00", "900000.00", "447408.00"), ZERO, ZERO, ("900000.00", "900000.00", "447408.00"), "0.50", "5.00"
        ),
        rows=[
            ("产出指标", "数量指标", "采购率", "100%", "100%", "15.0", "15.0", ""),
            ("产出指标", "质量指标", "采购公开率", "100%", "100%", "15.0", "15.0", ""),
            ("产出指标", "时效指标", "采购及时率", "100%", "100%", "10.0", "10.0", ""),
            ("产出指标", "成本指标", "全成本", "100%", "100%", "10.0", "10.0", ""),
            ("效益指标", "社会效益指标", "成本利用率", "100%", "100%", "20.0", "20.0", ""),
            ("满意度指标", "", "中心员工满意", "100%", "100%", "20.0", "20.0", ""),
        ],
    ),
}


# ------------------------------------------------------------------------------------------- the seed


def test_seed_has_exactly_37_forms_at_their_title_lines():
    forms = seed_forms()
    assert len(forms) == 37
    assert [f.line for f in forms] == TITLE_LINES
    assert [f.evaluation.source for f in forms] == [f"{SEED_NAME}:{line}" for line in TITLE_LINES]


@pytest.mark.parametrize("number", sorted(PINNED))
def test_pinned_form_rows(number):
    assert rows_of(form(number)) == PINNED[number]["rows"]


@pytest.mark.parametrize("number", sorted(PINNED))
def test_pinned_form_funds_total_and_header(number):
    imported, expected = form(number), PINNED[number]
    evaluation = imported.evaluation
    assert funds_of(imported) == expected["funds"]
    assert _text(evaluation.declared_total) == expected["total"]
    assert evaluation.header.project_name == expected["name"]
    assert _text(evaluation.header.project_amount) == expected["amount"]
    assert evaluation.header.department == "深圳市规划和自然资源局"
    assert evaluation.header.implementer == ""
    assert evaluation.funds.reason == ""


def test_rows_are_plain_records_with_nothing_matched_or_decided():
    for imported in seed_forms():
        for row in imported.evaluation.indicators:
            assert row.catalogue_name is None
            assert row.direction is None and row.judged_score is None


def test_goals_are_kept_as_written():
    goals = form(1).evaluation.goals
    assert goals.expected == (
        "为“互联网+不动产登记”对外服务与不动产登记信息管理基础平台提供互联互通、数据交换功能，"
        "为不动产登记信息管理基础平台提供全面的安全防护、安全控制、安全管理等"
    )
    assert goals.achieved == "已按计划完成"
    # Layout with 实际完成情况 one column further right (line 107), and a cut-off text kept as cut (line 712).
    assert form(5).evaluation.goals.expected == "完成数据库的建设,实现权籍调查成果的审查入库及成果管理利用。"
    assert form(5).evaluation.goals.achieved == "已完成目标要求。"
    assert form(33).evaluation.goals.achieved.startswith("、办理跟进等工作")


def test_unused_rows_keep_their_reason_cell():
    rows = rows_of(form(36))
    assert rows[4] == ("效益指标", "经济效益指标", "*", "0", "0", "0", "0", "*")
    assert form(36).evaluation.indicators[4].is_unused


def test_numbers_keep_the_precision_written():
    evaluation = form(1).evaluation
    assert str(evaluation.funds.declared_score) == "9.80"
    assert str(evaluation.funds.total.annual_budget) == "360000.00"
    assert str(form(2).evaluation.indicators[0].weight) == "20.0"


def test_year_comes_from_the_file_name():
    for imported in seed_forms():
        assert imported.evaluation.header.year == 2020


def test_year_argument_is_passed_through_and_wins():
    forms = parse_sheet(seed_text(), SEED_NAME, year=2021)
    assert {f.evaluation.header.year for f in forms} == {2021}
    assert not any("推断" in w for f in forms for w in f.warnings)


def test_without_a_file_name_the_year_is_unknown_and_the_source_is_the_line():
    forms = parse_sheet(seed_text())
    assert forms[2].evaluation.header.year is None
    assert forms[2].evaluation.source == "第46行"


def test_source_uses_the_base_name_of_a_path():
    forms = parse_sheet(seed_text(), "/data/exports/" + SEED_NAME)
    assert forms[0].evaluation.source == f"{SEED_NAME}:3"


def test_warnings_of_the_form_with_every_kind_of_shift():
    assert form(15).warnings == [
        "第325行：整行左移一列，已按表头归位；三级指标「工程进度达标」写在二级指标列，已移到三级指标列",
        "第326行：整行左移一列，已按表头归位",
        "第334行：「满意度指标」写在二级指标列，已作为一级指标读取，二级指标留空",
        "第336行：整行左移两列，已按表头归位；单元格错位，已从右向左读作三级指标「群众满意度」、年度指标值「100%」、实际完成值「100%」",
        "第337行：总分行的数字左移一列，已读作分值合计 100、总分 92.2",
    ]
    assert form(2).warnings == [
        "第40行：整行右移一列，已按表头归位；三级指标「档案整理单价」重复出现，只读一次",
        "第41行：三级指标「档案扫描单价」写在一级指标列，已移到三级指标列",
        "第43行：整行左移一列，已按表头归位",
        "第44行：总分行的数字左移一列，已读作分值合计 100、总分 95",
    ]
    assert form(3).warnings == [
        "第64行：整行左移一列，已按表头归位",
        "第65行：整行左移一列，已按表头归位",
        "第66行：整行左移一列，已按表头归位",
        "第69行：整行左移一列，已按表头归位；三级指标「有利于利害关」写在一级指标列，已移到三级指标列",
        "第70行：整行左移一列，已按表头归位",
        "第71行：总分行的数字左移一列，已读作分值合计 100、总分 80.36",
    ]


def test_every_seed_warning_names_a_line_of_its_own_form():
    forms = seed_forms()
    for position, imported in enumerate(forms):
        end = forms[position + 1].line if position + 1 < len(forms) else 10**6
        for warning in imported.warnings:
            line = int(warning.removeprefix("第").split("行", 1)[0])
            assert imported.line <= line < end, warning


# Forms whose indicator 分值 plus the budget row's 分值 do not add up to 100. Reported, not corrected:
#  7 (line 142, qqf结转2018年产权档案整理扫描): 95. The form carries only 档案扫描单价 (5.0) under 成本指标,
#    where its two sibling forms (lines 25 and 121, same archive-scanning work) also carry 档案整理单价 (5.0);
#    its declared rows add up to 94.9 while it declares 总分 99.9, so a 5-point row is missing on the form itself.
FORMS_NOT_ADDING_TO_100 = {7: Decimal("95.0")}


def test_weights_plus_budget_weight_per_form():
    sums = {
        number: sum((row.weight for row in imported.evaluation.indicators), imported.evaluation.funds.weight)
        for number, imported in enumerate(seed_forms(), 1)
    }
    assert {number: total for number, total in sums.items() if total != 100} == FORMS_NOT_ADDING_TO_100


def test_seed_file_names_are_distinct_and_safe():
    names = [form_file_name(f.evaluation, i) for i, f in enumerate(seed_forms(), 1)]
    assert names[0] == "01-互联网+不动产登记强隔离安全交换平台.toml"
    assert names[3] == "04-2020年深圳市不动产登记数据汇交与监管技术支持服务.toml"
    assert len(set(names)) == 37
    for name in names:
        assert not set(name) & set('/\\:*?"<> \t\n“”')
        assert len(name.encode("utf-8")) < 200


# ------------------------------------------------------------------------------------ made-up sheets

HEADER = [
    "项目支出绩效自评表",
    "",
    "项目名称\t测试项目\t\t\t项目金额\t1,200,000.50\t\t\t",
    "主管部门\t某局\t\t\t实施单位\t某中心\t\t\t",
    "项目资金 (万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\t",
    "\t年度资金总额\t100\t100\t98\t10\t98%\t9.8\t",
    "\t其中：当年财政拨款\t100\t100\t98\t—\t98%\t—\t",
    "\t上年结转资金\t0\t0\t0\t—\t0\t—\t",
    "\t其他资金\t0\t0\t0\t—\t0\t—\t",
    "年度总体目标\t预期目标\t\t\t实际完成情况\t\t\t\t",
    "\t目标一\t\t\t完成一\t\t\t\t",
    "\t目标二\t\t\t完成二\t\t\t\t",
    "年度绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
]


def made_up(*rows: str, title: str = "项目支出绩效自评表") -> ImportedForm:
    lines = [title, *HEADER[1:], *rows]
    (imported,) = parse_sheet("\n".join(lines), "made-up.tsv")
    return imported


def test_made_up_form_reads_units_rates_grouped_numbers_and_several_goal_lines():
    imported = made_up("\t产出指标\t数量指标\t数量\t10个\t10个\t90\t90\t", "总分\t\t\t\t\t\t100\t99.8\t—")
    evaluation = imported.evaluation
    assert evaluation.header.project_amount == Decimal("1200000.50")
    assert evaluation.header.implementer == "某中心"
    assert evaluation.funds.unit == "万元"
    assert str(evaluation.funds.declared_rate) == "0.98"
    assert evaluation.goals.expected == "目标一\n目标二"
    assert evaluation.goals.achieved == "完成一\n完成二"
    assert evaluation.declared_total == Decimal("99.8")
    assert evaluation.header.year is None
    assert imported.warnings == []


def test_year_in_the_title_is_taken_without_warning():
    imported = made_up(
        "\t产出指标\t数量指标\t数量\t10个\t10个\t90\t90\t",
        "总分\t\t\t\t\t\t100\t99.8\t—",
        title="2022年度项目支出绩效自评表",
    )
    assert imported.evaluation.header.year == 2022
    assert imported.warnings == []


def test_a_weight_that_is_not_a_number_refuses_the_form_naming_its_line():
    imported = made_up("\t产出指标\t数量指标\t数量\t10个\t\t九十\t\t", "总分\t\t\t\t\t\t100\t0\t—")
    assert imported.missing == ["第14行：指标“数量”的分值“九十”不是 0 到 100 之间的数字"]
    assert imported.evaluation.indicators == []


def test_stray_cells_and_lines_are_named_and_not_read():
    imported = made_up(
        "\t产出指标\t数量指标\t数量\t10个\t10个\t40\t40\t",
        "\t\t\t\t\t\t\t\t",
        "\t\t质量指标\t一行说明文字",
        "\t\t时效指标\t及时率\t100%\t100%\t50\t50\t\t多出来的\t",
        "总分\t\t\t\t\t\t100\t99.8\t—",
    )
    assert rows_of(imported) == [
        ("产出指标", "数量指标", "数量", "10个", "10个", "40", "40", ""),
        ("产出指标", "时效指标", "及时率", "100%", "100%", "50", "50", ""),
    ]
    assert imported.warnings == [
        "第16行：“质量指标 一行说明文字”是空白模板留下的行（没有分值和得分），已跳过",
        "第17行：第10列的「多出来的」无法归位，未读入",
    ]


def test_a_second_level_name_in_the_first_level_column_is_moved():
    imported = made_up(
        "\t产出指标\t数量指标\t数量\t10个\t10个\t40\t40\t",
        "\t质量指标\t\t合格率\t100%\t100%\t50\t50\t",
        "总分\t\t\t\t\t\t100\t100\t—",
    )
    assert rows_of(imported)[1][:3] == ("产出指标", "质量指标", "合格率")
    assert imported.warnings == [
        "第15行：二级指标「质量指标」写在一级指标列，已移到二级指标列，一级指标沿用「产出指标」"
    ]


def test_a_form_with_only_a_title_is_refused_naming_what_is_missing():
    (imported,) = parse_sheet("项目支出绩效自评表\t\t\n\t\t\n", "x.tsv")
    assert imported.evaluation.indicators == []
    assert imported.missing == ["第1行：找不到“项目名称”"]


def test_lines_before_the_first_form_are_reported():
    (imported,) = parse_sheet("导出说明\t\n项目支出绩效自评表\n", "x.tsv")
    assert imported.warnings[0] == "第1行：在第一张表之前，未读入"
    assert imported.line == 2


def test_windows_line_endings_and_bom_keep_line_numbers():
    text = "\ufeff" + seed_text().replace("\n", "\r\n")
    forms = parse_sheet(text, SEED_NAME)
    assert [f.line for f in forms] == TITLE_LINES
    assert rows_of(forms[14]) == PINNED[15]["rows"]


def test_quoted_cells_are_unquoted():
    imported = made_up('\t产出指标\t数量指标\t"说""明"\t"10个"\t10个\t90\t90\t', "总分\t\t\t\t\t\t100\t90\t—")
    assert rows_of(imported)[0][2:4] == ('说"明', "10个")


# --------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "空的"),
        ("  \n\t\n \r\n", "空的"),
        ("\x00\x01\x02ELF\x00\x00\x7f\x03" * 20, "二进制"),
        (bytes(range(256)).decode("latin-1") * 4, "二进制"),
        ("项目支出绩效自评表\n项目名称,测试,,项目金额,100\n总分,,,,,100,90\n", "CSV"),
        ("a\tb\tc\n1\t2\t3\n", "没有找到“项目支出绩效自评表”"),
        ("项目支出绩效自评表\n项目名称 测试\n", "没有制表符"),
    ],
)
def test_unusable_input_raises_one_plain_message(text, words):
    with pytest.raises(SheetError) as caught:
        parse_sheet(text, "bad.tsv")
    assert words in caught.value.message
    assert "\n" not in caught.value.message
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("year", [1800, 3000, True])
def test_impossible_year_argument_is_refused(year):
    with pytest.raises(SheetError):
        parse_sheet(seed_text(), SEED_NAME, year=year)


def test_decode_sheet_reads_the_usual_encodings():
    text = "项目支出绩效自评表\t\n"
    assert decode_sheet(text.encode("utf-8")) == text
    assert decode_sheet(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode_sheet(text.encode("gb18030")) == text
    assert decode_sheet(text.encode("utf-16")) == text
    with pytest.raises(SheetError):
        decode_sheet(b"\x7fELF\x00\x00\x00")


def test_year_from_name():
    assert year_from_name("sheet-2020-shenzhen.tsv") == 2020
    assert year_from_name("000_bdda65a10663f243.txt") is None
    assert year_from_name("2019-2020.tsv") is None
    assert year_from_name("export-20201231.tsv") is None


# ------------------------------------------------------------------------------------- file names


def _named(name: str) -> Evaluation:
    evaluation = Evaluation()
    evaluation.header.project_name = name
    return evaluation


@pytest.mark.parametrize(
    "name, index, expected",
    [
        ("“互联网+不动产登记”强隔离安全交换平台", 1, "01-互联网+不动产登记强隔离安全交换平台.toml"),
        ("a/b\\c \"d\" 'e' f:g", 12, "12-abcdefg.toml"),
        ("", 3, "03-未命名.toml"),
        ("../..", 4, "04-未命名.toml"),
        ("长" * 100, 105, "105-" + "长" * 40 + ".toml"),
    ],
)
def test_form_file_name(name, index, expected):
    assert form_file_name(_named(name), index) == expected


# ------------------------------------------------------------------------------------- properties


def _check(text: str) -> None:
    try:
        forms = parse_sheet(text, "any.tsv")
    except SheetError as error:
        assert error.message and "\n" not in error.message
        return
    assert forms
    for imported in forms:
        assert isinstance(imported.evaluation, Evaluation)
        assert all(isinstance(w, str) and w.startswith("第") for w in imported.warnings)
        assert form_file_name(imported.evaluation, 1).endswith(".toml")


FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text())
def test_arbitrary_text_raises_nothing_but_sheet_error(text):
    _check(text)


CELLS = st.sampled_from(
    [
        "",
        "",
        "",
        "项目支出绩效自评表",
        "项目名称",
        "项目金额",
        "主管部门",
        "实施单位",
        "年度",
        "2020",
        "项目资金 (元)",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
        "年度资金总额",
        "其中：当年财政拨款",
        "上年结转资金",
        "其他资金",
        "年度总体 目标",
        "预期目标",
        "实际完成情况",
        "年度绩效 指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "偏差原因分析及改进措施",
        "产出指标",
        "效益指标",
        "满意度指标",
        "数量指标",
        "成本指标",
        "*",
        "0",
        "10",
        "-5",
        "101",
        "9.80",
        "0.98",
        "98%",
        "—",
        "1,000.00",
        "≥99%",
        "总分",
        "100",
        '"引号"',
        "\ud800",
    ]
) | st.text(max_size=6)


@FAST
@given(st.lists(st.lists(CELLS, max_size=11).map("\t".join), min_size=1, max_size=40))
def test_sheet_like_text_raises_nothing_but_sheet_error(lines):
    _check("\n".join(["项目支出绩效自评表", *lines]))


@FAST
@given(st.randoms(use_true_random=False), st.integers(min_value=1, max_value=30))
def test_damaged_seed_raises_nothing_but_sheet_error(rng: random.Random, damage: int):
    lines = seed_text().split("\n")[:120]
    for _ in range(damage):
        at = rng.randrange(len(lines))
        cells = lines[at].split("\t")
        action = rng.randrange(5)
        if action == 0:
            cells.insert(rng.randrange(len(cells) + 1), rng.choice(["", "x", "5", "总分", "满意度指标"]))
        elif action == 1 and cells:
            del cells[rng.randrange(len(cells))]
        elif action == 2:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif action == 3:
            del lines[at]
            continue
        else:
            cells[rng.randrange(len(cells))] = rng.choice(["", "—", "abc", "-1", "1e5", "NaN", "999"])
        lines[at] = "\t".join(cells)
    _check("\n".join(lines))

"""A budget system's printout (河北, `layouts/hebei-system.toml`): the funds block laid out sideways, indicator
heads on two rows, columns known and not read. The published form is `fixtures/workbooks/published/
he-chengan-2020-gaoling.xlsx` (tests/test_published.py); the grids here are built in its layout to try each
reading with other numbers."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from domain.sheets.forms import read_file
from tui.cli import run

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "fixtures" / "workbooks" / "published" / "he-chengan-2020-gaoling.xlsx"

MERGES = [
    "A1:L1",
    "A2:L2",
    "B3:D3",
    "A4:L4",
    "A5:C5",
    "D5:F5",
    "G5:I5",
    "J5:L5",
    "A9:L9",
    "A10:D10",
    "E10:I10",
    "J10:L10",
    "A11:D11",
    "E11:I11",
    "J11:L11",
    "A12:L12",
    "A13:A14",
    "B13:B14",
    "C13:C14",
    "D13:D14",
    "E13:G13",
    "H13:H14",
    "I13:I14",
    "J13:L13",
    "A15:A16",
]


def _printout(tmp_path: Path, funds: list[list[object]]) -> Path:
    lines: list[list[object]] = [
        ["某县某局2021年度预算项目绩效自评表"],
        ["一、基本情况"],
        [
            "项目名称：",
            "农村道路养护",
            "",
            "",
            "是否为专项资金：",
            "",
            "实施（主管）单位",
            "某县交通运输局",
            "",
            "金额单位：",
            "元",
        ],
        ["二、预算执行情况"],
        ["预算安排情况（调整后）", "", "", "资金到位情况", "", "", "资金执行情况", "", "", "预算执行进度（%）"],
        *funds,
        ["三、目标完成情况"],
        ["年度预期目标", "", "", "", "具体完成情况", "", "", "", "", "总体完成率（%）"],
        ["养护道路 20 公里", "", "", "", "养护道路 18 公里", "", "", "", "", "90.00"],
        ["四、年度绩效指标完成情况"],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标分值",
            "预期指标值",
            "",
            "",
            "单项指标实际完成值",
            "单项指标完成情况",
            "自评得分",
        ],
        ["", "", "", "", "符号", "", "单位（文字描述）", "", "", "单项指标得分", "权重占比（%）", "单项指标折算得分"],
        [
            "产出指标",
            "数量指标",
            "养护里程",
            "养护的道路里程",
            ">=",
            20,
            "公里",
            "18公里",
            "未完成",
            "36.00",
            "40.00",
            "14.40",
        ],
        [
            "",
            "质量指标",
            "养护合格率",
            "验收合格的比例",
            ">=",
            95,
            "%（百分比）",
            "100%",
            "完成",
            "30.00",
            "30.00",
            "9.00",
        ],
        [
            "满意度指标",
            "服务对象满意度指标",
            "群众满意度",
            "沿线群众的满意程度",
            ">=",
            90,
            "%（百分比）",
            "92%",
            "完成",
            "20.00",
            "20.00",
            "4.00",
        ],
    ]
    workbook = Workbook()
    sheet = workbook.active
    for line in lines:
        sheet.append(line)
    for cells in MERGES:
        sheet.merge_cells(cells)
    path = tmp_path / "printout.xlsx"
    workbook.save(path)
    return path


FUNDS = [
    ["预算数", 1200000, "", "到位数", 1200000, "", "执行数", 960000, "", "80.00"],
    ["其中：财政资金", 1000000, "", "其中：财政资金", 1000000, "", "其中：财政资金", 800000],
    ["其他", 200000, "", "其他", 200000, "", "其他", 160000],
]


def test_a_sideways_funds_block_is_read_by_the_labels_under_its_heads(tmp_path):
    result = read_file(_printout(tmp_path, FUNDS))
    assert not result.refused, [form.refusal for form in result.refused]
    [form] = result.read
    assert form.layout == "hebei-system"
    funds = form.evaluation.funds
    assert funds.unit == "元"  # 金额单位：元 on the header row
    assert (funds.total.initial_budget, funds.total.annual_budget, funds.total.executed) == (None, 1200000, 960000)
    assert (funds.fiscal.annual_budget, funds.fiscal.executed) == (1000000, 800000)
    assert (funds.other.annual_budget, funds.other.executed) == (200000, 160000)
    assert funds.weight == 10 and funds.declared_score is None  # the printout shows neither
    assert funds.declared_rate == Decimal("0.8")  # 预算执行进度（%） 80.00
    assert form.evaluation.header.implementer == "某县交通运输局"
    assert form.evaluation.remarks == {"金额单位": "元"}  # 是否为专项资金 left blank
    assert not any("金额单位" in warning and "按本版式" in warning for warning in form.warnings)


def test_heads_on_two_rows_give_the_comparator_value_unit_weight_and_score(tmp_path):
    [form] = read_file(_printout(tmp_path, FUNDS)).read
    evaluation = form.evaluation
    rows = [
        (r.level1, r.level2, r.name, r.target_text, r.actual_text, r.weight, r.declared_score)
        for r in evaluation.indicators
    ]
    assert rows == [
        ("产出指标", "数量指标", "养护里程", "≥20公里", "18公里", 40, 36),
        ("产出指标", "质量指标", "养护合格率", "≥95%（百分比）", "100%", 30, 30),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%（百分比）", "92%", 20, 20),
    ]
    # the goals stop at 总体完成率, and the section's label is no goal
    assert evaluation.goals.expected == "养护道路 20 公里"
    assert evaluation.goals.achieved == "养护道路 18 公里"
    unread = [warning for warning in form.warnings if "不参与计分" in warning]
    assert len(unread) == 1 and "指标分值、单项指标完成情况、单项指标折算得分" in unread[0]
    assert not any("无法归位" in warning for warning in form.warnings)


def test_the_printout_scores_by_the_method(tmp_path, capsys):
    # budget 960000 ÷ 1200000 = 0.80 → 10 × 0.80 = 8.00; 养护里程 18 ÷ 20 = 0.9 → 40 × 0.9 = 36.00;
    # 30.00 and 20.00 in full: 8 + 36 + 30 + 20 = 94.00
    path = _printout(tmp_path, FUNDS)
    assert run(["score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "得分 8.00" in out and "得分 36.00" in out
    assert "总分 94.00" in out


def test_a_row_whose_labels_name_different_funds_rows_is_not_read_sideways(tmp_path):
    mixed = [FUNDS[0], ["其中：财政资金", 1000000, "", "其中：财政资金", 1000000, "", "其他", 800000], FUNDS[2]]
    [form] = read_file(_printout(tmp_path, mixed)).read
    funds = form.evaluation.funds
    assert funds.fiscal.annual_budget is None and funds.fiscal.executed is None
    assert "第7行：资金块这一行各列的行名不一致（其中：财政资金、其他），未读入" in form.warnings


def test_the_published_printout_reads_whole():
    [form] = read_file(PUBLISHED).read
    evaluation = form.evaluation
    assert form.layout == "hebei-system"
    assert evaluation.funds.other.annual_budget == Decimal("0.00")
    assert evaluation.goals.achieved.splitlines() == [
        "为我县百岁高龄老年人发放补贴，使老年人得到更好的照顾。",
        "为全县共享改革开放成果，促进社会稳定文明和谐",
    ]
    assert [r.weight for r in evaluation.indicators] == [25, 25, 30, 10]
    assert [r.target_text for r in evaluation.indicators][0] == "≥98%（百分比）"
    assert evaluation.declared_total is None


def test_export_in_this_layout_reads_back_the_same(tmp_path, capsys):
    # written with the printout's words in the central arrangement (the funds block in rows, a 总分 row)
    assert run(["import", str(PUBLISHED), "--out", str(tmp_path / "forms")]) == 0
    [saved] = sorted((tmp_path / "forms").glob("*.toml"))
    out = tmp_path / "hebei.xlsx"
    assert run(["export", str(saved), "--out", str(out), "--layout", "hebei-system"]) == 0
    capsys.readouterr()
    [original] = read_file(PUBLISHED).read
    [back] = read_file(out).read
    assert back.layout == "hebei-system"
    first, second = original.evaluation, back.evaluation
    assert [(r.level1, r.level2, r.name, r.target_text, r.weight, r.declared_score) for r in first.indicators] == [
        (r.level1, r.level2, r.name, r.target_text, r.weight, r.declared_score) for r in second.indicators
    ]
    assert (second.funds.total.annual_budget, second.funds.total.executed) == (Decimal("6.84"), Decimal("6.84"))
    assert second.declared_total == 100


def test_a_percent_progress_the_amounts_do_not_give_is_found(tmp_path, capsys):
    # 960000 ÷ 1200000 = 80%, the printout says 85.00 under 预算执行进度（%）
    wrong = [FUNDS[0][:9] + ["85.00"], *FUNDS[1:]]
    [form] = read_file(_printout(tmp_path, wrong)).read
    assert form.evaluation.funds.declared_rate == Decimal("0.85")
    run(["check", str(_printout(tmp_path, wrong)), "--format", "json"])
    [audit] = json.loads(capsys.readouterr().out)
    [finding] = [f for f in audit["findings"] if f["code"].endswith("budget_rate")]
    assert finding["code"] == "arithmetic.budget_rate"
    assert finding["message"] == "表上执行率 0.85，按执行数 ÷ 预算数应为 0.8"

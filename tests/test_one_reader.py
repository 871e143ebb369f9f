"""One reader for every kind of file, and cells as people fill them.

`fixtures/workbooks/shenzhen-2020.xls` is the seed's tab-separated export opened in LibreOffice and saved as
.xls (soffice --headless --infilter='Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,false,false'
--convert-to xls): the same shifted rows, with numbers and percentages stored as numbers.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from domain.errors import InputError
from domain.record.values import parse_value
from domain.sheets.forms import read_file
from domain.sheets.grid import value_text
from domain.sheets.reader import read_grid
from domain.sheets.tsv import parse_sheet

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed" / "sheet-2020-shenzhen.tsv"
BOOKS = ROOT / "fixtures" / "workbooks"


def _rows(evaluation):
    return [
        (
            r.level1,
            r.level2,
            r.name,
            parse_value(r.target_text).number,
            parse_value(r.actual_text).number,
            r.weight,
            r.declared_score,
        )
        for r in evaluation.indicators
    ]


def test_the_seed_saved_as_xls_reads_as_the_text_export_does():
    text_forms = parse_sheet(SEED.read_text(encoding="utf-8"), SEED.name)
    book = read_file(BOOKS / "shenzhen-2020.xls")
    assert book.error is None and len(book.forms) == 37
    for text_form, book_form in zip(text_forms, book.forms, strict=True):
        assert book_form.evaluation is not None, book_form.refusal
        assert book_form.layout == "shenzhen"
        assert _rows(book_form.evaluation) == _rows(text_form.evaluation)
        assert book_form.evaluation.declared_total == text_form.evaluation.declared_total
    # form 1: six scored rows, two unused ones, and 满意度 read from the row shifted one cell left
    first = book.forms[0].evaluation
    assert [r.name for r in first.indicators] == [
        "硬件配置完成",
        "设备故障率",
        "维护及时率",
        "项目招标资金",
        "*",
        "系统正常运行",
        "*",
        "服务大厅满意",
    ]
    assert (first.indicators[-1].level1, first.indicators[-1].target_text) == ("满意度指标", "80%")


def test_the_seed_shift_repairs_are_noted_on_the_workbook_too():
    book = read_file(BOOKS / "shenzhen-2020.xls")
    assert "第22行：整行左移一列，已按表头归位" in book.forms[0].warnings


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (0.6659999999999999, "0.666"),
        (0.30000000000000004, "0.3"),
        (0.973469387755102, "0.973469387755102"),
        (20.0, "20"),
        (1234567.8, "1234567.8"),
    ],
)
def test_a_stored_number_reads_as_a_spreadsheet_shows_it(stored, shown):
    assert value_text(stored) == shown


# ------------------------------------------------------------------------------ made-up workbooks


def _central(sheet, rows, title="项目支出绩效自评表", funds=None, goals=("目标", "完成")):
    sheet.append([title])
    sheet.append(["（2022年度）"])
    sheet.append(["项目名称", "测试项目"])
    sheet.append(["主管部门", "某局", "", "", "实施单位", "某中心"])
    sheet.append(["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    for line in funds or [
        ["", "年度资金总额", 100, 100, 98, 10, 0.98, 9.8],
        ["", "其中：当年财政拨款", 100, 100, 98, "—", 0.98, "—"],
        ["", "上年结转资金", 0, 0, 0, "—", 0, "—"],
        ["", "其他资金", 0, 0, 0, "—", 0, "—"],
    ]:
        sheet.append(line)
    sheet.append(["年度总体目标", "预期目标", "", "", "实际完成情况"])
    sheet.append(["", goals[0], "", "", goals[1]])
    sheet.append(
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
    )
    for line in rows:
        sheet.append(line)


def _book(tmp_path: Path, rows, name="form.xlsx", **options) -> Path:
    workbook = Workbook()
    _central(workbook.active, rows, **options)
    for line in workbook.active.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # typed as text ('=100%), not a formula
    path = tmp_path / name
    workbook.save(path)
    return path


ROWS = [
    ["", "产出指标", "数量指标", "培训人次", "≥100百分比", "120", 40, 40],
    ["", "效益指标", "社会效益指标", "政策知晓率", ">=90%", "93.45%", 30, 30],
    ["", "满意度指标", "服务对象满意度指标", "群众满意度", "=100%", "达成预期指标", 20, 20],
    ["总分", "", "", "", "", "", 100, 99.8],
]


def test_a_formula_quotient_is_read_at_the_precision_the_cell_holds(tmp_path):
    funds = [
        ["", "年度资金总额", 98, 98, 95.4, 10, 0.9734693877551020, 9.7],
        ["", "其中：当年财政拨款", 98, 98, 95.4, "—", 0.9734693877551020, "—"],
        ["", "上年结转资金", 0, 0, 0, "—", 0, "—"],
        ["", "其他资金", 0, 0, 0, "—", 0, "—"],
    ]
    (form,) = read_file(_book(tmp_path, ROWS, funds=funds)).forms
    assert form.refusal is None
    assert form.evaluation.funds.declared_rate == Decimal("0.973469387755102")


def test_values_as_typed_are_read(tmp_path):
    (form,) = read_file(_book(tmp_path, ROWS)).forms
    assert form.refusal is None
    rows = form.evaluation.indicators
    assert [
        (r.target.comparator.value if r.target.comparator else None, r.target.number, r.target.unit) for r in rows
    ] == [(">=", Decimal(100), "%"), (">=", Decimal(90), "%"), ("=", Decimal(100), "%")]
    assert rows[1].actual.number == Decimal("93.45")
    assert rows[2].actual.grade is not None


def test_rows_left_from_the_template_are_skipped_with_a_note(tmp_path):
    rows = [ROWS[0], ["", "", "", "指标2"], ["", "", "质量指标", "……"], ["", "", "", "合格率"], *ROWS[1:]]
    (form,) = read_file(_book(tmp_path, rows)).forms
    assert form.refusal is None
    assert [r.name for r in form.evaluation.indicators] == ["培训人次", "政策知晓率", "群众满意度"]
    assert [w.split("：", 1)[1] for w in form.warnings if "模板" in w] == [
        "“指标2”是空白模板留下的行（没有分值和得分），已跳过",
        "“质量指标 ……”是空白模板留下的行（没有分值和得分），已跳过",
        "“合格率”是空白模板留下的行（没有分值和得分），已跳过",
    ]


def test_a_named_row_with_a_target_but_no_weight_still_refuses_the_form(tmp_path):
    rows = [ROWS[0], ["", "", "质量指标", "合格率", "100%", "100%"], *ROWS[1:]]
    (form,) = read_file(_book(tmp_path, rows)).forms
    assert form.refusal == "第14行：指标“合格率”没有分值"


def test_the_shanghai_title_is_a_project_form(tmp_path):
    (form,) = read_file(_book(tmp_path, ROWS, title="财政项目支出绩效自评表")).forms
    assert form.refusal is None and form.layout == "shanghai"


@pytest.mark.parametrize(
    "title", ["部门（单位）整体支出绩效自评表", "部门整体支出绩效自评表", "2022年度部门(单位)整体支出绩效自评表"]
)
def test_a_department_wide_form_is_refused_as_one(tmp_path, title):
    (form,) = read_file(_book(tmp_path, ROWS, title=title)).forms
    assert form.refusal == "这是部门整体支出绩效自评表，不是项目支出绩效自评表，未读入"


def test_target_tables_are_told_apart_and_read_as_targets():
    """A target table (绩效目标表) is never a self-evaluation: the reader marks it, and the sheet is read as targets."""
    from domain.sheets.grid import Grid
    from domain.sheets.workbook import open_workbook

    for name in ("refuse-target.xlsx", "refuse-target-untitled.xlsx"):
        result = read_file(BOOKS / name)
        assert not result.forms and len(result.targets) == 1 and result.error is None
        (grid,) = [grid for grid in open_workbook(BOOKS / name).sheets() if isinstance(grid, Grid)]
        (form,) = read_grid(grid)
        assert form.kind == "target" and form.evaluation is None and "绩效目标表" in (form.refusal or "")


# ------------------------------------------------------------------------------------- layouts


def _layout_dir(tmp_path: Path, files: dict[str, str]) -> Path:
    from domain.sheets.layout_files import LAYOUT_DIR

    directory = tmp_path / "layouts"
    directory.mkdir()
    (directory / "central.toml").write_text((LAYOUT_DIR / "central.toml").read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in files.items():
        (directory / f"{name}.toml").write_text(text, encoding="utf-8")
    return directory


def test_a_short_layout_extends_central_at_every_depth(tmp_path):
    from domain.sheets.layout_model import load_spec

    directory = _layout_dir(
        tmp_path,
        {
            "town": """
id = "town"
extends = "central"
name = "某镇"
markers = ["镇级"]
[funds]
unit = "元"
[funds.columns]
executed = ["全年执行数", "实际支出"]
[indicators.columns]
actual = ["实际完成值", "完成情况"]
"""
        },
    )
    spec, _ = load_spec(directory, "town")
    assert spec.funds.unit == "元" and spec.funds.labels == ["项目资金*", "预算执行情况*", "资金情况*"]
    assert spec.funds.columns["executed"] == ["全年执行数", "实际支出"]
    assert spec.funds.columns["annual_budget"] == ["全年预算数", "调整后预算数", "全年预算"]
    assert spec.indicators.columns["score"] == ["得分"]
    assert spec.write.indicator_columns[3] == "target"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'id = "bad"\nextends = "central"\nname = "x"\n[funds]\nunits = "元"\n',
            "版式文件 bad.toml：funds.units：不认识的键",
        ),
        (
            'id = "bad"\nextends = "central"\nname = "x"\n[indicators.columns]\nactual = []\n',
            "版式文件 bad.toml：indicators：缺少 columns.actual",
        ),
        (
            'id = "bad"\nextends = "nowhere"\nname = "x"\n',
            "版式文件 bad.toml：extends：没有名为“nowhere”的版式可以继承",
        ),
        ('id = "bad"\nextends = "central"\nname = "x"\n[funds]\nunit = "美元"\n', "版式文件 bad.toml：funds.unit："),
        ('id = "other"\nextends = "central"\nname = "x"\n', "版式文件 bad.toml：id：id 应与文件名相同（bad）"),
        (
            'id = "bad"\nextends = "central"\nname = "x"\n[write]\nindicator_columns = ["name", "comparator", "actual", "score"]\n',
            "版式文件 bad.toml：write.indicator_columns：comparator 没有在读取的表头中声明",
        ),
        ('id = "bad\n', "版式文件 bad.toml 无法读取"),
    ],
)
def test_a_bad_layout_file_names_the_file_and_the_key(tmp_path, text, message):
    from domain.sheets.layout_model import load_spec

    directory = _layout_dir(tmp_path, {"bad": text})
    with pytest.raises(InputError) as caught:
        load_spec(directory, "bad")
    assert caught.value.message.startswith(message)


def test_every_shipped_layout_is_valid_and_offered_for_export():
    from domain.sheets.layouts import all_layouts, layout
    from tui.cli import build_parser

    ids = [item.id for item in all_layouts()]
    assert set(ids) >= {"beijing-2016", "system-export", "city", "shanghai"}
    assert all(item.source for item in all_layouts())
    assert layout("beijing-2016").profile == "beijing-2016"
    parser = build_parser()
    args = parser.parse_args(["export", "x.toml", "--out", "y.xlsx", "--layout", "system-export"])
    assert args.layout == "system-export"


# ------------------------------------------------------------------------------- the new layouts


def _save(tmp_path: Path, lines: list[list[object]], name: str = "form.xlsx") -> Path:
    workbook = Workbook()
    for line in lines:
        workbook.active.append(line)
    path = tmp_path / name
    workbook.save(path)
    return path


def test_beijing_2016_weight_before_target_and_initial_budget(tmp_path):
    path = _save(
        tmp_path,
        [
            ["项目支出绩效自评表"],
            ["（2016年度）"],
            ["项目名称", "街道环境整治"],
            ["主管部门", "某区政府", "", "", "实施单位", "某街道办事处"],
            [
                "项目资金（万元）",
                "",
                "年初预算数(A)",
                "全年执行数(B)",
                "分值(10分)",
                "执行率(B/A)",
                "得分",
                "得分计算方法",
            ],
            ["", "年度资金总额", 200, 190, 10, 0.95, 9.5, "执行率×10"],
            ["", "其中：本年一般公共预算拨款", 200, 190, "—", 0.95, "—", ""],
            ["", "其他资金", 0, 0, "—", 0, "—", ""],
            ["年度总体目标", "预期目标", "", "", "实际完成情况"],
            ["", "整治背街小巷 20 条", "", "", "完成 20 条"],
            [
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "分值",
                "年度指标值(A)",
                "全年实际值(B)",
                "得分计算方法",
                "得分",
                "未完成原因分析",
            ],
            ["", "产出指标", "数量指标", "整治背街小巷数量", 50, "20条", "20条", "B/A×分值", 50, ""],
            ["", "效益指标", "社会效益指标", "居民满意度", 40, "≥90%", "92%", "B/A×分值", 40, ""],
            ["总分", "", "", "", 100, "", "", "", 99.5],
        ],
    )
    (form,) = read_file(path).forms
    assert form.refusal is None, form.refusal
    evaluation = form.evaluation
    assert form.layout == "beijing-2016" and evaluation.profile == "beijing-2016"
    assert evaluation.funds.total.initial_budget == 200 and evaluation.funds.total.annual_budget is None
    assert evaluation.funds.fiscal.executed == 190
    assert [(r.name, r.weight, r.target_text, r.actual_text, r.declared_score) for r in evaluation.indicators] == [
        ("整治背街小巷数量", 50, "20条", "20条", 50),
        ("居民满意度", 40, "≥90%", "92%", 40),
    ]
    assert evaluation.declared_total == Decimal("99.5")


def test_a_system_export_with_comparator_and_unit_columns(tmp_path):
    path = _save(
        tmp_path,
        [
            ["项目支出绩效自评表"],
            ["项目名称", "农村道路养护"],
            ["主管部门", "某县交通运输局", "实施单位", "某县公路中心"],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", 50, 50, 50, 10, 1, 10],
            ["", "其中：当年财政拨款", 50, 50, 50, "", "", ""],
            ["年度总体目标", "预期目标", "", "", "实际完成情况"],
            ["", "养护道路 30 公里", "", "", "完成"],
            [
                "一级指标",
                "二级指标",
                "指标名称",
                "计算符号",
                "指标值",
                "实际完成值",
                "计量单位",
                "分值",
                "得分",
                "偏差原因分析及改进措施",
            ],
            ["产出指标", "数量指标", "养护里程", "≥", "30", "30", "公里", 50, 50, ""],
            ["产出指标", "质量指标", "路况合格率", ">=", "95", "93", "%", 20, 19.58, "个别路段待修"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "定性", "满意", "满意", "", 20, 20, ""],
            ["总分", "", "", "", "", "", "", 100, 99.58],
        ],
    )
    (form,) = read_file(path).forms
    assert form.refusal is None, form.refusal
    assert form.layout == "system-export"
    assert [(r.name, r.target_text, r.actual_text) for r in form.evaluation.indicators] == [
        ("养护里程", "≥30公里", "30公里"),
        ("路况合格率", "≥95%", "93%"),
        ("群众满意度", "满意", "满意"),
    ]


def test_city_heads_with_a_and_b(tmp_path):
    path = _save(
        tmp_path,
        [
            ["项目支出绩效自评表"],
            ["项目名称", "城市绿化管护"],
            ["市级主管部门", "某市园林局", "", "", "项目实施单位", "某市绿化中心"],
            [
                "项目资金（万元）",
                "",
                "年初预算数",
                "全年预算数（A）",
                "全年执行数（B）",
                "分值",
                "执行率（B/A）",
                "得分",
            ],
            ["", "年度资金总额", 80, 80, 76, 10, "95%", 9.5],
            ["", "其中：当年财政拨款", 80, 80, 76, "—", "95%", "—"],
            ["年度总体目标", "年初预期目标", "", "", "年度实际完成情况"],
            ["", "管护绿地 100 公顷", "", "", "完成"],
            [
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值（A）",
                "实际完成值（B）",
                "分值",
                "得分",
                "偏差原因分析及改进措施",
            ],
            ["", "产出指标", "数量指标", "管护面积", "100公顷", "100公顷", 90, 90, ""],
            ["总分", "", "", "", "", "", 100, 99.5],
        ],
    )
    (form,) = read_file(path).forms
    assert form.refusal is None, form.refusal
    evaluation = form.evaluation
    assert form.layout == "city"
    assert (evaluation.header.department, evaluation.header.implementer) == ("某市园林局", "某市绿化中心")
    assert evaluation.goals.expected == "管护绿地 100 公顷" and evaluation.funds.total.annual_budget == 80


# ---------------------------------------------------------------------------------- funds rows


def _audit(form):
    from domain.scoring.audit import audit_evaluation

    return audit_evaluation(form.evaluation, file="form.xlsx")


def _funds_form(tmp_path, funds):
    (form,) = read_file(_book(tmp_path, ROWS, funds=funds)).forms
    assert form.refusal is None, form.refusal
    return form


def test_a_further_source_row_is_counted_with_other_funds(tmp_path):
    form = _funds_form(
        tmp_path,
        [
            ["", "年度资金总额", 100, 100, 98, 10, 0.98, 9.8],
            ["", "其中：当年财政拨款", 60, 60, 58, "—", "", "—"],
            ["", "其中：中央补助", 40, 40, 40, "—", "", "—"],
            ["", "上年结转资金", 0, 0, 0, "—", "", "—"],
            ["", "其他资金", 0, 0, 0, "—", "", "—"],
        ],
    )
    assert form.evaluation.funds.other.executed == 40
    assert "第8行：资金块中的“其中：中央补助”行计入其他资金（各来源连同这一行才合计为年度资金总额）" in form.warnings
    assert [f.code for f in _audit(form).findings if f.code.startswith("arithmetic")] == []


def test_a_part_of_a_row_above_is_not_counted_again(tmp_path):
    form = _funds_form(
        tmp_path,
        [
            ["", "年度资金总额", 100, 100, 98, 10, 0.98, 9.8],
            ["", "其中：当年财政拨款", 100, 100, 98, "—", "", "—"],
            ["", "其中：中央补助", 40, 40, 40, "—", "", "—"],
            ["", "上年结转资金", 0, 0, 0, "—", "", "—"],
            ["", "其他资金", 0, 0, 0, "—", "", "—"],
        ],
    )
    assert form.evaluation.funds.other.executed == 0
    assert (
        "第8行：资金块中的“其中：中央补助”行是上面某行的一部分（不计它各来源已合计为年度资金总额），不重复计入"
        in form.warnings
    )
    assert [f.code for f in _audit(form).findings if f.code.startswith("arithmetic")] == []


def test_a_total_left_at_zero_is_scored_from_its_rows_and_the_slip_named(tmp_path):
    form = _funds_form(
        tmp_path,
        [
            ["", "年度资金总额", 0, 0, 0, 10, "", 9.8],
            ["", "其中：本年财政拨款", 100, 100, 98, "—", "", "—"],
            ["", "上年结转资金", 0, 0, 0, "—", "", "—"],
            ["", "其他资金", 0, 0, 0, "—", "", "—"],
        ],
    )
    total = form.evaluation.funds.total
    assert (total.annual_budget, total.executed) == (0, 0)  # kept as written
    audit = _audit(form)
    assert audit.scored.budget.score == Decimal("9.8")  # 10 × 0.98, from the rows
    assert [note.code for note in audit.scored.budget.notes] == ["total_from_parts"]
    slips = [f for f in audit.findings if f.finding_class.value == "arithmetic"]
    assert [(f.code, f.row) for f in slips] == [("arithmetic.funds_sum", 0)]


def test_profile_auto_takes_the_profile_a_layout_declares(capsys):
    from tui.cli import run

    run(["check", str(BOOKS / "published" / "bj-xueyuanlu-2016.xlsx"), "--profile", "auto"])
    assert "自动选用规则“beijing-2016”：表的版式按规则“beijing-2016”计分" in capsys.readouterr().out

"""Workbooks: every layout read from fixtures/workbooks, every refusal, the export's structure and the round trip."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from domain.record.storage import load_evaluation
from domain.sheets import limits as limits_module
from domain.sheets import reader as reader_module
from domain.sheets.export import audited, write_workbook
from domain.sheets.forms import read_file
from domain.sheets.layouts import all_layouts, layout
from tui.cli import run

ROOT = Path(__file__).resolve().parent.parent
BOOKS = ROOT / "fixtures" / "workbooks"
SEED = ROOT / "fixtures" / "seed"

LIGHTING_ROWS = [
    ("产出指标", "数量指标", "路灯维护数量", "≥2000盏", "2150盏", "15", "15", ""),
    ("产出指标", "质量指标", "设施完好率", "≥95%", "97%", "15", "15", ""),
    (
        "产出指标",
        "时效指标",
        "故障修复及时率",
        "≥95%",
        "92%",
        "10",
        "9.68",
        "部分故障需更换地下电缆，修复周期较长；已增加抢修班组",
    ),
    ("产出指标", "成本指标", "维护成本控制", "≤120万元", "114.6万元", "10", "10", ""),
    ("效益指标", "社会效益指标", "道路亮灯率", "≥98%", "98.5%", "20", "20", ""),
    ("效益指标", "可持续影响指标", "设施使用年限", "≥10年", "10年", "10", "10", ""),
    ("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "93%", "10", "10", ""),
]


def rows_of(evaluation) -> list[tuple]:
    def text(value: Decimal | None) -> str | None:
        return None if value is None else format(value.normalize(), "f")

    return [
        (
            r.level1,
            r.level2,
            r.name,
            r.target_text,
            r.actual_text,
            text(r.weight),
            text(r.declared_score),
            r.deviation_reason,
        )
        for r in evaluation.indicators
    ]


def funds_of(evaluation) -> tuple:
    funds = evaluation.funds
    amounts = tuple(
        tuple(
            None if v is None else Decimal(v).normalize() for v in (row.initial_budget, row.annual_budget, row.executed)
        )
        for row in (funds.total, funds.fiscal, funds.carryover, funds.other)
    )
    return funds.unit, funds.weight, amounts, funds.declared_rate, funds.declared_score


def only_form(name: str):
    result = read_file(BOOKS / name)
    assert result.error is None, result.error
    assert not result.refused, [form.refusal for form in result.refused]
    return result.read


# ------------------------------------------------------------------------------------------- layouts


def test_every_declared_layout_loads_and_names_its_words():
    ids = [item.id for item in all_layouts()]
    assert ids[0] == "central"
    assert set(ids) >= {"central", "shenzhen", "sichuan", "anhui", "yunnan", "hubei"}
    for item in all_layouts():
        assert item.indicator_columns["name"].written in ("三级指标", "指标名称")
        assert item.funds_columns["executed"]
    assert layout("sichuan").split_target and not layout("central").split_target
    assert layout("hubei").funds_weight == 20


@pytest.mark.parametrize("name", ["central-2022.xlsx", "central-2022.xls", "central-2022.ods", "wps-export.csv"])
def test_central_layout_in_every_file_kind(name):
    forms = only_form(name)
    lighting = forms[0].evaluation
    assert forms[0].layout in ("central", "tsv")
    assert lighting.header.project_name == "城市道路照明设施维护项目"
    assert (lighting.header.department, lighting.header.implementer) == ("某市城市管理和综合执法局", "某市路灯管理所")
    assert lighting.header.year == 2022
    assert rows_of(lighting) == LIGHTING_ROWS  # 97% and 92% were numbers with a percent format
    unit, weight, amounts, rate, score = funds_of(lighting)
    assert (unit, weight, rate, score) == ("万元", 10, Decimal("0.955"), Decimal("9.6"))
    assert amounts[0] == (120, 120, Decimal("114.6"))
    assert amounts[2] == (20, 20, 18)
    assert lighting.declared_total == Decimal("99.28")


def test_central_workbook_sheets_hidden_sheet_and_text_amounts():
    result = read_file(BOOKS / "central-2022.xlsx")
    assert [form.sheet for form in result.forms] == ["central-2022.xlsx:道路照明", "central-2022.xlsx:档案数字化"]
    assert result.notes == ["隐藏的工作表“下拉选项”已跳过"]
    archives = result.forms[1].evaluation
    assert funds_of(archives)[2][0] == (86, 86, Decimal("79.12"))  # written as the text "79.12" / "86.00"
    assert archives.indicators[5].name == "*" and archives.indicators[5].weight == 0
    lighting = result.forms[0].evaluation
    assert lighting.declared_grade == "优"
    assert lighting.remarks == {"填表人": "王敏", "联系电话": "0871-6000000", "填报日期": "2023年3月15日"}
    assert lighting.source == "central-2022.xlsx:道路照明:1"


def test_shenzhen_stacked_forms_in_yuan():
    forms = only_form("shenzhen-stacked.xlsx")
    assert [form.row for form in forms] == [1, 24, 47]
    assert {form.layout for form in forms} == {"shenzhen"}
    lighting = forms[0].evaluation
    assert lighting.funds.unit == "元"
    assert lighting.header.project_amount == 1200000
    assert funds_of(lighting)[2][0] == (1200000, 1200000, 1146000)
    assert rows_of(lighting) == LIGHTING_ROWS
    assert [len(form.evaluation.indicators) for form in forms] == [7, 7, 5]


def test_anhui_weights_in_the_level1_cells():
    forms = only_form("anhui-2022.xlsx")
    evaluation = forms[0].evaluation
    assert forms[0].layout == "anhui"
    assert rows_of(evaluation) == LIGHTING_ROWS  # "产出指标(50分)" read as 产出指标
    assert forms[0].warnings == []  # 50 = 15 + 15 + 10 + 10, so no note
    assert funds_of(evaluation)[2][1] == (100, 100, Decimal("96.6"))  # 其中：本年财政拨款


def test_anhui_level_points_that_disagree_are_noted(tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(BOOKS / "anhui-2022.xlsx")
    sheet = book.active
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == "产出指标(50分)":
                cell.value = "产出指标(60分)"
    book.save(tmp_path / "anhui.xlsx")
    form = read_file(tmp_path / "anhui.xlsx").forms[0]
    assert form.evaluation is not None
    assert any("“产出指标”标注 60 分，其下各行分值合计 50" in warning for warning in form.warnings)


def test_yunnan_split_target_and_grade_after_total():
    forms = only_form("yunnan-14.xlsx")
    evaluation = forms[0].evaluation
    assert forms[0].layout == "yunnan"
    rows = rows_of(evaluation)
    assert rows[0] == (
        "产出指标",
        "数量指标",
        "档案扫描页数",
        "≥60万页",
        "55.2万页",
        "20",
        "18.4",
        "部分档案破损需先修复",
    )
    assert rows[2][3:5] == ("2022年12月", "2022年12月")  # 定性: the value as written
    assert rows[3][3:5] == ("≤1.5元/页", "1.43元/页")
    assert evaluation.declared_grade == "优"
    assert evaluation.declared_total == Decimal("97.6")


def test_sichuan_2023():
    forms = only_form("sichuan-2023.xlsx")
    form = forms[0]
    evaluation = form.evaluation
    assert form.layout == "sichuan"
    assert evaluation.header.year == 2023
    assert evaluation.header.department == "某市城市管理和综合执法局（301）"
    assert rows_of(evaluation)[:3] == [
        ("产出指标", "数量指标", "路灯维护数量", "≥2000盏", "2150盏", "15", "15", ""),
        ("产出指标", "质量指标", "设施完好率", "≥95%", "97%", "15", "15", ""),
        ("产出指标", "时效指标", "故障修复及时率", "≥95%", "92%", "10", "9.68", "部分故障需更换地下电缆"),
    ]
    unit, weight, amounts, rate, score = funds_of(evaluation)
    assert (unit, weight, score) == ("万元", 10, Decimal("9.6"))
    assert amounts[3] == (20, 20, 18)  # 单位资金 counted with 其他资金, and said so
    assert any("“单位资金”计入其他资金" in warning for warning in form.warnings)
    assert evaluation.remarks["评价结论"] == "项目完成年度目标，资金使用规范，效果良好。"
    assert evaluation.remarks["项目负责人"] == "李强"


def test_hubei_2020_budget_worth_20_and_goals_grouping():
    forms = only_form("hubei-2020.xlsx")
    evaluation = forms[0].evaluation
    assert forms[0].layout == "hubei"
    assert evaluation.funds.weight == 20 and evaluation.funds.declared_score == 20
    assert funds_of(evaluation)[2][0] == (None, 45, 45)
    assert [row.name for row in evaluation.indicators] == [
        "培训人次",
        "考核合格率",
        "培训完成及时率",
        "基层诊疗能力提升",
        "参训人员满意度",
    ]
    assert [row.weight for row in evaluation.indicators] == [20, 20, 10, 20, 10]  # "(20分)" in the names
    assert evaluation.goals.expected.splitlines()[0] == "年度绩效目标1：培训乡村医生和社区卫生人员 600 人次"
    assert evaluation.remarks["偏差大或目标未完成原因分析"] == "培训课程按计划完成，无明显偏差。"


@pytest.mark.parametrize(
    "name",
    [
        "central-2022.xlsx",
        "central-2022.xls",
        "central-2022.ods",
        "wps-export.csv",
        "shenzhen-stacked.xlsx",
        "anhui-2022.xlsx",
        "yunnan-14.xlsx",
        "sichuan-2023.xlsx",
        "hubei-2020.xlsx",
    ],
)
def test_check_accepts_every_layout_and_finds_no_error(name, capsys):
    assert run(["check", str(BOOKS / name)]) == 0
    out = capsys.readouterr().out
    assert "核算总分" in out


def test_score_accepts_a_workbook_with_several_forms(capsys):
    assert run(["score", str(BOOKS / "central-2022.xlsx"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [item["project"] for item in data] == ["城市道路照明设施维护项目", "不动产登记档案数字化加工项目"]


# ------------------------------------------------------------------------------------------ refusals


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("refuse-corrupt.xlsx", "文件已损坏"),
        ("refuse-encrypted.xlsx", "设有打开密码"),
        ("refuse-empty.xlsx", "文件是空的"),
        ("refuse-not-a-form.xlsx", "不是自评表"),
        ("refuse-department.xlsx", "这是部门整体支出绩效自评表"),
    ],
)
def test_unusable_files_exit_2_with_one_reason_and_write_nothing(name, message, tmp_path, capsys):
    out = tmp_path / "out"
    assert run(["import", str(BOOKS / name), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err
    assert not out.exists() or not list(out.iterdir())


def test_a_partly_readable_workbook_writes_the_complete_form_and_names_the_other(tmp_path, capsys):
    out = tmp_path / "out"
    assert run(["import", str(BOOKS / "partial.xlsx"), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert [path.name for path in out.iterdir()] == ["01-城市道路照明设施维护项目.toml"]
    assert (
        "partial.xlsx:两张表 第23行起的表：第36行：指标“数据挂接准确率”的分值“十五”不是 0 到 100 之间的数字"
        in captured.err
    )
    assert "1 份未能完整读取、未写入" in captured.out


def test_import_json_reports_written_refused_and_notes(tmp_path, capsys):
    code = run(
        [
            "import",
            str(BOOKS / "central-2022.xlsx"),
            str(BOOKS / "refuse-department.xlsx"),
            "--out",
            str(tmp_path),
            "--format",
            "json",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["exit"] == 1
    assert [item["project"] for item in data["written"]] == ["城市道路照明设施维护项目", "不动产登记档案数字化加工项目"]
    assert data["written"][0]["layout"] == "central"
    assert "部门整体" in data["refused"][0]["reason"]
    assert data["notes"] == ["central-2022.xlsx：隐藏的工作表“下拉选项”已跳过"]


def test_check_names_the_refused_form_of_a_workbook(capsys):
    assert run(["check", str(BOOKS / "partial.xlsx")]) == 2
    captured = capsys.readouterr()
    assert "核算总分 99.28" in captured.out
    assert "第36行" in captured.err


def test_a_sheet_too_large_is_refused_before_it_is_read(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(limits_module, "MAX_PART_BYTES", 1000)
    assert run(["import", str(BOOKS / "central-2022.xlsx"), "--out", str(tmp_path)]) == 2
    assert "解压后超过" in capsys.readouterr().err


def test_too_many_forms_in_one_file_are_cut_off_with_a_reason(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(reader_module, "MAX_FORMS_PER_FILE", 2)
    assert run(["import", str(BOOKS / "shenzhen-stacked.xlsx"), "--out", str(tmp_path)]) == 1
    assert "超过 2 张" in capsys.readouterr().err
    assert len(list(tmp_path.glob("*.toml"))) == 2


def test_names_never_lead_outside_out(tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(BOOKS / "anhui-2022.xlsx")
    book.active["C3"] = "../../" + "项" * 300 + "/..\\x"
    book.save(tmp_path / "evil.xlsx")
    out = tmp_path / "deep" / "out"
    assert run(["import", str(tmp_path / "evil.xlsx"), "--out", str(out)]) == 0
    written = list(out.iterdir())
    assert len(written) == 1 and written[0].parent == out
    assert len(written[0].name.encode()) < 255 and "/" not in written[0].name
    assert load_evaluation(written[0]).header.project_name.startswith("../../项")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep", "evil.xlsx"]


def test_existing_files_are_never_overwritten_silently(tmp_path, capsys):
    assert run(["import", str(BOOKS / "anhui-2022.xlsx"), "--out", str(tmp_path)]) == 0
    target = next(tmp_path.glob("*.toml"))
    target.write_text(target.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert run(["import", str(BOOKS / "anhui-2022.xlsx"), "--out", str(tmp_path)]) == 2
    assert "--force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8").endswith("# edited\n")


def test_csv_in_utf8_with_bom_reads_like_the_gb18030_one(tmp_path):
    text = (BOOKS / "wps-export.csv").read_bytes().decode("gb18030")
    (tmp_path / "utf8.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert rows_of(read_file(tmp_path / "utf8.csv").read[0].evaluation) == LIGHTING_ROWS


def test_the_format_is_told_from_the_content_not_the_name(tmp_path):
    (tmp_path / "form.txt").write_bytes((BOOKS / "central-2022.xlsx").read_bytes())
    (tmp_path / "form.xlsx").write_bytes((BOOKS / "wps-export.csv").read_bytes())
    assert len(read_file(tmp_path / "form.txt").read) == 2
    assert len(read_file(tmp_path / "form.xlsx").read) == 1
    assert read_file(SEED / "sheet-2020-shenzhen.tsv").kind == "tsv"


# -------------------------------------------------------------------------------------------- export


def _seed(number: int) -> Path:
    return sorted(SEED.glob(f"{number:02d}-*.toml"))[0]


def test_export_structure(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "out.xlsx"
    assert run(["export", str(_seed(1)), str(_seed(2)), "--out", str(out), "--unit", "万元"]) == 0
    book = load_workbook(out)
    assert [ws.title for ws in book.worksheets if ws.sheet_state == "visible"] == book.sheetnames[:2]
    assert book.sheetnames[2:] == ["jixiao-decisions"] and book.worksheets[2].sheet_state == "hidden"
    sheet = book.worksheets[0]
    merged = {str(rng) for rng in sheet.merged_cells.ranges}
    assert "A1:I1" in merged and "A2:I2" in merged
    assert sheet["A1"].value == "项目支出绩效自评表" and sheet["A2"].value == "（2020年度）"
    assert any(cell.value == "项目资金（万元）" for row in sheet.iter_rows() for cell in row)
    heads = [cell.value for cell in next(row for row in sheet.iter_rows() if row[1].value == "一级指标")]
    assert heads == [
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
    head_row = next(row[0].row for row in sheet.iter_rows() if row[1].value == "一级指标")
    level1_merges = [rng for rng in sheet.merged_cells.ranges if rng.min_col == 2 and rng.min_row > head_row]
    assert [(rng.min_row - head_row, rng.max_row - head_row) for rng in level1_merges][:1] == [
        (1, 4)
    ]  # 产出指标 over 4
    total = next(row for row in sheet.iter_rows() if row[0].value == "总分")
    assert (total[6].value, total[7].value, total[7].number_format) == (100, 89.18, "0.00")
    budget = next(row for row in sheet.iter_rows() if row[1].value == "年度资金总额")
    assert budget[3].value == 36 and budget[3].number_format == "#,##0.00"  # 360000 元 → 36 万元
    assert budget[7].value == 0.975 and budget[7].number_format == "0.00%"  # as computed; scored as 0.98
    first = next(row for row in sheet.iter_rows() if row[3].value == "硬件配置完成")
    assert (first[4].value, first[4].number_format) == (0.9, "0%")  # "90%" stored as a number
    assert all(cell.border.left.style == "thin" for cell in first)
    assert first[3].alignment.wrap_text
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and setup.paperSize in (9, "9")
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth in (None, 1, "1")  # 1 is the default
    assert setup.fitToHeight in (0, "0")
    assert sheet.print_title_rows == f"${head_row}:${head_row}"
    assert sheet.column_dimensions["D"].width >= 20


def test_round_trip_gives_back_the_same_form(tmp_path, capsys):
    seeds = [_seed(number) for number in (1, 2, 3, 8, 15, 24, 27)]
    out = tmp_path / "forms.xlsx"
    assert run(["export", *map(str, seeds), "--out", str(out)]) == 0
    assert run(["import", str(out), "--out", str(tmp_path / "back")]) == 0
    back = sorted((tmp_path / "back").glob("*.toml"))
    assert len(back) == len(seeds)
    for original_path, imported_path in zip(seeds, back, strict=True):
        original, imported = load_evaluation(original_path), load_evaluation(imported_path)
        pairs = zip(original.indicators, imported.indicators, strict=True)
        for before, after in pairs:
            assert (
                before.level1,
                before.level2,
                before.name,
                before.target_text,
                before.actual_text,
                before.weight,
                before.deviation_reason,
            ) == (
                after.level1,
                after.level2,
                after.name,
                after.target_text,
                after.actual_text,
                after.weight,
                after.deviation_reason,
            )
        assert original.funds.model_dump(
            include={"total", "fiscal", "carryover", "other", "unit", "weight"}
        ) == imported.funds.model_dump(include={"total", "fiscal", "carryover", "other", "unit", "weight"})
        assert original.header == imported.header
        assert original.goals == imported.goals
    capsys.readouterr()
    assert run(["check", str(tmp_path / "back"), "--format", "json"]) in (0, 1)
    audits = json.loads(capsys.readouterr().out)
    errors = {audit["project"]: [f["code"] for f in audit["findings"] if f["severity"] == "error"] for audit in audits}
    assert errors == {audit["project"]: [] for audit in audits}  # the exported scores are the adopted ones


def test_round_trip_of_every_layout_through_the_central_export(tmp_path):
    for name in ("yunnan-14.xlsx", "sichuan-2023.xlsx", "hubei-2020.xlsx", "central-2022.xls"):
        forms = [form.evaluation for form in read_file(BOOKS / name).read]
        out = tmp_path / f"{name}.xlsx"
        write_workbook([audited(evaluation) for evaluation in forms], out)
        again = [form.evaluation for form in read_file(out).read]
        assert [rows_of(e) for e in again] == [rows_of(e) for e in forms], name
        assert [funds_of(e)[:3] for e in again] == [funds_of(e)[:3] for e in forms], name


def test_sichuan_export_splits_the_target_and_reads_back(tmp_path):
    from openpyxl import load_workbook

    evaluation = read_file(BOOKS / "central-2022.xlsx").read[0].evaluation
    out = tmp_path / "sc.xlsx"
    notes = write_workbook([audited(evaluation)], out, layout_id="sichuan", unit="元")
    assert notes == ["城市道路照明设施维护项目：四川版式没有“上年结转资金”行，20 计入财政资金"]
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "部门预算项目支出绩效自评表"
    first = next(row for row in sheet.iter_rows() if row[3].value == "路灯维护数量")
    assert [cell.value for cell in first[4:8]] == ["≥", 2000, "盏", 2150]
    again = read_file(out).read[0]
    assert again.layout == "sichuan"
    assert [r[:6] for r in rows_of(again.evaluation)] == [r[:6] for r in LIGHTING_ROWS]
    assert again.evaluation.funds.unit == "元"
    assert funds_of(again.evaluation)[2][0] == (1200000, 1200000, 1146000)
    assert funds_of(again.evaluation)[2][1] == (1200000, 1200000, 1146000)  # 财政资金 = 当年财政拨款 + 上年结转


def test_export_refuses_a_name_without_xlsx_and_an_existing_file(tmp_path, capsys):
    assert run(["export", str(_seed(1)), "--out", str(tmp_path / "x.xls")]) == 2
    assert ".xlsx" in capsys.readouterr().err
    (tmp_path / "x.xlsx").write_bytes(b"keep")
    assert run(["export", str(_seed(1)), "--out", str(tmp_path / "x.xlsx")]) == 2
    assert (tmp_path / "x.xlsx").read_bytes() == b"keep"


def test_a_tab_separated_export_of_another_layout_is_read_by_its_declaration(tmp_path):
    from python_calamine import CalamineWorkbook

    from domain.sheets.grid import value_text

    sheet = CalamineWorkbook.from_path(str(BOOKS / "sichuan-2023.xlsx")).get_sheet_by_index(0)
    text = "\n".join("\t".join(value_text(value) for value in row) for row in sheet.to_python())
    (tmp_path / "sc.tsv").write_text(text, encoding="utf-8")
    result = read_file(tmp_path / "sc.tsv")
    assert result.kind == "tsv" and [form.layout for form in result.forms] == ["sichuan"]
    assert rows_of(result.read[0].evaluation)[0][3:5] == ("≥2000盏", "2150盏")


@pytest.mark.parametrize("name", ["refuse-target.xlsx", "refuse-target-untitled.xlsx"])
def test_target_tables_are_imported_as_targets(name, tmp_path):
    out = tmp_path / "out"
    assert run(["import", str(BOOKS / name), "--out", str(out)]) == 0
    (written,) = out.iterdir()
    assert written.name.endswith(".targets.toml")
    assert written.read_text(encoding="utf-8").startswith('kind = "targets"')

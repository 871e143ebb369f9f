"""`jixiao report`: the reviewer's numbers worked by hand on two forms, the workbook's sheets and charts, the
order to send forms back, Excel's row limit, a form read twice, the terminal table, and plain errors."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from domain.messages.lookup import set_locale
from domain.record.storage import load_evaluation
from domain.review.forms import report_form
from domain.review.report import Review
from domain.review.summary import summarise
from domain.review.workbook import write_workbook
from domain.scoring.audit import audit_evaluation
from domain.scoring.profile import load_profile
from tui.cli import run

SEED_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "seed"
FIRST_FORM = sorted(SEED_DIR.glob("01-*.toml"))[0]
PROJECT = 'project_name = "“互联网+不动产登记”强隔离安全交换平台"'


@pytest.fixture
def two_forms(tmp_path: Path) -> Path:
    """Form 01 as it is (89.18, 良) and another project's copy declaring 91.18 although its rows add up to 89.18."""
    folder = tmp_path / "forms"
    folder.mkdir()
    text = FIRST_FORM.read_text(encoding="utf-8")
    (folder / "a.toml").write_text(text, encoding="utf-8")
    copy = text.replace("declared_total = 89.18", "declared_total = 91.18", 1).replace(
        PROJECT, 'project_name = "乙项目"', 1
    )
    (folder / "b.toml").write_text(copy, encoding="utf-8")
    return folder


def _review(folder: Path) -> Review:
    review = Review(load_profile(None))
    for path in sorted(folder.glob("*.toml")):
        review.add(report_form(summarise(audit_evaluation(load_evaluation(path), file=path.name))))
    return review


def sheets(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_headline_grades_gaps_and_indicators_by_hand(two_forms):
    with _review(two_forms) as review:
        headline = review.headline()
        # b: the declared total is neither the rows' sum (arithmetic) nor the method's (method): two errors.
        assert (headline.forms, headline.with_errors, headline.errors, headline.warnings, headline.infos) == (
            2,
            1,
            2,
            8,
            2,
        )
        assert headline.mean_total == Decimal("89.18") and headline.overstated == Decimal("2.00")
        assert (headline.read_twice, headline.unusable) == (0, 0)
        assert review.grade_counts() == [("优", 0), ("良", 2), ("中", 0), ("差", 0)]
        assert [form.file for form in review.largest_gaps()] == ["b.toml"]
        tallies = {tally.name: tally for tally in review.indicators()}
        hardware = tallies["硬件配置完成率"]  # 20 × 75% ÷ 90% = 16.67 on each form
        assert (hardware.rows, hardware.weight, hardware.score, hardware.losing) == (2, 40, Decimal("33.34"), 2)
        assert (
            hardware.lost == Decimal("6.66")
            and hardware.rate == Decimal("0.8335")
            and hardware.worst_rate == Decimal("0.8335")
        )
        faults = tallies["设备故障率"]
        assert (faults.rows, faults.weight, faults.score, faults.losing, faults.rate) == (2, 10, 10, 0, 1)
        assert [tally.level1 for tally in review.indicators()][:4] == ["产出指标"] * 4
        assert [form.file for form in review.forms()] == ["b.toml", "a.toml"]  # the form with errors first


def test_workbook_has_four_sheets_and_two_charts(two_forms, tmp_path, capsys):
    out = tmp_path / "report.xlsx"
    assert run(["report", str(two_forms), "--out", str(out), "--jobs", "1"]) == 0
    assert "已写入" in capsys.readouterr().out
    with zipfile.ZipFile(out) as book:
        names = set(book.namelist())
        workbook = book.read("xl/workbook.xml").decode("utf-8")
        strings = "".join(book.read(f"xl/worksheets/sheet{n}.xml").decode("utf-8") for n in range(1, 5))
    assert {f"xl/worksheets/sheet{n}.xml" for n in range(1, 5)} <= names
    assert {"xl/charts/chart1.xml", "xl/charts/chart2.xml"} <= names
    assert [workbook.index(f'name="{sheet}"') for sheet in ("概况", "汇总", "问题", "指标")] == sorted(
        workbook.index(f'name="{sheet}"') for sheet in ("概况", "汇总", "问题", "指标")
    )
    assert "硬件配置完成率" in strings and "arithmetic.total_sum" in strings


def test_findings_sheet_wraps_prints_and_names_categories_in_the_report_language(two_forms, tmp_path):
    out = tmp_path / "report.xlsx"
    try:
        assert run(["report", str(two_forms), "--out", str(out), "--jobs", "1", "--lang", "en"]) == 0
    finally:
        set_locale("zh")
    findings = sheets(out)["Findings"]
    assert findings[0][:5] == ["project", "row", "indicator", "severity", "category"]
    assert [row[4] for row in findings[1:3]] == ["arithmetic", "scoring method"]
    assert {row[4] for row in findings[3:]} == {"completeness", "advice"}
    assert [row[-1] for row in findings[1:3]] == ["arithmetic.total_sum", "method.total"]  # the code, last
    assert findings[1][3] == "error" and findings[1][0] == "乙项目"  # errors of the form to send back first
    with zipfile.ZipFile(out) as book:
        sheet = book.read("xl/worksheets/sheet3.xml").decode("utf-8")
        workbook = book.read("xl/workbook.xml").decode("utf-8")
    assert 'orientation="landscape"' in sheet and '<pageSetUpPr fitToPage="1"/>' in sheet and 'fitToHeight="0"' in sheet
    assert "_xlnm.Print_Titles" in workbook and "Findings!$1:$1" in workbook
    heights = {int(row): height for row, height in re.findall(r'<row r="(\d+)"(?: ht="([\d.]+)")?', sheet)}
    long = [index + 1 for index, row in enumerate(findings) if index and len(str(row[7])) > 52]
    assert long and all(float(heights[row]) >= 27 for row in long)  # long messages get rows tall enough for their lines


def test_forms_are_listed_in_the_order_to_send_back(tmp_path):
    out = tmp_path / "seed.xlsx"
    assert run(["report", str(SEED_DIR), "--out", str(out), "--jobs", "2"]) == 0
    forms = sheets(out)["汇总"][1:]
    keys = [(row[6] > 0, abs(row[4] if row[4] != "" else 0)) for row in forms]
    assert len(forms) == 37 and keys == sorted(keys, key=lambda key: (not key[0], -key[1]))
    assert forms[0][6] > 0 and abs(forms[0][4]) == 5.0  # 99.90 declared, 94.90 audited, with errors


def test_an_empty_gaps_table_says_so(tmp_path):
    out = tmp_path / "one.xlsx"
    assert run(["report", str(FIRST_FORM), "--out", str(out), "--jobs", "1"]) == 0
    overview = [row[0] for row in sheets(out)["概况"]]
    assert "没有表上总分与核算总分不同的表。" in overview


def test_findings_past_the_row_limit_continue_on_new_sheets(two_forms, tmp_path):
    """With room for 5 findings a sheet (a row limit of 6, the header included), 12 findings take 3 sheets."""
    with _review(two_forms) as review:
        headline = review.headline()
        indicators = len(list(review.indicators()))
        written = write_workbook(review, tmp_path / "small.xlsx", max_rows=6)
    assert headline.errors + headline.warnings + headline.infos == written == 12
    found = sheets(tmp_path / "small.xlsx")
    assert list(found) == [
        "概况",
        "汇总",
        "问题",
        "问题 (2)",
        "问题 (3)",
        "指标",
        *(f"指标 ({n})" for n in range(2, -(-indicators // 5) + 1)),
    ]
    parts = [found[name] for name in found if name.startswith("问题")]
    assert all(part[0][0] == "项目名称" for part in parts) and [len(part) - 1 for part in parts] == [5, 5, 2]
    listed = [row for part in parts for row in part[1:]]
    assert [row[3] for row in listed] == ["错误"] * 2 + ["注意"] * 4 + ["提示"] + ["注意"] * 4 + ["提示"]
    assert sum(len(found[name]) - 1 for name in found if name.startswith("指标")) == indicators


def test_text_format_prints_the_headline_table(two_forms, capsys):
    assert run(["report", str(two_forms), "--format", "text", "--jobs", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("项目名称")
    assert "91.18" in lines[1] and "2.00" in lines[1]  # the form to send back first
    assert lines[-3:] == [
        "共 2 份表，1 份有错误；错误 2 条，注意 8 条，提示 2 条",
        "等级分布：优 0 份，良 2 份，中 0 份，差 0 份",
        "核算总分平均 89.18；表上总分高于核算的合计 2.00 分",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", str(FIRST_FORM)], "请用 --out 指定报告文件"),
        (["report", str(FIRST_FORM), "--out", "report.pdf"], "报告文件应以 .xlsx 结尾"),
        (["report", str(FIRST_FORM), "--out", "/nonexistent-dir/report.xlsx"], "无法写入报告"),
    ],
)
def test_bad_report_requests_are_one_plain_line(argv, message, capsys):
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_unreadable_files_are_named_in_the_report_and_exit_2(two_forms, tmp_path, capsys):
    (two_forms / "c.toml").write_text("not = = toml", encoding="utf-8")
    out = tmp_path / "report.xlsx"
    assert run(["report", str(two_forms), "--out", str(out), "--jobs", "2"]) == 2
    assert "c.toml 不是有效的 TOML" in capsys.readouterr().err
    with zipfile.ZipFile(out) as book:
        overview = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "另有 1 个文件无法读取，未计入" in overview and "无法读取、未计入的文件" in overview and "c.toml" in overview
    assert run(["report", str(two_forms), "--format", "text", "--jobs", "1"]) == 2
    assert capsys.readouterr().out.splitlines()[-3] == (
        "共 2 份表，1 份有错误；错误 2 条，注意 8 条，提示 2 条；1 个文件无法读取，未计入"
    )


def test_a_form_and_its_export_count_once_and_are_named(tmp_path, capsys):
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "01.toml").write_text(FIRST_FORM.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(["export", str(folder / "01.toml"), "--out", str(folder / "01-export.xlsx"), "--unit", "万元"]) == 0
    capsys.readouterr()
    out = tmp_path / "report.xlsx"
    assert run(["report", str(folder), "--out", str(out), "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert "01.toml 与" in captured.err and "01-export.xlsx" in captured.err and "只计一次" in captured.err
    assert "1 份表" in captured.out
    found = sheets(out)
    assert len(found["汇总"]) == 2
    overview = [row[0] for row in found["概况"]]
    assert "另有 1 份是重复读到的同一份表（如一份表和它导出的工作簿），只计一次" in overview
    assert any(str(line).endswith("01-export.xlsx 是同一份表") for line in overview)


def test_names_outside_the_catalogue_are_tallied_apart_and_in_order(tmp_path):
    """Row 1 renamed 甲乙丙丁戊 on both forms (20 × 75% ÷ 90% = 16.67 each): one tally of 2 rows losing 6.66, first
    among the 产出指标 by points lost, before 维护及时率 (2 × (20 − 17.50) = 5.00), 项目招标资金节约率 (2 × (5 − 3.33)
    = 3.34) and 设备故障率 (0)."""
    folder = tmp_path / "forms"
    folder.mkdir()
    text = (
        FIRST_FORM.read_text(encoding="utf-8")
        .replace('name = "硬件配置完成"', 'name = "甲乙丙丁戊"', 1)
        .replace('catalogue_name = "硬件配置完成率"\n', "", 1)
    )
    (folder / "a.toml").write_text(text, encoding="utf-8")
    (folder / "b.toml").write_text(text.replace(PROJECT, 'project_name = "乙项目"', 1), encoding="utf-8")
    with _review(folder) as review:
        tallies = list(review.indicators())
    unknown = [tally for tally in tallies if not tally.in_catalogue]
    assert [(t.name, t.rows, t.weight, t.score, t.losing) for t in unknown] == [
        ("甲乙丙丁戊", 2, 40, Decimal("33.34"), 2)
    ]
    keys = [(t.level1, -t.lost) for t in tallies]
    assert keys[:5] == [
        ("产出指标", Decimal("-6.66")),
        ("产出指标", Decimal("-5.00")),
        ("产出指标", Decimal("-3.34")),
        ("产出指标", Decimal("0")),
        ("效益指标", Decimal("0")),
    ]
    assert tallies[0] is unknown[0]

"""`jixiao report`: the reviewer's numbers worked by hand on two forms, the workbook's sheets and charts, the
terminal table, and plain errors."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from domain.record.storage import load_evaluation
from domain.review.report import Review
from domain.review.summary import summarise
from domain.scoring.audit import audit_evaluation
from domain.scoring.profile import load_profile
from tui.cli import run

SEED_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "seed"
FIRST_FORM = sorted(SEED_DIR.glob("01-*.toml"))[0]


@pytest.fixture
def two_forms(tmp_path: Path) -> Path:
    """Form 01 as it is (89.18, 良) and a copy declaring 91.18 although its rows add up to 89.18."""
    folder = tmp_path / "forms"
    folder.mkdir()
    text = FIRST_FORM.read_text(encoding="utf-8")
    (folder / "a.toml").write_text(text, encoding="utf-8")
    (folder / "b.toml").write_text(text.replace("declared_total = 89.18", "declared_total = 91.18", 1), encoding="utf-8")
    return folder


def _review(folder: Path) -> Review:
    review = Review(load_profile(None))
    for path in sorted(folder.glob("*.toml")):
        review.add(summarise(audit_evaluation(load_evaluation(path), file=path.name)))
    return review


def test_headline_grades_gaps_and_indicators_by_hand(two_forms):
    review = _review(two_forms)
    headline = review.headline()
    # b: the declared total is neither the rows' sum (arithmetic) nor the method's (method): two errors.
    assert (headline.forms, headline.with_errors, headline.errors, headline.warnings, headline.infos) == (2, 1, 2, 8, 2)
    assert headline.mean_total == Decimal("89.18") and headline.overstated == Decimal("2.00")
    assert review.grade_counts() == [("优", 0), ("良", 2), ("中", 0), ("差", 0)]
    assert [form.file for form in review.largest_gaps()] == ["b.toml"]
    tallies = {tally.name: tally for tally in review.indicators()}
    hardware = tallies["硬件配置完成率"]  # 20 × 75% ÷ 90% = 16.67 on each form
    assert (hardware.rows, hardware.weight, hardware.score, hardware.losing) == (2, 40, Decimal("33.34"), 2)
    assert hardware.lost == Decimal("6.66") and hardware.rate == Decimal("0.8335") and hardware.worst_rate == Decimal("0.8335")
    faults = tallies["设备故障率"]
    assert (faults.rows, faults.weight, faults.score, faults.losing, faults.rate) == (2, 10, 10, 0, 1)
    assert [tally.level1 for tally in review.indicators()][:4] == ["产出指标"] * 4


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
    for sheet in ("概况", "汇总", "问题", "指标"):
        assert f'name="{sheet}"' in workbook
    assert "硬件配置完成率" in strings and "arithmetic.total_sum" in strings


def test_text_format_prints_the_headline_table(two_forms, capsys):
    assert run(["report", str(two_forms), "--format", "text", "--jobs", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("项目名称")
    assert "91.18" in lines[2] and "2.00" in lines[2]
    assert lines[-3:] == ["共 2 份表，1 份有错误；错误 2 条，注意 8 条，提示 2 条",
                          "等级分布：优 0 份，良 2 份，中 0 份，差 0 份",
                          "核算总分平均 89.18；表上总分高于核算的合计 2.00 分"]


@pytest.mark.parametrize(("argv", "message"), [
    (["report", str(FIRST_FORM)], "请用 --out 指定报告文件"),
    (["report", str(FIRST_FORM), "--out", "report.pdf"], "报告文件应以 .xlsx 结尾"),
    (["report", str(FIRST_FORM), "--out", "/nonexistent-dir/report.xlsx"], "无法写入报告"),
])
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

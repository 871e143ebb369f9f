"""Approved targets: each kind of target table read, the walk from them, and each finding of the check."""

from __future__ import annotations

import glob
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.interview.controller import Interview
from domain.interview.from_targets import load_for_new, start_from_targets
from domain.record.models import Evaluation, IndicatorRow
from domain.record.storage import load_evaluation
from domain.record.targets import TargetBudget, TargetRow, Targets, load_targets, save_targets
from domain.review.targets import TargetIndex, compare
from domain.scoring.audit import audit_evaluation
from domain.sheets.forms import read_file
from tests.targets_walk import walk

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "targets"
JIXIAO = Path(sys.executable).parent / "jixiao"


def seed(number: int) -> Evaluation:
    return load_evaluation(Path(glob.glob(str(HERE.parent / "seed" / f"{number:02d}-*.toml"))[0]))


def tables(name: str) -> list[Targets]:
    return [table.targets for table in read_file(HERE / name).targets]


def test_central_template_two_projects_stacked() -> None:
    first, second = tables("central-2020.xlsx")
    assert first.header.project_name == seed(1).header.project_name
    assert first.header.year == 2020
    assert first.budget == TargetBudget(unit="万元", total=Decimal(36), fiscal=Decimal(0), other=Decimal(36))
    assert [(row.name, row.target_text) for row in first.indicators][:2] == [
        ("硬件配置完成", "90%"),
        ("设备故障率", "10%"),
    ]
    assert len(first.indicators) == 6  # the two * rows of the form are not targets
    assert second.indicators[3].target_text == "≤13.8元/卷"


def test_export_joins_comparator_number_and_unit_and_keeps_weights() -> None:
    archives, first, second = tables("export-2020.xlsx")
    assert first.project_code == "440300200003"
    assert first.budget.unit == "元" and first.budget.total == Decimal(4800000)
    assert [row.weight for row in first.indicators] == [row.weight for row in seed(3).indicators if not row.is_unused]
    # 指标性质, 指标值 and 度量单位 in three cells (≤ | 13.8 | 元/卷) read back as the form wrote them (≤13.8元/卷)
    for targets, number in ((archives, 2), (second, 4)):
        assert [row.target_text for row in targets.indicators] == [
            row.target_text for row in seed(number).indicators if not row.is_unused
        ]
    assert "≤13.8元/卷" in [row.target_text for row in archives.indicators]


def test_hunan_takes_the_annual_block_not_the_long_term_one() -> None:
    (targets,) = tables("hunan-2020.xlsx")
    assert [row.target_text for row in targets.indicators] == [
        row.target_text for row in seed(5).indicators if not row.is_unused
    ]
    assert targets.goal == seed(5).goals.expected  # 年度目标, not 长期目标
    assert targets.budget.total == Decimal("80.0")


def test_shenzhen_one_project_a_sheet_unused_rows_dropped() -> None:
    first, second = tables("shenzhen-2020.xlsx")
    assert first.project_code == "440300100006"
    assert first.header.project_name == seed(6).header.project_name
    assert all(row.name != "不适用" for row in first.indicators)
    assert {row.level1 for row in first.indicators} <= {"产出", "效益", "满意度"}
    assert second.goal == seed(7).goals.expected
    # this sheet writes 元 under a label saying 万元: read as 元, with a warning
    assert second.budget.unit == "元" and second.budget.total == seed(7).funds.total.annual_budget
    assert first.budget.unit == "万元" and first.budget.total == Decimal(1)


def test_project_workbook_takes_the_annual_set_and_names_other_sheets_once() -> None:
    result = read_file(HERE / "project-2019.xlsx")
    assert result.error is None and not result.forms
    (table,) = result.targets
    assert table.sheet.endswith("项目支出绩效目标申报表")
    assert table.targets.indicators[0].target_text == "95%"  # not the 中期 "三年累计95%"
    assert table.targets.budget.total == Decimal(1687)  # 年度资金总额, not 中期资金总额
    other = [note for note in result.notes if "项目基本信息" in note]
    assert len(other) == 1 and "评审报告" in other[0] and "执行监控" in other[0]
    assert any("项目支出绩效自评表" in note for note in result.notes)  # read once: same targets


def test_a_systems_flat_export_one_row_per_indicator() -> None:
    archives, parking = tables("university-flat-2019.xlsx")
    assert archives.header.project_name == seed(2).header.project_name and archives.header.year == 2019
    assert [row.target_text for row in archives.indicators] == [
        row.target_text for row in seed(2).indicators if not row.is_unused
    ]  # the 短期 set, not 中期's 三年累计…
    assert archives.goal == seed(2).goals.expected  # 年度目标, not 中期目标
    assert archives.budget.total == Decimal(1687)  # 年度资金总额, not 中期资金总额
    assert parking.header.project_name == seed(8).header.project_name
    assert len(parking.indicators) == len([row for row in seed(8).indicators if not row.is_unused])


def test_self_evaluation_without_actuals_is_read_as_targets(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(HERE / "project-2019.xlsx")
    for name in book.sheetnames:
        if name != "项目支出绩效自评表":
            del book[name]
    book.save(tmp_path / "self.xlsx")
    (targets,) = tables(str(tmp_path / "self.xlsx"))
    assert targets.indicators[0].target_text == "95%" and targets.goal == seed(2).goals.expected


def test_targets_file_round_trip(tmp_path: Path) -> None:
    (targets,) = tables("hunan-2020.xlsx")
    save_targets(targets, tmp_path / "t.toml")
    text = (tmp_path / "t.toml").read_text(encoding="utf-8")
    assert text.startswith('kind = "targets"') and "[[indicators]]" in text
    assert load_targets(tmp_path / "t.toml") == targets


def test_import_writes_targets_files(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(JIXIAO), "import", str(HERE / "project-2019.xlsx"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("项目基本信息") == 1
    (path,) = tmp_path.glob("*.targets.toml")
    assert load_targets(path).header.project_name == seed(2).header.project_name


# ------------------------------------------------------------------------------------------ the walk


def test_walk_from_targets_asks_only_the_year_and_scores_as_typed_in_full() -> None:
    form = seed(3)
    interview = start_from_targets(load_for_new(HERE / "export-2020.xlsx", "附图"))
    counted = walk(interview, form)
    given = (".level1", ".level2", ".name", ".target_text", ".weight")
    assert not [field for field in _asked(interview) if field.startswith("indicators[") and field.endswith(given)]
    assert audit_evaluation(interview.finished_evaluation()).computed_total == Decimal("79.17")
    blank = walk(Interview(None), form, blank=True)
    assert counted.questions * 2 <= blank.questions and counted.keystrokes * 2 <= blank.keystrokes


def _asked(interview: Interview) -> list[str]:
    return [step.field_id for step in interview.conversation.history]


def test_the_actual_question_names_the_approved_target_it_is_measured_against() -> None:
    """Started from targets the 年度指标值 was never typed in this form: the question for the actual says it."""
    from tests.answers import HEADER_AND_FUNDS, ROW, fill

    interview = start_from_targets(load_for_new(HERE / "export-2020.xlsx", "附图"))
    interview.start()
    fill(interview, {"funds.total.executed": "100000", "goals.achieved": "完成"}, until="indicators[0].actual_text")
    target = interview.evaluation.indicators[0].target_text
    assert target and interview.current.prompt.endswith(f"实际完成值是多少？（年度指标值 {target}）")
    blank = Interview(None)
    blank.start()
    fill(blank, {**HEADER_AND_FUNDS, **ROW}, until="indicators[0].actual_text")
    assert blank.current.prompt.endswith("实际完成值是多少？")  # typed a moment ago: not repeated


def test_changing_a_target_is_announced_and_reviewed() -> None:
    interview = start_from_targets(load_for_new(HERE / "export-2020.xlsx", "附图"))
    interview.start()
    interview.jump("indicators[0].target_text")
    events = interview.answer("1")
    assert any("核查时会指出" in event.text or "audit will name" in event.text for event in events)
    assert [state.answer for state in interview.fields() if state.spec.id == "indicators[1].name"][0].endswith(
        "（目标）"
    )


def test_plain_mode_new_from_targets_with_several_projects_asks_which(tmp_path: Path) -> None:
    from tests.test_plain_mode import plain

    code, _ = plain("new", ["2", "4800000"], targets=HERE / "export-2020.xlsx", drafts=tmp_path / "d")
    assert code == 1  # left unfinished: the draft is the second project's form
    from domain.interview.drafts import DraftStore

    (draft,) = DraftStore(tmp_path / "d").list()
    assert draft.project_name == seed(3).header.project_name
    code, _ = plain("new", [], targets=HERE / "export-2020.xlsx", project="没有这个项目", drafts=tmp_path / "d")
    assert code == 2
    code, output = plain(
        "new",
        ["4800000"],
        targets=HERE / "export-2020.xlsx",
        project="附图",
        drafts=tmp_path / "d",
        out=tmp_path / "f.toml",
    )
    assert "已从目标表填好" in output or "filled in from the targets" in output
    assert "年度指标值" not in "".join(line for line in output.splitlines() if line.startswith("? "))


# ----------------------------------------------------------------------------------------- findings


def _targets() -> Targets:
    return Targets(
        header=seed(1).header,
        budget=TargetBudget(unit="元", total=Decimal(360000)),
        indicators=[
            TargetRow(level1="产出指标", level2="数量指标", name="硬件配置完成", target_text="90%", weight=Decimal(20)),
            TargetRow(level1="产出指标", level2="质量指标", name="设备故障率", target_text="10%", weight=Decimal(5)),
        ],
    )


def _form(*rows: IndicatorRow, budget: int = 360000) -> Evaluation:
    form = seed(1).model_copy(deep=True)
    form.indicators = list(rows)
    form.funds.total.annual_budget = Decimal(budget)
    return form


ROW1 = IndicatorRow(level1="产出指标", level2="数量指标", name="硬件配置完成", target_text="90%", weight=Decimal(20))
ROW2 = IndicatorRow(level1="产出指标", level2="质量指标", name="设备故障率", target_text="10%", weight=Decimal(5))


def codes(form: Evaluation) -> list[str]:
    return [finding.code for finding in compare(form, _targets())]


def test_kept_targets_give_no_finding() -> None:
    assert codes(_form(ROW1, ROW2)) == []
    assert codes(_form(ROW1.model_copy(update={"target_text": "≥90%"}), ROW2)) == []


def test_each_finding() -> None:
    assert codes(_form(ROW1.model_copy(update={"target_text": "80%"}), ROW2)) == ["targets.lowered"]
    assert codes(_form(ROW1, ROW2.model_copy(update={"target_text": "15%"}))) == ["targets.raised"]
    assert codes(_form(ROW1.model_copy(update={"target_text": "按计划"}), ROW2)) == ["targets.changed"]
    assert codes(_form(ROW1.model_copy(update={"name": "硬件配置完成情况"}), ROW2)) == ["targets.reworded"]
    assert codes(_form(ROW1)) == ["targets.dropped"]
    extra = IndicatorRow(
        level1="效益指标", level2="社会效益指标", name="系统正常运行", target_text="90%", weight=Decimal(5)
    )
    assert codes(_form(ROW1, ROW2, extra)) == ["targets.added"]
    assert codes(_form(ROW1.model_copy(update={"weight": Decimal(15)}), ROW2)) == ["targets.weight"]
    assert codes(_form(ROW1, ROW2, budget=300000)) == ["targets.budget"]


def test_severities_and_pairing() -> None:
    lowered = compare(_form(ROW1.model_copy(update={"target_text": "80%"}), ROW2), _targets())[0]
    assert lowered.severity.value == "error"
    reworded = compare(_form(ROW1.model_copy(update={"name": "硬件配置完成情况"}), ROW2), _targets())[0]
    assert reworded.severity.value == "warning"
    index = TargetIndex([("t", _targets())])
    other = _form(ROW1, ROW2)
    other.header.project_name = "另一个项目"
    (none,) = index.findings(other)
    assert none.code == "targets.no_match" and none.severity.value == "info"
    near = _form(ROW1, ROW2)
    near.header.project_name = near.header.project_name.replace("“", "").replace("”", "") + " "
    assert index.findings(near) == []


def test_check_folder_against_targets() -> None:
    done = subprocess.run(
        [
            str(JIXIAO),
            "check",
            str(HERE / "review" / "forms"),
            "--targets",
            str(HERE / "review" / "targets"),
            "--jobs",
            "1",
            "--format",
            "ndjson",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    import json

    forms = [json.loads(line) for line in done.stdout.splitlines()]
    kept, changed = forms
    assert not [f for f in kept["findings"] if f["code"].startswith("targets.")]
    assert {f["code"] for f in changed["findings"] if f["code"].startswith("targets.")} == {
        "targets.lowered",
        "targets.reworded",
        "targets.dropped",
        "targets.budget",
    }


@pytest.mark.parametrize("name", ["central-2020.xlsx", "export-2020.xlsx"])
def test_export_blank_from_targets(tmp_path: Path, name: str) -> None:
    out = tmp_path / "blank.xlsx"
    done = subprocess.run(
        [str(JIXIAO), "export", "--targets", str(HERE / name), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    back = read_file(out)
    assert len(back.targets) + len(back.forms) + len(back.refused) >= 1


# ------------------------------------------------------------------------------------------ the reader

WORDS = [
    "项目支出绩效目标表",
    "项目名称",
    "项目名称：某项目",
    "主管部门及代码",
    "实施单位",
    "项目编码：12",
    "年度资金总额",
    "其中：财政拨款",
    "其他资金",
    "中期资金总额",
    "年度目标",
    "中期目标",
    "年度总体目标",
    "预期目标",
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标内容",
    "指标值",
    "目标值",
    "指标性质",
    "度量单位",
    "分值",
    "实际完成值",
    "长期绩效指标",
    "年度绩效指标",
    "产出指标",
    "数量指标",
    "≥",
    "95",
    "%",
    "不适用",
    "备注",
    "100",
    "1e999",
    "-5",
    "九十",
    "（2020年度）",
    "",
    "",
    "",
    "满意",
    "*",
    "短期三级指标",
    "年份",
    "年度资金总额",
    "2019",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.sampled_from(WORDS), max_size=9), max_size=30),
    st.lists(st.tuples(st.integers(0, 29), st.integers(0, 8), st.integers(0, 3), st.integers(0, 3)), max_size=5),
)
def test_reader_never_fails_and_reads_only_sensible_rows(
    rows: list[list[str]], merges: list[tuple[int, int, int, int]]
) -> None:
    from domain.sheets.grid import Grid
    from domain.sheets.targets_grid import read_targets_grid
    from domain.sheets.targets_words import UNUSED

    grid = Grid("s", rows, [(top, left, top + down, left + right) for top, left, down, right in merges])
    for table in read_targets_grid(grid):
        assert table.targets.header.project_name
        for row in table.targets.indicators:
            assert row.name not in UNUSED
            assert row.weight is None or 0 <= row.weight <= 100


def test_a_target_table_given_as_a_form_says_what_it_is() -> None:
    done = subprocess.run(
        [str(JIXIAO), "check", str(HERE / "central-2020.xlsx"), "--jobs", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "new --targets" in done.stderr and done.stderr.count("\n") == 1


def test_removing_a_row_keeps_the_later_rows_marked_as_from_targets() -> None:
    interview = start_from_targets(load_for_new(HERE / "export-2020.xlsx", "附图"))
    interview.start()
    interview.remove_row(0)
    states = {state.spec.id: state for state in interview.fields()}
    assert states["indicators[0].name"].answer.endswith("（目标）")
    assert states["indicators[0].target_text"].answered
    assert not states["indicators[0].actual_text"].answered
    from domain.interview.from_targets import prefilled

    given = prefilled(interview.conversation.extras)
    assert "indicators[11].name" in given and "indicators[12].name" not in given  # 13 rows, now 12


def test_pairing_by_code_first() -> None:
    coded = _targets().model_copy(update={"project_code": "4403001"})
    index = TargetIndex([("t", coded)])
    renamed = _form(ROW1, ROW2)
    renamed.header.project_name = "完全不同的名称"
    renamed.remarks = {"项目编码": "4403001"}
    assert index.findings(renamed) == []  # the same code: paired whatever the name
    other = _form(ROW1, ROW2)
    other.remarks = {"项目编码": "4403999"}
    assert [finding.code for finding in index.findings(other)] == ["targets.no_match"]  # same name, another code


def test_targets_files_in_a_folder_of_forms_are_left_out(tmp_path: Path) -> None:
    import shutil

    for folder in ("forms", "targets"):
        for item in (HERE / "review" / folder).iterdir():
            shutil.copy(item, tmp_path / item.name)
    done = subprocess.run(
        [str(JIXIAO), "check", str(tmp_path), "--targets", str(tmp_path), "--jobs", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and not done.stderr  # an error (a lowered target), nothing unusable
    assert done.stdout.count("项目：") == 2

"""One answer per form: the direction a row counts in, and the same total and grade from every command."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from domain.catalogue.direction_words import direction_of_name
from domain.catalogue.entries import load_catalogue
from domain.record.kinds import Direction
from domain.record.models import Evaluation, Funds, FundsRow, IndicatorRow
from domain.scoring.adopted import adopted_scoring
from domain.scoring.audit import audit_evaluation
from domain.scoring.results import RowStatus
from domain.scoring.rules import score_row
from domain.scoring.whatif import indicator_whatif
from tui.cli import run

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "fixtures" / "seed").glob("*.toml"))


def form(rows: list[IndicatorRow], total: str) -> Evaluation:
    funds = Funds(total=FundsRow(annual_budget=D(100), executed=D(100)), declared_score=D(10))
    return Evaluation(funds=funds, indicators=rows, declared_total=D(total))


def row(name: str, target: str, actual: str, weight: str, declared: str, level2: str = "质量指标") -> IndicatorRow:
    return IndicatorRow(
        level1="产出指标",
        level2=level2,
        name=name,
        target_text=target,
        actual_text=actual,
        weight=D(weight),
        declared_score=D(declared),
        deviation_reason="说明",
    )


def codes(audit) -> set[str]:
    return {finding.code for finding in audit.findings}


# --- the direction ------------------------------------------------------------------------------------


# Names the catalogue files one way while the words say the other: the target of 故障排除及时性 is written as a
# time limit (lower is better), while 排除 makes a name higher-is-better (故障排除率).
WORDS_DISAGREE = {"故障排除及时性"}


def test_the_words_of_a_name_agree_with_every_catalogue_entry_they_decide():
    decided = 0
    for entry in load_catalogue():
        if entry.direction is Direction.QUALITATIVE or entry.name in WORDS_DISAGREE:
            continue
        said = direction_of_name(entry.name)
        if said is None:
            continue
        decided += 1
        wanted = Direction.POSITIVE if entry.direction is Direction.EQUAL else entry.direction
        assert said is wanted, entry.name
    assert decided >= 150  # the words decide most of the catalogue, not a handful


@pytest.mark.parametrize(
    ("name", "direction"),
    [
        ("群众投诉率", Direction.REVERSE),
        ("系统宕机次数", Direction.REVERSE),
        ("产品不合格率", Direction.REVERSE),
        ("登记差错笔数", Direction.REVERSE),
        ("工程返工率", Direction.REVERSE),
        ("客户流失率", Direction.REVERSE),
        ("经费超支率", Direction.REVERSE),
        ("平均等待时长", Direction.REVERSE),
        ("安全事故起数", Direction.REVERSE),
        ("投诉办结率", Direction.POSITIVE),
        ("故障修复率", Direction.POSITIVE),
        ("合格率", Direction.POSITIVE),
        ("培训人次", Direction.POSITIVE),
        ("指标甲", None),
        ("项目推进", None),
    ],
)
def test_a_name_outside_the_catalogue_says_which_way_it_counts(name: str, direction: Direction | None):
    assert direction_of_name(name) is direction


def test_a_complaint_rate_over_its_target_loses_points_and_full_marks_for_it_is_an_error():
    # 群众投诉率 5% / 8%, 分值 90, no comparator, not in the catalogue: 投诉 says lower is better, so
    # 90 × (1 − (8 − 5) ÷ 5) = 36. The form's 90 is a method error and the total is 10 + 36 = 46, not 100.
    audit = audit_evaluation(form([row("群众投诉率", "5%", "8%", "90", "90")], "100"))
    assert audit.scored.rows[0].score == D(36) and audit.scored.rows[0].direction is Direction.REVERSE
    assert audit.scored.rows[0].has_note("direction_from_name")
    assert "method.row_score" in codes(audit)
    assert audit.computed_total == D(46) and audit.grade == "差"


def test_an_explicit_comparator_wins_over_the_catalogue():
    # 硬件配置完成率 is higher-is-better in the catalogue, but "≤100%" states lower-is-better outright:
    # 106% against ≤100%, 分值 90: 90 × (1 − 6 ÷ 100) = 84.60; the declared full marks are an error.
    audit = audit_evaluation(form([row("硬件配置完成率", "≤100%", "106%", "90", "90", "数量指标")], "100"))
    assert audit.scored.rows[0].score == D("84.60")
    assert "method.row_score" in codes(audit) and "judgement.direction_conflict" not in codes(audit)
    # a comparison word (以上) against the catalogue is still put to a person
    worded = audit_evaluation(form([row("设备故障率", "5%以上", "8%", "90", "90")], "100"))
    assert worded.scored.rows[0].score is None and "judgement.direction_conflict" in codes(worded)


def test_where_nothing_tells_the_direction_the_row_is_not_given_full_marks_but_warned_of():
    # 指标甲 5% / 8%: positive would give full marks, reverse 90 × (1 − 3 ÷ 5) = 36. Nothing decides.
    lone = IndicatorRow(name="指标甲", target_text="5%", actual_text="8%", weight=D(90))
    result = score_row(lone)
    assert result.score is None and result.status is RowStatus.JUDGEMENT and result.needs_direction
    assert result.has_note("direction_unknown")
    audit = audit_evaluation(form([row("指标甲", "5%", "8%", "90", "90")], "100"))
    assert "judgement.direction_unknown" in codes(audit)
    # when both directions give the same score, the direction does not matter
    same = score_row(IndicatorRow(name="指标甲", target_text="5%", actual_text="5%", weight=D(10)))
    assert same.score == D(10) and not same.has_note("direction_unknown")


def test_whatif_refuses_to_guess_and_names_direction(capsys):
    assert run(["whatif", "--weight", "10", "--target", "5%", "--actual", "8%"]) == 2
    assert "--direction" in capsys.readouterr().err
    assert run(["whatif", "--weight", "10", "--target", "5%", "--actual", "8%", "--indicator", "指标甲"]) == 2
    assert "--direction" in capsys.readouterr().err
    # the name's words decide: 10 × (1 − 3 ÷ 5) = 4
    assert (
        run(
            [
                "whatif",
                "--weight",
                "10",
                "--target",
                "5%",
                "--actual",
                "8%",
                "--indicator",
                "群众投诉率",
                "--format",
                "json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["score"] == "4.00"
    assert indicator_whatif(D(10), "5%", "8%", Direction.POSITIVE).score == D(10)


def test_the_assistant_asks_the_direction_when_nothing_tells():
    from domain.interview.controller import Interview

    interview = Interview(form([row("指标甲", "5%", "8%", "90", "90")], "100"))
    fields = [state.spec.id for state in interview.fields()]
    assert any(field.endswith(".direction") for field in fields)
    told = Interview(form([row("群众投诉率", "5%", "8%", "90", "90")], "100"))
    assert not any(state.spec.id.endswith(".direction") for state in told.fields())


# --- one total and one grade ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEED, ids=[path.name[:2] for path in SEED])
def test_score_and_check_give_every_seed_form_the_same_total_and_grade(path: Path, capsys):
    assert run(["score", str(path), "--format", "json"]) == 0
    scored = json.loads(capsys.readouterr().out)
    run(["check", str(path), "--format", "json"])
    checked = json.loads(capsys.readouterr().out)[0]
    assert (scored["total"], scored["grade"]) == (checked["computed_total"], checked["grade"])


def test_a_judged_rows_declared_score_is_kept_by_score_and_marked_as_the_forms_own():
    # 满意 / 基本满意, 分值 20: 部分达成 [12, 16); the form's 14 stands, as check and edit keep it
    satisfied = IndicatorRow(
        level1="满意度指标",
        level2="服务对象满意度指标",
        name="服务对象满意度",
        target_text="满意",
        actual_text="基本满意",
        weight=D(20),
        declared_score=D(14),
        deviation_reason="说明",
    )
    done = row("实际完成率", "100%", "100%", "70", "70", "数量指标")
    scored = adopted_scoring(audit_evaluation(form([satisfied, done], "94")))
    assert scored.rows[0].score == D(14) and scored.rows[0].has_note("declared_kept")
    assert scored.complete and scored.total == D(94) and scored.grade == "优"


def test_a_forms_rounding_habit_gives_score_the_checks_total():
    # 25-历年未结案代理费: rows written to one decimal; score counted 90.19, check 90.20
    path = next(path for path in SEED if path.name.startswith("25-"))
    from domain.record.storage import load_evaluation

    audit = audit_evaluation(load_evaluation(path))
    scored = adopted_scoring(audit)
    assert scored.total == audit.computed_total == D("90.20")
    assert any(result.has_note("declared_rounding") for result in scored.rows)


def test_the_training_walk_totals_a_form_as_check_does():
    from domain.interview.training import TrainingSession
    from domain.interview.walk import total_event
    from domain.record.storage import load_evaluation

    path = next(path for path in SEED if path.name.startswith("12-"))
    evaluation = load_evaluation(path)
    session = TrainingSession([(path.name, evaluation)])
    text = total_event(session, 0).text
    assert "87.50" in text and "良" in text  # check: 87.50 (良); the rows alone leave six to judgement
    assert audit_evaluation(evaluation).computed_total == D("87.50")


def test_the_review_before_saving_gives_an_opened_form_the_checks_total():
    from domain.interview.controller import Interview
    from domain.interview.review import review_events
    from domain.record.storage import load_evaluation

    path = next(path for path in SEED if path.name.startswith("25-"))
    interview = Interview(load_evaluation(path))
    summary = review_events(interview.form)[0].text
    assert "90.20" in summary

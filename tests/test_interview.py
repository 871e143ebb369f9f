"""The interview controller, driven through whole conversations: exact scores, events and navigation."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from answers import Answers, fill
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.interview.controller import Event, EventKind, FieldKind, Interview
from domain.record.models import Direction, Evaluation, FundsRow
from domain.scoring.rules import BudgetResult, RowResult, RowStatus

SEED_DIR = Path(__file__).parent.parent / "fixtures" / "seed"

HEADER = {
    "header.project_name": "测试项目",
    "header.department": "测试局",
    "header.implementer": "测试中心",
    "header.project_amount": "40万",
    "header.year": "2020",
}
# 全年预算数 = 年初 (the default), all from 当年财政拨款, 分值 10
FUNDS = {"funds.total.initial_budget": "360000", "funds.total.executed": "351000"}
GOALS = {"goals.expected": "完成平台建设", "goals.achieved": "已按计划完成"}
TO_ROWS = {**HEADER, **FUNDS, **GOALS}


def drive(interview: Interview, answers: list[str]) -> list[Event]:
    events: list[Event] = []
    for text in answers:
        assert interview.current is not None, f"no question left for {text!r}"
        events += interview.answer(text)
    return events


def kinds(events: list[Event], kind: EventKind) -> list[str]:
    return [event.text for event in events if event.kind is kind]


def at(interview: Interview) -> str | None:
    return None if interview.current is None else interview.current.id


def started(answers: Answers | None = None, until: str | None = None) -> Interview:
    """A new interview answered by field id up to ``until`` (tests/answers.py)."""
    interview = Interview()
    interview.start()
    fill(interview, answers, until)
    return interview


def until_rows() -> Interview:
    return started(TO_ROWS, until="indicators[0].level1")


@pytest.fixture(scope="module")
def seed_forms() -> list[Evaluation]:
    from domain.record.storage import load_evaluation

    return [load_evaluation(path) for path in sorted(SEED_DIR.glob("*.toml"))]


# --- a whole evaluation ------------------------------------------------------------------------------


def test_a_whole_evaluation_scores_every_row_as_it_goes() -> None:
    interview = Interview()
    first = interview.start()
    assert [event.kind for event in first] == [EventKind.INFO, EventKind.QUESTION]
    assert first[-1].field.id == "header.project_name"
    events = fill(interview, TO_ROWS, until="indicators[0].level1")
    assert kinds(events, EventKind.EXPLANATION) == [
        "执行率 = 351000 ÷ 360000 = 0.975，取 2 位小数为 0.98；得分 = 10 × 0.98 = 9.80，扣 0.20 分"
    ]
    budget = next(event.data for event in events if event.kind is EventKind.EXPLANATION)
    assert isinstance(budget, BudgetResult) and budget.score == Decimal("9.80")

    events = drive(interview, ["", "", "硬件配置完成率", "90%", "75%", "20"])
    explanation = [event for event in events if event.kind is EventKind.EXPLANATION]
    assert len(explanation) == 1
    assert isinstance(explanation[0].data, RowResult)
    assert explanation[0].data.score == Decimal("16.67")
    assert "得分 = 20 × 75% ÷ 90% = 16.67，扣 3.33 分" in explanation[0].text
    assert "目前合计 26.47 分；分值已分配 30，尚余 70。" in kinds(events, EventKind.HINT)
    assert at(interview) == "indicators[0].deviation_reason"
    assert interview.current.prompt == "第 1 行“硬件配置完成率”扣了 3.33 分：偏差原因和改进措施是什么？"

    drive(interview, ["硬件到货延迟", "y", "", "质量指标", "设备故障率", "≤10%", "13%", "10"])
    assert interview.row_result(1).score == Decimal("7.00")
    drive(interview, ["故障较多", "y", "效益指标", "社会效益指标", "系统正常运行率", "≥90%", "92%", "30"])
    assert interview.row_result(2).score == Decimal(30)
    drive(interview, ["y", "满意度指标", "", "服务大厅满意度", "满意", "满意", "30"])
    assert interview.row_result(3).score == Decimal(30)
    assert interview.weight_left() == 0
    judged = interview.current  # a met qualitative row may be judged inside its band; enter keeps the top
    assert judged.id == "indicators[3].judged_score" and judged.optional
    assert judged.prompt == "第 4 行“服务大厅满意度”可在 24–30 分之间评定得分；不另评定则按区间上限 30 分"
    assert interview.ask()[-1].data == "30"
    assert not kinds(drive(interview, [""]), EventKind.EXPLANATION)  # nothing changed, nothing re-explained
    assert interview.evaluation.indicators[3].judged_score is None
    assert interview.current.id == "loop.more"
    assert interview.ask()[-1].data == "否"  # no 分值 left: the default is to stop
    events = drive(interview, [""])
    assert at(interview) == "review.save"
    assert kinds(events, EventKind.INFO)[0] == "总分 93.47 分，等级“优”：预算执行率 9.80 分，指标 83.67 分。"
    events = drive(interview, [""])
    assert interview.done and interview.current is None
    assert events[-1].kind is EventKind.DONE
    assert events[-1].text == "填写完成：总分 93.47 分，等级“优”。"

    final = interview.finished_evaluation()
    assert final.header.project_name == "测试项目" and final.header.project_amount == Decimal(400000)
    assert final.header.year == 2020
    assert final.funds.total == FundsRow(
        initial_budget=Decimal(360000), annual_budget=Decimal(360000), executed=Decimal(351000)
    )
    assert final.funds.fiscal == final.funds.total
    assert final.funds.carryover == FundsRow(initial_budget=Decimal(0), annual_budget=Decimal(0), executed=Decimal(0))
    assert final.funds.declared_rate == Decimal("0.98") and final.funds.declared_score == Decimal("9.80")
    assert [row.declared_score for row in final.indicators] == [
        Decimal("16.67"),
        Decimal("7.00"),
        Decimal(30),
        Decimal(30),
    ]
    assert [row.catalogue_name for row in final.indicators] == [
        "硬件配置完成率",
        "设备故障率",
        "系统正常运行率",
        "服务大厅满意度",
    ]
    assert final.indicators[0].deviation_reason == "硬件到货延迟"
    assert final.declared_total == Decimal("93.47")
    assert interview.scored().grade == "优"


def test_the_funds_shortcut_and_split_sources() -> None:
    totals = {
        "funds.total.initial_budget": "360000",
        "funds.total.annual_budget": "350000",
        "funds.total.executed": "300000",
    }
    interview = started({**HEADER, **totals}, until="funds.sources")
    sources = interview.current
    assert sources.id == "funds.sources" and [choice.key for choice in sources.choices] == ["1", "2", "3", "4"]
    drive(interview, ["2"])  # all from 上年结转资金
    funds = interview.evaluation.funds
    assert funds.carryover == funds.total and funds.fiscal.executed == Decimal(0)
    assert at(interview) == "funds.weight"

    interview = started({**HEADER, **totals, "funds.sources": "4"}, until="funds.fiscal.initial_budget")
    assert at(interview) == "funds.fiscal.initial_budget"
    assert interview.ask()[-1].data == "360000"  # the remainder of the total
    fill(
        interview,
        {
            "funds.fiscal.initial_budget": "200000",
            "funds.fiscal.annual_budget": "200000",
            "funds.fiscal.executed": "200000",
        },
        until="funds.carryover.initial_budget",
    )
    assert interview.ask()[-1].data == "160000"  # carryover: 360000 − 200000
    events = fill(
        interview,
        {
            "funds.carryover.initial_budget": "160000",
            "funds.carryover.annual_budget": "100000",
            "funds.carryover.executed": "50000",
            "funds.other.annual_budget": "50000",
            "funds.other.executed": "40000",
        },
        until="funds.weight",
    )
    assert kinds(events, EventKind.WARNING) == [
        "全年执行数：当年财政拨款、上年结转资金、其他资金合计 290000，与年度资金总额 300000 不符"
    ]
    assert at(interview) == "funds.weight"


def test_low_execution_asks_for_the_reason() -> None:
    interview = started(
        {**HEADER, "funds.total.initial_budget": "100", "funds.total.executed": "80"}, until="funds.reason"
    )
    assert at(interview) == "funds.reason"
    assert interview.current.prompt == "执行率只有 80%，低于 90%：原因是什么？"
    events = drive(interview, [""])
    assert kinds(events, EventKind.WARNING) == ["没有填写原因：检查时会列为缺少说明。"]
    assert at(interview) == "goals.expected"


def test_a_weight_that_would_pass_100_is_refused_with_what_is_left() -> None:
    interview = until_rows()
    drive(interview, ["", "", "硬件配置完成率", "90%", "90%", "80"])
    drive(interview, ["y", "", "", "设备采购数量", "10台", "10台"])
    events = interview.answer("20")
    assert events[0].kind is EventKind.ERROR
    assert events[0].text == "分值合计不能超过 100：这一项最多还能给 10 分。"
    assert at(interview) == "indicators[1].weight"
    drive(interview, ["10"])
    assert interview.weight_left() == 0


def test_a_direction_the_target_and_catalogue_disagree_on_is_asked() -> None:
    interview = until_rows()
    events = drive(interview, ["1", "4", "经费节约率", "节约5%以内", "1%", "10"])
    assert "请确认方向" in kinds(events, EventKind.WARNING)[0]
    assert interview.row_result(0).status is RowStatus.JUDGEMENT
    assert at(interview) == "indicators[0].direction"
    assert [choice.label for choice in interview.current.choices] == [
        "正向（越高越好）",
        "反向（越低越好）",
        "等于指标值（按正向计）",
    ]
    events = drive(interview, ["正向"])
    assert events[0].kind is EventKind.ERROR  # not a choice: number or full label
    events = drive(interview, ["1"])
    assert interview.evaluation.indicators[0].direction is Direction.POSITIVE
    assert interview.row_result(0).score == Decimal("2.00")
    assert "得分 = 10 × 1% ÷ 5% = 2.00，扣 8.00 分" in kinds(events, EventKind.EXPLANATION)[0]
    assert at(interview) == "indicators[0].deviation_reason"


def test_a_qualitative_row_asks_for_a_score_inside_its_band() -> None:
    interview = until_rows()
    drive(interview, ["满意度指标", "", "服务大厅满意度", "满意", "基本满意", "10"])
    assert at(interview) == "indicators[0].judged_score"
    assert interview.current.prompt == "第 1 行“服务大厅满意度”需要评定：得几分？（6–8 分之间）"
    events = interview.answer("9")
    assert events[0].text == "评定得分须在 6–8（不含 8） 分之间，而不是“9”。"
    events = interview.answer("8")  # 部分达成 is [60%, 80%): 8 itself is 达成's
    assert events[0].text == "评定得分须在 6–8（不含 8） 分之间，而不是“8”。"
    assert at(interview) == "indicators[0].judged_score"
    events = drive(interview, ["7.5"])
    assert interview.row_result(0).score == Decimal("7.5")
    assert "评定得分 7.5（可在 6–8（不含 8） 分之间），扣 2.50 分" in kinds(events, EventKind.EXPLANATION)[0]


def test_an_unused_row_is_a_star_with_no_more_questions() -> None:
    interview = until_rows()
    events = drive(interview, ["效益指标", "经济效益指标", "*"])
    assert kinds(events, EventKind.HINT)[0] == "“*”表示这一二级指标未使用：分值记为 0，不计分。"
    assert at(interview) == "loop.more"
    assert interview.row_result(0).status is RowStatus.UNUSED


def test_a_name_near_the_catalogue_is_matched_by_choice() -> None:
    interview = until_rows()
    events = drive(interview, ["", "质量指标", "设备故障"])
    suggestions = next(event.data for event in events if event.kind is EventKind.SUGGESTIONS)
    assert suggestions[0].name == "设备故障率"
    assert at(interview) == "indicators[0].catalogue"
    assert interview.current.choices[-1].key == "0"
    drive(interview, ["0"])  # not the catalogue's indicator
    assert interview.evaluation.indicators[0].catalogue_name == ""
    assert at(interview) == "indicators[0].target_text"
    interview.back()
    drive(interview, ["1"])
    assert interview.evaluation.indicators[0].catalogue_name == "设备故障率"


def test_a_name_typed_in_pinyin_becomes_the_catalogue_name() -> None:
    interview = until_rows()
    drive(interview, ["", "质量指标", "sbgzl"])
    assert at(interview) == "indicators[0].catalogue"
    assert interview.ask()[-1].data.startswith("设备故障率（质量指标，反向（越低越好），单位 %）")
    drive(interview, [""])
    row = interview.evaluation.indicators[0]
    assert (row.name, row.catalogue_name) == ("设备故障率", "设备故障率")


def test_level1_change_clears_a_level2_that_no_longer_fits() -> None:
    interview = until_rows()
    drive(interview, ["产出指标", "时效指标", "维护及时率", "≥80%", "70%", "20", "人手不足"])
    interview.jump("indicators[0].level1")
    drive(interview, ["效益指标"])
    assert interview.evaluation.indicators[0].level2 == ""
    assert at(interview) == "indicators[0].level2"
    drive(interview, ["社会效益指标"])
    assert at(interview) == "loop.more"  # back to where the jump started


# --- navigation ----------------------------------------------------------------------------------------


def test_back_is_always_allowed_and_stops_at_the_first_field() -> None:
    interview = started({"header.project_name": "测试项目"}, until="header.department")
    events = interview.back()
    assert at(interview) == "header.project_name" and events[-1].data == "测试项目"
    events = interview.back()
    assert kinds(events, EventKind.INFO) == ["已经是第一项。"]
    assert at(interview) == "header.project_name"


def test_jump_returns_to_where_it_started() -> None:
    interview = until_rows()
    drive(interview, ["", "", "硬件配置完成率"])
    assert at(interview) == "indicators[0].target_text"
    interview.jump("header.department")
    drive(interview, ["另一个局"])
    assert interview.evaluation.header.department == "另一个局"
    assert at(interview) == "indicators[0].target_text"
    events = interview.jump("indicators[9].name")
    assert events[0].kind is EventKind.ERROR


def test_jumping_back_to_a_value_asks_for_decisions_it_makes_necessary() -> None:
    interview = until_rows()
    drive(interview, ["1", "4", "经费节约率", "≥5%", "5.5%", "10", "y"])
    assert at(interview) == "indicators[1].level1"
    interview.jump("indicators[0].target_text")
    drive(interview, ["节约5%以内"])
    drive(interview, [""])  # actual kept
    drive(interview, [""])  # weight kept: the row now needs a direction
    assert at(interview) == "indicators[0].direction"
    drive(interview, ["2"])
    assert interview.row_result(0).score == Decimal("9.00")  # reverse: 10 × (1 − 0.5 ÷ 5)
    assert at(interview) == "indicators[0].deviation_reason"  # points lost: the reason is needed now
    drive(interview, ["略超"])
    assert at(interview) == "indicators[1].level1"


def test_undo_takes_back_the_last_answer() -> None:
    interview = started({"header.project_name": "测试项目", "header.department": "测试局"}, until="header.implementer")
    events = interview.undo()
    assert kinds(events, EventKind.INFO) == ["已撤销“主管部门”的回答。"]
    assert interview.evaluation.header.department == ""
    assert at(interview) == "header.department"
    interview.undo()
    assert interview.evaluation.header.project_name == "" and at(interview) == "header.project_name"
    assert kinds(interview.undo(), EventKind.INFO) == ["没有可以撤销的回答。"]


def test_undo_of_another_row_removes_the_row() -> None:
    interview = until_rows()
    drive(interview, ["", "", "硬件配置完成率", "90%", "90%", "20", "y"])
    assert len(interview.evaluation.indicators) == 2
    interview.undo()
    assert len(interview.evaluation.indicators) == 1 and at(interview) == "loop.more"


def test_a_row_can_be_removed() -> None:
    interview = until_rows()
    drive(interview, ["", "", "硬件配置完成率", "90%", "90%", "20", "y", "", "", "设备故障率"])
    events = interview.remove_row(0)
    assert kinds(events, EventKind.INFO) == ["已删除第 1 行指标。"]
    assert [row.name for row in interview.evaluation.indicators] == ["设备故障率"]
    assert "indicators[0].name" in {state.spec.id for state in interview.fields() if state.answered}
    assert "indicators[1].name" not in {state.spec.id for state in interview.fields()}


# --- validation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [
        ("header.project_name", "", "“项目名称”不能为空。"),
        ("header.project_amount", "很多", "项目金额“很多”不是数字"),
        ("header.year", "1888", "年度应为 1990 到 2100 之间的整数，而不是“1888”。"),
        ("funds.total.initial_budget", "-5", "年度资金总额 · 年初预算数应为不小于 0 的数字，而不是“-5”"),
        ("funds.sources", "9", "请从 1、2、3、4 中选一个编号，或输入选项的名称。"),
        ("funds.weight", "150", "分值不能超过 100（收到“150”）"),
    ],
)
def test_refused_answers_say_why_and_ask_again(field: str, bad: str, message: str) -> None:
    answers = {"header.project_name": "x", "funds.total.initial_budget": "1", "funds.total.executed": "1"}
    interview = started({key: text for key, text in answers.items() if key != field}, until=field)
    asked = interview.current
    events = interview.answer(bad)
    assert events[0].kind is EventKind.ERROR and events[0].text == message
    assert events[-1].kind is EventKind.QUESTION and events[-1].field == asked


def test_control_characters_never_reach_the_form() -> None:
    interview = started({"header.project_name": "\x1b[31m红\x1b[0m项目\x07"}, until="header.department")
    assert interview.evaluation.header.project_name == "[31m红[0m项目"


def test_absurd_numbers_are_scored_without_raising() -> None:
    smallest = {
        "header.project_name": "x",
        "funds.total.initial_budget": "0.0000000001",  # the smallest amount
        "funds.total.executed": "1",
    }  # a form holds
    interview = started(smallest, until="goals.expected")
    budget = interview.scored().budget
    assert budget.score == Decimal("10.00") and any(note.code == "executed_over_budget" for note in budget.notes)
    fill(
        interview,
        {
            "goals.expected": "目标",
            "goals.achieved": "完成",
            "indicators[0].name": "硬件配置完成率",
            "indicators[0].target_text": "0.0000000000000000000000000000000000000000000000001",
            "indicators[0].actual_text": "1",
            "indicators[0].weight": "10",
        },
        until="indicators[0].deviation_reason",
    )
    result = interview.row_result(0)
    assert result.score == Decimal(10) and result.has_note("overachieved")


def test_amounts_accept_commas_and_wan() -> None:
    interview = started(
        {
            "header.project_name": "x",
            "header.project_amount": "1,200.5",
            "header.year": "2020年",
            "funds.total.initial_budget": "36万",
        },
        until="funds.total.annual_budget",
    )
    assert interview.evaluation.header.project_amount == Decimal("1200.5")
    assert interview.evaluation.header.year == 2020
    assert interview.evaluation.funds.total.initial_budget == Decimal(360000)


# --- what the renderers read ------------------------------------------------------------------------


def test_fields_list_answers_and_the_current_field() -> None:
    interview = started({"header.project_name": "测试项目"}, until="header.department")
    states = interview.fields()
    assert states[0].spec.id == "header.project_name" and states[0].answered and states[0].answer == "测试项目"
    assert states[1].current and not states[1].answered
    ids = [state.spec.id for state in states]
    assert ids[:5] == [
        "header.project_name",
        "header.department",
        "header.implementer",
        "header.project_amount",
        "header.year",
    ]
    assert ids[-2:] == ["loop.more", "review.save"]
    assert "funds.fiscal.executed" not in ids  # only when the sources are split
    assert ids.index("indicators[0].level1") < ids.index("indicators[0].target_text")


def test_suggestions_come_from_the_catalogue_and_the_choices() -> None:
    interview = until_rows()
    drive(interview, ["", "质量指标"])
    assert interview.current.kind is FieldKind.INDICATOR
    by_pinyin = interview.suggestions("sbgzl")
    assert by_pinyin[0].name == "设备故障率" and by_pinyin[0].how == "initials"
    assert by_pinyin[0].direction == "reverse" and by_pinyin[0].level2 == "质量指标"
    browse = interview.suggestions("", limit=3)
    assert len(browse) == 3 and all(item.level2 == "质量指标" for item in browse)
    interview.back()
    assert [item.name for item in interview.suggestions("时效")] == ["时效指标"]
    assert interview.suggestions("x", limit=0) == []


def test_help_explains_the_current_score() -> None:
    interview = until_rows()
    drive(interview, ["", "", "硬件配置完成率", "90%", "75%", "20"])
    text = interview.help_for("indicators[0].weight")
    assert "得分 = 20 × 75% ÷ 90% = 16.67" in text
    assert "硬件配置完成率（产出指标 / 数量指标，正向（越高越好），单位 %）" in text
    assert "预算执行率：执行率 = 351000 ÷ 360000" in interview.help_for("funds.weight")
    assert interview.help_for("nothing.here") == ""


def test_on_commit_runs_after_each_accepted_answer_only() -> None:
    seen: list[str] = []
    interview = Interview(on_commit=lambda iv: seen.append(iv.evaluation.header.project_name))
    interview.start()
    interview.answer("")  # refused: required
    interview.answer("项目甲")
    interview.answer("部门乙")
    interview.undo()
    assert seen == ["项目甲", "项目甲", "项目甲"]
    assert interview.dirty
    interview.mark_saved()
    assert not interview.dirty


def test_state_survives_a_restore() -> None:
    interview = until_rows()
    drive(interview, ["", "", "硬件配置完成率", "90%"])
    restored = Interview.restore(interview.evaluation.model_copy(deep=True), interview.state())
    events = restored.start()
    asked = [state.spec.id for state in interview.fields()].index("indicators[0].actual_text")  # every field before
    assert events[0].text == f"继续填写“测试项目”：已答的 {asked} 项都在。"
    assert at(restored) == "indicators[0].actual_text"
    assert [state.answered for state in restored.fields()] == [state.answered for state in interview.fields()]
    drive(restored, ["75%", "20"])
    assert restored.row_result(0).score == Decimal("16.67")


def test_a_qualitative_target_reads_without_doubled_brackets() -> None:
    interview = until_rows()
    events = drive(interview, ["满意度指标", "", "服务大厅满意度", "满意"])
    assert kinds(events, EventKind.HINT)[-1] == "读作：满意（达成，定性）"
    events = drive(until_rows(), ["", "", "硬件配置完成率", "≥90%"])
    assert kinds(events, EventKind.HINT)[-1] == "读作：≥90%，正向（越高越好）"
    events = drive(until_rows(), ["", "", "硬件配置完成率", "90%", "满意"])
    assert kinds(events, EventKind.HINT)[-1] == "读作：满意（达成）"  # an actual value carries no direction


def test_echo_repeats_a_choice_by_its_label() -> None:
    interview = started({**HEADER, **FUNDS}, until="funds.sources")
    assert at(interview) == "funds.sources"
    assert interview.echo("3") == "全部是其他资金（其余两项为 0）"
    assert interview.echo(" 3 ") == "全部是其他资金（其余两项为 0）"
    assert interview.echo("") == "全部是当年财政拨款（其余两项为 0）"  # enter takes the default
    assert interview.echo("分别填写三项来源") == "分别填写三项来源"
    assert interview.echo("9") == "9"  # not a choice: shown as typed (and refused by answer)
    fill(
        interview,
        {"funds.sources": "3", "goals.expected": "目标", "goals.achieved": "完成"},
        until="indicators[0].level1",
    )
    assert interview.echo("1") == "产出指标"
    drive(interview, ["1", "1", "硬件配置完成率", "90%", "90%", "20"])
    assert at(interview) == "loop.more"
    assert interview.echo("y") == "是" and interview.echo("不要") == "否"
    fresh = started(until="header.project_name")
    assert fresh.echo("项目\x1b[31m甲") == "项目[31m甲" and fresh.echo("") == ""


def test_typed_but_unsubmitted_text_is_kept_in_the_state() -> None:
    interview = until_rows()
    drive(interview, ["", "", "硬件配置完成率", "90%"])
    interview.set_pending("75")
    assert interview.pending == "75"
    assert interview.state()["pending"] == {"field": "indicators[0].actual_text", "text": "75"}
    restored = Interview.restore(interview.evaluation.model_copy(deep=True), interview.state())
    restored.start()
    assert at(restored) == "indicators[0].actual_text" and restored.pending == "75"
    assert restored.evaluation.indicators[0].actual_text == ""  # put back, not submitted
    drive(restored, ["75%"])
    assert restored.pending == "" and "pending" not in restored.state()


@pytest.mark.parametrize("move", ["back", "undo", "jump", "remove_row"])
def test_moving_away_drops_the_typed_text(move: str) -> None:
    interview = until_rows()
    drive(interview, ["", "", "硬件配置完成率"])
    interview.set_pending("≥9")
    getattr(interview, move)(*(["header.year"] if move == "jump" else []))
    assert interview.pending == "" and "pending" not in interview.state()


def test_blank_or_default_typed_text_is_not_kept() -> None:
    interview = until_rows()
    drive(interview, ["", "", "硬件配置完成率", "90%", "75%"])
    assert interview.ask()[-1].data == ""
    interview.set_pending("   ")
    assert interview.pending == ""
    interview.jump("header.project_name")
    interview.set_pending("测试项目")  # the answer already there, i.e. what the line was filled with
    assert interview.pending == ""
    interview.set_pending("测试项目二期\n")
    assert interview.pending == "测试项目二期 "  # one-line fields keep one line


def test_a_state_from_before_typed_text_was_kept_still_restores() -> None:
    interview = until_rows()
    state = interview.state()
    assert "pending" not in state
    for odd in ({}, {"pending": "75"}, {"pending": {"field": 3}}):
        restored = Interview.restore(interview.evaluation.model_copy(deep=True), {**state, **odd})
        restored.start()
        assert restored.pending == "" and at(restored) == "indicators[0].level1"


# --- editing an existing evaluation ---------------------------------------------------------------


def test_editing_walks_every_field_with_its_answer_as_default(seed_forms: list[Evaluation]) -> None:
    form = seed_forms[0].model_copy(deep=True)
    interview = Interview(form)
    events = interview.start()
    assert events[0].text.startswith("正在修改")
    assert events[-1].data == "“互联网+不动产登记”强隔离安全交换平台"
    assert interview.fields()[0].answered
    assert interview.evaluation.funds.other == interview.evaluation.funds.total
    assert (
        next(s for s in interview.fields() if s.spec.id == "funds.sources").answer == "全部是其他资金（其余两项为 0）"
    )
    total = interview.scored().total
    steps = 0
    while not interview.done and steps < 200:
        interview.answer("")
        steps += 1
    assert interview.done
    assert interview.scored().total == total == Decimal("89.18")
    assert [row.name for row in interview.evaluation.indicators] == [row.name for row in seed_forms[0].indicators]


def test_every_seed_form_opens_and_scores(seed_forms: list[Evaluation]) -> None:
    totals = []
    for form in seed_forms:
        interview = Interview(form.model_copy(deep=True))
        interview.start()
        assert interview.current is not None
        totals.append(interview.scored().total)
        interview.findings()
    assert len(totals) == 37 and totals[0] == Decimal("89.18")


# --- properties ---------------------------------------------------------------------------------------

_ANSWERS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "1",
            "2",
            "4",
            "y",
            "n",
            "0",
            "*",
            "90%",
            "≥95%",
            "满意",
            "基本满意",
            "10",
            "100",
            "1e9",
            "NaN",
            "-1",
            "1e999999",
            "0.0000001",
            "36万",
            "设备故障率",
            "sbgzl",
            "节约5%以内",
        ]
    ),
)
_MOVES = st.lists(st.tuples(st.sampled_from(["answer"] * 6 + ["back", "undo", "jump"]), _ANSWERS), max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MOVES)
def test_any_sequence_of_answers_and_moves_keeps_a_consistent_state(moves: list[tuple[str, str]]) -> None:
    interview = Interview()
    interview.start()
    for move, text in moves:
        if move == "answer":
            events = interview.answer(text)
        elif move == "back":
            events = interview.back()
        elif move == "undo":
            events = interview.undo()
        else:
            states = interview.fields()
            events = interview.jump(states[len(text) % len(states)].spec.id)
        assert events
        if interview.done:
            assert interview.current is None and events[-1].kind in (EventKind.DONE, EventKind.ERROR, EventKind.INFO)
        else:
            assert events[-1].kind is EventKind.QUESTION
            assert sum(state.current for state in interview.fields()) == 1
        assert interview.weight_left() >= 0  # an answer taking the 分值 past 100 is refused
    interview.scored()
    interview.findings()
    interview.finished_evaluation()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_any_text_for_any_field_of_a_seed_form_is_answered_or_refused(
    seed_forms: list[Evaluation], data: st.DataObject
) -> None:
    form = data.draw(st.sampled_from(seed_forms[:8]))
    interview = Interview(form.model_copy(deep=True))
    interview.start()
    for _ in range(5):
        states = interview.fields()
        target = data.draw(st.sampled_from(states)).spec.id
        interview.jump(target)
        events = interview.answer(data.draw(_ANSWERS))
        assert events and events[-1].kind in (EventKind.QUESTION, EventKind.DONE)
        if events[0].kind is EventKind.ERROR:
            assert at(interview) == target
    assert interview.scored().total >= 0


# --- an opened form keeps its own scores -------------------------------------------------------------

SEED_03 = next(SEED_DIR.glob("03-*.toml"))


def opened(path: Path = SEED_03) -> Interview:
    from domain.record.storage import load_evaluation

    interview = Interview(load_evaluation(path))
    interview.start()
    return interview


def test_a_declared_score_inside_its_band_is_the_judged_default() -> None:
    interview = opened()
    rows = interview.evaluation.indicators
    assert rows[0].judged_score == Decimal("0.4") and rows[7].judged_score == Decimal(15)  # rows needing judgement
    assert [row.judged_score for row in rows[9:12]] == [Decimal(10)] * 3  # 有利 / 有效: inside 9.6–12
    assert rows[2].judged_score is None  # a formula row keeps its formula
    interview.jump("indicators[0].judged_score")
    assert interview.ask()[-1].data == "0.4"
    events = drive(interview, [""])  # enter keeps it
    assert not kinds(events, EventKind.ERROR) and rows[0].judged_score == Decimal("0.4")
    assert interview.scored().total == Decimal("79.17")  # what `jixiao check` computes for this form
    assert not interview.dirty


def test_an_untouched_form_is_saved_with_the_scores_check_adopts() -> None:
    from domain.record.storage import load_evaluation
    from domain.scoring.audit import audit_evaluation

    before = audit_evaluation(load_evaluation(SEED_03))
    interview = opened()
    steps = 0
    while not interview.done and steps < 300:  # enter through every field, then save
        assert not kinds(interview.answer(""), EventKind.ERROR)
        steps += 1
    final = interview.finished_evaluation()
    original = load_evaluation(SEED_03)
    assert [row.declared_score for row in final.indicators] == [
        Decimal("0.4"),
        Decimal("4.95"),
        Decimal("1.44"),
        *[row.declared_score for row in original.indicators[3:]],
    ]
    # the form said them: nothing newly judged — but row 13 left its 二级 blank, and enter filled it in,
    # so that row was changed, and it now carries its judged score (its declared 0) of its own
    assert [row.judged_score for row in final.indicators] == [None] * 12 + [Decimal(0)]
    assert final.indicators[12].level2 == "服务对象满意度指标" and original.indicators[12].level2 == ""
    assert final.funds.declared_score == Decimal("6.00") and final.funds.declared_rate == Decimal("0.60")
    assert final.declared_total == Decimal("79.17")  # the sum of the scores written
    after = audit_evaluation(final)
    assert after.computed_total == before.computed_total == Decimal("79.17")
    assert not after.has_errors


def test_a_changed_row_is_written_with_its_computed_score() -> None:
    interview = opened()
    interview.jump("indicators[0].judged_score")
    drive(interview, ["1.5"])
    interview.jump("indicators[9].judged_score")
    drive(interview, ["12"])  # the top of the band: the method's own default
    final = interview.finished_evaluation()
    assert final.indicators[0].declared_score == Decimal("1.5") and final.indicators[0].judged_score == Decimal("1.5")
    assert final.indicators[9].declared_score == Decimal("12.00") and final.indicators[9].judged_score is None
    assert final.indicators[10].declared_score == Decimal(10)  # untouched
    assert final.declared_total == Decimal("79.17") + Decimal("1.1") + 2
    assert interview.dirty
    interview.undo()
    interview.undo()
    assert not interview.dirty and interview.finished_evaluation().declared_total == Decimal("79.17")


def test_a_met_qualitative_row_can_be_judged_inside_its_band() -> None:
    interview = until_rows()
    events = drive(interview, ["满意度指标", "", "群众满意度", "满意", "满意", "10"])
    assert kinds(events, EventKind.EXPLANATION) and interview.row_result(0).score == Decimal(10)
    assert at(interview) == "indicators[0].judged_score" and interview.current.optional
    assert interview.ask()[-1].data == "10"
    events = interview.answer("9")
    assert "评定得分 9（可在 8–10 分之间）" in kinds(events, EventKind.EXPLANATION)[0]
    assert interview.row_result(0).score == Decimal(9)
    assert at(interview) == "indicators[0].deviation_reason"  # a point lost needs its reason
    interview.jump("indicators[0].judged_score")
    assert interview.answer("11")[0].text == "评定得分须在 8–10 分之间，而不是“11”。"


# --- navigation, editing in place, dirty ----------------------------------------------------------------


def test_each_jump_returns_to_the_field_it_started_from() -> None:
    interview = until_rows()
    drive(interview, ["", "", "硬件配置完成率", "90%", "90%", "20", "n"])
    assert at(interview) == "review.save"
    interview.jump("indicators[0].name")  # e on the review screen
    interview.jump("header.department")  # and from there, somewhere else
    drive(interview, ["另一个局"])
    assert at(interview) == "indicators[0].name"  # back where that jump started, not to the review
    drive(interview, [""])
    assert at(interview) == "indicators[0].target_text"  # and on in order from there


def test_edit_changes_a_field_and_stays_where_the_conversation_was() -> None:
    interview = until_rows()
    drive(interview, ["", "", "硬件配置完成率", "90%", "90%", "20"])
    assert at(interview) == "loop.more"
    events = interview.edit("indicators[0].actual_text", "75%")
    assert interview.row_result(0).score == Decimal("16.67") and kinds(events, EventKind.EXPLANATION)
    assert at(interview) == "loop.more"
    events = interview.edit("indicators[0].weight", "200")
    assert events[0].kind is EventKind.ERROR and at(interview) == "loop.more"
    assert interview.edit("indicators[7].weight", "1")[0].kind is EventKind.ERROR


def test_dirty_means_different_from_what_was_opened_or_saved() -> None:
    interview = Interview()
    interview.start()
    assert not interview.dirty
    drive(interview, ["测试项目"])
    assert interview.dirty
    interview.mark_saved()
    fill(interview, until="header.project_amount")  # enter through unchanged fields
    assert not interview.dirty
    drive(interview, ["400000"])  # 项目金额
    assert interview.dirty
    interview.jump("header.project_amount")
    drive(interview, [""])
    interview.undo()
    interview.undo()
    assert not interview.dirty
    resumed = Interview.restore(interview.evaluation.model_copy(deep=True), interview.state())
    assert resumed.dirty  # a draft holds work its file does not


def test_a_row_waiting_for_its_direction_says_so() -> None:
    interview = until_rows()
    events = drive(interview, ["1", "4", "经费节约率", "节约5%以内", "1%", "10"])
    assert kinds(events, EventKind.EXPLANATION) == [
        "计分方向待定：年度指标值的写法与指标库的方向不一致，请先确定按正向还是反向计分，确定后按公式计分。"
    ]
    assert at(interview) == "indicators[0].direction"

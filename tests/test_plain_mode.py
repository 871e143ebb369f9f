"""The plain line mode: a whole evaluation through a pipe, commands, resuming, what-if and training."""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from answers import answer_lines, answer_steps

from domain.interview.drafts import DraftStore
from domain.record.models import Evaluation, FundsRow, Header, IndicatorRow
from domain.record.storage import load_evaluation, save_evaluation
from tui.plain import run_plain

JIXIAO = Path(sys.executable).parent / "jixiao"

HEADER = {
    "header.project_name": "测试项目",
    "header.department": "测试局",
    "header.implementer": "测试中心",
    "header.project_amount": "40万",
    "header.year": "2020",
}
FUNDS = {"funds.total.initial_budget": "360000", "funds.total.executed": "351000"}
GOALS = {"goals.expected": "完成平台建设", "goals.achieved": "已按计划完成"}


def row(number: int, **fields: str) -> dict[str, str]:
    return {f"indicators[{number}].{key}": text for key, text in fields.items()}


ANSWERS = {
    **HEADER,
    **FUNDS,
    **GOALS,
    **row(0, name="硬件配置完成率", target_text="90%", actual_text="75%", weight="20", deviation_reason="硬件到货延迟"),
    **row(
        1,
        level2="质量指标",
        name="设备故障率",
        target_text="≤10%",
        actual_text="13%",
        weight="10",
        deviation_reason="故障较多",
    ),
    **row(
        2,
        level1="1",
        level2="4",
        name="经费节约率",
        target_text="节约5%以内",
        actual_text="1%",
        weight="10",
        direction="1",
        deviation_reason="节约不足",
    ),
    **row(
        3,
        level1="满意度指标",
        name="服务大厅满意",
        target_text="满意",
        actual_text="基本满意",
        weight="10",
        judged_score="7",
        deviation_reason="服务有待改进",
    ),
    **row(
        4,
        level1="效益指标",
        level2="社会效益指标",
        name="系统正常运行率",
        target_text="≥90%",
        actual_text="92%",
        weight="40",
    ),
    "loop.more": ["y", "y", "y", "y"],  # then no more rows (分值 used up), and save
}
WHOLE = answer_lines(ANSWERS)


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("JIXIAO", "XDG_"))}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        TERM="dumb",
        PYTHONIOENCODING="utf-8",
        LANG="C.UTF-8",
    )
    return env


def plain(mode: str, lines: list[str], **options: object) -> tuple[int, str]:
    args = argparse.Namespace(plain=True, drafts=None, out=None, file=None, path=None, walk=False, profile=None)
    for key, value in options.items():
        setattr(args, key, str(value) if isinstance(value, Path) else value)
    stdout = io.StringIO()
    code = run_plain(mode, args, io.StringIO("".join(line + "\n" for line in lines)), stdout)
    return code, stdout.getvalue()


def questions(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("? ")]


def check_whole(path: Path) -> None:
    saved = load_evaluation(path)
    assert saved.header == Header(
        project_name="测试项目", department="测试局", implementer="测试中心", project_amount=Decimal(400000), year=2020
    )
    assert saved.funds.total == FundsRow(
        initial_budget=Decimal(360000), annual_budget=Decimal(360000), executed=Decimal(351000)
    )
    assert saved.funds.fiscal == saved.funds.total and saved.funds.declared_score == Decimal("9.80")
    assert [row.name for row in saved.indicators] == [
        "硬件配置完成率",
        "设备故障率",
        "经费节约率",
        "服务大厅满意",
        "系统正常运行率",
    ]
    assert [row.catalogue_name for row in saved.indicators] == [
        "硬件配置完成率",
        "设备故障率",
        "经费节约率",
        "服务大厅满意度",
        "系统正常运行率",
    ]
    assert [row.declared_score for row in saved.indicators] == [
        Decimal("16.67"),
        Decimal("7.00"),
        Decimal("2.00"),
        Decimal(7),
        Decimal(40),
    ]
    assert saved.indicators[2].direction == "positive" and saved.indicators[3].judged_score == Decimal(7)
    assert saved.indicators[1].deviation_reason == "故障较多"
    assert saved.declared_total == Decimal("82.47")


def test_a_whole_evaluation_through_a_pipe(tmp_path: Path) -> None:
    out = tmp_path / "X.toml"
    result = subprocess.run(
        [str(JIXIAO), "--drafts", str(tmp_path / "drafts"), "new", "--plain", "--out", str(out)],
        input="".join(line + "\n" for line in WHOLE),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=clean_env(tmp_path),
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    asked = questions(result.stdout)
    assert len(asked) == len(WHOLE)
    ids = [field_id for field_id, _ in answer_steps(ANSWERS)]
    assert asked[ids.index("header.project_name")] == "? 项目名称是什么？"
    assert asked[ids.index("funds.total.annual_budget")] == "? 年度资金总额的全年预算数是多少元？ [360000]"
    assert result.stdout.splitlines()[-1] == f"已保存到 {out}。"
    assert "计分：实际完成值 75% 低于年度指标值 90%：得分 = 20 × 75% ÷ 90% = 16.67，扣 3.33 分" in result.stdout
    check_whole(out)
    expected = Path(__file__).resolve().parent.parent / "fixtures" / "plain" / "whole-evaluation.toml"
    assert out.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")
    assert not list((tmp_path / "drafts").glob("*"))


def test_choices_are_numbered_before_their_question() -> None:
    code, output = plain("new", answer_lines(ANSWERS, until="indicators[0].level1"))
    lines = output.splitlines()
    level1 = lines.index("? 第 1 行：一级指标是哪一类？ [1]")
    assert lines[level1 - 4 : level1] == ["  1. 产出指标", "  2. 效益指标", "  3. 满意度指标", "  4. 成本指标"]
    assert "? 资金来自哪里？ [1]" in lines
    assert code == 1


def test_end_of_input_keeps_the_draft_and_says_how_to_resume(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    code, output = plain("new", answer_lines(ANSWERS, until="header.implementer"), drafts=drafts)
    assert code == 1
    store = DraftStore(drafts)
    [info] = store.list()
    assert output.splitlines()[-3:] == [
        "输入已结束，尚未保存。",
        f"草稿已保存（编号 {info.id}）。",
        f"继续填写：jixiao --drafts {drafts} --plain，然后选择这份草稿。",
    ]
    assert store.load(info.id).evaluation.header.department == "测试局"


def test_start_offers_the_drafts_first(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    plain("new", answer_lines(ANSWERS, until="header.project_amount"), drafts=drafts, out=tmp_path / "a.toml")
    code, output = plain("start", ["1", *answer_lines(ANSWERS, since="header.project_amount")], drafts=drafts)
    assert code == 0, output
    assert "  0. 新建一份自评表" in output
    assert "继续填写“测试项目”：已答的 3 项都在。" in output
    check_whole(tmp_path / "a.toml")
    assert DraftStore(drafts).list() == []
    code, output = plain("start", ["项目丙"], drafts=drafts)
    assert "? 项目名称是什么？" in output and code == 1  # no drafts: straight to a new form


def test_a_resumed_draft_mentions_the_text_typed_but_not_submitted(tmp_path: Path) -> None:
    from domain.interview.session import EditSession

    drafts = tmp_path / "drafts"
    session = EditSession.new(DraftStore(drafts))
    session.start()
    session.interview.answer("测试项目")
    session.interview.set_pending("财政\n局")
    assert session.flush()
    code, output = plain("start", ["1"], drafts=drafts)
    lines = output.splitlines()
    at = lines.index("提示：上次在这一项输入了还没提交的内容：财政 局")
    assert lines[at + 1] == "? 主管部门是哪个单位？" and code == 1


def test_commands_move_undo_list_and_help() -> None:
    code, output = plain("new", ["项目甲", ":b", ":u", ":f", ":h", ":zz", "::冒号项目", ":j 1", "", ":q"])
    lines = output.splitlines()
    assert code == 1
    assert "已撤销“项目名称”的回答。" in lines
    assert any(line.startswith("  1. → 项目名称：") for line in lines)
    assert "错误：不认识的命令“:zz”。" in lines
    assert any(line.startswith("表头的项目名称") for line in lines)
    assert "? 项目名称是什么？ [:冒号项目]" in lines  # "::" stands for a literal colon
    assert "已退出，尚未保存。" in lines


def test_user_text_cannot_send_escape_sequences_to_the_terminal() -> None:
    code, output = plain("new", ["\x1b]0;title\x07项目", ":b"])
    assert "\x1b" not in output and "\x07" not in output
    assert "? 项目名称是什么？ []0;title项目]" in output.splitlines()


def test_editing_asks_before_overwriting_a_file_it_did_not_open(tmp_path: Path) -> None:
    source = tmp_path / "form.toml"
    evaluation = Evaluation(header=Header(project_name="原项目", department="局", implementer="中心"))
    evaluation.funds.total = FundsRow(initial_budget=Decimal(100), annual_budget=Decimal(100), executed=Decimal(95))
    evaluation.goals.expected, evaluation.goals.achieved = "目标", "完成"
    evaluation.indicators = [
        IndicatorRow(
            level1="产出指标",
            level2="数量指标",
            name="硬件配置完成率",
            target_text="90%",
            actual_text="90%",
            weight=Decimal(90),
        )
    ]
    save_evaluation(evaluation, source)
    taken = tmp_path / "taken.toml"
    taken.write_text("keep me", encoding="utf-8")
    lines = answer_lines({"header.project_name": "新名字"}, evaluation=evaluation)  # enter through the rest, save
    code, output = plain(
        "edit", [*lines, "n", str(tmp_path / "free.toml")], file=source, out=taken, drafts=tmp_path / "drafts"
    )
    assert code == 0, output
    assert f"? 文件 {taken} 已经存在。要覆盖它吗？ (y/n) [n]" in output
    assert taken.read_text(encoding="utf-8") == "keep me"
    assert load_evaluation(tmp_path / "free.toml").header.project_name == "新名字"
    assert load_evaluation(source).header.project_name == "原项目"


def test_editing_offers_the_file_s_unsaved_draft(tmp_path: Path) -> None:
    source = tmp_path / "form.toml"
    save_evaluation(Evaluation(header=Header(project_name="原项目")), source)
    drafts = tmp_path / "drafts"
    plain("edit", ["改了名字"], file=source, drafts=drafts)
    code, output = plain("edit", ["y"], file=source, drafts=drafts)
    assert "这个文件有未保存的修改草稿（改了名字" in output
    assert "继续填写“改了名字”" in output


def test_an_unreadable_file_is_one_plain_line_on_stderr(tmp_path: Path, capsys) -> None:
    code, output = plain("edit", [], file=tmp_path / "missing.toml")
    assert code == 2 and output.strip() == ""
    assert capsys.readouterr().err == f"jixiao: 找不到评价文件：{tmp_path / 'missing.toml'}。请检查路径是否写对。\n"


def test_the_what_if_calculator_shows_the_score_and_the_change() -> None:
    code, output = plain("whatif", ["", "", "20", "≥90%", "75%", "y", "", "", "", "", "80%", "n"])
    assert code == 0
    assert "计分：实际完成值 75% 低于年度指标值 90%：得分 = 20 × 75% ÷ 90% = 16.67，扣 3.33 分" in output
    assert "计分：实际完成值 80% 低于年度指标值 90%：得分 = 20 × 80% ÷ 90% = 17.78，扣 2.22 分" in output
    assert "与上一次相比：+1.11 分。" in output
    assert "? 年度指标值 [≥90%]" in output


def test_the_what_if_calculator_asks_the_direction_when_nothing_tells() -> None:
    # 90% / 75% with no sign and no name: positive gives 16.67, reverse full marks; it asks rather than guess
    code, output = plain("whatif", ["", "", "20", "90%", "75%", "1", "n"])
    assert code == 0
    assert "计分：实际完成值 75% 低于年度指标值 90%：得分 = 20 × 75% ÷ 90% = 16.67，扣 3.33 分" in output


def test_the_what_if_calculator_asks_about_direction_and_budget() -> None:
    code, output = plain("whatif", ["1", "经费节约率", "10", "节约5%以内", "1%", "1", "y", "2", "360000", "351000", ""])
    assert "按指标库中的“经费节约率”（正向（越高越好））计分。" in output
    assert "计分：实际完成值 1% 低于年度指标值 5%：得分 = 10 × 1% ÷ 5% = 2.00，扣 8.00 分" in output
    assert "得分 = 10 × 0.98 = 9.80" in output
    assert code == 0  # end of input ends the calculator


def test_the_what_if_calculator_survives_absurd_numbers() -> None:
    code, output = plain("whatif", ["1", "", "10", "≥0.0000000000000000000000000000000000000000000000001", "1", "n"])
    assert code == 0 and "Traceback" not in output
    assert "指标值可能定得偏低" in output


def test_training_in_plain_mode(tmp_path: Path) -> None:
    form = Evaluation(header=Header(project_name="练习项目"))
    form.funds.total = FundsRow(initial_budget=Decimal(100), annual_budget=Decimal(100), executed=Decimal(95))
    form.indicators = [
        IndicatorRow(level2="数量指标", name="硬件配置完成率", target_text="90%", actual_text="75%", weight=Decimal(20))
    ]
    save_evaluation(form, tmp_path / "one.toml")
    code, output = plain("train", ["9.5", "16.67"], path=tmp_path / "one.toml")
    assert code == 0
    assert output.splitlines()[-1] == "练习结束：答对 2 / 2 题，跳过 0 题，正确率 100%。"
    code, output = plain("train", ["1"], path=tmp_path / "one.toml")
    assert code == 1 and "练习结束：答对 0 / 1 题，跳过 0 题，正确率 0%。" in output


def test_the_line_mode_never_loads_textual() -> None:
    code = (
        "import sys, tui.plain, domain.interview.controller, domain.interview.questions, domain.interview.session, domain.interview.drafts, "
        "domain.interview.training, domain.paths, domain.messages.lookup; assert 'textual' not in sys.modules, 'textual loaded'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("mode", ["new", "start", "edit", "whatif", "train"])
def test_no_mode_raises_on_empty_input(mode: str, tmp_path: Path) -> None:
    code, output = plain(mode, [], drafts=tmp_path, file=tmp_path / "none.toml", path=tmp_path / "none.toml")
    assert code in (0, 1, 2) and "Traceback" not in output


SEED_03 = next((Path(__file__).resolve().parent.parent / "fixtures" / "seed").glob("03-*.toml"))


def test_the_file_name_prompt_takes_commands_and_keeps_the_conversation_in_step(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    drafts = tmp_path / "drafts"
    code, output = plain("new", ["测试项目", ":s", ":s", str(tmp_path / "saved"), "测试局", ":q"], drafts=drafts)
    lines = output.splitlines()
    assert "错误：这里请输入要保存的文件名（.toml）；空行取消保存，:q 退出。" in lines
    assert not (tmp_path / ":s").exists() and not (tmp_path / ":s.toml").exists()
    assert load_evaluation(tmp_path / "saved.toml").header.project_name == "测试项目"  # .toml added
    saved_at = lines.index(f"已保存到 {tmp_path / 'saved.toml'}。")
    assert lines[saved_at + 1] == "? 主管部门是哪个单位？"  # the question the save interrupted, asked again
    [info] = DraftStore(drafts).list()
    assert DraftStore(drafts).load(info.id).evaluation.header.department == "测试局"  # an answer, not a file name
    assert code == 1 and lines[-3] == "已退出，尚未保存。"


def test_an_empty_file_name_cancels_the_save_and_q_quits(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = plain("new", ["测试项目", ":s", "", "测试局", ":s", ":q"], drafts=tmp_path / "drafts")
    lines = output.splitlines()
    assert "未保存。" in lines and lines[lines.index("未保存。") + 1] == "? 主管部门是哪个单位？"
    assert code == 1 and "已退出，尚未保存。" in lines
    assert sorted(path.name for path in tmp_path.iterdir()) == ["drafts"]


def test_quitting_with_nothing_unsaved_is_a_clean_exit(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    form = tmp_path / "form.toml"
    form.write_bytes(SEED_03.read_bytes())
    code, output = plain("edit", [":q"], file=form, drafts=drafts)
    assert (code, output.splitlines()[-1]) == (0, "已退出。")
    code, output = plain("edit", ["", "", "", ":q"], file=form, drafts=drafts)  # enter through unchanged fields
    assert (code, output.splitlines()[-1]) == (0, "已退出。")
    code, output = plain("edit", [":s", ":q"], file=form, drafts=drafts)
    assert output.splitlines()[-3:] == [
        f"已保存到 {form}。",
        "? 项目名称是什么？ [2020-2021年度不动产权证书附图制作]",
        "已退出。",
    ]
    assert code == 0
    code, output = plain("edit", [":s"], file=form, drafts=drafts)
    assert (code, output.splitlines()[-1]) == (0, "输入已结束。")  # the file holds everything
    code, output = plain("new", [":q"], drafts=drafts)
    assert (code, output.splitlines()[-1]) == (0, "已退出。")
    assert not list(drafts.glob("*"))


def test_an_opened_form_saved_untouched_keeps_its_own_scores(tmp_path: Path) -> None:
    from domain.scoring.audit import audit_evaluation

    form = tmp_path / "form.toml"
    form.write_bytes(SEED_03.read_bytes())
    code, _ = plain("edit", [":s", ":q"], file=form, drafts=tmp_path / "drafts")
    saved, original = load_evaluation(form), load_evaluation(SEED_03)
    assert code == 0
    assert [row.declared_score for row in saved.indicators] == [
        row.declared_score if index != 2 else Decimal("1.44") for index, row in enumerate(original.indicators)
    ]
    assert saved.declared_total == audit_evaluation(saved).computed_total == audit_evaluation(original).computed_total

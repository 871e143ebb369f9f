"""Scoring practice: hidden scores, answers checked to 0.01, bands for judgement, a tally and a summary."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from domain.errors import InputError
from domain.interview.controller import EventKind
from domain.interview.training import TrainingSession
from domain.record.models import Evaluation, FundsRow, Header, IndicatorRow
from domain.record.storage import save_evaluation

SEED_SHEET = Path(__file__).parent.parent / "fixtures" / "seed" / "sheet-2020-shenzhen.tsv"


def _form() -> Evaluation:
    evaluation = Evaluation(header=Header(project_name="练习项目", department="练习局"))
    evaluation.funds.total = FundsRow(
        initial_budget=Decimal(360000), annual_budget=Decimal(360000), executed=Decimal(351000)
    )
    evaluation.indicators = [
        IndicatorRow(
            level1="产出指标",
            level2="数量指标",
            name="硬件配置完成",
            catalogue_name="硬件配置完成率",
            target_text="90%",
            actual_text="75%",
            weight=Decimal(20),
            declared_score=Decimal("16.67"),
        ),
        IndicatorRow(level1="效益指标", level2="经济效益指标", name="*", target_text="0", actual_text="0"),
        IndicatorRow(
            level1="产出指标",
            level2="质量指标",
            name="设备故障率",
            target_text="10%",
            actual_text="13%",
            weight=Decimal(10),
        ),
        IndicatorRow(
            level1="满意度指标",
            level2="",
            name="使用人员满意",
            target_text="满意",
            actual_text="基本满意",
            weight=Decimal(20),
            judged_score=Decimal(16),
        ),
    ]
    return evaluation


def texts(events, kind: EventKind) -> list[str]:
    return [event.text for event in events if event.kind is kind]


def test_a_round_checks_each_answer_and_explains_it() -> None:
    session = TrainingSession([("练习", _form())])
    assert [(item.row, item.expected) for item in session.items] == [
        (None, Decimal("9.80")),
        (0, Decimal("16.67")),
        (2, Decimal("7.00")),
        (3, None),
    ]
    events = session.start()
    assert texts(events, EventKind.INFO) == [
        "计分练习：共 1 份表、4 道题。表上的得分已隐去，请自己算出每一行的得分。输入 s 跳过，q 结束。",
        "第 1 份：练习项目（练习局）",
        "预算执行率：全年预算数 360000，全年执行数 351000，分值 10。",
    ]
    assert events[-1].kind is EventKind.QUESTION and session.current.id == "train.0.budget"
    events = session.answer("9.75")
    assert texts(events, EventKind.WARNING) == ["不对：您答 9.75 分，正确得分是 9.80 分。"]
    assert "0.975，取 2 位小数为 0.98" in texts(events, EventKind.EXPLANATION)[0]
    assert "第 1 行 数量指标 · 硬件配置完成：年度指标值 90%，实际完成值 75%，分值 20。" in texts(events, EventKind.INFO)
    events = session.answer("16.66")  # within 0.01
    assert texts(events, EventKind.INFO)[0] == "正确：16.67 分。"
    events = session.answer("不知道")
    assert events[0].kind is EventKind.ERROR and session.current.id == "train.0.2"
    events = session.answer("s")
    assert texts(events, EventKind.INFO)[0] == "已跳过：正确得分是 7.00。"
    assert texts(events, EventKind.HINT) == ["这一行需要评定：12–16 分之间都算对。"]
    events = session.answer("13")
    assert texts(events, EventKind.INFO)[0] == "可以：12–16 分之间都算对。"
    assert events[-1].kind is EventKind.DONE
    assert events[-1].text == "练习结束：答对 2 / 3 题，跳过 1 题，正确率 67%。"
    assert session.done and session.current is None
    assert session.tally.mistakes == [(0, None)]


def test_walk_mode_shows_every_row_with_its_explanation() -> None:
    session = TrainingSession([("练习", _form())], walk=True)
    events = session.start()
    assert texts(events, EventKind.EXPLANATION)[0].endswith("得分 = 10 × 0.98 = 9.80，扣 0.20 分")
    assert events[-1].text == "回车看下一行（q 结束）"
    events = session.answer("")
    assert "得分 = 20 × 75% ÷ 90% = 16.67" in texts(events, EventKind.EXPLANATION)[0]
    events = session.answer("q")
    assert events[-1].text == "讲解结束：看过 2 / 4 行。"  # the budget row and row 1 were shown


def test_quitting_early_gives_the_summary() -> None:
    session = TrainingSession([("练习", _form())])
    session.start()
    session.answer("9.8")
    events = session.answer("q")
    assert [event.kind for event in events] == [EventKind.DONE]
    assert events[0].text == "练习结束：答对 1 / 1 题，跳过 0 题，正确率 100%。"
    assert session.answer("1") == []


def test_forms_come_from_files_directories_or_the_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_evaluation(_form(), tmp_path / "forms" / "a.toml")
    save_evaluation(_form(), tmp_path / "forms" / "b.toml")
    assert len(TrainingSession.from_paths([tmp_path / "forms"]).forms) == 2
    assert len(TrainingSession.from_paths([tmp_path / "forms" / "a.toml"]).items) == 4
    monkeypatch.setenv("JIXIAO_SEED", str(tmp_path / "forms"))
    assert len(TrainingSession.from_paths().forms) == 2
    monkeypatch.setenv("JIXIAO_SEED", str(tmp_path / "empty"))
    with pytest.raises(InputError, match="没有可练习的评价文件"):
        TrainingSession.from_paths()
    with pytest.raises(InputError, match="没有可练习的评价文件"):
        TrainingSession.from_paths([tmp_path / "nowhere.toml"])
    with pytest.raises(InputError, match="没有可以计分的行"):
        TrainingSession([("空", Evaluation())])


def test_the_seed_sheet_serves_when_no_fixtures_were_written(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    sheet_only = tmp_path / "seed"
    sheet_only.mkdir()
    (sheet_only / SEED_SHEET.name).write_bytes(SEED_SHEET.read_bytes())
    monkeypatch.setenv("JIXIAO_SEED", str(sheet_only))
    session = TrainingSession.from_paths()
    assert len(session.forms) == 37
    first = session.items[:3]
    assert [item.expected for item in first] == [Decimal("9.80"), Decimal("16.67"), Decimal("5")]
    judged = [item for item in session.items if item.band is not None]
    assert judged and all(item.band[0] <= item.band[1] for item in judged)


def test_training_takes_workbooks_and_finds_forms_as_check_does():
    from pathlib import Path

    from domain.interview.training import TrainingSession

    books = Path(__file__).parent.parent / "fixtures" / "workbooks"
    session = TrainingSession.from_paths([str(books / "central-2022.xlsx")])
    assert len(session.forms) == 2 and session.items
    assert all(label.startswith(str(books / "central-2022.xlsx")) for label, _ in session.forms)

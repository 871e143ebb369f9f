"""Training without a screen: walk mode counts what was shown and skipping just moves on, an empty answer asks
for a score, and the intro names the keys it is given."""

from __future__ import annotations

from decimal import Decimal

from domain.interview.controller import EventKind
from domain.interview.training import TrainingSession
from domain.record.models import Evaluation, FundsRow, Header, IndicatorRow


def _form() -> Evaluation:
    form = Evaluation(header=Header(project_name="练习项目", department="练习局"))
    form.funds.total = FundsRow(initial_budget=Decimal(360000), annual_budget=Decimal(360000), executed=Decimal(351000))
    form.indicators = [
        IndicatorRow(level2="数量指标", name="硬件配置完成", target_text="90%", actual_text="75%", weight=Decimal(20)),
        IndicatorRow(
            level2="满意度指标", name="使用人员满意度", target_text="满意", actual_text="基本满意", weight=Decimal(16)
        ),
    ]
    return form


def texts(events, kind) -> list[str]:
    return [event.text for event in events if event.kind is kind]


def test_walk_mode_counts_what_was_shown_and_skipping_just_moves_on():
    session = TrainingSession([("练习", _form())], walk=True)
    session.start()
    events = session.skip()
    assert not any("已跳过" in event.text for event in events)
    assert len(texts(events, EventKind.EXPLANATION)) == 1 and "16.67" in texts(events, EventKind.EXPLANATION)[0]
    events = session.answer("")
    assert texts(events, EventKind.HINT) == ["这一行需要评定：由评价人在 9.6–12.8 分之间评定。"]
    assert session.answer("q")[-1].text == "讲解结束：看过 3 / 3 行。"
    assert session.tally.skipped == 0


def test_an_empty_training_answer_asks_for_a_score():
    session = TrainingSession([("练习", _form())])
    session.start()
    events = session.answer("  ")
    assert events[0].kind is EventKind.ERROR and events[0].text == "请输入得分。"
    assert session.current.id == "train.0.budget" and session.tally.seen == 0


def test_the_training_intro_names_the_keys_it_is_given():
    session = TrainingSession([("练习", _form())], keys="ctrl+n 跳过，ctrl+e 结束。")
    assert session.start()[0].text.endswith("请自己算出每一行的得分。ctrl+n 跳过，ctrl+e 结束。")
    plain = TrainingSession([("练习", _form())])
    assert plain.start()[0].text.endswith("输入 s 跳过，q 结束。")
    walk = TrainingSession([("练习", _form())], walk=True, keys="ctrl+e 结束")
    assert walk.start()[-1].text == "回车看下一行（ctrl+e 结束）"

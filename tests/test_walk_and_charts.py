"""Walk mode for a trainer (totals with their sums, numbering as shown, back / next / go to form) and the
numbers behind the charts (row bars, 一级 shares) with their cell-aligned drawing."""

from __future__ import annotations

from decimal import Decimal

from helpers import SEED_01

from domain.interview import walk
from domain.interview.training import TrainingSession
from domain.record.storage import load_evaluation
from domain.scoring.breakdown import level_shares, row_bars
from domain.scoring.indicators import score_with_catalogue
from domain.scoring.profile import builtin_profile
from domain.scoring.rules import RowStatus
from tui.cells import cell_width
from tui.widgets.charts import row_chart, share_chart


def _scored():
    scored, _ = score_with_catalogue(load_evaluation(SEED_01), builtin_profile())
    return scored


def test_walk_numbers_shown_rows_without_gaps_and_ends_each_form_with_its_sum() -> None:
    session = TrainingSession.from_paths([SEED_01], walk=True)
    texts = [event.text for event in session.start()]
    for _ in range(6):
        texts += [event.text for event in session.answer("")]
    rows = [text for text in texts if text.startswith("第 ") and " 行 " in text]
    assert [text.split(" ")[1] for text in rows] == ["1", "2", "3", "4", "5", "6"]  # form rows 6 and 8 follow 4
    events = session.answer("")
    total = next(event for event in events if "合计" in event.text)
    # 9.80 budget + 16.67 + 5.00 + 17.50 + 3.33 + 15.00 + 21.88, the form's own 89.18
    assert total.text == "第 1 份表合计：9.80 + 16.67 + 5.00 + 17.50 + 3.33 + 15.00 + 21.88 = 89.18 分（良）"
    assert session.done


def test_walk_steps_back_and_goes_to_a_form_by_number_or_name() -> None:
    session = TrainingSession.from_paths(None, walk=True)
    session.start()
    session.answer("")
    assert session.position == 1
    walk.back(session)
    assert session.position == 0
    events = walk.go_to_form(session, "3")
    assert session.items[session.position].form == 2 and session.items[session.position].row is None
    assert events[0].text.startswith("第 3 份：")
    walk.go_to_form(session, "档案整理")
    assert session.items[session.position].form == 1
    events = walk.go_to_form(session, "999")
    assert events[0].text == "没有这份表：999" and session.items[session.position].form == 1


def test_row_bars_and_level_shares_are_the_forms_numbers() -> None:
    scored = _scored()
    bars = row_bars(scored, "预算执行率")
    assert [bar.number for bar in bars] == [0, 1, 2, 3, 4, 6, 8]  # rows 5 and 7 are unused placeholders
    assert [(bar.weight, bar.score) for bar in bars][:2] == [
        (Decimal(10), Decimal("9.80")),
        (Decimal(20), Decimal("16.67")),
    ]
    assert bars[1].lost == Decimal("3.33")
    shares = {share.label: share for share in level_shares(scored, "预算执行率")}
    assert list(shares) == ["预算执行率", "产出指标", "效益指标", "满意度指标"]
    assert shares["产出指标"].score == Decimal("42.50")  # 16.67 + 5 + 17.50 + 3.33
    assert shares["产出指标"].share == Decimal("47.66")  # 42.50 ÷ 89.18
    assert sum(share.score for share in shares.values()) == Decimal("89.18")
    assert [index + 1 for index, result in enumerate(scored.rows) if result.status is RowStatus.UNUSED] == [5, 7]


def test_charts_line_up_by_cell_width() -> None:
    scored = _scored()
    for width in (40, 76, 116):
        lines = row_chart(scored, width).plain.splitlines()[1:]
        assert len({cell_width(line) for line in lines}) == 1, lines  # every line the same width in cells
        assert max(cell_width(line) for line in lines) <= width
        bar_starts = {cell_width(line[: line.index("█")]) for line in lines if "█" in line}
        assert len(bar_starts) == 1  # the bars start in one column whatever the Chinese labels
        lines = share_chart(scored, width).plain.splitlines()[1:]
        assert len({cell_width(line[: line.index("█")]) for line in lines if "█" in line}) == 1
        assert len({cell_width(line[: line.index("/")]) for line in lines}) == 1  # figures in one column too


def test_plain_walk_steps_back_and_goes_to_a_form() -> None:
    import io

    from tui.plain import run_plain

    class Args:
        plain = True
        path = None
        walk = True

    stdout = io.StringIO()
    run_plain("train", Args(), stdin=io.StringIO("\n\n:b\n:g 3\n:q\n"), stdout=stdout)  # type: ignore[arg-type]
    shown = [line for line in stdout.getvalue().splitlines() if line.startswith("第 ")]
    assert [line.split("：")[0] for line in shown] == [
        "第 1 份",
        "第 1 行 数量指标 · 硬件配置完成",
        "第 2 行 质量指标 · 设备故障率",
        "第 1 份",
        "第 1 行 数量指标 · 硬件配置完成",
        "第 3 份",
    ]

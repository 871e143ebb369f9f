"""The what-if calculator: results on every change, moving between fields, the catalogue's direction and
completion, labels that fit, field checks, and what-ifs from the review applied only when confirmed."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path

from helpers import HEADER_AND_FUNDS, SIZE, TO_REVIEW, session_at, settle, settle_twice
from textual.widgets import Input, Label, Select

from domain.interview.session import EditSession
from domain.interview.whatif import RowStart, Tried, WhatIf
from domain.record.models import Direction
from tui.app import JixiaoApp
from tui.cells import cell_width
from tui.screens.whatif import CatalogueSuggester, WhatIfScreen, label_cells

# --- the calculator on its own --------------------------------------------------------------------------------


async def test_whatif_calculator_updates_on_every_change():
    app = JixiaoApp("whatif")
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, WhatIfScreen)
        await pilot.press("down", "2", "0", "down", *">=90%", "down", *"75%")  # focus starts on the name
        result = str(app.screen.query_one("#whatif-result").render())
        assert "得分 16.67（分值 20，扣 3.33 分）" in result
        await pilot.press("backspace", "backspace", "backspace", *"95%")
        assert "得分 20" in str(app.screen.query_one("#whatif-result").render())


async def test_whatif_starts_on_the_name_and_checks_each_field_as_it_is_left() -> None:
    from textual.widgets import Input

    app = JixiaoApp("whatif")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "wi-name"
        await pilot.press(*"sbgzl")
        assert app.screen.query_one("#wi-name", Input).value == "sbgzl"
        assert app.screen.query_one("#wi-weight", Input).value == ""
        await pilot.press("down", *"abc", "down")  # 分值 "abc", then leave it
        await pilot.pause()
        weight = app.screen.query_one("#wi-weight", Input)
        assert weight.has_class("wi-problem")
        problem = str(app.screen.query_one("#whatif-field-problem").render())
        assert problem and "abc" in problem or "分值" in problem
        await pilot.press("up")
        await pilot.press("end", "backspace", "backspace", "backspace", *"20", "down")
        await pilot.pause()
        assert not weight.has_class("wi-problem")
        assert str(app.screen.query_one("#whatif-field-problem").render()) == ""


async def test_up_and_down_move_between_fields_and_the_direction_list_opens_with_enter():
    app = JixiaoApp("whatif")
    async with app.run_test(size=SIZE) as pilot:
        await settle_twice(app, pilot)
        screen = app.screen
        assert isinstance(screen, WhatIfScreen) and screen.focused.id == "wi-name"  # the name comes first
        await pilot.press("down")
        assert screen.focused.id == "wi-weight"
        await pilot.press("up")
        assert screen.focused.id == "wi-name"
        await pilot.press("down", "down", "down", "down")
        direction = screen.query_one("#wi-direction", Select)
        assert screen.focused is direction and not direction.expanded
        await pilot.press("down")
        assert screen.focused.id == "wi-judged" and not direction.expanded
        await pilot.press("up", "enter")
        assert direction.expanded
        await pilot.press("down", "down", "enter")  # inside the open list, down picks the next direction
        assert not direction.expanded and direction.value == "reverse"
        assert screen.focused is direction
        assert "tab / shift+tab" in screen.help_text()[1]


async def test_the_indicator_name_gives_the_catalogue_direction():
    app = JixiaoApp("whatif")
    async with app.run_test(size=SIZE) as pilot:
        await settle_twice(app, pilot)
        screen = app.screen
        for name, value in (("weight", "10"), ("target", "节约5%以内"), ("actual", "8%")):
            screen.query_one(f"#wi-{name}", Input).value = value
        await pilot.pause()
        result = str(screen.query_one("#whatif-result").render())
        assert "得分 4.00（分值 10，扣 6.00 分）" in result  # no name: the wording alone says reverse
        assert "没填指标名称" in str(screen.query_one("#wi-name-status").render())
        screen.query_one("#wi-name", Input).value = "经费节约率"
        await pilot.pause()
        result = str(screen.query_one("#whatif-result").render())
        assert "得分待评定（0–10 分，分值 10）" in result  # as the form and `jixiao whatif --indicator` say
        assert "指标库中该指标为正向" in result.replace("\n", "")
        assert "按指标库中的“经费节约率”判断方向" in str(screen.query_one("#wi-name-status").render())
        screen.query_one("#wi-name", Input).value = "没有这个指标的名字"
        await pilot.pause()
        assert "指标库中找不到" in str(screen.query_one("#wi-name-status").render())


async def test_without_a_name_the_note_says_no_name_was_given():
    app = JixiaoApp("whatif")
    async with app.run_test(size=SIZE) as pilot:
        await settle_twice(app, pilot)
        screen = app.screen
        for name, value in (("weight", "20"), ("target", "90%"), ("actual", "75%")):
            screen.query_one(f"#wi-{name}", Input).value = value
        await pilot.pause()
        result = str(screen.query_one("#whatif-result").render()).replace("\n", "")
        assert "也没有填指标名称：请填写指标名称，或在“方向”中选择" in result
        assert "得分待评定" in result  # never full marks by assumption: the direction is asked for
        assert "指标库和指标名称也定不了方向" not in result


async def test_from_a_row_the_name_is_the_rows_and_fixed():
    start = RowStart(0, "经费节约率", Tried("10", "节约5%以内", "8%"), None, Decimal(80))
    baseline = WhatIf(start=start, catalogue_direction=Direction.POSITIVE)
    app = JixiaoApp("whatif")
    async with app.run_test(size=SIZE) as pilot:
        await settle_twice(app, pilot)
        app.push_screen(WhatIfScreen(baseline))
        await settle_twice(app, pilot)
        screen = app.screen
        assert not screen.query("#wi-name")
        assert str(screen.query_one("#wi-name-fixed").render()) == "经费节约率"
        assert "得分待评定" in str(screen.query_one("#whatif-result").render())
        await pilot.press("up")  # the fixed name is not a field to stop on
        assert screen.focused.id != "wi-name-fixed"


def test_catalogue_completion_of_a_name():
    from domain.catalogue.matching import default_matcher

    suggester = CatalogueSuggester()
    assert asyncio.run(suggester.get_suggestion("经费节")) is None  # quiet until the catalogue is loaded
    suggester.matcher = default_matcher()
    assert asyncio.run(suggester.get_suggestion("经费节")) == "经费节约率"
    assert asyncio.run(suggester.get_suggestion("经费节约率")) is None
    assert asyncio.run(suggester.get_suggestion("")) is None


async def test_every_label_fits_its_column():
    assert label_cells() >= cell_width("分值（默认 10）") == 15
    app = JixiaoApp("whatif")
    async with app.run_test(size=SIZE) as pilot:
        await settle_twice(app, pilot)
        for _ in range(2):  # the indicator fields, then the budget fields
            labels = [label for label in app.screen.query(Label) if label.display and str(label.render())]
            assert labels
            for label in labels:
                assert label.region.width >= cell_width(str(label.render())), str(label.render())
            await pilot.press("ctrl+t")
            await pilot.pause()


# --- from the review ------------------------------------------------------------------------------------------


async def test_whatif_from_review_changes_the_form_only_when_confirmed(tmp_path):
    from tui.screens.review import ReviewScreen

    session = session_at(TO_REVIEW, tmp_path / "drafts", until="review.save")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        row = session.interview.evaluation.indicators[0]
        await pilot.press("w", "down", "down", "ctrl+e", "backspace", "backspace", "backspace", *"85%")
        assert "27.89" in str(app.screen.query_one("#whatif-result").render())
        await pilot.press("ctrl+b")  # leave without applying
        assert row.actual_text == "75%"
        await pilot.press("w", "down", "down", "ctrl+e", "backspace", "backspace", "backspace", *"85%", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert session.interview.evaluation.indicators[0].actual_text == "85%"
        assert session.interview.scored().total == Decimal("27.89")


def qualitative_session(drafts: Path) -> EditSession:
    session = session_at(
        {
            **HEADER_AND_FUNDS,
            "indicators[0].level1": "满意度指标",
            "indicators[0].name": "群众满意度",
            "indicators[0].target_text": "满意",
            "indicators[0].actual_text": "满意",
            "indicators[0].weight": "10",
            "loop.more": "y",
            "indicators[1].name": "硬件配置完成率",
            "indicators[1].target_text": "90%",
            "indicators[1].actual_text": "90%",
            "indicators[1].weight": "80",
        },
        drafts,
        until=("loop.more", 2),
    )
    assert session.interview.current.id == "loop.more"
    session.interview.answer("")
    assert session.interview.current.id == "review.save"
    return session


async def test_a_what_if_judged_score_is_applied_or_reported_never_dropped(tmp_path):
    from domain.interview.whatif import Tried, WhatIf
    from tui.screens.review import ReviewScreen

    session = qualitative_session(tmp_path / "drafts")
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        review.apply_whatif(WhatIf.for_row(session.interview, 0), Tried("10", "满意", "满意", "", "9"))
        await settle(app, pilot)
        rows = session.interview.evaluation.indicators
        assert rows[0].judged_score == Decimal(9) and session.interview.row_result(0).score == Decimal(9)
        review.apply_whatif(
            WhatIf.for_row(session.interview, 1), Tried("80", "90%", "90%", "", "70")
        )  # a formula row takes no judged score
        await settle(app, pilot)
        assert rows[1].judged_score is None
        messages = [notification.message for notification in app._notifications]
        assert messages == ["第 1 行已按试算的值修改。", "第 2 行的“评定得分”没有改成试算的值。"]
        assert session.interview.current.id == "review.save"  # applying moved nothing


async def test_the_calculator_scores_by_the_profile_the_command_line_names():
    from tui.options import AppOptions

    for profile, expected in (("ratio-reverse", "7.69"), (None, "7.00")):  # 10 × 10 ÷ 13; 10 × (1 − 3 ÷ 10)
        app = JixiaoApp("whatif", AppOptions(profile=profile))
        async with app.run_test(size=SIZE) as pilot:
            await settle_twice(app, pilot)
            screen = app.screen
            for name, value in (("weight", "10"), ("target", "≤10%"), ("actual", "13%")):
                screen.query_one(f"#wi-{name}", Input).value = value
            await pilot.pause()
            result = str(screen.query_one("#whatif-result").render())
            assert result.splitlines()[0].startswith(f"得分 {expected}"), result


async def test_a_tab_in_the_same_read_as_the_text_before_it_moves_on() -> None:
    """Keys that arrive in one read (the browser, a fast typist over SSH) are queued before any is handled: the
    Tab still moves to the next field before the text after it; a paste of tab-separated cells fills the
    fields in turn."""
    from textual import events

    app = JixiaoApp("whatif")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down")  # 分值
        for char in "20\t>=90%\t75%":
            key = {"\t": "tab", "%": "percent_sign", ">": "greater_than_sign", "=": "equals_sign"}.get(char, char)
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        values = [app.screen.query_one(f"#wi-{name}", Input).value for name in ("weight", "target", "actual")]
        assert values == ["20", ">=90%", "75%"]
        assert "得分 16.67" in str(app.screen.query_one("#whatif-result").render())
        await pilot.press("up", "up")
        weight = app.screen.query_one("#wi-weight", Input)
        assert app.focused is weight
        weight.value = ""
        weight.post_message(events.Paste("30\t≥80%\t70%"))
        await pilot.pause()
        values = [app.screen.query_one(f"#wi-{name}", Input).value for name in ("weight", "target", "actual")]
        assert values == ["30", "≥80%", "70%"]
        assert app.focused is not None and app.focused.id == "wi-actual"

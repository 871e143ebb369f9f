"""Regression tests for the faults that lived at the seams of the interview: results aligned with the rows,
the what-if scoring by the form's own profile, and one way of finding an opened form's draft."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import DataTable

from domain.interview.controller import Interview
from domain.interview.drafts import DraftStore
from domain.interview.session import EditSession, drafts_of
from domain.interview.whatif import Tried, WhatIf
from domain.record.models import Evaluation, Funds, FundsRow, Header, IndicatorRow
from domain.record.storage import save_evaluation
from domain.scoring.profile import builtin_profile
from tui.app import AppOptions, JixiaoApp
from tui.screens.dialogs import ChoiceDialog
from tui.screens.review import ReviewScreen
from tui.widgets.side_panel import form_lines


def _form(profile: str = "default", first_row_blank: bool = True) -> Evaluation:
    first = (
        IndicatorRow(level1="产出指标", level2="数量指标", name="档案整理数量")
        if first_row_blank
        else IndicatorRow(
            level1="产出指标",
            level2="质量指标",
            name="设备故障率",
            target_text="≤10%",
            actual_text="13%",
            weight=Decimal(10),
        )
    )
    return Evaluation(
        profile=profile,
        header=Header(project_name="对齐测试"),
        funds=Funds(
            total=FundsRow(initial_budget=Decimal(100), annual_budget=Decimal(100), executed=Decimal(100)),
            weight=Decimal(10),
        ),
        indicators=[
            first,
            IndicatorRow(
                level1="产出指标",
                level2="质量指标",
                name="硬件配置完成率",
                target_text="90%",
                actual_text="75%",
                weight=Decimal(20),
            ),
        ],
    )


def test_row_results_are_aligned_with_the_rows():
    interview = Interview(_form())
    results = interview.row_results()
    assert len(results) == 2 and results[0] is None
    assert results[1] is not None and results[1].score == Decimal("16.67")  # 20 × 75 ÷ 90
    assert [result.score for result in interview.scored().rows] == [Decimal("16.67")]


def test_the_side_panel_puts_each_score_on_its_own_row():
    lines, _ = form_lines(Interview(_form()), None)
    text = [str(line) for line in lines]
    first = next(line for line in text if "档案整理数量" in line)
    second = next(line for line in text if "硬件配置完成率" in line)
    assert "16.67" not in first and first.rstrip().endswith("—/0")
    assert second.rstrip().endswith("16.67/20")


async def test_the_review_shows_no_score_against_a_row_without_values(tmp_path):
    session = EditSession(Interview(_form()), DraftStore(tmp_path / "drafts"))
    app = JixiaoApp("new", session=session)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.push_screen(ReviewScreen(session))
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        scores = [str(table.get_row_at(index)[-1]) for index in range(table.row_count)]
        assert scores == ["", "16.67"]


def test_a_what_if_from_a_row_scores_by_the_forms_profile():
    interview = Interview(_form("ratio-reverse", first_row_blank=False))
    assert interview.profile.name == "ratio-reverse"
    whatif = WhatIf.for_row(interview, 0)
    preview = whatif.preview(whatif.start.values if whatif.start else Tried("", "", ""))
    assert preview.result.score == Decimal("7.69")  # 10 × 10% ÷ 13%, the ratio convention
    assert preview.total_change == 0
    default = WhatIf(builtin_profile()).preview(Tried("10", "≤10%", "13%"))
    assert default.result.score == Decimal("7.00")  # 10 × (1 − 3 ÷ 10), the linear convention


def test_edit_with_out_offers_the_draft_in_both_renderers(tmp_path):
    source, out = tmp_path / "a.toml", tmp_path / "b.toml"
    save_evaluation(_form(first_row_blank=False), source)
    store = DraftStore(tmp_path / "drafts")
    session = EditSession.open(source, store, out)
    session.start()
    session.interview.answer("改过的名称")
    assert [info.target for info in drafts_of(store, source, out)] == [out]
    assert drafts_of(store, source) == []  # saved elsewhere: not a draft of a.toml itself


async def test_the_full_screen_app_offers_the_draft_of_edit_with_out(tmp_path):
    source, out = tmp_path / "a.toml", tmp_path / "b.toml"
    save_evaluation(_form(first_row_blank=False), source)
    drafts = tmp_path / "drafts"
    session = EditSession.open(source, DraftStore(drafts), out)
    session.start()
    session.interview.answer("改过的名称")
    app = JixiaoApp("edit", AppOptions(drafts=str(drafts), file=str(source), out=str(out)))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)


def test_an_untouched_form_keeps_the_two_places_of_its_total(tmp_path):
    from domain.record.storage import to_toml

    seed = sorted((Path(__file__).parent.parent / "fixtures" / "seed").glob("06-*.toml"))[0]
    session = EditSession.open(seed, DraftStore(tmp_path / "drafts"))
    written = session.interview.finished_evaluation()
    assert "declared_total = 90.00\n" in to_toml(written)


def test_nothing_spent_still_gives_a_total_to_two_places():
    form = _form(first_row_blank=False)
    form.funds.total.executed = Decimal(0)
    interview = Interview(form)
    total = interview.finished_evaluation().declared_total
    assert total is not None and total.as_tuple().exponent == -2


def test_a_rows_what_if_keeps_the_rows_direction_whatever_name_is_typed():
    from domain.catalogue.matching import default_matcher
    from domain.record.models import Direction

    interview = Interview(_form(first_row_blank=False))
    whatif = WhatIf.for_row(interview, 0)
    before = whatif.catalogue_direction
    assert before is Direction.REVERSE  # 设备故障率: lower is better
    whatif.name("硬件配置完成率", default_matcher())
    assert whatif.catalogue_direction is before


_STEPS = st.lists(
    st.tuples(
        st.sampled_from(["answer"] * 6 + ["back", "undo", "jump", "remove"]),
        st.sampled_from(
            [
                "",
                "1",
                "2",
                "y",
                "n",
                "*",
                "90%",
                "≤10%",
                "满意",
                "10",
                "20",
                "100",
                "设备故障率",
                "sbgzl",
                "36万",
                "abc",
            ]
        ),
    ),
    max_size=50,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_STEPS)
def test_the_field_list_is_never_stale_and_a_draft_restores_the_same_conversation(steps):
    from domain.interview.questions import build_specs

    interview = Interview()
    interview.start()
    for move, text in steps:
        if move == "answer":
            interview.answer(text)
        elif move == "back":
            interview.back()
        elif move == "undo":
            interview.undo()
        elif move == "remove":
            interview.remove_row()
        else:
            states = interview.fields()
            interview.jump(states[len(text) % len(states)].spec.id)
        fresh = [spec.id for spec in build_specs(interview.form)]
        assert [state.spec.id for state in interview.fields()] == fresh
        restored = Interview.restore(interview.evaluation.model_copy(deep=True), interview.state())
        assert [(s.spec.id, s.answered, s.answer) for s in restored.fields()] == [
            (s.spec.id, s.answered, s.answer) for s in interview.fields()
        ]

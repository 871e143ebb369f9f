"""The training screen: practice by keys with its tally and summary, walk mode's keys and chart, the keymap's
keys named, and the tally folding away on a narrow screen."""

from __future__ import annotations

from helpers import SEED, SEED_01, SIZE, key_bar, settle, settle_twice, transcript_prose, write_keymap

from tui.app import AppOptions, JixiaoApp
from tui.screens.training import TrainingScreen
from tui.widgets.input_line import InputLine
from tui.widgets.transcript import Transcript


async def test_training_by_keys_tallies_and_sums_up():
    from tui.screens.training import TrainingScreen

    form = sorted(SEED.glob("*.toml"))[0]
    app = JixiaoApp("train", AppOptions(train_path=str(form)))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, TrainingScreen)
        await pilot.press(*"9.8", "enter")  # the budget row: 10 × 0.98
        await pilot.press(*"20", "enter")  # row 1 is 16.67
        await pilot.press("ctrl+n")  # row 2 skipped
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        session = app.screen.session
        assert (session.tally.correct, session.tally.wrong, session.tally.skipped) == (1, 1, 1)
        assert session.done
        prose = transcript_prose(app).replace(" ", "")  # wrapping may fall on a space
        assert "›9.8·正确：9.80分。" in prose
        assert "›20!不对：您答20分，正确得分是16.67分。" in prose
        assert "·已跳过：正确得分是5.00。" in prose
        assert prose.endswith("✓练习结束：答对1/2题，跳过1题，正确率50%。")
        tally = str(app.screen.query_one("#training-tally").render())
        assert "答对 1" in tally and "答错 1" in tally and "跳过 1" in tally
        assert "练习结束" in str(app.screen.query_one(InputLine).query_one("#prompt").render())


async def test_walk_mode_on_screen_offers_only_the_keys_that_work(tmp_path):
    app = JixiaoApp("train", AppOptions(train_path=str(min(SEED.glob("*.toml"))), walk=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle_twice(app, pilot)
        screen = app.screen
        assert isinstance(screen, TrainingScreen)
        bar = key_bar(app)
        assert "^e 结束" in bar and "跳过" not in bar
        assert "第 1 / 7 行" in str(screen.query_one("#training-tally").render())
        assert "ctrl+e 结束" in str(screen.query_one(InputLine).query_one("#prompt").render())
        await pilot.press("ctrl+n")  # in walk mode: the next row
        assert screen.session.position == 1
        await pilot.press("enter", "ctrl+e")
        await pilot.pause()
        assert screen.session.done and screen.session.tally.seen == 3
        bar = key_bar(app)
        assert "结束" not in bar and "跳过" not in bar
        assert "讲解结束" in str(screen.query_one(InputLine).query_one("#prompt").render())


async def test_practice_on_screen_names_the_keymaps_keys(tmp_path):
    write_keymap(tmp_path, '[keys]\n"training.skip" = "ctrl+k"\n')
    app = JixiaoApp("train", AppOptions(train_path=str(min(SEED.glob("*.toml")))))
    async with app.run_test(size=SIZE) as pilot:
        await settle_twice(app, pilot)
        screen = app.screen
        intro = screen.session.start()[0].text
        assert intro.endswith("ctrl+k 跳过，ctrl+e 结束。")
        assert "ctrl+k 跳过一行，ctrl+e 结束并看汇总" in screen.help_text()[1]
        assert "输入 s" not in intro


async def test_walk_screen_keys_back_next_goto_and_the_chart() -> None:
    app = JixiaoApp("train", AppOptions(train_path=str(SEED_01), walk=True))
    async with app.run_test(size=(100, 40)) as pilot:
        for _ in range(200):  # the forms load in a worker after the first paint
            await app.workers.wait_for_complete()
            await pilot.pause(0.02)
            if isinstance(app.screen, TrainingScreen) and app.screen.session is not None:
                break
        screen = app.screen
        assert isinstance(screen, TrainingScreen)
        await pilot.press("ctrl+n", "right")
        assert screen.session.position == 2
        await pilot.press("left")
        assert screen.session.position == 1
        for _ in range(6):
            await pilot.press("enter")
        await pilot.pause()
        text = "\n".join(line.text for line in screen.query_one(Transcript).lines)
        assert "89.18 分（良）" in text and "各行得分" in text and "各一级指标占总分" in text
        await pilot.press("ctrl+g")
        await pilot.press("1", "enter")
        await pilot.pause()
        assert screen.session.position == 0 and not screen.session.done


async def test_the_training_tally_folds_away_on_a_narrow_screen() -> None:
    from textual.widgets import Static

    app = JixiaoApp("train", AppOptions(train_path=str(SEED_01), walk=True))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        tally = app.screen.query_one("#training-tally", Static)
        assert not tally.display
        await pilot.press("f2")
        assert tally.display
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert tally.display


async def test_the_walk_column_holds_the_forms_tally_and_the_rows_formula_in_english(monkeypatch) -> None:
    """At a projector's size the walk's column shows the rows so far with their scores, the points counted
    and the current row's formula; English counts say “1 row seen”, “1 form”."""
    from domain.messages.lookup import current_locale, set_locale
    from tui.screens.training import TrainingScreen

    seed = SEED_01
    previous = current_locale()
    set_locale("en")
    try:
        app = JixiaoApp("train", AppOptions(train_path=str(seed), walk=True))
        async with app.run_test(size=(200, 50)) as pilot:
            await settle_twice(app, pilot)
            assert isinstance(app.screen, TrainingScreen)
            tally = str(app.screen.query_one("#training-tally").render())
            assert "1 row seen" in tally and "1 rows" not in tally
            assert "Budget execution" in tally and "9.80/10" in tally
            assert "0.98" in tally  # the budget row's working
            await pilot.press("enter")
            await settle(app, pilot)
            tally = str(app.screen.query_one("#training-tally").render())
            assert "2 rows seen" in tally and "16.67/20" in tally and "Counted 26.47 of 30 points" in tally
            assert "20 × 75% ÷ 90% = 16.67" in tally
            text = "\n".join(line.text for line in app.screen.query_one("#training-transcript").lines)
            assert "1 form," in text and "1 forms" not in text
    finally:
        set_locale(previous)

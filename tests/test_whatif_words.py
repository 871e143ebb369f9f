"""`jixiao whatif` reads a 分值 written with its 分 and names the side that has no unit."""

from __future__ import annotations


def test_whatif_takes_a_weight_in_points_and_names_a_bare_unit(capsys) -> None:
    from tui.cli import run

    assert run(["whatif", "--weight", "20分", "--target", "90%", "--actual", "75%", "--direction", "positive"]) == 0
    assert "得分 16.67（分值 20，扣 3.33 分）" in capsys.readouterr().out
    run(["whatif", "--weight", "20", "--target", "90", "--actual", "75%", "--direction", "positive"])
    out = capsys.readouterr().out
    assert "“”" not in out and "指标值“90”没有单位，实际完成值的单位是“%”" in out


def test_words_against_words_are_judged_without_asking_the_direction(capsys) -> None:
    """有效保障 against 基本保障 cannot be put in a formula either way: judged in 0–10, the direction irrelevant."""
    from tui.cli import run

    assert run(["whatif", "--weight", "10", "--target", "有效保障", "--actual", "基本保障"]) == 0
    out = capsys.readouterr().out
    assert "得分待评定（0–10 分，分值 10）" in out and "方向不影响结果" in out

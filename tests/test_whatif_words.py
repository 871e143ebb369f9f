"""`jixiao whatif` reads a 分值 written with its 分 and names the side that has no unit."""

from __future__ import annotations


def test_whatif_takes_a_weight_in_points_and_names_a_bare_unit(capsys) -> None:
    from tui.cli import run

    assert run(["whatif", "--weight", "20分", "--target", "90%", "--actual", "75%", "--direction", "positive"]) == 0
    assert "得分 16.67（分值 20，扣 3.33 分）" in capsys.readouterr().out
    run(["whatif", "--weight", "20", "--target", "90", "--actual", "75%", "--direction", "positive"])
    out = capsys.readouterr().out
    assert "“”" not in out and "指标值“90”没有单位，实际完成值的单位是“%”" in out

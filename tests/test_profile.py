"""Rule profiles: shipped ones, user files inheriting the default, and plain errors."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from domain.errors import InputError
from domain.scoring.conventions import execution_cap
from domain.scoring.profile import (
    Profile,
    ReverseConvention,
    Rounding,
    builtin_profile,
    builtin_profile_names,
    load_profile,
    profile_from_toml,
)


def test_shipped_profiles():
    assert builtin_profile_names() == ["beijing-2016", "default", "hubei", "hubei-2020", "ratio-reverse"]
    default = builtin_profile()
    assert default.reverse_convention is ReverseConvention.LINEAR
    assert default.round_rate and default.rate_decimals == 2
    assert default.level1_weights == {"产出指标": D(50), "效益指标": D(30), "满意度指标": D(10)}


def test_a_locality_file_overrides_only_what_it_names(tmp_path: Path):
    path = tmp_path / "local.toml"
    path.write_text('name = "local"\nscore_decimals = 1\n[bands]\npartial = [0.5, 0.8]\n', encoding="utf-8")
    profile = load_profile(str(path), allow_path=True)
    assert profile.name == "local"
    assert profile.score_decimals == 1
    assert profile.bands.partial == (D("0.5"), D("0.8"))
    assert profile.bands.achieved == (D("0.8"), D("1.0"))  # inherited
    assert profile.budget_weight == D(10)


def test_bad_profile_files(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text('reverse_convention = "sideways"\nscore_decimals = 9\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_profile(str(bad), allow_path=True)
    assert len(caught.value.message.splitlines()) == 2
    with pytest.raises(InputError, match="没有名为"):
        load_profile("atlantis")
    with pytest.raises(InputError, match="找不到规则文件"):
        load_profile(str(tmp_path / "missing.toml"), allow_path=True)


def test_the_default_profile_is_default_toml_and_the_declaration_alike():
    from domain.scoring.conventions import PROFILE_DIR

    assert profile_from_toml(PROFILE_DIR / "default.toml") == Profile() == builtin_profile()


def test_every_problem_of_a_profile_file_is_named_with_its_key(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'reverse_convention = "sideways"\nscore_decimals = 9\nround_rate = "yes"\nfoo = 1\n'
        "overachievement_ratio = 1\nexecution_caps = [[0.8, 189], [0.5]]\n"
        '[bands]\npartial = [0.9, 0.1]\n[grades]\n"优" = "九十"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_profile(str(bad), allow_path=True)
    lines = caught.value.message.splitlines()
    assert [line.split("：", 1)[1] for line in lines] == [
        "reverse_convention 应为以下之一：linear、ratio",
        "score_decimals 不能大于 4",
        "round_rate 应为 true 或 false",
        "foo 不认识的键",
        "overachievement_ratio 应大于 1",
        "execution_caps[1][2] 不能大于 100",
        "execution_caps[2] 应为两个数字组成的列表，如 [0.6, 0.8]",
        "bands.partial 区间下限不能大于上限",
        "grades.优 应为数字",
    ]
    assert all(line.startswith(f"{bad}：") for line in lines)


def test_a_shipped_profile_read_by_name_is_checked_as_a_file_is():
    profile = builtin_profile("ratio-reverse")
    assert (profile.reverse_convention, profile.round_rate, profile.rounding) == (
        ReverseConvention.RATIO,
        False,
        Rounding.HALF_UP,
    )
    assert profile.replace(score_decimals=1) != profile and profile.replace(score_decimals=1).score_decimals == 1


def test_hubei_2020_is_budget_20_ratio_reverse_and_bands_80_50():
    profile = builtin_profile("hubei-2020")
    assert profile.budget_weight == D(20) and profile.reverse_convention is ReverseConvention.RATIO
    assert profile.bands.partial == (D("0.5"), D("0.8")) and profile.bands.not_achieved == (D("0.0"), D("0.5"))


def test_platform_options_are_off_by_default_and_can_be_named(tmp_path: Path):
    default = builtin_profile()
    assert default.deviation_deduction == 0 and not default.deviation_needs_reason and default.execution_caps == []
    path = tmp_path / "platform.toml"
    path.write_text(
        'name = "platform"\ndeviation_deduction = 2\ndeviation_needs_reason = true\n'
        "execution_caps = [[0.8, 89], [0.7, 79], [0.6, 69], [0.5, 59]]\n",
        encoding="utf-8",
    )
    profile = load_profile(str(path), allow_path=True)
    assert profile.deviation_deduction == D(2) and profile.deviation_ratio == D("1.3")
    # 75% → at most 89; 65% → 79; 55% → 69; 45% → 59; 80% is not below 80%
    caps = profile.execution_caps
    assert [execution_cap(caps, D(rate)) for rate in ("0.75", "0.65", "0.55", "0.45", "0.8")] == [
        D(89),
        D(79),
        D(69),
        D(59),
        None,
    ]


def test_a_bad_profile_file_given_to_whatif_is_refused_with_its_keys(tmp_path: Path, capsys):
    from tui.cli import run

    bad = tmp_path / "bad.toml"
    bad.write_text('score_decimals = 9\nrounding = "up"\n', encoding="utf-8")
    assert run(["whatif", "--weight", "10", "--target", "≥90%", "--actual", "80%", "--profile", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "score_decimals 不能大于 4" in err and "rounding 应为以下之一：half_up、truncate" in err
    # one declaration, two kinds of profile: a shipped one by name scores the same way through whatif
    assert (
        run(
            [
                "whatif",
                "--weight",
                "10",
                "--target",
                "≤10%",
                "--actual",
                "13%",
                "--profile",
                "ratio-reverse",
                "--format",
                "json",
            ]
        )
        == 0
    )
    assert '"score": "7.69"' in capsys.readouterr().out  # 10 × 10 ÷ 13

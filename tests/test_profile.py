"""Rule profiles: shipped ones, user files inheriting the default, and plain errors."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from domain.errors import InputError
from domain.scoring.conventions import PlainProfile, execution_cap, plain_profile
from domain.scoring.profile import ReverseConvention, builtin_profile, builtin_profile_names, load_profile


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


FIELDS = PlainProfile.__slots__


@pytest.mark.parametrize("name", builtin_profile_names())
def test_the_plain_reading_of_a_shipped_profile_is_the_validated_one(name: str):
    plain, validated = plain_profile(name), builtin_profile(name)
    for field in FIELDS:
        if field == "bands":
            assert (plain.bands.achieved, plain.bands.partial, plain.bands.not_achieved) == (
                validated.bands.achieved, validated.bands.partial, validated.bands.not_achieved)
        else:
            assert getattr(plain, field) == getattr(validated, field), field


def test_hubei_2020_is_budget_20_ratio_reverse_and_bands_80_50():
    profile = builtin_profile("hubei-2020")
    assert profile.budget_weight == D(20) and profile.reverse_convention is ReverseConvention.RATIO
    assert profile.bands.partial == (D("0.5"), D("0.8")) and profile.bands.not_achieved == (D("0.0"), D("0.5"))


def test_platform_options_are_off_by_default_and_can_be_named(tmp_path: Path):
    default = builtin_profile()
    assert default.deviation_deduction == 0 and not default.deviation_needs_reason and default.execution_caps == []
    path = tmp_path / "platform.toml"
    path.write_text('name = "platform"\ndeviation_deduction = 2\ndeviation_needs_reason = true\n'
                    "execution_caps = [[0.8, 89], [0.7, 79], [0.6, 69], [0.5, 59]]\n", encoding="utf-8")
    profile = load_profile(str(path), allow_path=True)
    assert profile.deviation_deduction == D(2) and profile.deviation_ratio == D("1.3")
    # 75% → at most 89; 65% → 79; 55% → 69; 45% → 59; 80% is not below 80%
    caps = profile.execution_caps
    assert [execution_cap(caps, D(rate)) for rate in ("0.75", "0.65", "0.55", "0.45", "0.8")] == [
        D(89), D(79), D(69), D(59), None]

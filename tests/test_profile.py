"""Rule profiles: shipped ones, user files inheriting the default, and plain errors."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from domain.errors import InputError
from domain.scoring.profile import ReverseConvention, builtin_profile, builtin_profile_names, load_profile


def test_shipped_profiles():
    assert builtin_profile_names() == ["beijing-2016", "default", "hubei", "ratio-reverse"]
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

"""Every test runs blind to the developer's own data: drafts, config, keymap and locale point at a
temporary home, so no test reads or leaves anything in the user's directories."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("JIXIAO_DRAFTS", raising=False)
    monkeypatch.delenv("JIXIAO_LOCALE", raising=False)
    monkeypatch.delenv("JIXIAO_THEME", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)

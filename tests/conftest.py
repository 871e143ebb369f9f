"""Every test runs blind to the developer's own data: drafts, config, keymap and locale point at a
temporary home, so no test reads or leaves anything in the user's directories."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HOME, XDG dirs and drafts under the test's own tmp_path (tests write a keymap to tmp_path/config)."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("JIXIAO_DRAFTS", str(tmp_path / "drafts"))
    monkeypatch.delenv("JIXIAO_LOCALE", raising=False)
    monkeypatch.delenv("JIXIAO_THEME", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Hypothesis times garbage collection with a gc callback; when the run ends, pytest-xdist stops each
    worker by interrupting its main thread, and the interrupt can land inside that callback and print a
    KeyboardInterrupt traceback after the summary. The run is over: drop the callback first."""
    import gc

    gc.callbacks[:] = [
        callback for callback in gc.callbacks if not getattr(callback, "__module__", "").startswith("hypothesis")
    ]

"""Where jixiao keeps its files: drafts, user configuration, and the seed fixtures it ships with.

Follows the XDG base directories (relative values are ignored, as the specification says) so that tests
and users can redirect everything with environment variables.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "jixiao"
DRAFTS_ENV = "JIXIAO_DRAFTS"
SEED_ENV = "JIXIAO_SEED"


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable, "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / fallback


def data_dir() -> Path:
    """$XDG_DATA_HOME/jixiao (default ~/.local/share/jixiao)."""
    return _xdg("XDG_DATA_HOME", ".local/share") / APP


def config_dir() -> Path:
    """$XDG_CONFIG_HOME/jixiao (default ~/.config/jixiao)."""
    return _xdg("XDG_CONFIG_HOME", ".config") / APP


def keymap_path() -> Path:
    """The user's key map: binding id → keys."""
    return config_dir() / "keymap.toml"


def drafts_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The drafts directory: ``--drafts`` if given, else $JIXIAO_DRAFTS, else data_dir()/drafts."""
    if override:
        return Path(override).expanduser()
    value = os.environ.get(DRAFTS_ENV, "")
    if value:
        return Path(value).expanduser()
    return data_dir() / "drafts"


def project_root() -> Path:
    """The directory holding the ``domain`` package (the source tree of an editable install)."""
    return Path(__file__).resolve().parent.parent


def seed_dir() -> Path:
    """The seed fixtures: $JIXIAO_SEED if set, else fixtures/seed beside the installed package."""
    value = os.environ.get(SEED_ENV, "")
    return Path(value).expanduser() if value else project_root() / "fixtures" / "seed"

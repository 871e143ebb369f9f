"""Where jixiao keeps its files: drafts, user configuration, and the seed fixtures it ships with.

The platform's own places, as ``platformdirs`` knows them: on Linux and other Unix the XDG base directories
(``~/.local/share/jixiao``, ``~/.config/jixiao``; relative values of the variables are ignored, as the
specification says), on Windows ``%LOCALAPPDATA%\\jixiao``, on macOS ``~/Library/Application Support/jixiao``.
Tests and users can redirect everything with environment variables.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP = "jixiao"
DRAFTS_ENV = "JIXIAO_DRAFTS"
SEED_ENV = "JIXIAO_SEED"


def _uses_xdg() -> bool:
    return sys.platform not in ("win32", "darwin")


def _place(variable: str, find: str, fallback: str) -> Path:
    """platformdirs' folder for jixiao (``find`` names its function); a relative XDG value is ignored."""
    value = os.environ.get(variable, "")
    if _uses_xdg() and value.strip() and not Path(value).is_absolute():
        return Path.home() / fallback / APP
    return Path(getattr(platformdirs, find)(APP, appauthor=False))


def data_dir() -> Path:
    """The user's data folder for jixiao: $XDG_DATA_HOME/jixiao (default ~/.local/share/jixiao) on Linux."""
    return _place("XDG_DATA_HOME", "user_data_dir", ".local/share")


def config_dir() -> Path:
    """The user's configuration folder: $XDG_CONFIG_HOME/jixiao (default ~/.config/jixiao) on Linux."""
    return _place("XDG_CONFIG_HOME", "user_config_dir", ".config")


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

"""Where the layout declarations live and which there are: cheap enough for building the command line."""

from __future__ import annotations

from pathlib import Path

LAYOUT_DIR = Path(__file__).resolve().parent / "layouts"
DEFAULT_LAYOUT = "central"


def layout_ids(directory: Path = LAYOUT_DIR) -> tuple[str, ...]:
    """The declared layouts by file name, the central one first (every one can be read and written)."""
    ids = sorted(path.stem for path in directory.glob("*.toml"))
    ids.sort(key=lambda name: name != DEFAULT_LAYOUT)
    return tuple(ids)

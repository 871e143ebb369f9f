"""The user's keymap: a TOML file mapping binding ids to keys, read without Textual so it stays cheap.

The file lives at ``$XDG_CONFIG_HOME/jixiao/keymap.toml`` (default ``~/.config/jixiao/keymap.toml``)::

    [keys]
    "interview.jump" = "ctrl+j"
    "interview.back" = ["shift+tab", "ctrl+b"]

Quit is never remappable: ctrl+q must always get the user out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from domain.messages import t
from domain.paths import keymap_path

FIXED_BINDING_IDS = frozenset({"app.quit"})


@dataclass
class Keymap:
    """Binding id → comma-separated keys, and the problems found while reading the file (plain words)."""

    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _keys_text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return ",".join(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list) and value and all(isinstance(item, str) and item.strip() for item in value):
        return ",".join(item.strip() for item in value)
    return None


def parse_keymap(text: str, known_ids: frozenset[str] | set[str] | None = None) -> Keymap:
    """Read keymap TOML text; bad entries are skipped and reported, never raised."""
    from domain.errors import InputError
    from domain.record.files import MAX_SETTINGS_BYTES
    from domain.record.storage import parse_toml

    keymap = Keymap()
    try:  # bounded, and never the parser's slow or deep cases: the app must start whatever the file holds
        data = parse_toml(text, str(keymap_path()), MAX_SETTINGS_BYTES)
    except InputError as error:
        keymap.problems.append(t("ui.keymap.unreadable", error=error.message))
        return keymap
    table = data.get("keys", data)
    if not isinstance(table, dict):
        keymap.problems.append(t("ui.keymap.not_table"))
        return keymap
    for binding_id, value in table.items():
        if binding_id in FIXED_BINDING_IDS:
            keymap.problems.append(t("ui.keymap.fixed", id=binding_id))
            continue
        if known_ids is not None and binding_id not in known_ids:
            keymap.problems.append(t("ui.keymap.unknown", id=binding_id))
            continue
        keys = _keys_text(value)
        if keys is None:
            keymap.problems.append(t("ui.keymap.bad_keys", id=binding_id))
            continue
        if "ctrl+q" in keys.split(","):
            keymap.problems.append(t("ui.keymap.quit_key", id=binding_id))
            continue
        keymap.keys[binding_id] = keys
    return keymap


def load_keymap(path: Path | None = None, known_ids: frozenset[str] | set[str] | None = None) -> Keymap:
    """The user's keymap, or an empty one when there is no file."""
    from domain.errors import InputError
    from domain.record.files import MAX_SETTINGS_BYTES, read_bounded

    path = path or keymap_path()
    if not path.exists() and not path.is_symlink():
        return Keymap()
    try:
        text = read_bounded(path, MAX_SETTINGS_BYTES, t("storage.what.keymap")).decode("utf-8")
    except InputError as error:
        return Keymap(problems=[error.message])
    except UnicodeDecodeError as error:
        return Keymap(problems=[t("ui.keymap.unreadable_file", path=path, error=error)])
    return parse_keymap(text, known_ids)

"""Drafts: an unfinished evaluation saved after every answer, so that a dropped connection loses nothing.

A draft file is an evaluation TOML file (readable by hand) with one more table, ``[draft]``: where the user
was in the interview, the file the evaluation is meant for, and that file's fingerprint when it was opened.
Files are written atomically; one draft per file, named by its id.
"""

from __future__ import annotations

import builtins
import os
import re
import secrets
import stat
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import tomli_w

from domain.errors import InputError
from domain.messages import t
from domain.paths import drafts_dir
from domain.record.atomic import is_temporary
from domain.record.files import MAX_FORM_BYTES, make_directory, os_error_message, read_bounded
from domain.record.models import SCHEMA_VERSION, Evaluation
from domain.record.storage import atomic_write_text, evaluation_from_data, parse_toml, to_toml

DRAFT_VERSION = 1
SUFFIX = ".draft.toml"
DRAFT_MODE = 0o600  # drafts hold a colleague's unfinished answers: readable by their owner only
FOLDER_MODE = 0o700
_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Draft:
    """An evaluation in progress with the state of its interview."""

    id: str
    evaluation: Evaluation
    state: dict[str, object] = field(default_factory=dict)
    target: Path | None = None  # the file the evaluation is to be saved to, when known
    target_fingerprint: str | None = None  # that file's digest when it was opened (None: it did not exist)
    origin: str = "new"  # "new" or "open"
    created: str = ""
    updated: str = ""
    current_label: str = ""  # the field the user was at, for the list of drafts
    answered: int = 0


@dataclass(frozen=True)
class DraftInfo:
    """One line of the list of drafts (``error`` is set when the file could not be read)."""

    id: str
    path: Path
    project_name: str
    target: Path | None
    updated: str
    current_label: str
    answered: int
    error: str = ""

    def describe(self) -> str:
        """One plain line: project, when, how far."""
        if self.error:
            return t("draft.unreadable", id=self.id, reason=self.error)
        name = self.project_name or t("interview.untitled")
        return t(
            "draft.describe",
            name=name,
            updated=local_time(self.updated),
            count=self.answered,
            current=self.current_label or "—",
        )


def local_time(stamp: str) -> str:
    """An ISO time stamp as local "YYYY-MM-DD HH:MM" (the stamp itself when it cannot be read)."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return stamp


class DraftStore:
    """The drafts in one directory (default: ``domain.paths.drafts_dir()``)."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = drafts_dir(directory)

    def new_id(self) -> str:
        """A fresh id: the local time (so that ids sort by age) and a random tail."""
        return datetime.now().strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(3)

    def path_of(self, draft_id: str) -> Path:
        if not isinstance(draft_id, str) or not _ID.match(draft_id):
            raise InputError(t("draft.bad_id", id=draft_id))
        return self.directory / f"{draft_id}{SUFFIX}"

    def save(self, draft: Draft) -> None:
        """Write a draft atomically; InputError with a plain message when the disk refuses."""
        path = self.path_of(draft.id)
        draft.updated = _now()
        draft.created = draft.created or draft.updated
        meta: dict[str, object] = {
            "version": DRAFT_VERSION,
            "id": draft.id,
            "origin": draft.origin,
            "created": draft.created,
            "updated": draft.updated,
            "current_label": draft.current_label,
            "answered": draft.answered,
            "state": _plain_state(draft.state),
        }
        if draft.target is not None:
            meta["target"] = str(_absolute(draft.target))  # resuming from another folder saves to the same file
        if draft.target_fingerprint is not None:
            meta["target_fingerprint"] = draft.target_fingerprint
        text = to_toml(draft.evaluation) + "\n" + tomli_w.dumps({"draft": meta})
        try:
            self.prepare()
            atomic_write_text(path, text, mode=DRAFT_MODE)
        except InputError as error:
            raise InputError(t("session.failed", reason=error.message)) from None
        except OSError as error:
            raise InputError(t("session.failed", reason=os_error_message(error, path, writing=True))) from None

    def prepare(self) -> None:
        """Make sure the drafts folder exists, is a folder and is private (0700); InputError says why not."""
        make_directory(self.directory, FOLDER_MODE)
        try:
            status = os.stat(self.directory)
            if not stat.S_ISDIR(status.st_mode):
                raise InputError(os_error_message(FileExistsError(17, ""), self.directory, writing=True))
            if (
                status.st_mode & 0o077
                and status.st_uid == getattr(os, "getuid", lambda: -1)()
                and self._holds_only_drafts()
            ):
                os.chmod(self.directory, FOLDER_MODE)  # a drafts folder an older version made world-readable
        except OSError as error:
            raise InputError(os_error_message(error, self.directory, writing=True)) from None
        if not os.access(self.directory, os.W_OK | os.X_OK):
            raise InputError(os_error_message(PermissionError(13, ""), self.directory, writing=True))

    def _holds_only_drafts(self) -> bool:
        """True when the folder holds nothing but drafts (so tightening it never locks out other files, as
        for ``--drafts /tmp`` or ``--drafts $HOME``)."""
        try:
            return all(name.endswith(SUFFIX) or is_temporary(name) for name in os.listdir(self.directory))
        except OSError:
            return False

    def load(self, draft_id: str) -> Draft:
        """Read one draft; InputError when it is missing or unreadable."""
        path = self.path_of(draft_id)
        if not path.exists() and not path.is_symlink():
            raise InputError(t("draft.not_found", id=draft_id))
        try:
            text = read_bounded(path, MAX_FORM_BYTES, t("storage.what.draft")).decode("utf-8")
        except InputError as error:
            raise InputError(t("draft.unreadable", id=draft_id, reason=error.message)) from None
        except UnicodeDecodeError:
            raise InputError(
                t(
                    "draft.unreadable",
                    id=draft_id,
                    reason=t("storage.not_utf8", path=path, what=t("storage.what.draft")),
                )
            ) from None
        return _parse(draft_id, text, str(path))

    def delete(self, draft_id: str) -> None:
        """Remove a draft (nothing happens when it is already gone)."""
        try:
            self.path_of(draft_id).unlink(missing_ok=True)
        except OSError as error:
            raise InputError(os_error_message(error, self.path_of(draft_id), writing=True)) from None

    def list(self) -> builtins.list[DraftInfo]:
        """Every draft, newest first; unreadable files are listed with their error. InputError when the
        folder itself cannot be read (a missing folder has no drafts)."""
        try:
            names = os.listdir(self.directory)
        except FileNotFoundError:
            return []
        except OSError as error:
            raise InputError(
                t(
                    "draft.folder_unreadable",
                    path=self.directory,
                    reason=os_error_message(error, self.directory, what=t("storage.what.draft")),
                )
            ) from None
        paths = sorted(self.directory / name for name in names if name.endswith(SUFFIX))
        found: builtins.list[DraftInfo] = []
        for path in paths:
            draft_id = path.name.removesuffix(SUFFIX)
            try:
                draft = self.load(draft_id)
            except InputError as error:
                found.append(DraftInfo(draft_id, path, "", None, "", "", 0, error.message))
                continue
            found.append(
                DraftInfo(
                    draft.id,
                    path,
                    draft.evaluation.header.project_name,
                    draft.target,
                    draft.updated,
                    draft.current_label,
                    draft.answered,
                )
            )
        return sorted(found, key=lambda info: (info.updated, info.id), reverse=True)

    def for_target(self, target: str | Path) -> builtins.list[DraftInfo]:
        """The readable drafts meant for this file, newest first."""
        wanted = _resolved(Path(target))
        return [info for info in self.list() if info.target is not None and _resolved(info.target) == wanted]


def _resolved(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError):
        return path


def _plain_state(state: dict[str, object]) -> dict[str, object]:
    """The interview state with only TOML-friendly values (no None)."""
    return {str(key): value for key, value in state.items() if value is not None}


def _absolute(path: Path) -> Path:
    try:
        return Path(os.path.abspath(path.expanduser()))
    except (OSError, RuntimeError):
        return path


def _parse(draft_id: str, text: str, where: str = "") -> Draft:
    def unreadable(reason: str) -> InputError:
        return InputError(t("draft.unreadable", id=draft_id, reason=reason))

    where = where or t("draft.name")
    try:
        data = parse_toml(text, where)
    except InputError as error:
        raise unreadable(error.message) from None
    meta = data.pop("draft", None)
    if not isinstance(meta, dict):
        raise unreadable(t("draft.no_meta"))
    version = meta.get("version", DRAFT_VERSION)
    schema = data.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or version > DRAFT_VERSION or (isinstance(schema, int) and schema > SCHEMA_VERSION):
        raise unreadable(t("draft.newer", version=f"{version}/{schema}"))
    try:
        evaluation = evaluation_from_data(data, t("draft.name"))
    except InputError as error:
        raise unreadable(error.message) from None
    state = meta.get("state", {})
    target = meta.get("target")
    answered = meta.get("answered", 0)
    fingerprint = meta.get("target_fingerprint")
    return Draft(
        id=draft_id,
        evaluation=evaluation,
        state=state if isinstance(state, dict) else {},
        target=Path(target) if isinstance(target, str) and target and "\0" not in target else None,
        target_fingerprint=fingerprint if isinstance(fingerprint, str) else None,
        origin=str(meta.get("origin", "new")),
        created=str(meta.get("created", "")),
        updated=str(meta.get("updated", "")),
        current_label=str(meta.get("current_label", "")),
        answered=answered if isinstance(answered, int) else 0,
    )

"""An editing session: an interview tied to its draft and to the file it will be saved to.

Every accepted answer is written to the draft at once while the form differs from what was opened or last
saved (a form back to that state leaves no draft); saving writes the final TOML, refuses to overwrite a file
that appeared or changed since it was opened unless told to, and then deletes the draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from domain.errors import InputError
from domain.interview.controller import Event, Interview
from domain.interview.drafts import Draft, DraftInfo, DraftStore
from domain.interview.events import EventKind
from domain.interview.specs import FieldSpec
from domain.messages import t
from domain.record.files import SaveConflict
from domain.record.models import Evaluation
from domain.record.storage import ANY, file_fingerprint, load_evaluation, save_evaluation
from domain.scoring.profile import Profile


class SaveStatus(StrEnum):
    SAVED = "saved"
    CONFLICT = "conflict"  # the file exists (new) or changed since it was opened: ask before overwriting
    NEEDS_PATH = "needs_path"  # no file name yet
    FAILED = "failed"  # the disk refused; the message says why


@dataclass(frozen=True)
class SaveOutcome:
    """What a save did, with a plain message for the user."""

    status: SaveStatus
    path: Path | None
    message: str

    @property
    def saved(self) -> bool:
        return self.status is SaveStatus.SAVED


def evaluation_path(name: str | Path) -> Path:
    """Where to save an evaluation the user named: ".toml" is added when the name has no such ending."""
    text = str(name).strip()
    if text.lower().endswith(".toml") or Path(text).is_dir():
        return Path(text)  # a directory stays as named, and saving there fails with a plain message
    return Path(text + ".toml")


def workbook_forms(path: str | Path) -> list[tuple[str, Evaluation]]:
    """The readable forms of a workbook or sheet export, each with a label to choose it by."""
    from domain.sheets.forms import spreadsheet_forms

    return spreadsheet_forms(Path(path))


def workbook_target(path: str | Path, index: int, count: int) -> Path:
    """Where a form read from a workbook is saved: beside it, as .toml (numbered when it holds several)."""
    path = Path(path)
    return path.with_name(f"{path.stem}-{index:02d}.toml" if count > 1 else f"{path.stem}.toml")


def is_workbook(path: str | Path) -> bool:
    """A file to read as a workbook or sheet export rather than as an evaluation (anything but .toml)."""
    from domain.sheets.forms import is_evaluation_file

    return not is_evaluation_file(Path(path))


def _key(path: Path) -> str:
    try:
        return str(Path(path).expanduser().resolve())
    except (OSError, RuntimeError):
        return str(path)


class EditSession:
    """One evaluation being filled or edited; create it with ``new``, ``open`` or ``resume``."""

    def __init__(
        self,
        interview: Interview,
        store: DraftStore | None = None,
        target: Path | None = None,
        draft_id: str | None = None,
        origin: str = "new",
    ) -> None:
        self.interview = interview
        self.store = store
        self.target = Path(target) if target is not None else None
        self.draft_id = draft_id
        self.origin = origin
        self.autosave_error: str | None = None
        self._created = ""
        self._saved = False
        self._expected: dict[str, str | None] = {}  # path → fingerprint it must still have (None: must not exist)
        interview.on_commit = self._autosave

    # --- creating ---------------------------------------------------------------------------------
    @classmethod
    def new(
        cls, store: DraftStore | None = None, path: str | Path | None = None, profile: Profile | None = None
    ) -> EditSession:
        """A blank evaluation; ``path`` (e.g. --out) is where it will be saved; a file already there is not
        overwritten without asking."""
        return cls(Interview(Evaluation(), profile), store, Path(path) if path else None)

    @classmethod
    def open(
        cls,
        path: str | Path,
        store: DraftStore | None = None,
        target: str | Path | None = None,
        profile: Profile | None = None,
    ) -> EditSession:
        """An existing evaluation file; saved back to it (or to ``target``). InputError if unreadable."""
        path = Path(path)
        if is_workbook(path):
            forms = workbook_forms(path)
            if len(forms) > 1:
                raise InputError(t("export.session.several", path=path, count=len(forms)))
            return cls.open_form(path, forms[0][1], target or workbook_target(path, 1, 1), store, profile)
        fingerprint = file_fingerprint(path)
        evaluation = load_evaluation(path)
        session = cls(Interview(evaluation, profile), store, Path(target) if target else path, origin="open")
        session._expected[_key(path)] = fingerprint
        return session

    @classmethod
    def open_form(
        cls,
        workbook: str | Path,
        evaluation: Evaluation,
        target: str | Path,
        store: DraftStore | None = None,
        profile: Profile | None = None,
    ) -> EditSession:
        """A form read from a workbook (see ``workbook_forms``): saved as TOML to ``target``, never over the
        workbook; a file already there is not overwritten without asking."""
        return cls(Interview(evaluation, profile), store, Path(target), origin="workbook")

    @classmethod
    def from_targets(
        cls,
        path: str | Path,
        project: str | None = None,
        store: DraftStore | None = None,
        target: str | Path | None = None,
        profile: Profile | None = None,
    ) -> EditSession:
        """A new evaluation begun from approved targets (a targets file or a workbook of target tables)."""
        from domain.interview.from_targets import load_for_new, start_from_targets

        return cls(start_from_targets(load_for_new(path, project), profile), store, Path(target) if target else None)

    @classmethod
    def resume(
        cls, draft_id: str, store: DraftStore, target: str | Path | None = None, profile: Profile | None = None
    ) -> EditSession:
        """Continue a draft where it was left. InputError if the draft is missing or unreadable."""
        draft = store.load(draft_id)
        interview = Interview.restore(draft.evaluation, draft.state, profile)
        session = cls(interview, store, Path(target) if target else draft.target, draft.id, draft.origin)
        session._created = draft.created
        if draft.target is not None:
            session._expected[_key(draft.target)] = draft.target_fingerprint
        return session

    # --- using --------------------------------------------------------------------------------------
    def start(self) -> list[Event]:
        """The interview's first events (greeting, or where a resumed draft stands, and the question), with
        a warning first when answers cannot be kept in a draft."""
        events = self.interview.start()
        problem = self.draft_problem()
        if problem:
            events.insert(0, Event(EventKind.WARNING, problem))
        return events

    def draft_problem(self) -> str:
        """Why answers are not being kept in a draft ("" when they are, or when there is no drafts store)."""
        if self.store is None:
            return ""
        if self.autosave_error:
            return t("draft.cannot_keep", reason=self.autosave_error)
        try:
            self.store.prepare()
        except InputError as error:
            return t("draft.cannot_keep", reason=error.message)
        return ""

    @property
    def dirty(self) -> bool:
        """The form differs from what was opened or last saved: ask before quitting."""
        return self.interview.dirty

    @property
    def on_disk(self) -> bool:
        """The form as it stands is in its file: opened from it or saved to it, and unchanged since."""
        return not self.dirty and (self.origin == "open" or self._saved)

    def flush(self) -> bool:
        """Write the draft now (for SIGHUP / SIGTERM handlers); never raises. True when a draft was written.

        There is something to write when answers are not yet in the final file, or when text typed for the
        current field but not submitted was handed over with ``interview.set_pending``."""
        interview = self.interview
        if self.store is None or not ((interview.dirty and interview.answered_count) or interview.pending):
            return False
        try:
            self._autosave(self.interview)
        except Exception:  # noqa: BLE001 - called from signal handlers: nothing may escape
            return False
        return True

    def save(self, path: str | Path | None = None, overwrite: bool = False) -> SaveOutcome:
        """Save the evaluation as TOML to ``path`` (default: the session's target), then delete the draft.

        A file that exists although it did not when the session began, or that changed since it was
        opened, is a CONFLICT unless ``overwrite`` is given. Never raises on bad paths: FAILED says why.
        """
        target = evaluation_path(path) if path else self.target
        if target is None:
            return SaveOutcome(SaveStatus.NEEDS_PATH, None, t("session.needs_path"))
        key = _key(target)
        expected = self._expected.get(key)
        try:
            current = file_fingerprint(target)
        except InputError as error:
            return SaveOutcome(SaveStatus.FAILED, target, t("session.failed", reason=error.message))
        if current != expected and not overwrite:
            message = t("session.exists", path=target) if expected is None else t("session.changed", path=target)
            return SaveOutcome(SaveStatus.CONFLICT, target, message)
        try:
            # checked again under the save lock: of two sessions saving at once, the second is told
            self._expected[key] = save_evaluation(
                self.interview.finished_evaluation(), target, expected=ANY if overwrite else expected
            )
        except SaveConflict as error:
            return SaveOutcome(SaveStatus.CONFLICT, target, error.message)
        except InputError as error:
            return SaveOutcome(SaveStatus.FAILED, target, t("session.failed", reason=error.message))
        self.target = target
        self._saved = True
        self.interview.mark_saved()
        self.discard()
        return SaveOutcome(SaveStatus.SAVED, target, t("session.saved", path=target))

    def export_path(self) -> Path:
        """Where an export goes unless the user says otherwise: the TOML's name with .xlsx."""
        if self.target is not None:
            return Path(self.target).with_suffix(".xlsx")
        from domain.sheets.tsv import form_file_name

        return Path(form_file_name(self.interview.evaluation, 1)).with_suffix(".xlsx")

    def export(
        self, path: str | Path | None = None, overwrite: bool = False, layout: str = "central", unit: str | None = None
    ) -> SaveOutcome:
        """Write the form as the official workbook (the TOML is not touched). Never raises on bad paths."""
        from domain.sheets.export import audited, write_workbook

        target = Path(str(path).strip()) if path else self.export_path()
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        if target.exists() and not overwrite:
            return SaveOutcome(SaveStatus.CONFLICT, target, t("export.session.exists", path=target))
        try:
            write_workbook(
                [audited(self.interview.finished_evaluation())],
                target,
                layout_id=layout,
                unit=unit,
                overwrite=overwrite,
            )
        except InputError as error:
            return SaveOutcome(SaveStatus.FAILED, target, t("session.failed", reason=error.message))
        return SaveOutcome(SaveStatus.SAVED, target, t("export.session.saved", path=target))

    def discard(self) -> None:
        """Delete the draft (after saving, or when the user throws the answers away)."""
        if self.store is not None and self.draft_id is not None:
            try:
                self.store.delete(self.draft_id)
            except InputError:
                pass
        self.draft_id = None

    @property
    def draft_kept(self) -> bool:
        """The answers are in a draft on disk (the last autosave worked and its file is there)."""
        if self.autosave_error or not self.draft_id or self.store is None:
            return False
        try:
            return self.store.path_of(self.draft_id).is_file()
        except (InputError, OSError):
            return False

    def draft_kept_message(self) -> str:
        """A plain line naming the draft that holds the answers, or saying that none could be written ("" when
        there was nothing to keep); never claims a draft that was not written."""
        if self.autosave_error:
            return t("session.draft_lost", reason=self.autosave_error)
        return t("session.draft_kept", id=self.draft_id) if self.draft_kept else ""

    def _autosave(self, interview: Interview) -> None:
        if self.store is None:
            return
        if not interview.dirty and not interview.pending:
            self.discard()  # nothing the file lacks: no draft to resume
            return
        if self.draft_id is None:
            self.draft_id = self.store.new_id()
        current = interview.current
        target = self.target
        draft = Draft(
            id=self.draft_id,
            evaluation=interview.evaluation,
            state=interview.state(),
            target=target,
            target_fingerprint=self._expected.get(_key(target)) if target is not None else None,
            origin=self.origin,
            created=self._created,
            current_label=_label(current),
            answered=interview.answered_count,
        )
        try:
            self.store.save(draft)
        except InputError as error:
            self.autosave_error = error.message
            raise
        self._created = draft.created
        self.autosave_error = None


def _label(spec: FieldSpec | None) -> str:
    if spec is None:
        return ""
    if spec.row is not None:
        return f"{t('row.title', number=spec.row + 1)} · {spec.label}"
    return spec.label


def drafts_of(store: DraftStore, path: str | Path, out: str | Path | None = None) -> list[DraftInfo]:
    """The readable drafts of a form opened from ``path`` and to be saved to ``out`` (default: ``path``):
    a draft belongs to the file it will be saved to, so every way of opening asks the same question."""
    return [info for info in store.for_target(out or path) if not info.error]

"""Many new files into one folder (an import): each written atomically, all or nothing, and a batch cut short
by a kill never blocks running it again.

Under the folder lock the batch keeps a journal, ``.jixiao-batch-<random>.journal``, naming each file and the
digest of its bytes before the file is renamed into place; the journal is removed when the batch ends. A
journal found under the lock belongs to a run that was killed (a live run would hold the lock): a file it
names whose bytes are still the ones that run wrote is jixiao's own unfinished work, so it does not count as
"already there" and is simply written again. Any other file in the way is refused unless overwriting.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from domain.errors import InputError
from domain.record.atomic import (
    file_fingerprint,
    fingerprint,
    refuse_other_names,
    remove_stale_temporaries,
    sync_directory,
    write_temporary,
)
from domain.record.files import make_directory, os_error_message, read_bounded, regular_or_absent
from domain.record.locking import folder_lock

JOURNAL_PREFIX = ".jixiao-batch-"
JOURNAL_SUFFIX = ".journal"
MAX_JOURNAL_BYTES = 64 * 1024 * 1024
CHUNK = 256  # files whose bytes are held at once
SYNC_THREADS = 16


def unfinished(directory: Path) -> tuple[dict[str, str], list[Path]]:
    """The files killed batches left in ``directory`` (name → digest of what they wrote) and their journals;
    call with the folder locked."""
    left: dict[str, str] = {}
    journals: list[Path] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return left, journals
    for name in names:
        if not (name.startswith(JOURNAL_PREFIX) and name.endswith(JOURNAL_SUFFIX)):
            continue
        journal = directory / name
        journals.append(journal)
        try:
            lines = read_bounded(journal, MAX_JOURNAL_BYTES).decode("utf-8", "replace").splitlines()
        except InputError:
            continue
        for line in lines:
            with contextlib.suppress(ValueError, TypeError):
                digest, written = json.loads(line)
                if isinstance(digest, str) and isinstance(written, str):
                    left[written] = digest
    return left, journals


def _left_by_a_killed_batch(target: Path, left: dict[str, str]) -> bool:
    digest = left.get(target.name)
    if digest is None:
        return False
    try:
        return file_fingerprint(target) == digest
    except InputError:
        return False


def write_batch(
    targets: Sequence[Path],
    content: Callable[[int], bytes],
    directory: Path,
    overwrite: bool,
    in_the_way: Callable[[list[str]], InputError],
) -> None:
    """Write ``content(i)`` to ``targets[i]`` (all in ``directory``) atomically, all or nothing; each file's
    bytes are made only when it is written, so a batch of thousands never holds them all.

    Files already there are refused before anything is written (``in_the_way(names)`` is raised), unless
    ``overwrite`` or they are what a killed batch left. A failure part-way (a full disk, ctrl+c) removes what
    this batch wrote when not overwriting, so running it again just works. OS errors are one plain InputError.
    """
    make_directory(directory)
    try:
        with folder_lock(directory) as held:
            left, journals = unfinished(directory) if held else ({}, [])
            for target in targets:
                regular_or_absent(target)
            existing = [
                target.name
                for target in targets
                if os.path.lexists(target) and not _left_by_a_killed_batch(target, left)
            ]
            if existing and not overwrite:
                raise in_the_way(existing)
            for target in targets:
                refuse_other_names(target)
            if held:
                remove_stale_temporaries(directory)
            _write_all(targets, content, directory, overwrite)
            for journal in journals:
                with contextlib.suppress(OSError):
                    journal.unlink()
    except OSError as error:
        raise InputError(os_error_message(error, directory, writing=True)) from None


def _write_all(targets: Sequence[Path], content: Callable[[int], bytes], directory: Path, overwrite: bool) -> None:
    """First every file to a temporary, fsynced (a chunk at a time, by a few threads at once: concurrent fsyncs
    share the file system's journal commits, several times faster than one after another); only then, each
    named in the journal, renamed into place. A full or read-only disk is met before any file is replaced, so
    "nothing was changed" stays true even with --force."""
    journal = directory / f"{JOURNAL_PREFIX}{secrets.token_hex(4)}{JOURNAL_SUFFIX}"
    written: list[Path] = []
    pending: list[tuple[Path, str]] = []  # temporaries in target order, with the digest of their bytes
    try:
        with ThreadPoolExecutor(SYNC_THREADS) as pool:
            for first in range(0, len(targets), CHUNK):
                chunk = range(first, min(first + CHUNK, len(targets)))
                contents = [content(index) for index in chunk]
                futures = [
                    pool.submit(write_temporary, targets[index], data)
                    for index, data in zip(chunk, contents, strict=True)
                ]
                failure: BaseException | None = None
                for future, data in zip(futures, contents, strict=True):  # every one, so none is left behind
                    try:
                        pending.append((future.result(), fingerprint(data)))
                    except BaseException as error:  # noqa: BLE001 - raised below, after the others
                        failure = failure or error
                if failure is not None:
                    raise failure
        with open(journal, "w", encoding="utf-8") as log:
            for (temporary, digest), target in zip(pending, targets, strict=True):
                log.write(json.dumps([digest, target.name], ensure_ascii=False) + "\n")
                log.flush()  # in the page cache before the rename: a kill -9 after it is journalled
                os.replace(temporary, target)
                written.append(target)
        pending.clear()
        sync_directory(directory)  # once for the batch, not once a file
    except BaseException:
        for temporary, _ in pending[len(written) :]:  # those not renamed
            with contextlib.suppress(OSError):
                temporary.unlink()
        if not overwrite:
            for path in written:
                with contextlib.suppress(OSError):
                    path.unlink()
        raise
    finally:
        with contextlib.suppress(OSError):
            journal.unlink()

"""Audit many forms in a process pool and hand the results back in input order, one at a time.

Workers are started once (profile, catalogue and matcher loaded, then frozen out of the garbage
collector's sight) and are given batches of paths; at most a few batches are in flight, so memory stays
flat however many forms there are. Each result is shaped in the worker (a summary, or the JSON line
itself) so the parent does little more than write. With one job, or one file, nothing is spawned.

No file can end the batch: an error while reviewing a file is that file's problem, and a worker that dies
or is stuck on a file costs only that file (``pool``), which is reported unusable in its place.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from domain.errors import InputError
from domain.messages import t
from domain.record.models import Evaluation
from domain.review import pool as pools
from domain.review.pool import Pool
from domain.review.summary import FormSummary, summarise
from domain.scoring.audit import AUTO, audit_evaluation
from domain.scoring.findings import Finding
from domain.scoring.profile import Profile, load_profile

FORM_SUFFIXES = (".toml", ".xlsx", ".xls", ".ods")  # what a directory is searched for

Shaped = TypeVar("Shaped")
Loader = Callable[[Path], Iterable[tuple[str, Evaluation]]]  # a file's forms, each with its label
Shape = Callable[[FormSummary], Shaped]


@dataclass(frozen=True, slots=True)
class Outcome(Generic[Shaped]):
    """One path's result: the shaped summary and whether it has errors, or why the file is unusable."""

    file: str
    value: Shaped | None
    has_errors: bool = False
    problem: str | None = None


def form_paths(names: Iterable[str]) -> list[Path]:
    """The form files named: files as given, directories searched (recursively, sorted) for form files."""
    files: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                item
                for item in path.rglob("*")
                if item.suffix.lower() in FORM_SUFFIXES and not item.name.startswith((".", "~$")) and item.is_file()
            )
            if not found:
                raise InputError(t("review.no_forms_in_dir", path=path))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError(t("review.not_found", path=path))
    return files


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class _Worker(Generic[Shaped]):
    """What a process needs to review paths: how to load one, the profile (None: the form's own), the shape."""

    def __init__(self, load: Loader, profile: str | None, shape: Shape[Shaped]) -> None:
        self.load = load
        # "auto": each form's own layout picks its profile (domain.scoring.choosing)
        self.profile: Profile | str | None = (
            load_profile(profile, allow_path=True) if profile and profile != AUTO else profile
        )
        self.shape = shape

    def review(self, path: str) -> list[Outcome[Shaped]]:
        """One outcome per form of the file (a workbook may hold several), then one naming what could not be
        read, if anything."""
        outcomes: list[Outcome[Shaped]] = []
        try:
            for label, evaluation in self.load(Path(path)):
                summary = summarise(audit_evaluation(evaluation, self.profile, label))
                if EXTRA_FINDINGS:  # e.g. the comparison with approved targets (domain.review.targets)
                    extra = tuple(finding for hook in EXTRA_FINDINGS for finding in hook(evaluation))
                    summary = dataclasses.replace(summary, findings=summary.findings + extra)
                outcomes.append(Outcome(label, self.shape(summary), summary.has_errors))
        except InputError as error:
            outcomes.append(Outcome(path, None, problem=error.message))
        except RecursionError:
            outcomes.append(Outcome(path, None, problem=t("review.batch.failed", path=path, detail="RecursionError")))
        except Exception as error:  # noqa: BLE001 - one file's failure is that file's, never the batch's
            detail = f"{type(error).__name__}: {str(error)[:120]}"
            outcomes.append(Outcome(path, None, problem=t("review.batch.failed", path=path, detail=detail)))
        return outcomes


_worker: _Worker[object] | None = None
# functions giving more findings for a form, set before a review starts (forked workers inherit them)
EXTRA_FINDINGS: list[Callable[[Evaluation], Sequence[Finding]]] = []


def _start_worker(load: Loader, profile: str | None, shape: Shape[object]) -> None:
    global _worker
    _worker = _Worker(load, profile, shape)
    from domain.catalogue.matching import default_matcher

    default_matcher()  # build the matcher before the first form, not inside it
    gc.collect()
    gc.freeze()  # what was loaded lives as long as the worker: keep it out of every collection


def _review_path(path: str) -> list[Outcome[object]]:
    assert _worker is not None
    return _worker.review(path)


def _lost(path: str, why: str) -> Outcome[object]:
    """The outcome of a path whose worker died or was stuck on it."""
    if why == "stuck":
        return Outcome(path, None, problem=t("review.batch.stuck", path=path, limit=pools.SECONDS_PER_PATH))
    return Outcome(path, None, problem=t("review.batch.died", path=path))


def _batched(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def review_paths(
    paths: Sequence[Path], load: Loader, shape: Shape[Shaped], *, profile: str | None = None, jobs: int = 1
) -> Iterator[Outcome[Shaped]]:
    """Review each path, in input order; ``load`` and ``shape`` must be module-level functions (pickled by name).

    ``profile`` is a profile name or file (None: each form's own). A profile that cannot be loaded raises
    InputError here, before any work starts.
    """
    if profile and profile != AUTO:
        load_profile(profile, allow_path=True)
    return _review(paths, load, shape, profile, jobs)


def _review(
    paths: Sequence[Path], load: Loader, shape: Shape[Shaped], profile: str | None, jobs: int
) -> Iterator[Outcome[Shaped]]:
    names = [str(path) for path in paths]
    jobs = max(1, min(jobs, len(names)))
    if jobs == 1:
        worker = _Worker(load, profile, shape)
        for name in names:
            yield from worker.review(name)
        return
    size = max(1, min(64, len(names) // (jobs * 8)))
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    sys.stdout.flush()  # a forked worker flushes what it inherited when it ends: leave it nothing to repeat
    sys.stderr.flush()
    gc.freeze()  # what the workers inherit stays shared: no collection in them writes to those pages
    try:
        pool: Pool[Outcome[object]] = Pool(context, jobs, _start_worker, (load, profile, shape), _review_path, _lost)
    finally:
        gc.unfreeze()
    try:
        yield from pool.run(_batched(names, size), window=jobs * 3)  # type: ignore[misc]
    finally:
        pool.close()

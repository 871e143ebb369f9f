"""A batch survives any file: a worker killed mid-batch, a file that ends its worker, a stuck worker and an
error while reviewing each cost only their own file, reported unusable in its place; every other form comes
back in input order, and `check` and `report` exit 2."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from domain.review import pool as pool_module
from domain.review.batch import review_paths
from domain.sheets.forms import open_forms
from tui.cli import run
from tui.commands.check import keep

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed"


def _load(path: Path):
    """Open a form, except that a file named boom* ends its worker, stuck* never returns, odd* raises."""
    if path.name.startswith("boom"):
        os.kill(os.getpid(), signal.SIGKILL)
    if path.name.startswith("abort"):
        os.abort()
    if path.name.startswith("stuck"):
        time.sleep(600)
    if path.name.startswith("odd"):
        raise KeyError("not an input error")
    return open_forms(path)


@pytest.fixture
def forms(tmp_path):
    """Twenty seed forms with bad files among them (each a copy of a good form under a telling name)."""
    seed = sorted(SEED.glob("*.toml"))[:20]
    files = []
    for number, source in enumerate(seed):
        name = {3: "boom", 9: "abort", 14: "odd"}.get(number, "ok")
        target = tmp_path / f"{number:02d}-{name}.toml" if name == "ok" else tmp_path / f"{name}-{number:02d}.toml"
        shutil.copyfile(source, target)
        files.append(target)
    return files


def test_a_worker_killed_mid_batch_costs_only_its_file(forms):
    outcomes = list(review_paths(forms, _load, keep, jobs=2))
    assert [Path(outcome.file).name for outcome in outcomes] == [path.name for path in forms]
    problems = {Path(outcome.file).name: outcome.problem for outcome in outcomes if outcome.problem}
    assert sorted(problems) == ["abort-09.toml", "boom-03.toml", "odd-14.toml"]
    assert problems["boom-03.toml"].endswith(
        "boom-03.toml：审核这个文件的进程意外终止，文件可能已损坏或是专门制造的；未审核。"
    )
    assert problems["abort-09.toml"].endswith(
        "abort-09.toml：审核这个文件的进程意外终止，文件可能已损坏或是专门制造的；未审核。"
    )
    assert problems["odd-14.toml"].endswith(
        "odd-14.toml：审核这个文件时出错（KeyError: 'not an input error'），未审核。"
    )
    assert all(outcome.value is not None for outcome in outcomes if not outcome.problem)


def test_a_stuck_worker_is_stopped_and_its_file_reported(forms, monkeypatch):
    monkeypatch.setattr(pool_module, "SECONDS_PER_PATH", 2)
    stuck = forms[5].with_name("stuck-05.toml")
    forms[5].rename(stuck)
    forms[5] = stuck
    outcomes = list(review_paths(forms, _load, keep, jobs=2))
    assert [Path(outcome.file).name for outcome in outcomes] == [path.name for path in forms]
    stopped = [outcome.problem for outcome in outcomes if outcome.problem and "stuck-05" in outcome.problem]
    assert stopped == [f"{stuck}：审核这个文件超过了 2 秒，已停止；未审核。"]


def test_a_worker_killed_from_outside_mid_batch(tmp_path):
    """The workers are killed by another process while the batch runs; the batch still ends, in order."""
    seed = sorted(SEED.glob("*.toml"))
    files = []
    for number in range(300):
        target = tmp_path / f"{number:03d}.toml"
        shutil.copyfile(seed[number % len(seed)], target)
        files.append(target)
    outcomes = review_paths(files, _load, keep, jobs=2)
    seen = [next(outcomes)]
    import multiprocessing

    for child in multiprocessing.active_children():
        os.kill(child.pid, signal.SIGKILL)
    seen.extend(outcomes)
    assert [Path(outcome.file).name for outcome in seen] == [path.name for path in files]
    lost = [outcome for outcome in seen if outcome.problem]
    assert all("进程意外终止" in outcome.problem for outcome in lost)
    assert len(lost) <= 2  # at most the file each killed worker was on


def test_check_and_report_exit_2_and_report_every_other_form(forms, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr("tui.commands.check.load_form", _load)
    assert run(["check", *map(str, forms), "--jobs", "2", "--format", "ndjson"]) == 2
    captured = capsys.readouterr()
    reported = [Path(json.loads(line)["file"]).name for line in captured.out.splitlines()]
    assert reported == [path.name for path in forms if path.name.startswith(tuple("0123456789"))]
    assert "boom-03.toml：审核这个文件的进程意外终止" in captured.err
    assert run(["report", *map(str, forms), "--jobs", "2", "--out", str(tmp_path / "r.xlsx")]) == 2
    captured = capsys.readouterr()
    written = [line for line in captured.out.splitlines() if line.startswith("已写入")]
    assert len(written) == 1 and "：17 份表，" in written[0], captured.out
    assert "abort-09.toml：审核这个文件的进程意外终止" in captured.err

"""`jixiao report --out`: never over an existing file without --force, never over its own input, never through a
link, never torn (a failure leaves the old report as it was and no temporary file), with the umask's
permissions; and `report` fed from `check --format ndjson`, shards together, as from the forms themselves."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from domain.review import workbook
from tui.cli import run

SEED_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "seed"
FIRST_FORM = sorted(SEED_DIR.glob("01-*.toml"))[0]


def sheets(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_an_existing_report_is_kept_without_force_and_replaced_with_it(tmp_path, capsys):
    out = tmp_path / "report.xlsx"
    out.write_bytes(b"old")
    assert run(["report", str(FIRST_FORM), "--out", str(out), "--jobs", "1"]) == 2
    assert "已存在：要覆盖请加 --force" in capsys.readouterr().err and out.read_bytes() == b"old"
    assert run(["report", str(FIRST_FORM), "--out", str(out), "--jobs", "1", "--force"]) == 0
    assert out.read_bytes()[:2] == b"PK" and sorted(os.listdir(tmp_path)) == ["report.xlsx"]


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_the_report_never_replaces_its_input(tmp_path, capsys, force):
    forms = tmp_path / "in.xlsx"
    assert run(["export", str(FIRST_FORM), "--out", str(forms)]) == 0
    before = forms.read_bytes()
    capsys.readouterr()
    assert run(["report", str(forms), "--out", str(forms), "--jobs", "1", *force]) == 2
    assert "它就是要核查的文件" in capsys.readouterr().err and forms.read_bytes() == before
    link = tmp_path / "link.xlsx"
    link.symlink_to(forms)
    assert run(["report", str(tmp_path), "--out", str(link), "--jobs", "1", *force]) == 2
    assert forms.read_bytes() == before


def test_a_link_is_replaced_not_written_through(tmp_path):
    elsewhere = tmp_path / "elsewhere.xlsx"
    elsewhere.write_bytes(b"keep")
    link = tmp_path / "report.xlsx"
    link.symlink_to(elsewhere)
    assert run(["report", str(FIRST_FORM), "--out", str(link), "--jobs", "1", "--force"]) == 0
    assert elsewhere.read_bytes() == b"keep" and not link.is_symlink() and link.read_bytes()[:2] == b"PK"


def test_the_new_report_has_the_umask_permissions(tmp_path):
    previous = os.umask(0o027)
    try:
        assert run(["report", str(FIRST_FORM), "--out", str(tmp_path / "r.xlsx"), "--jobs", "1"]) == 0
    finally:
        os.umask(previous)
    assert (tmp_path / "r.xlsx").stat().st_mode & 0o777 == 0o640


def test_a_full_disk_leaves_the_old_report_and_no_temporary_file(tmp_path, capsys, monkeypatch):
    out = tmp_path / "report.xlsx"
    out.write_bytes(b"the old report")

    def full(*_: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(workbook, "_write", full)
    assert run(["report", str(FIRST_FORM), "--out", str(out), "--jobs", "1", "--force"]) == 2
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and "Errno" not in err and err.count("\n") == 1
    assert out.read_bytes() == b"the old report" and sorted(os.listdir(tmp_path)) == ["report.xlsx"]


def test_a_temporary_file_left_by_a_killed_report_is_removed_by_the_next(tmp_path):
    dead = os.fork()
    if dead == 0:
        os._exit(0)
    os.waitpid(dead, 0)  # a process id that no longer runs
    left = tmp_path / f".r.xlsx.jixiao-{dead}-x1y2.tmp"  # its work folder, with the library's temporary file
    left.mkdir()
    (left / "tmpabc123").write_bytes(b"<row")
    assert run(["report", str(FIRST_FORM), "--out", str(tmp_path / "r.xlsx"), "--jobs", "1"]) == 0
    assert sorted(os.listdir(tmp_path)) == ["r.xlsx"]


def _ndjson(paths: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert run(["check", *paths, "--format", "ndjson", "--jobs", "1"]) in (0, 1)
    return capsys.readouterr().out


def test_shards_of_ndjson_report_as_the_forms_do(tmp_path, capsys):
    files = sorted(str(path) for path in SEED_DIR.glob("*.toml"))
    (tmp_path / "a.ndjson").write_text(_ndjson(files[:20], capsys), encoding="utf-8")
    (tmp_path / "b.ndjson").write_text(_ndjson(files[20:], capsys), encoding="utf-8")
    assert run(["report", str(SEED_DIR), "--out", str(tmp_path / "forms.xlsx"), "--jobs", "2"]) == 0
    assert (
        run(["report", str(tmp_path / "a.ndjson"), str(tmp_path / "b.ndjson"), "--out", str(tmp_path / "shards.xlsx")])
        == 0
    )
    assert sheets(tmp_path / "forms.xlsx") == sheets(tmp_path / "shards.xlsx")


def test_the_same_shard_twice_counts_once_and_bad_lines_are_named(tmp_path, capsys):
    lines = _ndjson([str(FIRST_FORM)], capsys)
    broken = json.loads(lines)
    broken["computed_total"] = 89.18  # a float: not what check writes
    (tmp_path / "a.ndjson").write_text(lines + "{not json\n" + json.dumps(broken) + "\n", encoding="utf-8")
    assert run(["report", str(tmp_path / "a.ndjson"), str(tmp_path / "a.ndjson"), "--format", "text"]) == 2
    captured = capsys.readouterr()
    assert "a.ndjson 第 2 行不是 JSON" in captured.err and "a.ndjson 第 3 行" in captured.err
    assert "字段“computed_total”缺少或不对" in captured.err and "只计一次" in captured.err
    assert (
        "共 1 份表，0 份有错误；错误 0 条，注意 4 条，提示 1 条；另有 1 份是重复读到的同一份表，只计一次"
        in captured.out
    )


def test_report_reads_ndjson_from_stdin(tmp_path, capsys, monkeypatch):
    import io
    import sys

    lines = _ndjson([str(FIRST_FORM)], capsys)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode("utf-8")), encoding="utf-8"))
    assert run(["report", "-", "--format", "text"]) == 0
    assert "共 1 份表，0 份有错误；错误 0 条，注意 4 条，提示 1 条" in capsys.readouterr().out


@pytest.mark.parametrize("delay", [0.2, 0.6, 1.2, 2.0])
def test_a_report_killed_at_any_moment_leaves_the_old_report_or_the_new_one(tmp_path, delay):
    """Killed with SIGKILL while it works: the old report is untouched or the new one is whole; the next report
    removes what the killed one left behind. (The delay only spreads the moment of the kill; any outcome of
    the two is accepted.)"""
    import signal
    import subprocess
    import sys
    import time
    import zipfile

    out = tmp_path / "report.xlsx"
    out.write_bytes(b"the old report")
    jixiao = Path(sys.executable).parent / "jixiao"
    process = subprocess.Popen(
        [str(jixiao), "report", str(SEED_DIR), "--out", str(out), "--force", "--jobs", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    if out.read_bytes() != b"the old report":
        with zipfile.ZipFile(out) as book:
            assert book.testzip() is None and "xl/workbook.xml" in book.namelist()
    assert run(["report", str(FIRST_FORM), "--out", str(out), "--force", "--jobs", "1"]) == 0
    assert sorted(os.listdir(tmp_path)) == ["report.xlsx"]

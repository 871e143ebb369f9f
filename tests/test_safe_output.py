"""Nothing from a file, a sheet or a command line acts on the terminal, and every bad input is one plain
line: escape sequences, C1 controls and bidi overrides are shown, never passed through raw."""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.record.models import Evaluation, Header, IndicatorRow
from domain.record.storage import save_evaluation
from tui.cli import run

HOSTILE = "\x1b]0;owned\x07\x1b[2J\x9b31m\u202etxt.exe"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@given(st.text())
def test_sanitised_text_holds_nothing_a_terminal_acts_on(text: str) -> None:
    from domain.messages.sanitise import UNSAFE, sanitise, strip_controls

    assert not RAW.search(sanitise(text))
    assert not UNSAFE.search(strip_controls(text))


@given(st.text())
def test_sanitised_json_decodes_to_the_same_data(text: str) -> None:
    from domain.messages.sanitise import sanitise

    encoded = json.dumps({"text": text}, ensure_ascii=False)
    assert json.loads(sanitise(encoded)) == {"text": text}


def hostile_form(path: Path) -> Path:
    save_evaluation(
        Evaluation(
            header=Header(project_name=HOSTILE, year=2020),
            indicators=[
                IndicatorRow(
                    name=HOSTILE, target_text="90%", actual_text="75%" + HOSTILE, weight=D(20), declared_score=D(1)
                )
            ],
        ),
        path,
    )
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["score", "{form}"],
        ["score", "{form}", "--format", "json"],
        ["check", "{form}"],
        ["check", "{form}", "--format", "json"],
    ],
)
def test_commands_never_print_raw_controls(tmp_path: Path, capsys, argv) -> None:
    form = hostile_form(tmp_path / "form.toml")
    run([part.format(form=form) for part in argv])
    captured = capsys.readouterr()
    assert not RAW.search(captured.out) and not RAW.search(captured.err)
    assert "\\u202e" in captured.out
    if "json" in argv:
        json.loads(captured.out)


def test_file_names_and_arguments_in_errors_are_sanitised(tmp_path: Path, capsys) -> None:
    name = tmp_path / ("x\x1b]0;t\x07\u202e.toml")
    name.write_text("schema_version = 1\n[header]\nyear = 1800\n", encoding="utf-8")
    assert run(["score", str(name)]) == 2
    assert run(["whatif", "--weight", "20", "--target", "90%" + HOSTILE, "--actual", HOSTILE]) in (0, 2)
    captured = capsys.readouterr()
    assert not RAW.search(captured.out + captured.err) and "Traceback" not in captured.err


def test_plain_mode_shows_a_hostile_form_without_acting_on_it(tmp_path: Path, capsys, monkeypatch) -> None:
    import io
    import sys

    form = hostile_form(tmp_path / "form.toml")
    monkeypatch.setattr(sys, "stdin", io.StringIO(":q\n"))
    run(["edit", "--plain", str(form)])
    captured = capsys.readouterr()
    assert not RAW.search(captured.out + captured.err)


@pytest.mark.parametrize(
    "argv",
    [
        ["whatif", "--weight", "20.00000000001", "--target", "90%", "--actual", "75%"],
        ["whatif", "--budget", "100", "--executed", "5", "--weight", "1.123456789012345"],
        ["whatif", "--budget", "100000000000000", "--executed", "5"],
        ["whatif", "--weight", "10", "--target", "90%", "--actual", "75%", "--profile", "a" * 300],
    ],
)
def test_numbers_and_names_beyond_the_records_are_one_plain_line(capsys, argv) -> None:
    assert run(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err and "ValidationError" not in captured.err


def test_a_form_naming_a_device_as_its_profile_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "form.toml"
    save_evaluation(Evaluation(profile="/dev/zero"), path)
    assert run(["score", str(path)]) == 2
    assert "不是规则名称" in capsys.readouterr().err


@pytest.mark.parametrize("make", ["fifo", "dir"])
def test_non_regular_paths_are_refused_and_skipped_in_directories(tmp_path: Path, capsys, make) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    save_evaluation(Evaluation(header=Header(project_name="好表")), folder / "good.toml")
    odd = folder / "odd.toml"
    os.mkfifo(odd) if make == "fifo" else odd.mkdir()
    assert run(["score", str(odd)]) == 2
    assert "不是普通文件" in capsys.readouterr().err
    assert run(["check", str(folder)]) in (0, 1)
    captured = capsys.readouterr()
    if make == "fifo":
        assert "跳过" in captured.err and str(odd) in captured.err
    assert "好表" in captured.out


JIXIAO = Path(__import__("sys").executable).parent / "jixiao"


@pytest.mark.parametrize(
    "argv",
    [
        ["score", "{fifo}"],
        ["check", "{fifo}"],
        ["import", "{fifo}", "--out", "out"],
        ["edit", "--plain", "{fifo}"],
        ["train", "--plain", "{fifo}"],
        ["whatif", "--weight", "5", "--target", "9", "--actual", "9", "--profile", "{fifo}"],
        ["report", "{fifo}", "--out", "r.xlsx"],
    ],
)
def test_every_command_refuses_a_fifo_at_once(tmp_path: Path, argv: list[str]) -> None:
    import subprocess

    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    try:  # a FIFO read would wait for a writer forever: the timeout bounds a hang, it is not a timing check
        result = subprocess.run(
            [str(JIXIAO), *(part.format(fifo=fifo) for part in argv)],
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"{argv[0]} waited on a FIFO") from None
    assert result.returncode == 2 and "不是普通文件" in result.stderr and "Traceback" not in result.stderr

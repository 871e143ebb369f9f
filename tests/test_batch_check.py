"""`jixiao check` over many forms: the same results with one job or several, ndjson streaming, the exit
code when stdout closes early, the progress bar only on a terminal, and the summary of each form."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from domain.record.storage import load_evaluation
from domain.review.summary import summarise, summary_data
from domain.scoring.audit import audit_evaluation
from tui.batch import Progress
from tui.cli import run

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "fixtures" / "seed"
FIRST_FORM = sorted(SEED_DIR.glob("01-*.toml"))[0]


def test_one_job_and_two_jobs_give_the_same_json(capsys):
    assert run(["check", str(SEED_DIR), "--format", "json", "--jobs", "1"]) == 1
    one = json.loads(capsys.readouterr().out)
    assert run(["check", str(SEED_DIR), "--format", "json", "--jobs", "2"]) == 1
    two = json.loads(capsys.readouterr().out)
    assert len(one) == 37 and one == two
    assert [form["file"] for form in one] == [str(path) for path in sorted(SEED_DIR.glob("*.toml"))]


def test_ndjson_is_one_object_per_line_as_in_the_json_array(capsys):
    assert run(["check", str(SEED_DIR), "--format", "ndjson", "--jobs", "2"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 37
    assert run(["check", str(SEED_DIR), "--format", "json", "--jobs", "1"]) == 1
    assert [json.loads(line) for line in lines] == json.loads(capsys.readouterr().out)


def test_summary_of_the_first_seed_form():
    # 10 − 9.80 on the budget row; 产出 rows lose 20 − 16.67, 20 − 17.50 and 5 − 3.33; the satisfaction row 25 − 21.88.
    data = summary_data(summarise(audit_evaluation(load_evaluation(FIRST_FORM), file="f.toml")))
    assert data["lost"] == {"预算执行率": "0.20", "产出指标": "7.50", "效益指标": "0", "满意度指标": "3.12"}
    assert (data["errors"], data["warnings"], data["infos"]) == (0, 4, 1)
    assert (data["declared_total"], data["computed_total"], data["grade"]) == ("89.18", "89.18", "良")
    assert data["department"] == "深圳市规划和自然资源局" and data["implementer"] == ""


def test_exit_code_reflects_findings_when_stdout_closes_early():
    """`jixiao check DIR | head -1` exits 1: the audit finishes after the reader has gone."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "check", str(SEED_DIR), "--format", "ndjson", "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read()
    assert process.wait(timeout=120) == 1
    assert json.loads(first)["computed_total"] == "89.18"
    assert error == b""  # no progress bar off a terminal, no complaint about the closed pipe


def test_a_clean_form_exits_0_even_through_a_closed_pipe(tmp_path):
    form = sorted(SEED_DIR.glob("02-*.toml"))[0]
    result = subprocess.run(
        f"{sys.executable} -m tui check '{form}' | head -c 1",
        shell=True,
        capture_output=True,
        cwd=ROOT,
        executable="/bin/bash",
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0
    status = subprocess.run(
        f"set -o pipefail; {sys.executable} -m tui check '{SEED_DIR}' | head -n 1 > /dev/null",
        shell=True,
        capture_output=True,
        cwd=ROOT,
        executable="/bin/bash",
    )
    assert status.returncode == 1 and b"Traceback" not in status.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal():
    quiet = io.StringIO()
    bar = Progress(2, quiet)
    bar.advance()
    bar.advance()
    bar.clear()
    assert quiet.getvalue() == ""
    terminal = _Terminal()
    bar = Progress(2, terminal)
    bar.advance()
    bar.advance()
    bar.clear()
    assert terminal.getvalue() == (
        "\r核查 ████████████░░░░░░░░░░░░ 1/2 份\x1b[K\r核查 ████████████████████████ 2/2 份\x1b[K\r\x1b[K"
    )


def test_bad_jobs_and_profile_are_plain_errors(capsys):
    assert run(["check", str(FIRST_FORM), "--jobs", "0"]) == 2
    assert "--jobs 应为不小于 1 的整数" in capsys.readouterr().err
    assert run(["check", str(SEED_DIR), "--jobs", "2", "--profile", "atlantis", "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert "没有名为“atlantis”的规则" in captured.err and captured.out == ""


def test_unusable_file_among_many_is_named_and_exits_2(tmp_path, capsys):
    for path in sorted(SEED_DIR.glob("0*.toml")):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "zz-bad.toml").write_text("not = = toml", encoding="utf-8")
    assert run(["check", str(tmp_path), "--format", "ndjson", "--jobs", "2"]) == 2
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 9
    assert "zz-bad.toml 不是有效的 TOML" in captured.err


def test_ctrl_c_stops_the_pool_with_one_plain_line(tmp_path):
    """Ctrl+C reaches the command and its workers alike (one process group): exit 130, no traceback, no hang."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEED_DIR.glob("*.toml"))]
    for index in range(1500):
        (tmp_path / f"{index:04d}.toml").write_text(texts[index % len(texts)], encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "check", str(tmp_path), "--format", "ndjson", "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        start_new_session=True,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()  # the workers are running
    os.killpg(process.pid, signal.SIGINT)
    process.stdout.close()
    assert process.wait(timeout=60) == 130
    assert process.stderr.read().decode("utf-8") == "jixiao: 已中断\n"


def test_progress_bar_reaches_a_real_terminal_unescaped(tmp_path):
    """On a terminal the bar's carriage return and erase-line arrive as such (not sanitised into text)."""
    master, slave = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "check", str(SEED_DIR), "--format", "ndjson", "--jobs", "1"],
        stdout=subprocess.DEVNULL,
        stderr=slave,
        cwd=ROOT,
    )
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal's other end closed
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert process.wait(timeout=120) == 1
    text = seen.decode("utf-8")
    assert "\r核查 " in text and "37/37 份\x1b[K" in text and text.endswith("\r\x1b[K")
    assert "\\u000d" not in text and "\\u001b" not in text


def test_the_closing_count_counts_the_files_that_could_not_be_read(tmp_path, capsys):
    for name in ("a", "b"):
        (tmp_path / f"{name}.toml").write_text(
            FIRST_FORM.read_text(encoding="utf-8").replace("project_name = ", f'project_name = "{name}" #', 1),
            encoding="utf-8",
        )
    for name in ("c", "d"):
        (tmp_path / f"{name}.toml").write_text("not = = toml", encoding="utf-8")
    assert run(["check", str(tmp_path), "--jobs", "2"]) == 2
    assert capsys.readouterr().out.splitlines()[-1] == (
        "共 2 份表，0 份有错误；错误 0 条，注意 8 条，提示 2 条；2 个文件无法读取，未计入"
    )


def test_a_form_and_its_export_are_checked_once(tmp_path, capsys):
    (tmp_path / "01.toml").write_text(FIRST_FORM.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(["export", str(tmp_path / "01.toml"), "--out", str(tmp_path / "01.xlsx"), "--layout", "sichuan"]) == 0
    capsys.readouterr()
    assert run(["check", str(tmp_path), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert out.count("项目：") == 1 and f"{tmp_path / '01.xlsx'}" in out and "只计一次" in out
    assert (
        out.splitlines()[-1]
        == "共 1 份表，0 份有错误；错误 0 条，注意 4 条，提示 1 条；另有 1 份是重复读到的同一份表，只计一次"
    )
    assert run(["check", str(tmp_path), "--jobs", "2", "--format", "ndjson"]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["file"] for line in captured.out.splitlines()] == [str(tmp_path / "01.toml")]
    assert "01.xlsx 与" in captured.err and "只计一次" in captured.err


def test_the_same_project_with_other_figures_is_another_form(tmp_path, capsys):
    text = FIRST_FORM.read_text(encoding="utf-8")
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    (tmp_path / "b.toml").write_text(text.replace("executed = 351000.00", "executed = 341000.00"), encoding="utf-8")
    assert run(["check", str(tmp_path), "--jobs", "1", "--format", "ndjson"]) in (0, 1)
    assert len(capsys.readouterr().out.splitlines()) == 2

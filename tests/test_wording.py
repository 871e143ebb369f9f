"""Wording a new user tripped on: nested quotes in a project name, totals printed as the file writes them,
and the 分值-sum warning given once in plain mode."""

from __future__ import annotations

import io
from pathlib import Path

from helpers import SEED_01, TO_REVIEW, answer_lines

from domain.interview.controller import Interview
from domain.record.storage import load_evaluation
from tui.cli import run
from tui.plain import run_plain


def test_a_quoted_project_name_nests_its_quotes() -> None:
    interview = Interview(load_evaluation(SEED_01))
    first = interview.start()[0].text
    assert first.startswith("正在修改“‘互联网+不动产登记’强隔离安全交换平台”")
    assert "““" not in first


def test_check_prints_the_total_as_the_file_writes_it(tmp_path: Path, capsys) -> None:
    form = tmp_path / "t.toml"
    form.write_text(
        SEED_01.read_text(encoding="utf-8").replace("declared_total = 89.18", "declared_total = 27.30"),
        encoding="utf-8",
    )
    assert run(["check", str(form)]) == 1
    out = capsys.readouterr().out
    assert "表上总分 27.30，核算总分 89.18" in out and "27.3，" not in out


def test_plain_mode_gives_the_weight_sum_warning_once(tmp_path: Path) -> None:
    stdout = io.StringIO()

    class Args:
        plain = True
        out = None
        drafts = str(tmp_path / "drafts")

    lines = "\n".join([*answer_lines(TO_REVIEW, until="review.save"), "", ":q"]) + "\n"
    run_plain("new", Args(), stdin=io.StringIO(lines), stdout=stdout)  # type: ignore[arg-type]
    text = stdout.getvalue()
    assert text.count("分值合计为 30") == 1, text

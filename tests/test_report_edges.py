"""The reviewer's text table on a form that has no indicator row to score: no grade, said as "—"."""

from __future__ import annotations

from pathlib import Path

from tui.cli import run

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed"


def test_a_form_without_indicator_rows_shows_no_grade_in_the_text_table(tmp_path: Path, capsys) -> None:
    text = next(iter(sorted(SEED.glob("01-*.toml")))).read_text(encoding="utf-8")
    form = tmp_path / "form.toml"
    form.write_text(text[: text.index("[[indicators]]")], encoding="utf-8")
    code = run(["report", str(form), "--out", str(tmp_path / "r.xlsx"), "--format", "text"])
    out = capsys.readouterr().out
    assert code in (0, 1)
    row = next(line for line in out.splitlines() if "深圳市" in line)
    assert row.split()[-3:] == ["—", "3", "1"]  # grade, errors, warnings


def test_score_and_check_give_no_grade_to_a_form_without_indicator_rows(tmp_path: Path, capsys) -> None:
    text = next(iter(sorted(SEED.glob("01-*.toml")))).read_text(encoding="utf-8")
    form = tmp_path / "form.toml"
    form.write_text(text[: text.index("[[indicators]]")], encoding="utf-8")
    run(["score", str(form)])
    scored = capsys.readouterr().out
    run(["check", str(form)])
    checked = capsys.readouterr().out
    assert "总分 9.80（—）" in scored and "核算总分 9.80（—）" in checked

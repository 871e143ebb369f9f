"""The README's DuckDB example runs as written on the ndjson of the 37 seed forms."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from tui.cli import run

ROOT = Path(__file__).resolve().parent.parent


def _readme_sql() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### The ndjson stream in DuckDB", 1)[1]
    block = re.search(r"```sql\n(.*?)```", section, re.S)
    assert block is not None
    return [statement for statement in block.group(1).split(";\n") if statement.strip()]


def test_readme_duckdb_example(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run(["check", str(ROOT / "fixtures" / "seed"), "--format", "ndjson", "--jobs", "2"]) == 1
    (tmp_path / "forms.ndjson").write_text(capsys.readouterr().out, encoding="utf-8")
    connection = duckdb.connect()
    create, units, common, with_errors, sample = (connection.execute(statement).fetchall() for statement in _readme_sql())
    assert create == [(37,)]
    [(unit, forms, errors, *_)] = units
    assert (unit, forms, errors) == ("深圳市规划和自然资源局", 37, 16)
    assert common[0][:2] == ("completeness.missing_reason", "warning")
    assert len(with_errors) == 6 and all(row[2] > 0 for row in with_errors)
    assert str(with_errors[0][3]) == "5.00"  # 99.90 declared, 94.90 audited
    assert len(sample) == 5

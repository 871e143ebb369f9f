"""The README's recipe for shards runs as written: the shell lines split folders of forms into four shards and
check each, `report` reads the shards together, and the DuckDB queries answer on them (a form held by two
shards counted once)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import duckdb
from python_calamine import CalamineWorkbook

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "fixtures" / "seed").glob("*.toml"))


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("### The ndjson stream in DuckDB", 1)[1].split("\n## ", 1)[0]


def _readme_block(language: str) -> str:
    block = re.search(rf"```{language}\n(.*?)```", _section(), re.S)
    assert block is not None
    return block.group(1)


def test_readme_shards_recipe(tmp_path):
    for index, path in enumerate(SEED):  # five folders of forms; the first form (unit-0) also in unit-1
        folder = tmp_path / "forms" / f"unit-{index % 5}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / path.name)
    shutil.copy(SEED[0], tmp_path / "forms" / "unit-1" / "copy.toml")  # another shard
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-c", _readme_block("sh")],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in tmp_path.glob("shard.*.ndjson")) == [f"shard.a{c}.ndjson" for c in "abcd"]
    lines = [json.loads(line) for path in tmp_path.glob("shard.*.ndjson") for line in path.read_text().splitlines()]
    assert len(lines) == 38 and len({line["key"] for line in lines}) == 37
    book = CalamineWorkbook.from_path(str(tmp_path / "report.xlsx"))
    assert len(book.get_sheet_by_name("汇总").to_python()) == 1 + 37

    connection = duckdb.connect()
    connection.execute(f"SET file_search_path = '{tmp_path}'")
    statements = [statement for statement in _readme_block("sql").split(";\n") if statement.strip()]
    create, units, common, indicators, with_errors, sample = (
        connection.execute(statement).fetchall() for statement in statements
    )
    assert create == [(37,)]
    [(unit, forms, errors, *_)] = units
    assert (unit, forms, errors) == ("深圳市规划和自然资源局", 37, 16)
    assert common[0][:2] == ("completeness.missing_reason", "warning")
    lost: dict[str, Decimal] = defaultdict(Decimal)
    for line in {line["key"]: line for line in lines}.values():
        for row in line["rows"]:
            if row["catalogue"] is not None:
                lost[row["catalogue"]] += Decimal(row["weight"]) - Decimal(row["score"])
    top = max(lost.values())
    assert indicators[0][0] in {name for name, points in lost.items() if points == top} and indicators[0][2] == top
    assert len(with_errors) == 6 and all(row[2] > 0 for row in with_errors)
    assert str(with_errors[0][3]) == "5.00"  # 99.90 declared, 94.90 audited
    assert len(sample) == 5

"""Structure slips a reviewer catches: a 三级 twice under one 二级, a named row worth nothing, and an
一级 label carrying a weight ("产出指标(50分)") that its rows do not add up to."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from domain.record.value_text import normalise_text
from domain.scoring.findings import Finding, FindingClass
from domain.scoring.rounding import plain
from domain.scoring.wording import msg

_LABEL_WEIGHT = re.compile(r"[(（](\d+(?:\.\d+)?)分?[)）]")


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    return normalise_text(text).strip("：:")


def _named(row: Any) -> bool:
    return row.name.strip() not in ("", "*")


@lru_cache(maxsize=1024)
def label_weight(level1: str) -> tuple[str, Decimal] | None:
    """The name and weight an 一级 label carries: 产出指标(50分) → (产出指标, 50)."""
    text = normalise_text(level1)
    match = _LABEL_WEIGHT.search(text)
    if match is None:
        return None
    return text[: match.start()] + text[match.end() :], Decimal(match.group(1))


def structure_slips(evaluation: Any) -> list[Finding]:
    findings: list[Finding] = []
    rows = evaluation.indicators
    seen: dict[tuple[str, str, str], int] = {}
    for number, row in enumerate(rows, start=1):
        if not _named(row):
            continue
        key = (_key(row.level1), _key(row.level2), _key(row.name))
        if key in seen:
            findings.append(
                Finding(
                    FindingClass.STRUCTURE,
                    "duplicate_indicator",
                    msg(
                        "check.duplicate",
                        first=seen[key],
                        second=number,
                        level2=row.level2.strip(),
                        name=row.name.strip(),
                    ),
                    number,
                    row.name,
                )
            )
        else:
            seen[key] = number
        if row.weight == 0:
            findings.append(
                Finding(
                    FindingClass.STRUCTURE,
                    "zero_weight",
                    msg("check.zero_weight", row=number, name=row.name.strip()),
                    number,
                    row.name,
                )
            )
    labelled: dict[str, tuple[str, Decimal, Decimal]] = {}
    for row in rows:
        found = label_weight(row.level1)
        if found is None:
            continue
        name, weight = found
        label, stated, total = labelled.get(row.level1, (name, weight, Decimal(0)))
        labelled[row.level1] = (label, stated, total + row.weight)
    for label, stated, total in labelled.values():
        if stated != total:
            findings.append(
                Finding(
                    FindingClass.ARITHMETIC,
                    "level1_label",
                    msg("check.level1_label", level1=label, stated=plain(stated), total=plain(total)),
                    declared=stated,
                    computed=total,
                )
            )
    return findings

"""A form against its approved targets (绩效目标表): which targets were lowered, reworded, dropped or added.

Forms are paired with targets by 项目编码 where both have one, else by project name, tolerant of small
differences (spaces, quotes, brackets, a few characters). Rows are paired by 三级指标 name, then — for a
renamed row — by place among the rows left. Every difference is a finding with code ``targets.*``: a target
lowered (higher is better) or loosened (lower is better) is an error; a rewording, a 分值 changed, a row
dropped or added, a budget that differs are warnings; a form with no targets gets one info line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from difflib import SequenceMatcher

from domain.record.kinds import Direction
from domain.record.models import Evaluation, IndicatorRow
from domain.record.targets import CODE_REMARK, TargetRow, Targets
from domain.record.values import parse_value
from domain.scoring.findings import Finding, FindingClass
from domain.scoring.indicators import entry_for
from domain.scoring.rules import resolve_direction
from domain.scoring.wording import Msg, msg
from domain.sheets.grid import plain_decimal

_NOISE = re.compile(r"[\s\"'“”‘’「」『』()（）【】\[\]·,，.。:：、_-]+")
NAME_SIMILARITY = 0.85


def _key(text: str) -> str:
    return _NOISE.sub("", text).lower()


def _code(text: str) -> str:
    return re.sub(r"\D", "", text)


def similar(one: str, other: str) -> float:
    one, other = _key(one), _key(other)
    if not one or not other:
        return 0.0
    return 1.0 if one == other else SequenceMatcher(None, one, other).ratio()


class TargetIndex:
    """Approved targets, findable by project code or name."""

    def __init__(self, tables: Sequence[tuple[str, Targets]]) -> None:
        self.tables = list(tables)
        self.by_code = {
            _code(targets.project_code): (label, targets)
            for label, targets in self.tables
            if _code(targets.project_code)
        }

    def find(self, evaluation: Evaluation) -> tuple[str, Targets] | None:
        code = _code((evaluation.remarks or {}).get(CODE_REMARK, ""))
        if code and code in self.by_code:
            return self.by_code[code]
        name = evaluation.header.project_name
        # by name, never with a targets table whose code says it is another project
        scored = [
            (similar(name, targets.project), label, targets)
            for label, targets in self.tables
            if not (code and _code(targets.project_code) and _code(targets.project_code) != code)
        ]
        best = max(scored, default=None, key=lambda item: item[0])
        if best is None or best[0] < NAME_SIMILARITY:
            return None
        return best[1], best[2]

    def findings(self, evaluation: Evaluation) -> list[Finding]:
        found = self.find(evaluation)
        if found is None:
            return [_finding("no_match", msg("targets.check.no_match"))]
        return compare(evaluation, found[1])


def _finding(detail: str, text: Msg, row: int | None = None, indicator: str | None = None) -> Finding:
    return Finding(FindingClass.TARGETS, detail, text, row, indicator)


def _direction(row: TargetRow | IndicatorRow) -> Direction | None:
    target = parse_value(row.target_text)
    entry = entry_for(IndicatorRow(level1=row.level1, level2=row.level2, name=row.name, target_text=row.target_text))
    direction, _ = resolve_direction(target, entry.direction if entry is not None else None, None)
    return direction


def target_change(approved: TargetRow, now: IndicatorRow) -> str | None:
    """ "lowered", "raised" (a lower-is-better target loosened), "changed", or None when the same."""
    if _key(approved.target_text) == _key(now.target_text):
        return None
    before, after = parse_value(approved.target_text), parse_value(now.target_text)
    if before.number is not None and after.number is not None and before.unit == after.unit:
        direction = _direction(approved)
        if direction is Direction.REVERSE and after.number > before.number:
            return "raised"
        if direction in (Direction.POSITIVE, Direction.EQUAL) and after.number < before.number:
            return "lowered"
        if after.number == before.number:
            return None  # the same target written another way (≥95% and 95%)
    return "changed"


def _pair_rows(
    approved: list[TargetRow], rows: list[IndicatorRow]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """(approved index, row index) pairs, approved rows left, form rows left."""
    used = [row for row in range(len(rows)) if not rows[row].is_unused]
    pairs: list[tuple[int, int]] = []
    left = list(range(len(approved)))
    for index in list(left):
        match = next((row for row in used if _key(rows[row].name) == _key(approved[index].name)), None)
        if match is not None:
            pairs.append((index, match))
            used.remove(match)
            left.remove(index)
    for index in list(left):  # a renamed row: the most similar name in the same 二级, or at the same place
        candidates = [
            (similar(approved[index].name, rows[row].name), row)
            for row in used
            if _key(rows[row].level2) == _key(approved[index].level2)
        ]
        best = max(candidates, default=None)
        if best is not None and (
            best[0] >= 0.5 or _key(rows[best[1]].target_text) == _key(approved[index].target_text)
        ):
            pairs.append((index, best[1]))
            used.remove(best[1])
            left.remove(index)
    return sorted(pairs, key=lambda pair: pair[1]), left, used


def compare(evaluation: Evaluation, targets: Targets) -> list[Finding]:
    """Every difference between a form and its approved targets."""
    findings: list[Finding] = []
    approved = [row for row in targets.indicators if row.name.strip()]
    rows = evaluation.indicators
    pairs, dropped, added = _pair_rows(approved, rows)
    for index, position in pairs:
        then, now = approved[index], rows[position]
        number = position + 1
        if _key(then.name) != _key(now.name):
            findings.append(
                _finding(
                    "reworded",
                    msg("targets.check.reworded", row=number, approved=then.name, now=now.name),
                    number,
                    now.name,
                )
            )
        change = target_change(then, now)
        if change is not None:
            findings.append(
                _finding(
                    change,
                    msg(
                        f"targets.check.{change}",
                        row=number,
                        name=now.name,
                        approved=then.target_text,
                        now=now.target_text,
                    ),
                    number,
                    now.name,
                )
            )
        if then.weight is not None and then.weight != now.weight:
            findings.append(
                _finding(
                    "weight",
                    msg(
                        "targets.check.weight",
                        row=number,
                        name=now.name,
                        approved=plain_decimal(then.weight),
                        now=plain_decimal(now.weight),
                    ),
                    number,
                    now.name,
                )
            )
    for index in dropped:
        findings.append(
            _finding(
                "dropped",
                msg("targets.check.dropped", name=approved[index].name, approved=approved[index].target_text),
                None,
                approved[index].name,
            )
        )
    for position in added:
        findings.append(
            _finding(
                "added",
                msg("targets.check.added", row=position + 1, name=rows[position].name),
                position + 1,
                rows[position].name,
            )
        )
    findings += _budget(evaluation, targets)
    return findings


_UNIT = {"元": Decimal(1), "万元": Decimal(10000)}


def _budget(evaluation: Evaluation, targets: Targets) -> list[Finding]:
    approved = targets.budget.total
    funds = evaluation.funds
    now = funds.total.annual_budget if funds.total.annual_budget is not None else funds.total.initial_budget
    if approved is None or now is None:
        return []
    then_yuan = approved * _UNIT.get(targets.budget.unit, Decimal(1))
    now_yuan = now * _UNIT.get(funds.unit, Decimal(1))
    if abs(then_yuan - now_yuan) < Decimal("0.5"):
        return []
    text = msg(
        "targets.check.budget",
        now=f"{plain_decimal(now)}{funds.unit}",
        approved=f"{plain_decimal(approved)}{targets.budget.unit}",
    )
    return [_finding("budget", text, 0)]


# the index a review compares with (set by ``use_targets`` before the review starts; forked workers inherit it)
_INDEX: TargetIndex | None = None


def use_targets(tables: Sequence[tuple[str, Targets]]) -> None:
    """Compare every form of the coming review with these targets."""
    global _INDEX
    from domain.review.batch import EXTRA_FINDINGS

    _INDEX = TargetIndex(tables)
    if targets_findings not in EXTRA_FINDINGS:
        EXTRA_FINDINGS.append(targets_findings)


def targets_findings(evaluation: Evaluation) -> list[Finding]:
    return _INDEX.findings(evaluation) if _INDEX is not None else []

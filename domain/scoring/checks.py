"""Form checks that need no declared scores: weights, funds arithmetic, missing explanations.

Used both by the audit of filled forms and by the interview while a form is being filled.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from domain.record.value_text import normalise_text
from domain.scoring.findings import Finding, FindingClass
from domain.scoring.results import RowStatus, ScoredEvaluation
from domain.scoring.rounding import ONE_HUNDRED, plain
from domain.scoring.slips import label_weight, structure_slips
from domain.scoring.wording import grade_msg, msg

FULL_MARKS = Decimal(100)
FUNDS_COLUMNS = (
    ("initial_budget", "funds.initial"),
    ("annual_budget", "funds.annual"),
    ("executed", "funds.executed"),
)
FUNDS_SOURCES = (("fiscal", "当年财政拨款"), ("carryover", "上年结转资金"), ("other", "其他资金"))
# What forms write in 偏差原因 that says nothing: a reason like this is a missing reason.
_EMPTY_REASON = re.compile(
    r"[无/\\\-—–―_.。、*·…]*|(暂无|暂未|没有|无偏差|无差异|不适用|见附件|详见附件|见说明|略|同上|N/?A|n/?a)[。.]?"
)


@lru_cache(maxsize=4096)
def says_something(reason: str) -> bool:
    """Whether a 偏差原因 gives a reason ("无", "/", "—", "暂无", "见附件" … do not)."""
    return not _EMPTY_REASON.fullmatch(normalise_text(reason))


def weight_total(evaluation: Any) -> Decimal:
    """The budget row's 分值 plus every indicator's 分值: should be 100."""
    total: Decimal = evaluation.funds.weight + sum((row.weight for row in evaluation.indicators), Decimal(0))
    return total


def check_weights(evaluation: Any, profile: Any) -> list[Finding]:
    """分值 must add up to 100; 一级 weights other than the profile's usual ones are advice only."""
    findings: list[Finding] = []
    total = weight_total(evaluation)
    if total != FULL_MARKS:
        findings.append(
            Finding(
                FindingClass.ARITHMETIC,
                "weights_total",
                msg("check.weights_total", total=plain(total), budget=plain(evaluation.funds.weight)),
                declared=total,
                computed=FULL_MARKS,
            )
        )
    by_level1: dict[str, Decimal] = {}
    for row in evaluation.indicators:
        labelled = label_weight(row.level1)
        level1 = labelled[0] if labelled else row.level1
        by_level1[level1] = by_level1.get(level1, Decimal(0)) + row.weight
    differing = [
        msg("check.differ.level1", name=name, actual=plain(by_level1.get(name, Decimal(0))), usual=plain(usual))
        for name, usual in profile.level1_weights.items()
        if by_level1.get(name, Decimal(0)) != usual
    ]
    if evaluation.funds.weight != profile.budget_weight:
        differing.insert(
            0, msg("check.differ.budget", actual=plain(evaluation.funds.weight), usual=plain(profile.budget_weight))
        )
    if differing and total == FULL_MARKS:
        parts = {f"part{index}": part for index, part in enumerate(differing)}
        joined = (
            msg("check.join" + str(len(differing)), **parts)
            if len(differing) <= 4
            else msg("check.join4", **{f"part{index}": differing[index] for index in range(4)})
        )
        findings.append(Finding(FindingClass.ADVICE, "level1_weights", msg("check.level1_weights", differing=joined)))
    return findings


def _add(rows: list[Any], column: str) -> Decimal | None:
    values = [getattr(row, column) for row in rows]
    if all(value is None for value in values):
        return None
    return sum((value or Decimal(0) for value in values), Decimal(0))


def total_left_empty(funds: Any) -> bool:
    """年度资金总额 left at 0 (or blank) while the rows under it hold money (scored from the rows)."""
    names = [name for name, _ in FUNDS_COLUMNS]
    if any(getattr(funds.total, name) for name in names):
        return False
    return any(getattr(getattr(funds, source), name) for source, _ in FUNDS_SOURCES for name in names)


def check_funds(funds: Any) -> list[Finding]:
    """The three source rows must add up to 年度资金总额 in each column; spending above budget is flagged."""
    findings: list[Finding] = []
    sources = [getattr(funds, name) for name, _ in FUNDS_SOURCES]
    if total_left_empty(funds):  # one slip, not a sum error in every column
        executed = _add(sources, "executed")
        return [
            Finding(
                FindingClass.ARITHMETIC,
                "funds_sum",
                msg(
                    "check.funds_total_zero",
                    budget=plain(_add(sources, "annual_budget") or _add(sources, "initial_budget") or Decimal(0)),
                    executed=plain(executed or Decimal(0)),
                ),
                row=0,
            )
        ]
    for column, label in FUNDS_COLUMNS:
        total = getattr(funds.total, column)
        parts = _add(sources, column)
        if total is None or parts is None or parts == total:
            continue
        findings.append(
            Finding(
                FindingClass.ARITHMETIC,
                "funds_sum",
                msg("check.funds_sum", label=msg(label), parts=plain(parts), total=plain(total)),
                row=0,
                declared=total,
                computed=parts,
            )
        )
    budget, executed = funds.total.annual_budget, funds.total.executed
    if budget is not None and executed is not None and executed > budget:
        findings.append(
            Finding(
                FindingClass.JUDGEMENT,
                "executed_over_budget",
                msg("check.executed_over_budget", executed=plain(executed), budget=plain(budget)),
                row=0,
            )
        )
    return findings


def _is_blank(row: Any) -> bool:
    """A row with nothing written but maybe a 分值: not a row that lost points."""
    return not row.name.strip() and not row.target_text.strip() and not row.actual_text.strip()


def check_reasons(scored: ScoredEvaluation, scores: list[Decimal] | None = None) -> list[Finding]:
    """Rows that lost points (by the rules or by what the form declares) or were flagged as over-achieved
    need 偏差原因分析及改进措施, and one that says something.

    ``scores`` are the scores that count for each row (an audit's adopted ones); by default the computed ones.
    """
    findings: list[Finding] = []
    profile = scored.profile
    counted = scores if scores is not None else [result.score for result in scored.rows]
    rows = zip(scored.evaluation.indicators, scored.rows, counted, strict=True)
    for number, (row, result, score) in enumerate(rows, start=1):
        if says_something(row.deviation_reason) or result.status is RowStatus.UNUSED or _is_blank(row):
            continue
        declared = row.declared_score
        lost = (score is not None and score < row.weight) or (declared is not None and declared < row.weight)
        deviation = result.has_note("deviation") or (profile.deviation_needs_reason and result.has_note("overachieved"))
        if not (lost or deviation or result.has_note("overachieved")):
            continue
        if lost:
            why = msg("check.why.lost")
        else:
            ratio = profile.deviation_ratio if deviation else profile.overachievement_ratio
            why = msg("check.why.over", share=plain(ratio * ONE_HUNDRED))
        key = "check.empty_reason" if row.deviation_reason.strip() else "check.missing_reason"
        findings.append(
            Finding(
                FindingClass.COMPLETENESS,
                "missing_reason",
                msg(key, row=number, name=row.name, why=why, reason=row.deviation_reason.strip()),
                row=number,
                indicator=row.name,
            )
        )
    if any(note.code == "low_execution" for note in scored.budget.notes):
        findings.append(
            Finding(
                FindingClass.COMPLETENESS,
                "missing_budget_reason",
                msg("check.missing_budget_reason", floor=plain(profile.low_execution_rate * ONE_HUNDRED)),
                row=0,
            )
        )
    return findings


def check_declared_grade(evaluation: Any, profile: Any) -> list[Finding]:
    """A grade written after the total (优, 良 …) that the declared total does not earn."""
    grade = (evaluation.declared_grade or "").strip()
    total = evaluation.declared_total
    if not grade or total is None:
        return []
    earned = profile.grade_of(total)
    if grade == earned:
        return []
    return [
        Finding(
            FindingClass.ARITHMETIC,
            "declared_grade",
            msg("check.declared_grade", grade=grade, total=format(total, "f"), earned=grade_msg(earned)),
        )
    ]


def form_checks(scored: ScoredEvaluation, scores: list[Decimal] | None = None) -> list[Finding]:
    """Every check that does not compare declared scores (``scores``: the row scores that count)."""
    evaluation = scored.evaluation
    return [
        *check_weights(evaluation, scored.profile),
        *check_funds(evaluation.funds),
        *check_reasons(scored, scores),
        *structure_slips(evaluation),
        *check_declared_grade(evaluation, scored.profile),
    ]

"""Form checks that need no declared scores: weights, funds arithmetic, missing explanations.

Used both by the audit of filled forms and by the interview while a form is being filled.
"""

from __future__ import annotations

from decimal import Decimal

from domain.record.models import Evaluation, Funds, FundsRow
from domain.scoring.findings import Finding, FindingClass
from domain.scoring.profile import Profile
from domain.scoring.rounding import plain
from domain.scoring.rules import RowStatus, ScoredEvaluation

FULL_MARKS = Decimal(100)
FUNDS_COLUMNS = (
    ("initial_budget", "年初预算数", "initial budget"),
    ("annual_budget", "全年预算数", "full-year budget"),
    ("executed", "全年执行数", "amount spent"),
)
FUNDS_SOURCES = (("fiscal", "当年财政拨款"), ("carryover", "上年结转资金"), ("other", "其他资金"))


def weight_total(evaluation: Evaluation) -> Decimal:
    """The budget row's 分值 plus every indicator's 分值: should be 100."""
    return evaluation.funds.weight + sum((row.weight for row in evaluation.indicators), Decimal(0))


def check_weights(evaluation: Evaluation, profile: Profile) -> list[Finding]:
    """分值 must add up to 100; 一级 weights other than the profile's usual ones are advice only."""
    findings: list[Finding] = []
    total = weight_total(evaluation)
    if total != FULL_MARKS:
        findings.append(Finding(
            FindingClass.ARITHMETIC, "weights_total",
            f"分值合计为 {plain(total)}，应为 100（预算执行率 {plain(evaluation.funds.weight)} + 各项指标）",
            f"weights add up to {plain(total)}, not 100", declared=total, computed=FULL_MARKS))
    by_level1: dict[str, Decimal] = {}
    for row in evaluation.indicators:
        by_level1[row.level1] = by_level1.get(row.level1, Decimal(0)) + row.weight
    differing = [
        f"{name} {plain(by_level1.get(name, Decimal(0)))}（通常 {plain(usual)}）"
        for name, usual in profile.level1_weights.items()
        if by_level1.get(name, Decimal(0)) != usual
    ]
    if evaluation.funds.weight != profile.budget_weight:
        differing.insert(0, f"预算执行率 {plain(evaluation.funds.weight)}（通常 {plain(profile.budget_weight)}）")
    if differing and total == FULL_MARKS:
        findings.append(Finding(
            FindingClass.ADVICE, "level1_weights", "权重与通常的分配不同：" + "；".join(differing) + "。可以调整，但请确认是有意为之",
            "weights differ from the usual split (budget 10 / output 50 / effect 30 / satisfaction 10)"))
    return findings


def _add(rows: list[FundsRow], column: str) -> Decimal | None:
    values = [getattr(row, column) for row in rows]
    if all(value is None for value in values):
        return None
    return sum((value or Decimal(0) for value in values), Decimal(0))


def check_funds(funds: Funds) -> list[Finding]:
    """The three source rows must add up to 年度资金总额 in each column; spending above budget is flagged."""
    findings: list[Finding] = []
    sources = [getattr(funds, name) for name, _ in FUNDS_SOURCES]
    for column, label, label_en in FUNDS_COLUMNS:
        total = getattr(funds.total, column)
        parts = _add(sources, column)
        if total is None or parts is None or parts == total:
            continue
        findings.append(Finding(
            FindingClass.ARITHMETIC, "funds_sum",
            f"{label}：当年财政拨款、上年结转资金、其他资金合计 {plain(parts)}，与年度资金总额 {plain(total)} 不符",
            f"{label_en}: the three sources add up to {plain(parts)}, not the total {plain(total)}",
            row=0, declared=total, computed=parts))
    budget, executed = funds.total.annual_budget, funds.total.executed
    if budget is not None and executed is not None and executed > budget:
        findings.append(Finding(
            FindingClass.JUDGEMENT, "executed_over_budget",
            f"全年执行数 {plain(executed)} 超过全年预算数 {plain(budget)}，请核实",
            f"spending {plain(executed)} exceeds the budget {plain(budget)}", row=0))
    return findings


def check_reasons(scored: ScoredEvaluation, scores: list[Decimal] | None = None) -> list[Finding]:
    """Rows that lost points (or were flagged as over-achieved) need 偏差原因分析及改进措施.

    ``scores`` are the scores that count for each row (an audit's adopted ones); by default the computed ones.
    """
    findings: list[Finding] = []
    counted = scores if scores is not None else [result.score for result in scored.rows]
    rows = zip(scored.evaluation.indicators, scored.rows, counted, strict=True)
    for number, (row, result, score) in enumerate(rows, start=1):
        if row.deviation_reason.strip() or result.status is RowStatus.UNUSED:
            continue
        lost = score is not None and score < row.weight
        if lost or result.has_note("overachieved"):
            why = "失分" if lost else "超额完成（≥120%）"
            findings.append(Finding(
                FindingClass.COMPLETENESS, "missing_reason", f"第 {number} 行“{row.name}”{why}，需要填写偏差原因分析及改进措施",
                f"row {number} “{row.name}” {'lost points' if lost else 'over-achieved'}: a deviation note is required",
                row=number, indicator=row.name))
    if any(note.code == "low_execution" for note in scored.budget.notes):
        findings.append(Finding(
            FindingClass.COMPLETENESS, "missing_budget_reason", "预算执行率低于 90%，需要说明原因",
            "execution below 90% needs an explanation", row=0))
    return findings


def form_checks(scored: ScoredEvaluation, scores: list[Decimal] | None = None) -> list[Finding]:
    """Every check that does not compare declared scores (``scores``: the row scores that count)."""
    evaluation = scored.evaluation
    return [*check_weights(evaluation, scored.profile), *check_funds(evaluation.funds), *check_reasons(scored, scores)]

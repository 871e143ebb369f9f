"""Audit a filled form: compare every declared score and total with what the rules give, and classify.

Arithmetic and method findings are errors, judgement and structure warnings, rounding info. The
audited total keeps a declared row score where the rules admit it (a rounding variant, or a judgement
inside its band) and says so, so an internally consistent form reproduces its own total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from domain.record.models import Direction, Evaluation, IndicatorRow
from domain.scoring.checks import form_checks
from domain.scoring.findings import Finding, FindingClass, Severity
from domain.scoring.indicators import RowMatch, score_with_catalogue
from domain.scoring.profile import DEFAULT_PROFILE, Profile, ReverseConvention, Rounding, load_profile
from domain.scoring.rounding import plain, quantize
from domain.scoring.rules import (
    BudgetResult,
    RowResult,
    RowStatus,
    Rule,
    ScoredEvaluation,
    score_budget,
    score_row,
)

# The precisions real forms use: half-up at 0–3 places, truncation at 1–3 (a whole-number truncation
# such as 0.64 → 0 throws away most of a row and is not accepted as rounding).
_PRECISION_VARIANTS = [(decimals, Rounding.HALF_UP) for decimals in (2, 1, 0, 3)] + [
    (decimals, Rounding.TRUNCATE) for decimals in (2, 1, 3)
]


@dataclass
class FormAudit:
    """The audit of one form: the scored form, what was adopted for the total, and the findings."""

    file: str
    scored: ScoredEvaluation
    matches: list[RowMatch]
    adopted_rows: list[Decimal]
    adopted_budget: Decimal
    findings: list[Finding] = field(default_factory=list)

    @property
    def evaluation(self) -> Evaluation:
        return self.scored.evaluation

    @property
    def project(self) -> str:
        return self.evaluation.header.project_name

    @property
    def declared_total(self) -> Decimal | None:
        return self.evaluation.declared_total

    @property
    def computed_total(self) -> Decimal:
        return self.adopted_budget + sum(self.adopted_rows, Decimal(0))

    @property
    def grade(self) -> str:
        return self.scored.profile.grade_of(self.computed_total)

    @property
    def has_errors(self) -> bool:
        return any(finding.severity is Severity.ERROR for finding in self.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)


def needs_judgement(result: RowResult) -> bool:
    """A row whose score is a person's call within a band: pending judgement, or qualitative."""
    return result.band is not None and (result.status is RowStatus.JUDGEMENT or result.explanation.rule is Rule.QUALITATIVE)


def admits(result: RowResult, declared: Decimal) -> bool:
    """Whether a declared score stands as the row's judgement: inside its band and inside 0–分值."""
    if not needs_judgement(result) or not Decimal(0) <= declared <= result.weight:
        return False
    assert result.band is not None
    return result.band[0] <= declared <= result.band[1]


def _variant(profile: Profile, **changes: object) -> Profile:
    return profile.model_copy(update=changes)


ROUNDING_TOLERANCE = Decimal("0.5")  # a "rounding" that moves a score further than this is not one


def _is_rounding_variant(row: IndicatorRow, result: RowResult, profile: Profile, declared: Decimal, direction) -> bool:
    if result.score is None or abs(result.score - declared) > ROUNDING_TOLERANCE:
        return False
    for decimals, rounding in _PRECISION_VARIANTS:
        variant = _variant(profile, score_decimals=decimals, rounding=rounding)
        if score_row(row, variant, direction).score == declared:
            return True
    return False


def _method_hint(row: IndicatorRow, result: RowResult, profile: Profile, declared: Decimal, direction) -> tuple[str, str]:
    """A guess, in plain words, at what the form did instead of the method."""
    computed = result.score
    assert computed is not None
    if declared > result.weight:
        return "得分超过了分值", "the score exceeds the weight"
    if declared == result.weight and computed < result.weight:
        return "未达到年度指标值却给了满分", "full marks although the target was missed"
    if computed == result.weight and declared < result.weight:
        return "已达到年度指标值却扣了分", "points deducted although the target was met"
    other = ReverseConvention.RATIO if profile.reverse_convention is ReverseConvention.LINEAR else ReverseConvention.LINEAR
    if result.explanation.rule in (Rule.REVERSE_LINEAR, Rule.REVERSE_RATIO):
        for decimals, rounding in _PRECISION_VARIANTS:
            variant = _variant(profile, reverse_convention=other, score_decimals=decimals, rounding=rounding)
            if score_row(row, variant, direction).score == declared:
                return ("按另一种反向指标口径计算（分值 × 指标值 ÷ 实际值）" if other is ReverseConvention.RATIO
                        else "按线性扣分的反向指标口径计算", "follows the other reverse-indicator convention")
    actual = row.actual
    if actual.number is not None and actual.unit == "%":
        ignoring_target = result.weight * actual.number / Decimal(100)
        if abs(ignoring_target - declared) < Decimal("0.01"):
            return "按 分值 × 实际完成值 计算，忽略了年度指标值", "score = weight × actual, ignoring the target"
    return "与按方法计算的结果不符", "differs from the method"


def _audit_row(
    number: int, row: IndicatorRow, result: RowResult, profile: Profile, direction
) -> tuple[Decimal, list[Finding]]:
    """The score adopted for the total and the findings for one row."""
    declared = row.declared_score
    name = row.name
    computed = result.score
    if result.status is RowStatus.UNUSED:
        if declared not in (None, Decimal(0)):
            return Decimal(0), [Finding(FindingClass.METHOD, "unused_row_scored", f"第 {number} 行是未使用的二级指标（*），却有得分 {plain(declared)}",
                                        f"row {number} is an unused placeholder but has a score", number, name, declared, Decimal(0))]
        return Decimal(0), []
    if declared is None:
        adopted = computed if computed is not None else Decimal(0)
        return adopted, [Finding(FindingClass.JUDGEMENT, "missing_score", f"第 {number} 行“{name}”表上没有得分",
                                 f"row {number} has no declared score", number, name, None, computed)]
    if declared < 0 or declared > row.weight:
        low, high = result.band or (Decimal(0), row.weight)
        adopted = computed if computed is not None else min(max(declared, low), high)
        return adopted, [Finding(FindingClass.METHOD, "score_out_of_range",
                                 f"第 {number} 行“{name}”得分 {plain(declared)} 超出 0–{plain(row.weight)} 分",
                                 f"row {number} score {plain(declared)} is outside 0–{plain(row.weight)}",
                                 number, name, declared, adopted)]
    if needs_judgement(result):
        assert result.band is not None
        low, high = result.band
        if admits(result, declared):
            if computed is not None and declared == computed:
                return declared, []
            return declared, [Finding(
                FindingClass.JUDGEMENT, "kept_declared",
                f"第 {number} 行“{name}”需要评定：{result.explanation.zh}。表上得分 {plain(declared)} 在可接受范围 "
                f"{plain(low)}–{plain(high)} 内，计入总分",
                f"row {number} needs judgement; the declared {plain(declared)} is within {plain(low)}–{plain(high)} and is kept",
                number, name, declared, computed)]
        adopted = high if declared > high else low
        return adopted, [Finding(
            FindingClass.METHOD, "outside_band",
            f"第 {number} 行“{name}”：{result.explanation.zh}；表上得分 {plain(declared)} 不在 {plain(low)}–{plain(high)} 内，"
            f"按 {plain(adopted)} 计",
            f"row {number}: declared {plain(declared)} is outside the admissible {plain(low)}–{plain(high)}; "
            f"{plain(adopted)} used", number, name, declared, adopted)]
    assert computed is not None
    if declared == computed:
        return computed, []
    if result.has_note("direction_assumed"):
        reversed_row = row.model_copy(update={"direction": Direction.REVERSE})
        reverse = score_row(reversed_row, profile, direction)
        if reverse.score is not None and (
                reverse.score == declared or _is_rounding_variant(reversed_row, reverse, profile, declared, direction)):
            return declared, [Finding(
                FindingClass.JUDGEMENT, "direction_assumed",
                f"第 {number} 行“{name}”没有写比较方向，指标库中也查不到：表上得分 {plain(declared)} 是按反向（越低越好）"
                f"计算的，按正向应为 {plain(computed)}；请确认方向，暂按表上得分计入总分",
                f"row {number}: no comparator and no catalogue entry; the declared {plain(declared)} follows the "
                f"reverse reading ({plain(computed)} if positive); kept", number, name, declared, computed)]
    if _is_rounding_variant(row, result, profile, declared, direction):
        return declared, [Finding(
            FindingClass.ROUNDING, "row_score",
            f"第 {number} 行“{name}”表上得分 {plain(declared)}，按两位小数四舍五入应为 {plain(computed)}：舍入方式不同，计入总分",
            f"row {number}: declared {plain(declared)} vs {plain(computed)} is a rounding difference; kept",
            number, name, declared, computed)]
    hint_zh, hint_en = _method_hint(row, result, profile, declared, direction)
    return computed, [Finding(
        FindingClass.METHOD, "row_score",
        f"第 {number} 行“{name}”表上得分 {plain(declared)}，应为 {plain(computed)}（{hint_zh}）：{result.explanation.zh}",
        f"row {number} “{name}”: declared {plain(declared)}, the method gives {plain(computed)} ({hint_en})",
        number, name, declared, computed)]


def _audit_budget(evaluation: Evaluation, budget: BudgetResult, profile: Profile) -> tuple[Decimal, list[Finding]]:
    declared = evaluation.funds.declared_score
    computed = budget.score
    weight = evaluation.funds.weight
    findings = _audit_declared_rate(evaluation, budget, profile)
    if declared is not None and not Decimal(0) <= declared <= weight:
        adopted = computed if computed is not None else min(max(declared, Decimal(0)), weight)
        return adopted, [*findings, Finding(
            FindingClass.METHOD, "score_out_of_range", f"预算执行率得分 {plain(declared)} 超出 0–{plain(weight)} 分",
            f"budget score {plain(declared)} is outside 0–{plain(weight)}", 0, "预算执行率", declared, adopted)]
    if computed is None:
        adopted = declared if declared is not None else Decimal(0)
        return adopted, [*findings, Finding(FindingClass.JUDGEMENT, "budget_rate", f"预算执行率：{budget.explanation.zh}",
                                            budget.explanation.en, 0, "预算执行率", declared, None)]
    adopted, score_findings = _audit_budget_score(evaluation, budget, profile)
    return adopted, [*findings, *score_findings]


def _audit_declared_rate(evaluation: Evaluation, budget: BudgetResult, profile: Profile) -> list[Finding]:
    """The 执行率 written on the form against 执行数 ÷ 预算数 (any usual rounding of it is accepted)."""
    declared = evaluation.funds.declared_rate
    if declared is None or budget.rate is None:
        return []
    places = max(0, -declared.as_tuple().exponent) if isinstance(declared.as_tuple().exponent, int) else 0
    readings = {quantize(budget.rate, places, rounding) for rounding in Rounding} | {budget.rate}
    if declared in readings or (budget.rate_used is not None and declared == budget.rate_used):
        return []
    return [Finding(FindingClass.ARITHMETIC, "budget_rate",
                    f"表上执行率 {plain(declared)}，按执行数 ÷ 预算数应为 {plain(quantize(budget.rate, max(places, 2)))}",
                    f"declared execution rate {plain(declared)}; executed ÷ budget gives {plain(quantize(budget.rate, 4))}",
                    0, "预算执行率", declared, budget.rate_used)]


def _audit_budget_score(evaluation: Evaluation, budget: BudgetResult, profile: Profile) -> tuple[Decimal, list[Finding]]:
    declared = evaluation.funds.declared_score
    computed = budget.score
    assert computed is not None
    if declared is None:
        return computed, [Finding(FindingClass.JUDGEMENT, "missing_score", "预算执行率一行表上没有得分",
                                  "the budget row has no declared score", 0, "预算执行率", None, computed)]
    if declared == computed:
        return computed, []
    for variant in (_variant(profile, round_rate=False), _variant(profile, rate_decimals=3), _variant(profile, rate_decimals=4),
                    _variant(profile, score_decimals=1), _variant(profile, score_decimals=0)):
        if score_budget(evaluation.funds, variant).score == declared:
            return declared, [Finding(FindingClass.ROUNDING, "budget_score",
                                      f"预算执行率得分 {plain(declared)}，按执行率先取两位小数应为 {plain(computed)}：舍入方式不同，计入总分",
                                      f"budget score {plain(declared)} vs {plain(computed)} is a rounding difference; kept",
                                      0, "预算执行率", declared, computed)]
    return computed, [Finding(FindingClass.METHOD, "budget_score",
                              f"预算执行率得分 {plain(declared)}，应为 {plain(computed)}：{budget.explanation.zh}",
                              f"budget score {plain(declared)}, the method gives {plain(computed)}: {budget.explanation.en}",
                              0, "预算执行率", declared, computed)]


def _is_rounded_total(declared: Decimal, exact: Decimal) -> bool:
    """A total written at another precision than the sum it stands for (89.18 written as 89.2)."""
    return abs(declared - exact) <= ROUNDING_TOLERANCE and any(
        quantize(exact, decimals, rounding) == declared for decimals, rounding in _PRECISION_VARIANTS)


def _declared_sum(evaluation: Evaluation) -> Decimal:
    rows = sum((row.declared_score or Decimal(0) for row in evaluation.indicators), Decimal(0))
    return (evaluation.funds.declared_score or Decimal(0)) + rows


def audit_evaluation(evaluation: Evaluation, profile: Profile | None = None, file: str = "") -> FormAudit:
    """Score a filled form and compare it with everything it declares."""
    profile = profile or load_profile(evaluation.profile or DEFAULT_PROFILE)
    scored, matches = score_with_catalogue(evaluation, profile)
    results = scored.rows
    directions = [match.entry.direction if match.entry else None for match in matches]
    findings: list[Finding] = []
    adopted_budget, budget_findings = _audit_budget(evaluation, scored.budget, profile)
    findings.extend(budget_findings)
    adopted_rows: list[Decimal] = []
    for number, (row, result, direction) in enumerate(zip(evaluation.indicators, results, directions, strict=True), start=1):
        adopted, row_findings = _audit_row(number, row, result, profile, direction)
        adopted_rows.append(adopted)
        findings.extend(row_findings)
        for note in result.notes:
            if note.code == "direction_conflict":
                findings.append(Finding(FindingClass.JUDGEMENT, "direction_conflict", f"第 {number} 行“{row.name}”：{note.zh}",
                                        note.en, number, row.name, row.declared_score, result.score))
    for number, match in enumerate(matches, start=1):
        findings.extend(match.findings(number))
    findings.extend(form_checks(scored, adopted_rows))
    audit = FormAudit(file, scored, matches, adopted_rows, adopted_budget, findings)
    _audit_total(audit)
    return audit


def _written(value: Decimal) -> str:
    """A total as the form writes it: 27.30 stays 27.30 (no exponent)."""
    return format(value, "f")


def _audit_total(audit: FormAudit) -> None:
    evaluation = audit.evaluation
    declared_total = evaluation.declared_total
    if declared_total is None:
        audit.findings.append(Finding(FindingClass.COMPLETENESS, "missing_total", "表上没有总分", "no declared total",
                                      None, None, None, audit.computed_total))
        return
    declared_sum = _declared_sum(evaluation)
    if declared_sum != declared_total:
        rounded = _is_rounded_total(declared_total, declared_sum)
        audit.findings.append(Finding(
            FindingClass.ROUNDING if rounded else FindingClass.ARITHMETIC, "total_sum",
            f"表上总分 {_written(declared_total)}，各行得分之和为 {_written(declared_sum)}"
            + ("：总分取整方式不同" if rounded else f"，不符（相差 {_written(declared_total - declared_sum)}）"),
            f"declared total {_written(declared_total)}; the declared rows add up to {_written(declared_sum)}",
            None, "总分", declared_total, declared_sum))
    if audit.computed_total != declared_total:
        finding_class = FindingClass.ROUNDING if _is_rounded_total(declared_total, audit.computed_total) else FindingClass.METHOD
        audit.findings.append(Finding(
            finding_class, "total",
            f"按方法计算总分为 {_written(audit.computed_total)}，表上为 {_written(declared_total)}",
            f"the method gives a total of {_written(audit.computed_total)}; the form declares {_written(declared_total)}",
            None, "总分", declared_total, audit.computed_total))

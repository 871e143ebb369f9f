"""Plain-text reports for the headless commands: scored forms, audits, what-ifs and catalogue matches."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING

from domain.scoring.results import BudgetResult, RowResult, RowStatus, ScoredEvaluation
from domain.scoring.rounding import fixed, plain
from tui.cells import pad

if TYPE_CHECKING:  # a what-if renders without loading the audit
    from domain.scoring.audit import FormAudit

SEVERITY_WORDS = {"error": "错误", "warning": "注意", "info": "提示"}
SEVERITY_ORDER = ("error", "warning", "info")
STATUS_WORDS = {RowStatus.SCORED: "", RowStatus.JUDGEMENT: "待评定", RowStatus.UNUSED: "未使用"}


def _score(value: Decimal | None, decimals: int = 2) -> str:
    return "待评定" if value is None else fixed(value, decimals)


def _indent(lines: list[str], prefix: str = "    ") -> list[str]:
    return [prefix + line for line in lines]


def explanation_lines(result: RowResult | BudgetResult, english: bool = False) -> list[str]:
    """The explanation and notes of one scored row or budget row."""
    lines = [result.explanation.en if english else result.explanation.zh]
    lines += [f"· {note.en if english else note.zh}" for note in result.notes]
    return lines


def shown(text: str) -> str:
    """User text made safe for a terminal: control characters (escape sequences) become spaces."""
    return "".join(" " if unicodedata.category(char) == "Cc" and char != "\n" else char for char in text)


def render_scored(scored: ScoredEvaluation, file: str = "") -> str:
    """A scored form, row by row with explanations, then the total and grade."""
    evaluation = scored.evaluation
    decimals = scored.profile.score_decimals
    out = [f"项目：{evaluation.header.project_name or '（未命名）'}", f"规则：{scored.profile.name}" + (f"    文件：{file}" if file else ""), ""]
    out.append(f"   {pad('预算执行率', 40)} 分值 {pad(plain(scored.budget.weight), 5, 'right')}  得分 {_score(scored.budget.score, decimals)}")
    out += _indent(explanation_lines(scored.budget))
    for number, (row, result) in enumerate(zip(evaluation.indicators, scored.rows, strict=True), start=1):
        if result.status is RowStatus.UNUSED:
            continue
        levels = "/".join(part for part in (row.level1, row.level2) if part)
        title = f"{row.name}（{levels}）" if levels else row.name
        out.append(f"{number:>2} {pad(title, 40)} 分值 {pad(plain(row.weight), 5, 'right')}  得分 {_score(result.score, decimals)}")
        out.append(f"    年度指标值 {row.target_text or '—'}；实际完成值 {row.actual_text or '—'}")
        out += _indent(explanation_lines(result))
    out.append("")
    if scored.complete:
        out.append(f"总分 {fixed(scored.total, decimals)}（{scored.grade}）")
    else:
        pending = "、".join(str(index + 1) for index in scored.pending_rows)
        waiting = f"第 {pending} 行待评定" if pending else "预算执行率待计算"
        out.append(f"已计得分 {fixed(scored.total, decimals)}；{waiting}，评定后才有总分和等级")
    return shown("\n".join(out))


def render_audit(audit: FormAudit) -> str:
    """One form's audit: totals, then each finding with its severity."""
    declared = "—" if audit.declared_total is None else format(audit.declared_total, "f")  # as the form writes it
    grade = f"（{audit.grade}）" if audit.grade else "（不评等级）"
    head = (f"{audit.file or audit.project}\n  项目：{audit.project}\n"
            f"  表上总分 {declared}，核算总分 {fixed(audit.computed_total, 2)}{grade}")
    if not audit.findings:
        return shown(head + "\n  未发现问题")
    lines = [head]
    for finding in sorted(audit.findings, key=lambda f: (SEVERITY_ORDER.index(f.severity.value),
                                                          f.row if f.row is not None else 999)):
        lines.append(f"  [{SEVERITY_WORDS[finding.severity.value]}] {finding.message}")
    return shown("\n".join(lines))


def render_audit_summary(audits: list[FormAudit]) -> str:
    errors = sum(1 for audit in audits if audit.has_errors)
    from domain.scoring.findings import Severity

    counts = {severity: sum(audit.count(severity) for audit in audits) for severity in Severity}
    return (f"共 {len(audits)} 份表，{errors} 份有错误；错误 {counts[Severity.ERROR]} 条，注意 {counts[Severity.WARNING]} 条，"
            f"提示 {counts[Severity.INFO]} 条")


def render_row_result(result: RowResult, english: bool = False, decimals: int = 2) -> str:
    """A what-if result: score line, then the explanation."""
    if result.score is None:
        low, high = result.band or (Decimal(0), result.weight)
        head = (f"score pending judgement ({plain(low)}–{plain(high)} of {plain(result.weight)})" if english
                else f"得分待评定（{plain(low)}–{plain(high)} 分，分值 {plain(result.weight)}）")
    elif result.score == result.weight:
        head = f"score {fixed(result.score, decimals)}: full marks" if english else f"得分 {fixed(result.score, decimals)}（满分 {plain(result.weight)}）"
    else:
        lost = fixed(result.weight - result.score, decimals)
        head = (f"score {fixed(result.score, decimals)} of {plain(result.weight)}, {lost} lost" if english
                else f"得分 {fixed(result.score, decimals)}（分值 {plain(result.weight)}，扣 {lost} 分）")
    return "\n".join([head, *explanation_lines(result, english)])


def render_budget_result(result: BudgetResult, english: bool = False, decimals: int = 2) -> str:
    if result.score is None:
        return "\n".join(explanation_lines(result, english))
    head = (f"score {fixed(result.score, decimals)} of {plain(result.weight)}" if english
            else f"得分 {fixed(result.score, decimals)}（分值 {plain(result.weight)}）")
    return "\n".join([head, *explanation_lines(result, english)])

"""Plain-text reports for the headless commands: a scored form and a what-if result, in the interface's
language."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from domain.messages import grade_name, t
from domain.scoring.results import BudgetResult, RowResult, RowStatus, ScoredEvaluation
from domain.scoring.rounding import fixed, plain
from tui.cells import pad


def _score(value: Decimal | None, decimals: int = 2) -> str:
    return t("text.pending") if value is None else fixed(value, decimals)


def _indent(lines: list[str], prefix: str = "    ") -> list[str]:
    return [prefix + line for line in lines]


def explanation_lines(result: RowResult | BudgetResult) -> list[str]:
    """The explanation and notes of one scored row or budget row, in the interface's language."""
    return [result.explanation.shown, *(f"· {note.shown}" for note in result.notes)]


def shown(text: str) -> str:
    """User text made safe for a terminal: control characters (escape sequences) become spaces."""
    return "".join(" " if unicodedata.category(char) == "Cc" and char != "\n" else char for char in text)


def render_scored(scored: ScoredEvaluation, file: str = "") -> str:
    """A scored form, row by row with explanations, then the total and grade."""
    evaluation = scored.evaluation
    decimals = scored.profile.score_decimals
    out = [
        t("text.project", name=evaluation.header.project_name or t("text.unnamed")),
        t("text.profile", profile=scored.profile.name) + (t("text.file", file=file) if file else ""),
        "",
    ]
    out.append(
        f"   {pad(t('text.budget_row'), 40)} "
        + t(
            "text.row_line",
            weight=pad(plain(scored.budget.weight), 5, "right"),
            score=_score(scored.budget.score, decimals),
        )
    )
    out += _indent(explanation_lines(scored.budget))
    for number, (row, result) in enumerate(zip(evaluation.indicators, scored.rows, strict=True), start=1):
        if result.status is RowStatus.UNUSED:
            continue
        levels = "/".join(part for part in (row.level1, row.level2) if part)
        title = t("text.row_title", name=row.name, levels=levels) if levels else row.name
        out.append(
            f"{number:>2} {pad(title, 40)} "
            + t("text.row_line", weight=pad(plain(row.weight), 5, "right"), score=_score(result.score, decimals))
        )
        out.append("    " + t("text.values", target=row.target_text or "—", actual=row.actual_text or "—"))
        out += _indent(explanation_lines(result))
    out.append("")
    if scored.complete:
        out.append(t("text.total", total=fixed(scored.total, decimals), grade=grade_name(scored.grade) or "—"))
    else:
        pending = t("ui.review.list_separator").join(str(index + 1) for index in scored.pending_rows)
        waiting = t("text.waiting_rows", rows=pending) if pending else t("text.waiting_budget")
        out.append(t("text.partial", total=fixed(scored.total, decimals), waiting=waiting))
    return shown("\n".join(out))


def render_row_result(result: RowResult, decimals: int = 2) -> str:
    """A what-if result: score line, then the explanation."""
    if result.score is None:
        low, high = result.band or (Decimal(0), result.weight)
        head = t("text.score_pending", low=plain(low), high=plain(high), weight=plain(result.weight))
    elif result.score == result.weight:
        head = t("text.score_full", score=fixed(result.score, decimals), weight=plain(result.weight))
    else:
        head = t(
            "text.score_lost",
            score=fixed(result.score, decimals),
            weight=plain(result.weight),
            lost=fixed(result.weight - result.score, decimals),
        )
    return "\n".join([head, *explanation_lines(result)])


def render_budget_result(result: BudgetResult, decimals: int = 2) -> str:
    if result.score is None:
        return "\n".join(explanation_lines(result))
    head = t("text.score", score=fixed(result.score, decimals), weight=plain(result.weight))
    return "\n".join([head, *explanation_lines(result)])

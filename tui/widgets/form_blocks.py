"""The review's blocks in the official layout: header (a long project name cut, with the full text on demand),
funds (with the execution rate's rounding spelled out), totals and findings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from domain.messages import grade_name, t
from domain.scoring.findings import Severity
from domain.scoring.rounding import fixed, plain
from tui.cells import truncate
from tui.display import literal, one_line

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}
NAME_SHOWN = 60  # cells of the project name the review shows before cutting it (n shows all of it)


def project_name(name: str, cells: int = NAME_SHOWN) -> str:
    """The project name on one line, cut to ``cells``."""
    return truncate(one_line(name), cells)


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def score_text(value: Decimal | None) -> str:
    return t("ui.review.pending") if value is None else fixed(value, 2)


def funds_table(evaluation: Any, scored: Any) -> Table:
    """The 项目资金 block as on the paper form."""
    funds = evaluation.funds
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), expand=False, show_edge=False)
    table.add_column(t("ui.review.funds_unit", unit=funds.unit), no_wrap=True)
    for column in ("initial_budget", "annual_budget", "executed"):
        table.add_column(t(f"funds.column.{column}"), justify="right", no_wrap=True)
    for key in ("total", "fiscal", "carryover", "other"):
        row = getattr(funds, key)
        table.add_row(
            t(f"funds.row.{key}"), _money(row.initial_budget), _money(row.annual_budget), _money(row.executed)
        )
    budget = scored.budget
    rate = "—" if budget.rate is None else f"{fixed(budget.rate * 100, 2)}%"
    caption = t("ui.review.budget_line", weight=plain(budget.weight), rate=rate, score=score_text(budget.score))
    if (
        budget.rate is not None
        and budget.rate_used is not None
        and budget.rate_used != budget.rate
        and budget.score is not None
        and budget.rate_used <= 1
    ):
        caption += "\n" + t(
            "ui.review.rate_rounded",
            rate=rate,
            used=plain(budget.rate_used),
            weight=plain(budget.weight),
            score=fixed(budget.score, 2),
        )
    table.caption = caption
    table.caption_justify = "left"
    return table


def header_table(evaluation: Any) -> Table:
    """The header block and the overall goals, two fields to a line."""
    header, goals = evaluation.header, evaluation.goals
    grid = Table.grid(padding=(0, 1))
    for _ in range(2):
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1)
    grid.add_row(
        t("field.header.project_name.label"),
        literal(project_name(header.project_name) or "—"),
        t("field.header.year.label"),
        str(header.year or "—"),
    )
    grid.add_row(
        t("field.header.department.label"),
        literal(one_line(header.department) or "—"),
        t("field.header.implementer.label"),
        literal(one_line(header.implementer) or "—"),
    )
    grid.add_row(t("field.header.project_amount.label"), _money(header.project_amount) or "—", "", "")
    grid.add_row(t("field.goals.expected.label"), literal(one_line(goals.expected) or "—"), "", "")
    grid.add_row(t("ui.review.achieved"), literal(one_line(goals.achieved) or "—"), "", "")
    return grid


def totals_text(scored: Any, findings: list[Any]) -> Text:
    text = Text()
    if scored.complete:
        text.append(
            t("ui.review.total", total=fixed(scored.total, 2), grade=grade_name(scored.grade) or "—"), style="bold"
        )
    else:
        pending = t("ui.review.list_separator").join(str(index + 1) for index in scored.pending_rows)
        text.append(t("ui.review.partial_total", total=fixed(scored.total, 2), rows=pending or "—"), style="bold")
    if findings:
        text.append("\n\n" + t("ui.review.findings") + "\n", style="bold")
        for finding in findings:
            text.append(
                f"[{t('ui.severity.' + finding.severity.value)}] ", style=SEVERITY_STYLE.get(finding.severity, "")
            )
            text.append(one_line(finding.message) + "\n")
    else:
        text.append("\n" + t("ui.review.no_findings"), style="dim")
    return text

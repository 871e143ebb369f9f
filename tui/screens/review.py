"""The review screen: the whole form in the official layout (header, funds block, indicator table, total,
grade, findings) before saving; enter on a row opens the what-if calculator, e edits the row."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import DataTable, Static

from domain.interview.whatif import Tried, WhatIf
from domain.messages import t
from domain.scoring.findings import Severity
from domain.scoring.rounding import fixed, plain
from domain.scoring.rules import RowStatus
from tui.cells import truncate
from tui.display import literal, one_line
from tui.screens.whatif import WhatIfScreen
from tui.widgets.key_bar import KeyBar

COLUMNS = (("#", 2), ("ui.review.col.level1", 8), ("ui.review.col.level2", 8), ("ui.review.col.name", 14),
           ("field.target_text.label", 9), ("field.actual_text.label", 9), ("field.weight.label", 4),
           ("ui.review.col.score", 6))
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def _score(value: Decimal | None) -> str:
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
        table.add_row(t(f"funds.row.{key}"), _money(row.initial_budget), _money(row.annual_budget), _money(row.executed))
    budget = scored.budget
    rate = "—" if budget.rate is None else f"{fixed(budget.rate * 100, 2)}%"
    table.caption = t("ui.review.budget_line", weight=plain(budget.weight), rate=rate, score=_score(budget.score))
    table.caption_justify = "left"
    return table


def header_table(evaluation: Any) -> Table:
    """The header block and the overall goals, two fields to a line."""
    header, goals = evaluation.header, evaluation.goals
    grid = Table.grid(padding=(0, 1))
    for _ in range(2):
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1)
    grid.add_row(t("field.header.project_name.label"), literal(one_line(header.project_name) or "—"),
                 t("field.header.year.label"), str(header.year or "—"))
    grid.add_row(t("field.header.department.label"), literal(one_line(header.department) or "—"),
                 t("field.header.implementer.label"),
                 literal(one_line(header.implementer) or "—"))
    grid.add_row(t("field.header.project_amount.label"), _money(header.project_amount) or "—", "", "")
    grid.add_row(t("field.goals.expected.label"), literal(one_line(goals.expected) or "—"), "", "")
    grid.add_row(t("ui.review.achieved"), literal(one_line(goals.achieved) or "—"), "", "")
    return grid


def totals_text(scored: Any, findings: list[Any]) -> Text:
    text = Text()
    if scored.complete:
        text.append(t("ui.review.total", total=fixed(scored.total, 2), grade=scored.grade or ""), style="bold")
    else:
        pending = t("ui.review.list_separator").join(str(index + 1) for index in scored.pending_rows)
        text.append(t("ui.review.partial_total", total=fixed(scored.total, 2), rows=pending or "—"), style="bold")
    if findings:
        text.append("\n\n" + t("ui.review.findings") + "\n", style="bold")
        for finding in findings:
            text.append(f"[{t('ui.severity.' + finding.severity.value)}] ", style=SEVERITY_STYLE.get(finding.severity, ""))
            text.append(one_line(finding.message) + "\n")
    else:
        text.append("\n" + t("ui.review.no_findings"), style="dim")
    return text


class ReviewScreen(Screen[str | None]):
    """Dismisses with a field id to edit, or None to go back to the interview."""

    BINDINGS = [
        Binding("ctrl+s", "save", t("ui.interview.save"), id="review.save"),
        Binding("w", "whatif", t("ui.review.whatif"), id="review.whatif"),
        Binding("e", "edit", t("ui.review.edit"), id="review.edit"),
        Binding("ctrl+b", "leave", t("ui.review.back"), id="review.back"),
        Binding("ctrl+l", "home", t("ui.key.home"), id="review.home"),
        Binding("escape", "leave", t("ui.review.back"), show=False),
        Binding("pagedown", "page(1)", t("ui.review.page"), priority=True, id="review.page_down"),
        Binding("pageup", "page(-1)", t("ui.review.page"), show=False, priority=True, id="review.page_up"),
    ]

    def __init__(self, session: Any) -> None:
        super().__init__()
        self.session = session

    @property
    def interview(self) -> Any:
        return self.session.interview

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="review-body"):
            yield Static("", id="review-title", classes="title")
            yield Static("", id="review-header")
            yield Static("", id="review-funds")
            table: DataTable = DataTable(id="review-rows", cursor_type="row", zebra_stripes=False)
            yield table
            yield Static("", id="review-totals")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, width in COLUMNS:
            table.add_column(t(key), width=width)
        self.refresh_from_session()
        table.focus(scroll_visible=False)  # the page opens at its top, the title and the header

    def refresh_from_session(self) -> None:
        evaluation = self.interview.evaluation
        scored = self.interview.scored()
        title = t("ui.review.title", name=one_line(evaluation.header.project_name) or t("ui.review.unnamed"))
        self.query_one("#review-title", Static).update(literal(title))
        self.query_one("#review-header", Static).update(header_table(evaluation))
        self.query_one("#review-funds", Static).update(funds_table(evaluation, scored))
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for index, (row, result) in enumerate(zip(evaluation.indicators, self.interview.row_results(), strict=True)):
            if result is None:
                score = ""  # the row still lacks answers: no score to show against it
            else:
                score = t("ui.review.unused") if result.status is RowStatus.UNUSED else _score(result.score)
            cells = [str(index + 1), row.level1, row.level2, row.name, row.target_text, row.actual_text,
                     plain(row.weight), score]
            table.add_row(*(Text(truncate(one_line(cell), width)) for cell, (_, width) in zip(cells, COLUMNS, strict=True)),
                          key=str(index))
        if evaluation.indicators:
            table.move_cursor(row=min(cursor, len(evaluation.indicators) - 1))
        try:
            findings = self.interview.findings()
        except Exception:
            findings = []
        self.query_one("#review-totals", Static).update(totals_text(scored, findings))

    def _row(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.interview.evaluation.indicators:
            return None
        return table.cursor_row

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Keep the highlighted row on screen: the page scrolls, not the table."""
        event.stop()
        self.call_after_refresh(self._follow_cursor)

    def _follow_cursor(self) -> None:
        table = self.query_one(DataTable)
        body = self.query_one("#review-body", VerticalScroll)
        if not self.interview.evaluation.indicators or not table.is_mounted:
            return
        top = table.virtual_region.y + table.header_height
        row = Region(0, top + table.cursor_row, 1, 1)
        if table.cursor_row == 0:
            row = Region(0, table.virtual_region.y, 1, table.header_height + 1)  # the first row with the headings
        body.scroll_to_region(row, animate=False, immediate=True)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_whatif()

    def action_whatif(self) -> None:
        index = self._row()
        if index is None:
            return
        whatif = WhatIf.for_row(self.interview, index)
        self.app.push_screen(WhatIfScreen(whatif), lambda tried: self.apply_whatif(whatif, tried))

    def apply_whatif(self, whatif: WhatIf, tried: Tried | None) -> None:
        """Apply a confirmed what-if to its row; every value that could not be written is reported, and
        success only when all were."""
        if tried is None:
            return
        changed, problems = whatif.apply(self.interview, tried)
        for problem in problems:
            self.notify(problem, severity="error", timeout=8)
        if changed and not problems and whatif.start is not None:
            self.notify(t("ui.review.applied", row=whatif.start.row + 1))
        self.app.refresh_open_screens()  # type: ignore[attr-defined]

    def _field_id(self, row: int, suffix: str) -> str | None:
        for state in self.interview.fields():
            if state.spec.row == row and state.spec.id.endswith("." + suffix):
                return state.spec.id
        return None

    def action_edit(self) -> None:
        index = self._row()
        self.dismiss(self._field_id(index, "name") if index is not None else None)

    def action_save(self) -> None:
        self.app.save_session()  # type: ignore[attr-defined]

    def action_page(self, direction: int) -> None:
        body = self.query_one("#review-body", VerticalScroll)
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)

    def action_home(self) -> None:
        self.app.go_home()  # type: ignore[attr-defined]

    def action_leave(self) -> None:
        self.dismiss(None)

    def help_text(self) -> tuple[str, str]:
        return t("ui.review.help_title"), t("ui.review.help_body")

"""The review screen: the whole form in the official layout (header, funds block, indicator table, total,
grade, findings) before saving; enter on a row opens the what-if calculator, e edits the row."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import DataTable, Static

from domain.interview.whatif import Tried, WhatIf
from domain.messages import t
from domain.scoring.rounding import plain
from domain.scoring.rules import RowStatus
from tui.cells import cell_width, truncate
from tui.display import literal, one_line
from tui.host import host
from tui.screens.whatif import WhatIfScreen
from tui.widgets.charts import charts
from tui.widgets.form_blocks import NAME_SHOWN, funds_table, header_table, project_name, score_text, totals_text
from tui.widgets.key_bar import KeyBar

COLUMNS = (
    ("#", 2),
    ("ui.review.col.level1", 8),
    ("ui.review.col.level2", 8),
    ("ui.review.col.name", 14),
    ("field.target_text.label", 9),
    ("field.actual_text.label", 9),
    ("field.weight.label", 4),
    ("ui.review.col.score", 6),
)


LEVEL_CELLS = (6, 14)  # 一级 and 二级 at most (满意度, 服务对象满意度), their 指标 left to the column head
NAME_CELLS = 10  # the 三级 name at least


def level_shown(name: str) -> str:
    """An 一级 or 二级 name under its column head: without the 指标 every one of them ends with."""
    shown = one_line(name)
    return shown.removesuffix("指标") or shown


def column_widths(rows: list[Any], screen_cells: int) -> list[int]:
    """Each column's width: 一级 and 二级 as wide as their longest name (up to LEVEL_CELLS), the 三级 name
    everything the screen has left (page padding, scroll bar and two cells of padding a column taken off)."""
    widths = [width for _, width in COLUMNS]
    for column, most in zip((1, 2), LEVEL_CELLS, strict=True):
        longest = max(
            (cell_width(level_shown(getattr(row, ("level1", "level2")[column - 1]))) for row in rows), default=0
        )
        widths[column] = max(cell_width(t(COLUMNS[column][0])), min(most, longest))
    room = screen_cells - 4 - 2 * len(COLUMNS) - (sum(widths) - widths[3])
    widths[3] = max(NAME_CELLS, room)
    return widths


class ReviewScreen(Screen[str | None]):
    """Dismisses with a field id to edit, or None to go back to the interview."""

    BINDINGS = [
        Binding("ctrl+s", "save", t("ui.interview.save"), id="review.save"),
        Binding("w", "whatif", t("ui.review.whatif"), id="review.whatif"),
        Binding("e", "edit", t("ui.review.edit"), id="review.edit"),
        Binding("ctrl+b", "leave", t("ui.review.back"), id="review.back"),
        Binding("ctrl+l", "home", t("ui.key.home"), id="review.home"),
        Binding("n", "full_name", t("ui.review.show_name"), show=False, id="review.full_name"),
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
            table: DataTable[object] = DataTable(id="review-rows", cursor_type="row", zebra_stripes=False)
            yield table
            yield Static("", id="review-totals")
            yield Static("", id="review-chart")
        yield KeyBar()

    def on_mount(self) -> None:
        self.widths: list[int] = []
        self.refresh_from_session()
        self.query_one(DataTable).focus(scroll_visible=False)  # the page opens at its top, the title and the header

    def refresh_from_session(self) -> None:
        evaluation = self.interview.evaluation
        scored = self.interview.scored()
        name = evaluation.header.project_name
        title = t("ui.review.title", name=project_name(name, NAME_SHOWN // 2) or t("ui.review.unnamed"))
        if cell_width(one_line(name)) > NAME_SHOWN:
            title += "  " + t("ui.review.name_cut")
        self.query_one("#review-title", Static).update(literal(title))
        self.query_one("#review-header", Static).update(header_table(evaluation))
        self.query_one("#review-funds", Static).update(funds_table(evaluation, scored))
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        widths = column_widths(evaluation.indicators, self.size.width or 80)
        if widths != self.widths:  # the 一级 and 二级 columns as wide as their names, the 三级 name the rest
            self.widths = widths
            table.clear(columns=True)
            for (key, _), width in zip(COLUMNS, widths, strict=True):
                table.add_column(t(key), width=width)
        else:
            table.clear()
        for index, (row, result) in enumerate(zip(evaluation.indicators, self.interview.row_results(), strict=True)):
            if result is None:
                score = ""  # the row still lacks answers: no score to show against it
            else:
                score = t("ui.review.unused") if result.status is RowStatus.UNUSED else score_text(result.score)
            cells = [
                str(index + 1),
                level_shown(row.level1),
                level_shown(row.level2),
                row.name,
                row.target_text,
                row.actual_text,
                plain(row.weight),
                score,
            ]
            table.add_row(
                *(Text(truncate(one_line(cell), width)) for cell, width in zip(cells, widths, strict=True)),
                key=str(index),
            )
        if evaluation.indicators:
            table.move_cursor(row=min(cursor, len(evaluation.indicators) - 1))
        try:
            findings = self.interview.findings()
        except Exception:
            findings = []
        self.query_one("#review-totals", Static).update(totals_text(scored, findings))
        self._draw_chart()

    def _draw_chart(self) -> None:
        width = max(40, self.size.width - 6)  # less the page padding and scroll bar
        self.query_one("#review-chart", Static).update(charts(self.interview.scored(), width))

    def on_resize(self) -> None:
        if self.is_mounted and self.query("#review-chart"):
            if column_widths(self.interview.evaluation.indicators, self.size.width) != getattr(self, "widths", None):
                self.refresh_from_session()
            self._draw_chart()

    def action_full_name(self) -> None:
        """The whole project name, however long, in a scrolling window."""
        from tui.screens.help import HelpScreen

        name = one_line(self.interview.evaluation.header.project_name)
        self.app.push_screen(HelpScreen(t("ui.review.full_name", count=len(name)), name))

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
        host(self.app).refresh_open_screens()

    def _field_id(self, row: int, suffix: str) -> str | None:
        for state in self.interview.fields():
            field: str = state.spec.id
            if state.spec.row == row and field.endswith("." + suffix):
                return field
        return None

    def action_edit(self) -> None:
        index = self._row()
        self.dismiss(self._field_id(index, "name") if index is not None else None)

    def action_save(self) -> None:
        host(self.app).save_session()

    def action_page(self, direction: int) -> None:
        body = self.query_one("#review-body", VerticalScroll)
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)

    def action_home(self) -> None:
        host(self.app).go_home()

    def action_leave(self) -> None:
        self.dismiss(None)

    def help_text(self) -> tuple[str, str]:
        return t("ui.review.help_title"), t("ui.review.help_body")

"""The side panel: the form so far (header, funds, each indicator's score) and the running total, in cells.

Domain modules are imported inside functions: this module loads before the first paint.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Region
from textual.widgets import Static

from domain.messages import grade_name, t
from tui.cells import cell_width, pad, truncate
from tui.display import one_line

PANEL_CELLS = 28  # content width inside the panel's padding
TOP_SECTIONS = ("header", "funds", "goals")  # their fields are at the top of the panel: it scrolls home for them


def _number(value: Decimal | None, decimals: int = 2) -> str:
    from domain.scoring.rounding import fixed

    return "—" if value is None else fixed(value, decimals)


def _amount(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value != value.to_integral_value() else f"{int(value):,}"


def _pair(label: str, value: str, width: int = PANEL_CELLS) -> Text:
    """``label`` left and ``value`` right on one line of ``width`` cells; a long value is cut, not the label."""
    value = truncate(value, max(4, width - cell_width(label) - 1))
    room = width - cell_width(value) - 1
    line = Text(pad(label, room), style="dim")
    line.append(" " + value)
    return line


def form_lines(
    interview: Any, current_row: int | None = None, width: int = PANEL_CELLS, follow_row: int | None = None
) -> tuple[list[Text], int | None]:
    """The panel's scrolling part, one line each (header, funds, each indicator's score), and the index of
    the current row's line (when no indicator row is being answered, of ``follow_row``'s line, else None).
    Reads only; changes nothing."""
    evaluation = interview.evaluation
    header = evaluation.header
    lines: list[Text] = [Text(t("ui.panel.title"), style="bold")]
    given = getattr(interview, "conversation", None)
    if given is not None and given.extras.get("targets.fields"):
        lines.append(Text(t("targets.panel", count=len(given.extras["targets.fields"].split(","))), style="dim"))
    lines.append(_pair(t("ui.panel.project"), one_line(header.project_name) or "—", width))
    if header.department:
        lines.append(_pair(t("field.header.department.label"), one_line(header.department), width))
    if header.year:
        lines.append(_pair(t("field.header.year.label"), str(header.year), width))
    total = evaluation.funds.total
    lines.append(_pair(t("ui.panel.budget"), _amount(total.annual_budget), width))
    lines.append(_pair(t("ui.panel.executed"), _amount(total.executed), width))
    scored = _scored(interview)
    if scored is not None:
        budget = scored.budget
        rate = "—" if budget.rate is None else f"{_number(budget.rate * 100)}%"
        lines.append(_pair(t("ui.panel.rate"), rate, width))
        lines.append(_pair(t("ui.panel.budget_score"), f"{_number(budget.score)}/{_number(budget.weight, 0)}", width))
    lines.append(Text(""))
    lines.append(Text(pad(t("ui.panel.rows"), width - 11) + pad(t("ui.panel.score_weight"), 11, "right"), style="bold"))
    rows = evaluation.indicators
    if not rows:
        lines.append(Text(t("ui.panel.no_rows"), style="dim"))
    current_line = None
    digits = len(str(len(rows)))
    results = interview.row_results() if scored is not None else [None] * len(rows)
    for index, row in enumerate(rows):
        result = results[index]
        if result is not None and result.score is None and result.band is not None:
            score = t("ui.review.pending")
        else:
            score = _number(result.score if result is not None else None)
        right = f"{score}/{_number(row.weight, 0)}"
        marker = "▶" if index == current_row else " "
        name = one_line(row.name) or t("ui.jump.unanswered")
        left = f"{marker}{index + 1:>{digits}} {name}"
        line = Text(pad(left, width - cell_width(right) - 1))
        line.append(" " + right, style="bold" if index == current_row else "")
        if index == current_row or (current_row is None and index == follow_row):
            current_line = len(lines)
        lines.append(line)
    return lines, current_line


def total_lines(interview: Any, width: int = PANEL_CELLS) -> list[Text]:
    """The panel's pinned part: the points counted so far (or the total and grade) and the 分值 left."""
    scored = _scored(interview)
    try:
        left_weight = interview.weight_left()
    except Exception:
        left_weight = None
    lines: list[Text] = []
    if scored is not None:
        complete = scored.complete and bool(scored.rows) and left_weight == 0
        label = t("ui.panel.total") if complete else t("ui.panel.partial_total")
        grade = t("ui.panel.grade", grade=grade_name(scored.grade)) if complete and scored.grade else ""
        lines.append(_pair(label, f"{_number(scored.total)}{grade}", width))
    if left_weight is not None:
        lines.append(
            _pair(
                t("ui.panel.weight_left"),
                _number(left_weight, 0) if left_weight == left_weight.to_integral_value() else _number(left_weight),
                width,
            )
        )
    return lines


def _scored(interview: Any) -> Any:
    try:
        return interview.scored()
    except Exception:  # a half-filled form must never break the panel
        return None


class SidePanel(Vertical):
    """The form so far above the running total: the total stays pinned at the bottom while the rows scroll
    so that the row being answered (▶) is always in view. It never takes focus, so typing always goes to
    the answer line; the jump list (ctrl+g) and the review (ctrl+r) reach every row."""

    can_focus = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="panel-body"):
            yield Static(Text(t("ui.panel.title"), style="bold"), id="panel-text")
        yield Static("", id="panel-totals")

    def on_mount(self) -> None:
        self.query_one("#panel-body", VerticalScroll).can_focus = False

    _shown: tuple[Any, int | None] | None = None
    _width = PANEL_CELLS

    def content_cells(self) -> int:
        """Cells a line may take: the panel's content width less a column for the scroll bar."""
        return max(PANEL_CELLS - 6, self.size.width - 1) if self.size.width else PANEL_CELLS

    def on_resize(self) -> None:
        """The panel scales with the window: lay the form out again at the new width."""
        if self._shown is not None and self.content_cells() != self._width:
            self.show(*self._shown)

    _last_row: int | None = None  # the row answered last: kept in view once the questions leave the rows

    def show(self, interview: Any, current_row: int | None = None) -> None:
        self._shown = (interview, current_row)
        width = self._width = self.content_cells()
        if current_row is not None:
            self._last_row = current_row
        count = len(interview.evaluation.indicators)
        section = str(getattr(interview.current, "section", ""))
        follow = (
            None if self._last_row is None or not count or section in TOP_SECTIONS else min(self._last_row, count - 1)
        )
        lines, current_line = form_lines(interview, current_row, width, follow)
        self.query_one("#panel-text", Static).update(Text("\n").join(lines))
        totals = total_lines(interview, width)
        totals_view = self.query_one("#panel-totals", Static)
        totals_view.update(Text("\n").join(totals))
        totals_view.display = bool(totals)
        self.call_after_refresh(self._follow, current_line, True)

    def _follow(self, line: int | None, again: bool = False) -> None:
        """Scroll the rows so that ``line`` (the current row's) is in view, with one row of context below;
        ``again`` once more after the next refresh, when the totals below may have taken another line."""
        body = self.query_one("#panel-body", VerticalScroll)
        if again:
            self.call_after_refresh(self._follow, line)
        if line is None:
            body.scroll_home(animate=False, immediate=True)
            return
        body.scroll_to_region(Region(0, line, 1, 2), animate=False, immediate=True)

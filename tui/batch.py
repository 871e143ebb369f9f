"""Rendering a batch on the terminal: each form's audit as text, the closing count, a progress bar on stderr,
and a stdout that outlives its reader (``jixiao check DIR | head -1`` still exits by the findings)."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

from domain.messages import grade_name, t
from domain.review.report import Review
from domain.review.summary import FormSummary
from domain.scoring.findings import Finding, Severity
from domain.scoring.rounding import fixed
from tui.cells import cell_width, pad
from tui.report import shown

_SEVERITY_ORDER = list(Severity)


def finding_message(finding: Finding) -> str:
    """The finding in the current language (Chinese when no translation was recorded)."""
    return finding.shown


def render_summary(summary: FormSummary) -> str:
    """One form's audit: file, project, totals, then each finding with its severity."""
    declared = "—" if summary.declared_total is None else format(summary.declared_total, "f")  # as the form writes it
    lines = [
        summary.file or summary.project,
        t("review.form.project", project=summary.project),
        t(
            "review.form.totals",
            declared=declared,
            computed=fixed(summary.computed_total, 2),
            grade=grade_name(summary.grade) or "—",
        ),
    ]
    if not summary.findings:
        lines.append(t("review.form.clean"))
    for finding in sorted(
        summary.findings, key=lambda f: (_SEVERITY_ORDER.index(f.severity), f.row if f.row is not None else 999)
    ):
        lines.append(
            t(
                "review.form.finding",
                severity=t(f"review.severity.{finding.severity.value}"),
                message=finding_message(finding),
            )
        )
    return shown("\n".join(lines))


class Tally:
    """Counts over a batch, kept as results stream past (nothing else is kept)."""

    def __init__(self) -> None:
        self.forms = self.with_errors = self.read_twice = self.unusable = 0
        self.counts = dict.fromkeys(Severity, 0)

    def add(self, summary: FormSummary) -> None:
        self.forms += 1
        self.with_errors += summary.has_errors
        for finding in summary.findings:
            self.counts[finding.severity] += 1

    def render(self) -> str:
        return totals_line(
            self.forms,
            self.with_errors,
            self.counts[Severity.ERROR],
            self.counts[Severity.WARNING],
            self.counts[Severity.INFO],
            self.read_twice,
            self.unusable,
        )


def totals_line(
    forms: int, with_errors: int, errors: int, warnings: int, infos: int, read_twice: int, unusable: int
) -> str:
    """The closing count of `check` and `report`, with the forms read twice and the files not read, if any."""
    line = t("review.totals", forms=forms, with_errors=with_errors, errors=errors, warnings=warnings, infos=infos)
    if read_twice:
        line += t("review.totals.read_twice", count=read_twice)
    if unusable:
        line += t("review.totals.unusable", count=unusable)
    return line


class Output:
    """Standard output that drops what is written once its reader has gone, so the work can finish."""

    def __init__(self, stream: TextIO | None = None, flush_every: float = 0.05) -> None:
        """``flush_every`` seconds: a reader sees results promptly without a write call per form (0: every
        write, for a terminal shared with a progress bar)."""
        self.stream = stream or sys.stdout
        self.flush_every = flush_every
        self.open = True
        self._flushed = time.monotonic()

    def write(self, text: str) -> None:
        if not self.open:
            return
        try:
            self.stream.write(text)
            now = time.monotonic()
            if now - self._flushed >= self.flush_every:
                self._flushed = now
                self.stream.flush()
        except BrokenPipeError:
            self._close()

    def flush(self) -> None:
        if self.open:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self._close()

    def _close(self) -> None:
        """Point the descriptor at /dev/null, so the interpreter's own flush at exit does not complain."""
        self.open = False
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass


class Progress:
    """A one-line bar on stderr, redrawn at most ten times a second; silent when stderr is not a terminal."""

    WIDTH = 24

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        # The process's own stderr, not the sanitising wrapper the command line puts around it: the bar is
        # our own text, and its carriage return and erase-line are meant for the terminal.
        self.stream = stream or sys.__stderr__ or sys.stderr
        self.total = total
        self.done = 0
        try:
            self.shown = total > 1 and self.stream.isatty()
        except (AttributeError, ValueError):
            self.shown = False
        self._drawn = 0.0
        self._visible = False

    def advance(self) -> None:
        self.done += 1
        self.total = max(self.total, self.done)  # a workbook may hold more forms than its one file counted
        if self.shown and (time.monotonic() - self._drawn >= 0.1 or self.done == self.total):
            self._draw()

    def _draw(self) -> None:
        filled = self.WIDTH * self.done // self.total
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        self.stream.write("\r" + t("review.progress", bar=bar, done=self.done, total=self.total) + "\x1b[K")
        self.stream.flush()
        self._drawn = time.monotonic()
        self._visible = True

    def clear(self) -> None:
        """Take the bar off the line (before other output, and at the end)."""
        if self._visible:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._visible = False
            self._drawn = 0.0


_TABLE = (
    ("project", 25, "left"),
    ("unit", 12, "left"),
    ("declared", 8, "right"),
    ("computed", 8, "right"),
    ("gap", 7, "right"),
    ("grade", 4, "left"),
    ("errors", 4, "right"),
    ("warnings", 4, "right"),
)
_TABLE_WIDTH = 79  # cells, separators included: fits an 80-column terminal


def _table_widths() -> list[int]:
    """Each column as wide as its heading needs; the project column gives up what that costs."""
    widths = [max(width, cell_width(t(f"report.column.{key}"))) for key, width, _ in _TABLE]
    widths[0] = max(12, _TABLE_WIDTH - (len(widths) - 1) - sum(widths[1:]))
    return widths


def render_review_table(review: Review) -> str:
    """The report's headline table for the terminal: one line per form, then the counts and grades."""
    widths = _table_widths()
    aligns = [align for _, _, align in _TABLE]

    def line(cells: tuple[str, ...]) -> str:
        return " ".join(
            pad(cell, width, align) for cell, width, align in zip(cells, widths, aligns, strict=True)
        ).rstrip()

    lines = [line(tuple(t(f"report.column.{key}") for key, _, _ in _TABLE))]
    for form in review.forms():
        lines.append(
            line(
                (
                    form.project or form.file,
                    form.unit,
                    "—" if form.declared_total is None else fixed(form.declared_total, 2),
                    fixed(form.computed_total, 2),
                    "" if not form.gap else fixed(form.gap, 2),
                    grade_name(form.grade) or "—",
                    str(form.count(Severity.ERROR)),
                    str(form.count(Severity.WARNING)),
                )
            )
        )
    headline = review.headline()
    lines.append("")
    lines.append(
        totals_line(
            headline.forms,
            headline.with_errors,
            headline.errors,
            headline.warnings,
            headline.infos,
            headline.read_twice,
            headline.unusable,
        )
    )
    grades = t("report.text.separator").join(
        t("report.text.grade", grade=grade_name(grade), count=count) for grade, count in review.grade_counts()
    )
    lines.append(t("report.text.grades", grades=grades))
    if headline.mean_total is not None:
        lines.append(t("report.text.mean", mean=fixed(headline.mean_total, 2), gap=fixed(headline.overstated, 2)))
    return shown("\n".join(lines))

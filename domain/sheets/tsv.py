"""Read a tab-separated sheet export of 项目支出绩效自评表 forms into Evaluation records.

Sheet exports leave merged cells blank, shift some rows by a column, repeat or displace cells and cut
long texts. The importer keeps every text and declared number as written, puts displaced cells back
where the form's own header row says they belong, and reports each such guess as a warning naming
the line, so that nothing is silently invented or lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath

from domain.errors import InputError
from domain.messages import t
from domain.messages.sanitise import without_invisible
from domain.record.models import Evaluation, Funds, Goals, Header
from domain.sheets.tsv_blocks import BlockReading
from domain.sheets.tsv_cells import Line, clip, split_cells, title_of
from domain.sheets.tsv_indicators import IndicatorReading
from domain.sheets.tsv_state import header_label
from domain.sheets.tsv_words import FUNDS_ROWS, TITLE, YEAR_MAX, YEAR_MIN

UNNAMED_FILE = "未命名"  # a file name for a form without a project name (the form's language)
FILE_NAME_LIMIT = 40  # characters of the project name kept in a file name (UTF-8: at most 120 bytes)


class SheetError(InputError, ValueError):
    """Input that holds no readable form; the message is one plain Chinese sentence for the user."""


@dataclass
class ImportedForm:
    """One form read from a sheet: the record, the 1-based line of its title, and what had to be guessed."""

    evaluation: Evaluation
    line: int
    warnings: list[str]
    missing: list[str] = field(default_factory=list)  # blocks not found: the form is incomplete


# ---------------------------------------------------------------------------------------------- text


def decode_sheet(data: bytes) -> str:
    """The text of a sheet file: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SheetError(t("tsv.utf16_broken")) from None
    if b"\x00" in data:
        raise SheetError(t("tsv.binary"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError(t("tsv.encoding"))


_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def _check_usable(text: object) -> str:
    if not isinstance(text, str):
        raise SheetError(t("tsv.not_text"))
    text = _SURROGATE.sub("\ufffd", text).removeprefix("\ufeff")
    if not text.strip():
        raise SheetError(t("sheets.file.empty"))
    if "\x00" in text or len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise SheetError(t("tsv.binary_chars"))
    if "\t" not in text:
        if "," in text:
            raise SheetError(t("tsv.is_csv"))
        raise SheetError(t("tsv.no_tabs"))
    return text


# --------------------------------------------------------------------------------------------- years

_YEAR_IN_TEXT = re.compile(r"(?<![0-9])((?:19|20|21)[0-9]{2})\s*年")
_YEAR_TOKEN = re.compile(r"(?<![0-9])((?:19|20|21)[0-9]{2})(?![0-9])")


def _plausible_year(text: str) -> int | None:
    value = int(text)
    return value if YEAR_MIN <= value <= YEAR_MAX else None


def year_from_name(name: str) -> int | None:
    """The one 4-digit year in a file name (sheet-2020-shenzhen.tsv → 2020), or None if none or several."""
    found = {year for token in _YEAR_TOKEN.findall(name) if (year := _plausible_year(token))}
    return found.pop() if len(found) == 1 else None


# ---------------------------------------------------------------------------------------- the reader


@dataclass
class _FormReader(BlockReading, IndicatorReading):
    """Reads the lines of one form (from its title to the next title) into an Evaluation."""

    # -- dispatch

    def read(self, lines: list[Line]) -> ImportedForm:
        section = "header"
        for line in lines:
            if not line.filled:
                continue
            label = line.label
            if label == "总分":
                self.read_total(line)
                section = "after"
            elif label.startswith("年度绩效指标"):
                self.read_indicator_heading(line)
                section = "indicators"
            elif section == "indicators":
                self.read_indicator(line)
            elif any(header_label(cell) for _, cell in line.filled):
                self.read_header(line)
            elif label.startswith("项目资金"):
                self.read_funds_heading(line)
                section = "funds"
            elif label.startswith("年度总体目标"):
                self.read_goal_heading(line)
                section = "goals"
            elif section == "funds" and self.funds_key(line):
                self.read_funds_row(line)
            elif section == "goals":
                self.read_goal_text(line)
            else:
                self.warn(line.number, t("tsv.unknown_row", text=clip(' '.join(c for _, c in line.filled))))
        return self.finish()

    # -- result

    def finish(self) -> ImportedForm:
        where = self.title.number
        missing = [
            what
            for what, present in (
                ("项目名称", "project_name" in self.header),
                ("项目资金", self.funds_columns is not None),
                ("年度总体目标", self.goal_columns is not None or self.expected or self.achieved),
                ("年度绩效指标", self.columns is not None),
                ("总分行", self.total_seen),
            )
            if not present
        ]
        if missing:
            self.warn(where, t("tsv.missing", missing="、".join(missing)))
        for label, key in FUNDS_ROWS:
            if self.funds_columns is not None and key not in self.funds:
                self.warn(where, t("tsv.funds_row_missing", label=label))
        header = Header(
            project_name=self.header.get("project_name", ""),
            department=self.header.get("department", ""),
            implementer=self.header.get("implementer", ""),
            project_amount=self.header.get("project_amount"),
            year=self.year if self.year is not None else self.header.get("year"),
        )
        evaluation = Evaluation(
            source=self.source,
            header=header,
            funds=Funds(**self.funds),
            goals=Goals(expected="\n".join(self.expected), achieved="\n".join(self.achieved)),
            indicators=self.rows,
            declared_total=self.declared_total,
        )
        return ImportedForm(evaluation=evaluation, line=where, warnings=self.warnings, missing=missing)


# -------------------------------------------------------------------------------------------- public


def parse_sheet(text: str, source_name: str = "", year: int | None = None) -> list[ImportedForm]:
    """Every 项目支出绩效自评表 in a tab-separated sheet export, in order; raises only SheetError.

    ``source_name`` is the file the text came from (its base name goes into each form's ``source``);
    ``year`` is the year the forms concern. When it is None the year is taken from the form itself
    (a 年度 cell, or a title such as 2020年度项目支出绩效自评表), else from a single year in the file
    name with a warning, else left unknown.
    """
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX):
        raise SheetError(t("tsv.year_range", low=YEAR_MIN, high=YEAR_MAX))
    text = _check_usable(text)
    file_name = PureWindowsPath(PurePosixPath(source_name).name).name if source_name else ""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [Line(number, split_cells(raw)) for number, raw in enumerate(raw_lines, 1)]
    starts = [index for index, line in enumerate(lines) if title_of(line) is not None]
    if not starts:
        raise SheetError(t("tsv.no_title", title=TITLE))
    name_year = year_from_name(file_name) if year is None else None
    forms: list[ImportedForm] = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        title = lines[start]
        form_year = year
        if form_year is None:
            match = _YEAR_IN_TEXT.search(title_of(title) or "")
            form_year = _plausible_year(match.group(1)) if match else None
        source = f"{file_name}:{title.number}" if file_name else t("sheets.row", row=title.number)
        reader = _FormReader(title=title, source=source, year=form_year)
        form = reader.read(lines[start + 1 : end])
        if form.evaluation.header.year is None and name_year is not None:
            form.evaluation.header.year = name_year
        if position == 0:
            form.warnings[:0] = [t("sheets.at_row", row=line.number, message=t("tsv.before_first")) for line in lines[:start] if line.filled]
        forms.append(form)
    return forms


_UNSAFE_IN_NAME = re.compile(r"[\s\"'“”‘’「」『』/\\:*?<>|\x00-\x1f\x7f]+")


def form_file_name(evaluation: Evaluation, index: int) -> str:
    """A stable, filesystem-safe file name for a form: 01-项目名称.toml (index is the 1-based position)."""
    name = _UNSAFE_IN_NAME.sub("", without_invisible(evaluation.header.project_name)).strip(".")
    name = name[:FILE_NAME_LIMIT].rstrip(".") or UNNAMED_FILE
    return f"{index:02d}-{name}.toml"

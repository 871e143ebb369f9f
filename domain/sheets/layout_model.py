"""A layout declaration as a validated model: every key known, every word list non-empty, every column the
writer or the reader needs declared; an error names the file and the key.

``extends = "central"`` takes the parent's declaration and merges the file's tables into it at every depth
(a ``[funds.columns]`` naming one head keeps the parent's other heads); lists and values replace, and an
empty list inside a table removes the parent's entry (``target = []``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from domain.errors import InputError
from domain.messages import t

Word = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Words = Annotated[list[Word], Field(min_length=1)]
FundsColumn = Literal["initial_budget", "annual_budget", "executed", "weight", "rate", "score", "reason"]
FundsRowKey = Literal["total", "fiscal", "carryover", "other", "other_parts"]
IndicatorColumn = Literal[
    "level1", "level2", "name", "target", "comparator", "target_value", "unit", "actual", "weight", "score", "reason"
]
HeaderKey = Literal["project_name", "department", "implementer", "project_amount", "project_code", "year"]
Unit = Literal["元", "万元", "千元", "亿元"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FundsSpec(_Strict):
    labels: Words
    label: Word
    unit: Unit = "万元"
    weight: Annotated[int, Field(ge=0, le=100)] = 10
    columns: dict[FundsColumn, Words]
    rows: dict[FundsRowKey, Words] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _needed(self) -> FundsSpec:
        if "executed" not in self.columns:
            raise ValueError(t("reader.layout.needs", what="columns.executed"))
        if not {"annual_budget", "initial_budget"} & set(self.columns):
            raise ValueError(t("reader.layout.needs", what="columns.annual_budget"))
        if "total" not in self.rows:
            raise ValueError(t("reader.layout.needs", what="rows.total"))
        return self


class GoalsSpec(_Strict):
    labels: Words
    label: Word
    expected: Words
    achieved: Words


class IndicatorsSpec(_Strict):
    labels: Words
    label: Word
    groups: list[Word] = Field(default_factory=list)
    columns: dict[IndicatorColumn, Words]
    # heads of columns the record has no place for (河北's 指标分值 holding explanations, 单项指标折算得分):
    # their cells are passed over, said once per form
    unread: list[Word] = Field(default_factory=list)

    @model_validator(mode="after")
    def _needed(self) -> IndicatorsSpec:
        target = "target_value" if "target_value" in self.columns else "target"
        for key in ("name", target, "actual", "score"):
            if key not in self.columns:
                raise ValueError(t("reader.layout.needs", what=f"columns.{key}"))
        return self


class TotalSpec(_Strict):
    labels: Words
    grade: bool = False


class LabelsSpec(_Strict):
    labels: list[Word] = Field(default_factory=list)


class WriteSpec(_Strict):
    widths: list[Annotated[int, Field(ge=1, le=120)]] = Field(min_length=2)
    funds_rows: list[FundsRowKey] = Field(min_length=1)
    funds_columns: list[FundsColumn] = Field(min_length=1)
    indicator_columns: list[IndicatorColumn] = Field(min_length=4)
    total_label: Word
    closing: list[Word] = Field(default_factory=list)


class LayoutSpec(_Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
    extends: str | None = None
    name: Word
    title: Word
    titles: list[Word] = Field(default_factory=list)  # other titles the layout's forms carry
    year_line: Word
    source: str = ""  # where forms of this layout were seen
    profile: str | None = None  # the shipped rule profile its forms are scored by
    markers: list[Word] = Field(default_factory=list)
    total_required: bool = True
    header: dict[HeaderKey, Words]
    funds: FundsSpec
    goals: GoalsSpec
    indicators: IndicatorsSpec
    comparators: dict[str, Words] = Field(default_factory=dict)
    total: TotalSpec
    closing: LabelsSpec = LabelsSpec()
    footer: LabelsSpec = LabelsSpec()
    write: WriteSpec

    @model_validator(mode="after")
    def _consistent(self) -> LayoutSpec:
        if "project_name" not in self.header:
            raise ValueError(t("reader.layout.needs", what="header.project_name"))
        checks: list[tuple[str, list[str], set[str]]] = [
            ("write.indicator_columns", list(self.write.indicator_columns), set(self.indicators.columns)),
            ("write.funds_columns", list(self.write.funds_columns), set(self.funds.columns)),
            ("write.funds_rows", list(self.write.funds_rows), set(self.funds.rows)),
        ]
        for where, written, declared in checks:
            for key in written:
                if key not in declared:
                    raise ValueError(t("reader.layout.writes_undeclared", where=where, value=key))
        if "target_value" in self.indicators.columns and not self.comparators:
            raise ValueError(t("reader.layout.needs", what="comparators"))
        return self


def merged(base: dict[str, Any], over: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    """``over`` laid on ``base``: tables merge at every depth, anything else replaces; inside a table an
    empty list removes what the parent declared (``target = []``: this layout has no such column)."""
    result = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            result[key] = merged(base[key], value, depth + 1)
        elif depth and value == []:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except FileNotFoundError:
        raise InputError(t("reader.layout.not_found", file=path.name)) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(t("reader.layout.unreadable", file=path.name, problem=str(error)[:160])) from None


def load_spec(directory: Path, layout_id: str) -> tuple[LayoutSpec, dict[str, Any]]:
    """The validated declaration ``layout_id`` (parents merged in) and its own file's data."""
    own = _read(directory / f"{layout_id}.toml")
    data = {key: value for key, value in own.items() if key != "extends"}
    seen, parent = [layout_id], own.get("extends")
    while parent:
        if not isinstance(parent, str) or not (directory / f"{parent}.toml").is_file():
            raise InputError(
                t(
                    "reader.layout.invalid",
                    file=f"{seen[-1]}.toml",
                    where="extends",
                    problem=t("reader.layout.no_parent", parent=str(parent)),
                )
            )
        if parent in seen:
            raise InputError(
                t(
                    "reader.layout.invalid",
                    file=f"{seen[-1]}.toml",
                    where="extends",
                    problem=t("reader.layout.cycle", parent=parent),
                )
            )
        seen.append(parent)
        parent_data = _read(directory / f"{parent}.toml")
        data = merged({key: value for key, value in parent_data.items() if key != "extends"}, data)
        parent = parent_data.get("extends")
    data["extends"] = own.get("extends")
    if data.get("id") != layout_id:
        raise InputError(
            t(
                "reader.layout.invalid",
                file=f"{layout_id}.toml",
                where="id",
                problem=t("reader.layout.id", id=layout_id),
            )
        )
    try:
        return LayoutSpec.model_validate(data), own
    except ValidationError as error:
        problem = error.errors()[0]
        key = ".".join(str(part) for part in problem.get("loc", ()))
        kind = problem.get("type", "")
        if kind == "missing":
            text = t("reader.layout.missing")
        elif kind == "extra_forbidden":
            text = t("reader.layout.unknown_key")
        elif kind == "value_error":
            text = str(problem.get("ctx", {}).get("error", problem.get("msg", "")))
        else:
            text = t("reader.layout.bad_value", problem=problem.get("msg", ""))
        if not key:
            raise InputError(t("reader.layout.invalid_whole", file=f"{layout_id}.toml", problem=text)) from None
        raise InputError(t("reader.layout.invalid", file=f"{layout_id}.toml", where=key, problem=text)) from None

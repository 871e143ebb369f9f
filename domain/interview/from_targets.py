"""Starting an evaluation from its approved targets: everything the targets say is filled in and skipped.

The header, the budget, the goal and each row's 一级 / 二级 / 三级 / 年度指标值 (and 分值 when the table gives
one) are answered from the targets; the interview asks only what the year added. The fields filled in are
kept in the conversation's notes (so a draft remembers them), with the targets themselves, so that the side
panel can mark them, a change to one can be announced, and the review can compare the form with them.
"""

from __future__ import annotations

import json
from pathlib import Path

from domain.errors import InputError
from domain.interview.conversation import PREFILLED
from domain.interview.events import Event, EventKind
from domain.interview.form import Form
from domain.interview.specs import MORE_ID, SAVE_ID, SOURCES_ID, FieldSpec
from domain.messages import t
from domain.record.models import Evaluation
from domain.record.targets import Targets
from domain.scoring.findings import Finding
from domain.scoring.profile import Profile

RECORD = "targets.record"  # conversation notes: the targets, as JSON

_FORM_KEYS = ("header.project_name", "header.department", "header.implementer", "header.year", "goals.expected")
_ROW_KEYS = ("level1", "level2", "name", "target_text")


def pick_targets(tables: list[tuple[str, Targets]], project: str | None, path: str) -> Targets:
    """The one project of a file, or the one whose name holds ``project``; InputError naming the choices."""
    names = "；".join(targets.project for _, targets in tables)
    if project:
        chosen = [targets for _, targets in tables if project in targets.project]
        if not chosen:
            raise InputError(t("targets.project_none", text=project, projects=names))
        if len(chosen) > 1:
            raise InputError(t("targets.project_many", text=project, projects=names))
        return chosen[0]
    if len(tables) > 1:
        lines = [t("targets.choose", path=path, count=len(tables))]
        lines += [
            t("targets.choose.item", number=number, project=targets.project)
            for number, (_, targets) in enumerate(tables, start=1)
        ]
        raise InputError("\n".join(lines))
    return tables[0][1]


def load_for_new(path: str | Path, project: str | None = None) -> Targets:
    """The targets a new form starts from: a targets file or a workbook (several projects: ``project``)."""
    from domain.sheets.targets_file import read_targets

    return pick_targets(read_targets(Path(path)), project, str(path))


def _given(targets: Targets, spec: FieldSpec, value: str) -> bool:
    """Whether the targets answer this field."""
    if not value:
        return False
    key = spec.id
    if key in _FORM_KEYS or key == SOURCES_ID or key == MORE_ID:
        return True
    if key.startswith("funds.") and (key.endswith(".initial_budget") or key.endswith(".annual_budget")):
        return True
    if spec.row is not None and spec.row < len(targets.indicators):
        field = key.rsplit(".", 1)[-1]
        if field in _ROW_KEYS or field == "catalogue_name":
            return True
        return field == "weight" and targets.indicators[spec.row].weight is not None
    return False


def start_from_targets(targets: Targets, profile: Profile | None = None):  # type: ignore[no-untyped-def]
    """An interview over the evaluation the targets begin, asking only the year's figures."""
    from domain.interview.controller import Interview

    interview = Interview(targets.to_evaluation(), profile)
    conversation = interview.conversation
    states = interview.fields()
    given = {
        state.spec.id for state in states if state.spec.id != SAVE_ID and _given(targets, state.spec, state.answer)
    }
    conversation.origin = "new"
    conversation.answered = set(given)
    conversation.extras[PREFILLED] = ",".join(sorted(given))
    conversation.extras[RECORD] = targets.model_dump_json()
    conversation.changed()
    conversation.current_id = next(
        (state.spec.id for state in interview.fields() if state.spec.id not in given), SAVE_ID
    )
    return interview


def prefilled(extras: dict[str, str]) -> set[str]:
    text = extras.get(PREFILLED, "")
    return {item for item in text.split(",") if item}


def targets_of(form: Form) -> Targets | None:
    text = form.conversation.extras.get(RECORD)
    if not text:
        return None
    try:
        return Targets.model_validate(json.loads(text))
    except ValueError:
        return None


def start_events(form: Form) -> list[Event]:
    """At the start of a form begun from targets: what was filled in from them."""
    targets = targets_of(form)
    if targets is None:
        return []
    return [
        Event(
            EventKind.INFO, t("targets.started", rows=len(targets.indicators), source=targets.source or targets.project)
        )
    ]


def changed_events(form: Form, spec: FieldSpec, before: Evaluation) -> list[Event]:
    """Changing an answer the targets gave: say that the audit will name it."""
    if spec.id not in prefilled(form.conversation.extras) or before == form.evaluation:
        return []
    return [Event(EventKind.WARNING, t("targets.changed", label=spec.label))]


def target_findings(form: Form) -> list[Finding]:
    """The form compared with the targets it was started from (nothing for other forms)."""
    targets = targets_of(form)
    if targets is None:
        return []
    from domain.review.targets import compare

    return compare(form.evaluation, targets)


def review_events(form: Form) -> list[Event]:
    """On the review of a form started from targets: how many answers came from them, and whether it still
    keeps them (the differences themselves are among the review's findings)."""
    targets = targets_of(form)
    if targets is None:
        return []
    given = len(prefilled(form.conversation.extras))
    clean = not target_findings(form)
    return [
        Event(
            EventKind.INFO,
            t("targets.review.title", count=given, source=targets.source or targets.project)
            + (t("targets.review.clean") if clean else ""),
        )
    ]

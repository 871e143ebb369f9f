"""Editing sessions: autosave to a draft after every answer, resume, and saving without overwriting others' work."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from answers import fill

from domain.errors import InputError
from domain.interview.controller import EventKind
from domain.interview.drafts import DraftStore
from domain.interview.session import EditSession, SaveStatus
from domain.record.models import Evaluation, Header, IndicatorRow
from domain.record.storage import load_evaluation, save_evaluation

WHOLE = {
    "header.project_name": "测试项目",
    "header.department": "测试局",
    "header.implementer": "测试中心",
    "header.project_amount": "40万",
    "header.year": "2020",
    "funds.total.initial_budget": "360000",
    "funds.total.executed": "351000",
    "goals.expected": "完成平台建设",
    "goals.achieved": "已按计划完成",
    "indicators[0].name": "硬件配置完成率",
    "indicators[0].target_text": "90%",
    "indicators[0].actual_text": "75%",
    "indicators[0].weight": "20",
    "indicators[0].deviation_reason": "到货延迟",
    "loop.more": "n",
    "review.save": "y",
}


def answer_all(session: EditSession, answers: list[str]) -> None:
    for text in answers:
        events = session.interview.answer(text)
        assert not [event for event in events if event.kind is EventKind.ERROR], (text, events)


def test_every_answer_is_in_the_draft_at_once(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    session = EditSession.new(store, tmp_path / "out.toml")
    session.start()
    assert session.draft_id is None and store.list() == []
    answer_all(session, ["测试项目"])
    assert session.draft_id is not None
    draft = store.load(session.draft_id)
    assert draft.evaluation.header.project_name == "测试项目"
    assert draft.state["current"] == "header.department"
    assert draft.target == tmp_path / "out.toml" and draft.target_fingerprint is None
    answer_all(session, ["测试局"])
    assert store.load(session.draft_id).evaluation.header.department == "测试局"
    assert [info.id for info in store.list()] == [session.draft_id]


def test_resume_continues_where_the_draft_was_left(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    first = EditSession.new(store, tmp_path / "out.toml")
    first.start()
    fill(first.interview, WHOLE, until="indicators[0].actual_text")
    asked = [state.spec.id for state in first.interview.fields()].index("indicators[0].actual_text")
    resumed = EditSession.resume(first.draft_id, store)
    events = resumed.start()
    assert events[0].text == f"继续填写“测试项目”：已答的 {asked} 项都在。"  # every field before it
    assert events[-1].field.id == "indicators[0].actual_text"
    assert resumed.target == tmp_path / "out.toml" and resumed.dirty
    fill(resumed.interview, WHOLE)
    assert resumed.interview.done
    outcome = resumed.save()
    assert outcome.status is SaveStatus.SAVED and outcome.message == f"已保存到 {tmp_path / 'out.toml'}。"
    saved = load_evaluation(tmp_path / "out.toml")
    assert saved.header.project_amount == Decimal(400000)
    assert saved.indicators[0].declared_score == Decimal("16.67")
    assert saved.declared_total == Decimal("26.47")
    assert store.list() == [] and not resumed.dirty


def test_save_needs_a_path_and_never_overwrites_without_asking(tmp_path: Path) -> None:
    session = EditSession.new(DraftStore(tmp_path / "drafts"))
    session.start()
    answer_all(session, ["项目乙"])
    assert session.save().status is SaveStatus.NEEDS_PATH
    existing = tmp_path / "existing.toml"
    existing.write_text("someone else's", encoding="utf-8")
    outcome = session.save(existing)
    assert outcome.status is SaveStatus.CONFLICT and outcome.message == f"文件 {existing} 已经存在。"
    assert existing.read_text(encoding="utf-8") == "someone else's"
    assert session.save(existing, overwrite=True).saved
    assert load_evaluation(existing).header.project_name == "项目乙"
    answer_all(session, ["部门丙"])
    assert session.save(existing).saved  # our own file since: no question


def test_a_file_changed_since_it_was_opened_is_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "form.toml"
    evaluation = Evaluation(header=Header(project_name="原项目"))
    evaluation.indicators.append(
        IndicatorRow(name="设备故障率", target_text="≤10%", actual_text="8%", weight=Decimal(90))
    )
    save_evaluation(evaluation, path)
    session = EditSession.open(path, DraftStore(tmp_path / "drafts"))
    session.start()
    answer_all(session, ["改过的项目"])
    evaluation.header.department = "别人加的"
    save_evaluation(evaluation, path)
    outcome = session.save()
    assert outcome.status is SaveStatus.CONFLICT and outcome.message == f"文件 {path} 在打开之后被修改过。"
    assert session.save(overwrite=True).saved
    assert load_evaluation(path).header.project_name == "改过的项目"


def test_open_reports_unreadable_files_plainly(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="找不到评价文件"):
        EditSession.open(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\n[header]\nyear = 1800\n", encoding="utf-8")
    with pytest.raises(InputError, match="year 不能小于 1990"):
        EditSession.open(bad)


def test_a_failed_save_says_why(tmp_path: Path) -> None:
    session = EditSession.new()
    session.start()
    outcome = session.save(tmp_path)
    assert outcome.status is SaveStatus.FAILED and outcome.message.startswith("无法保存")


def test_flush_writes_the_draft_and_never_raises(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    session = EditSession.new(store)
    session.start()
    assert session.flush() is False  # nothing answered yet
    answer_all(session, ["项目丁"])
    assert session.flush() is True
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    session.store = DraftStore(blocker / "drafts")
    assert session.flush() is False


def test_flush_keeps_text_typed_but_not_submitted(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    session = EditSession.new(store)
    session.start()
    session.interview.set_pending("还没回车的项目名")
    assert session.flush() is True  # nothing answered, but the typed text is worth a draft
    draft = store.load(session.draft_id)
    assert draft.state["pending"] == {"field": "header.project_name", "text": "还没回车的项目名"}
    resumed = EditSession.resume(session.draft_id, store)
    resumed.start()
    assert resumed.interview.pending == "还没回车的项目名"
    assert resumed.interview.evaluation.header.project_name == ""
    answer_all(resumed, [resumed.interview.pending])
    assert "pending" not in store.load(resumed.draft_id).state


def test_a_draft_without_typed_text_resumes_as_before(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    first = EditSession.new(store)
    first.start()
    fill(first.interview, WHOLE, until="header.implementer")
    path = store.path_of(first.draft_id)
    assert "pending" not in path.read_text(encoding="utf-8")  # the format written before typed text was kept
    resumed = EditSession.resume(first.draft_id, store)
    resumed.start()
    assert resumed.interview.pending == "" and resumed.interview.current.id == "header.implementer"


def test_an_autosave_failure_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    session = EditSession.new(DraftStore(blocker / "drafts"))
    session.start()
    events = session.interview.answer("项目戊")
    warnings = [event.text for event in events if event.kind is EventKind.WARNING]
    assert len(warnings) == 1 and warnings[0].startswith("草稿未能保存：无法保存")
    assert session.autosave_error is not None
    assert events[-1].field.id == "header.department"


def test_discard_deletes_the_draft(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    session = EditSession.new(store)
    session.start()
    answer_all(session, ["项目己"])
    assert session.draft_kept_message().startswith("草稿已保存（编号 ")
    session.discard()
    assert store.list() == [] and session.draft_kept_message() == ""


SEED_FORMS = sorted((Path(__file__).parent.parent / "fixtures" / "seed").glob("*.toml"))


@pytest.mark.parametrize("form", SEED_FORMS, ids=lambda path: path.name[:2])
def test_an_untouched_seed_form_opened_and_saved_checks_as_before(tmp_path: Path, form: Path) -> None:
    from domain.scoring.audit import audit_evaluation
    from domain.scoring.findings import Severity

    before = audit_evaluation(load_evaluation(form))
    target = tmp_path / "form.toml"
    target.write_bytes(form.read_bytes())
    session = EditSession.open(target, DraftStore(tmp_path / "drafts"))
    session.start()
    assert not session.dirty
    assert session.save().saved
    after = audit_evaluation(load_evaluation(target))
    assert after.computed_total == before.computed_total
    errors = {finding.code for finding in after.findings if finding.severity is Severity.ERROR}
    assert errors <= {finding.code for finding in before.findings if finding.severity is Severity.ERROR}
    assert {finding.code for finding in after.findings} <= {finding.code for finding in before.findings}
    assert load_evaluation(target).declared_total == after.computed_total  # the total of what is written


def test_no_draft_while_the_form_is_as_opened(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    target = tmp_path / "form.toml"
    target.write_bytes(SEED_FORMS[2].read_bytes())
    session = EditSession.open(target, store)
    session.start()
    name = session.interview.evaluation.header.project_name
    answer_all(session, ["", "", ""])  # enter through unchanged fields
    assert not session.dirty and store.list() == [] and session.flush() is False
    session.interview.jump("header.project_name")
    answer_all(session, ["改过的名称"])
    assert session.dirty and len(store.list()) == 1
    session.interview.jump("header.project_name")
    answer_all(session, [name])  # changed back: nothing the file lacks, no draft left
    assert not session.dirty and store.list() == []
    assert session.on_disk


def test_a_name_without_toml_gets_it(tmp_path):
    from domain.interview.session import evaluation_path

    assert evaluation_path(tmp_path / "form") == tmp_path / "form.toml"
    assert evaluation_path(" x.TOML ") == Path("x.TOML")

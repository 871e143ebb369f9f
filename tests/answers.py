"""Answering the interview by field id, for every test that drives it.

``fill(interview, {"header.project_name": "测试项目", ...}, until="indicators[0].name")`` answers each field
asked with the mapping's answer or, when the field is absent, with the empty answer (its default), and stops
at ``until`` (not answered; ``(field id, n)`` stops at its n-th asking, as for ``loop.more``) or at the end.
A question added to the interview is thus answered with its default by every test that does not name it.
A value may be a list when the field is asked more than once (``"loop.more": ["y", "y"]``), used in order;
once its answers are used, a field asked again takes the empty answer too.
A field that refuses its answer, a field asked again without progress, ``until`` never asked, or an answer
for a field never asked fails the test with the field's id.

``answer_lines`` gives the same answers as the lines plain mode reads, found by driving a fresh interview;
``helpers.lines_from`` the lines to type into the running app from where its interview stands.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from domain.interview.controller import Event, EventKind, Interview
from domain.record.models import Evaluation

Answers = Mapping[str, str | Sequence[str]]
Until = str | tuple[str, int] | None

HEADER_AND_FUNDS: dict[str, str] = {
    "header.project_name": "测试项目",
    "header.project_amount": "400000",
    "header.year": "2020",
    "funds.total.initial_budget": "400000",
    "funds.total.executed": "360000",
    "funds.sources": "1",
    "goals.expected": "目标",
    "goals.achieved": "完成",
}
LEVELS = {"indicators[0].level1": "1", "indicators[0].level2": "1"}  # 产出指标 / 数量指标
TO_NAME = {**HEADER_AND_FUNDS, **LEVELS}  # the 三级 name is asked next (stop at indicators[0].name)
ROW = {
    **LEVELS,
    "indicators[0].name": "培训人数",
    "indicators[0].catalogue": "1",
    "indicators[0].target_text": "≥90%",
    "indicators[0].actual_text": "75%",
    "indicators[0].weight": "20",
}
ONE_ROW = {**HEADER_AND_FUNDS, **ROW}  # stop at indicators[0].deviation_reason
TO_MORE = {**ONE_ROW, "indicators[0].deviation_reason": "参训人员临时调整"}  # stop at loop.more
TO_REVIEW = {**TO_MORE, "loop.more": "2"}  # stop at review.save


class _Queue:
    """The answers still to give, by field id."""

    def __init__(self, answers: Answers) -> None:
        self.left = {key: [value] if isinstance(value, str) else list(value) for key, value in answers.items()}

    def take(self, field_id: str) -> str:
        queue = self.left.get(field_id)
        return queue.pop(0) if queue else ""

    def unused(self) -> list[str]:
        return [key for key, queue in self.left.items() if queue]


def fill(interview: Interview, answers: Answers | None = None, until: Until = None, limit: int = 500) -> list[Event]:
    """Answer the interview field by field (see the module's text); the events of every answer given."""
    stop, times = (until, 1) if until is None or isinstance(until, str) else until
    queue = _Queue(answers or {})
    events: list[Event] = []
    last: tuple[str, int] | None = None
    for _ in range(limit):
        spec = interview.current
        if spec is None:
            break
        if spec.id == stop:
            times -= 1
            if times == 0:
                break
        here = (spec.id, interview.answered_count)
        if here == last:
            raise AssertionError(f"{spec.id} is asked again without progress")
        last = here
        text = queue.take(spec.id)
        given = interview.answer(text)
        refused = [event.text for event in given if event.kind is EventKind.ERROR]
        if refused:
            what = f"the answer {text!r}" if text else "the empty answer"
            raise AssertionError(f"{spec.id} refused {what}: {refused[0]}")
        events += given
    else:
        raise AssertionError(f"the interview did not end within {limit} answers")
    if until is not None and interview.current is None:
        raise AssertionError(f"the interview ended without asking {until}")
    never = [key for key in queue.unused() if key not in interview.conversation.answered]
    if interview.current is None and never:
        raise AssertionError(f"never asked: {', '.join(never)}")
    return events


def answer_steps(
    answers: Answers | None = None, until: Until = None, evaluation: Evaluation | None = None
) -> list[tuple[str, str]]:
    """(field id, line) for each field asked with these answers on a new form (or on a copy of ``evaluation``
    opened for editing), up to ``until`` (or the end)."""
    steps: list[tuple[str, str]] = []
    interview = Interview(evaluation.model_copy(deep=True) if evaluation is not None else None)
    interview.start()
    original = interview.answer

    def recording(text: str) -> list[Event]:
        assert interview.current is not None
        steps.append((interview.current.id, text))
        return original(text)

    interview.answer = recording  # type: ignore[method-assign]
    fill(interview, answers, until)
    return steps


def answer_lines(
    answers: Answers | None = None, until: Until = None, since: str | None = None, evaluation: Evaluation | None = None
) -> list[str]:
    """The lines plain mode reads for these answers on a new form (or ``evaluation`` edited), from ``since``
    (a draft resumed there; default the first field) up to ``until`` (or the end)."""
    steps = answer_steps(answers, until, evaluation)
    ids = [field_id for field_id, _ in steps]
    return [text for _, text in steps[ids.index(since) if since is not None else 0 :]]

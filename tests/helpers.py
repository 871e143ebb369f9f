"""Shared helpers for the assistant's tests: forms to start from, answers by field id (tests/answers.py), and
what the Pilot tests of the screens (tests/ui/) need to wait for the app and read what it shows."""

from __future__ import annotations

from pathlib import Path

from answers import HEADER_AND_FUNDS, ONE_ROW, TO_MORE, TO_NAME, TO_REVIEW, Answers, Until, answer_lines, fill

from domain.interview.drafts import DraftStore
from domain.interview.session import EditSession
from tui.app import JixiaoApp
from tui.widgets.key_bar import KeyBar
from tui.widgets.transcript import Transcript

__all__ = ["HEADER_AND_FUNDS", "ONE_ROW", "TO_MORE", "TO_NAME", "TO_REVIEW", "answer_lines", "fill"]  # with the rest

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed"
SEED_01 = next(SEED.glob("01-*.toml"))
SEED_03 = SEED / "03-2020-2021年度不动产权证书附图制作.toml"  # 13 indicator rows
SEED_15 = SEED / "15-布吉登记所变配电增容工程.toml"  # 19 indicator rows

SIZE = (80, 24)


def session_at(answers: Answers, drafts: Path, until: Until = None) -> EditSession:
    """A new session answered by field id up to ``until`` (see tests/answers.py), drafts kept in ``drafts``."""
    session = EditSession.new(DraftStore(drafts))
    session.start()
    fill(session.interview, answers, until)
    return session


def new_draft(drafts: Path, name: str, out: Path | None = None) -> str:
    session = EditSession.new(DraftStore(drafts), out)
    session.start()
    session.interview.answer(name)
    assert session.draft_id is not None
    return session.draft_id


def edit_draft(drafts: Path, form: Path) -> str:
    session = EditSession.open(form, DraftStore(drafts))
    session.start()
    session.interview.answer("改过的名称")
    assert session.draft_id is not None
    return session.draft_id


def copy_seed(tmp_path: Path) -> Path:
    form = tmp_path / "form.toml"
    form.write_bytes(next(iter(sorted(SEED.glob("*.toml")))).read_bytes())
    return form


def write_keymap(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "config" / "jixiao"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "keymap.toml").write_text(text, encoding="utf-8")


# --- the Pilot tests ---------------------------------------------------------------------------------------


async def settle(app: JixiaoApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def settle_twice(app: JixiaoApp, pilot) -> None:
    """Workers, a pause, then again: for work a worker's result starts."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def until(app: JixiaoApp, pilot, condition, tries: int = 200) -> None:
    """Let the app run until ``condition()`` holds (the session loads in a worker after the first paint)."""
    for _ in range(tries):
        await app.workers.wait_for_complete()
        await pilot.pause(0.02)
        if condition():
            return
    raise AssertionError("the app never got there")


def transcript_text(app: JixiaoApp) -> str:
    return "\n".join(line.text for line in app.screen.query_one(Transcript).lines)


def transcript_prose(app: JixiaoApp) -> str:
    """The transcript's words with line breaks and box borders taken out (wrapping splits sentences)."""
    lines = (line.text.strip().strip("│").strip() for line in app.screen.query_one(Transcript).lines)
    return "".join(lines).replace("\u00a0", " ")


def key_bar(app: JixiaoApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


def steps_from(interview, answers: Answers, until: Until) -> list[tuple[str, str]]:
    """(field id, text) to type from where ``interview`` stands up to ``until``, found on a copy of it."""
    from domain.interview.controller import Interview

    copy = Interview.restore(interview.evaluation.model_copy(deep=True), interview.state(), interview.profile)
    steps: list[tuple[str, str]] = []
    original = copy.answer

    def recording(text: str):
        steps.append((copy.current.id, text))
        return original(text)

    copy.answer = recording  # type: ignore[method-assign]
    fill(copy, answers, until)
    return steps


def lines_from(interview, answers: Answers, until: Until) -> list[str]:
    """The lines to type into the running app from where ``interview`` stands up to ``until``."""
    return [text for _, text in steps_from(interview, answers, until)]

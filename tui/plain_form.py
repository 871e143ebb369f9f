"""The line mode's interview loop: answers and ":" commands, saving, exporting and quitting a form."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from domain.messages import t
from tui.plain_console import EXIT_OK, EXIT_UNFINISHED, Console, EndOfInput, HungUp, flush_on_hangup
from tui.plain_open import open_session

if TYPE_CHECKING:
    from domain.interview.controller import Interview
    from domain.interview.events import Event
    from domain.interview.session import EditSession


def _drafts_hint(args: argparse.Namespace) -> str:
    drafts = getattr(args, "drafts", None)
    return f" --drafts {drafts}" if drafts else ""


def _export(console: Console, session: EditSession, name: str = "") -> None:
    """:e — the form as the official workbook, to the name given or asked (default: the TOML's name)."""
    from domain.interview.session import SaveStatus

    default = str(session.export_path())
    if not name:
        name = console.ask(t("plain.export.ask_path", default=default), default).strip() or default
        if name.startswith(":"):
            console.say(t("plain.export.cancelled"))
            return
    outcome = session.export(name)
    if outcome.status is SaveStatus.CONFLICT:
        if not console.confirm(t("plain.overwrite", message=outcome.message), default=False):
            console.say(t("plain.export.cancelled"))
            return
        outcome = session.export(outcome.path, overwrite=True)
    console.say(outcome.message if outcome.saved else t("plain.prefix.error") + outcome.message)


SAVED, CANCELLED, QUIT = "saved", "cancelled", "quit"
_QUIT_WORDS = ("q", "quit", "退出")


def _ask_path(console: Console) -> str:
    """A file name to save to (".toml" added when missing), "" when the user cancels, or QUIT. Lines starting
    with ":" are commands here too: :q quits, the others are refused (they are not file names)."""
    while True:
        answer = console.ask(t("plain.save_path")).strip()
        if answer.startswith(":") and not answer.startswith("::"):
            if answer[1:].strip().lower() in _QUIT_WORDS:
                return QUIT
            console.say(t("plain.prefix.error") + t("plain.save_path_command"))
            continue
        answer = answer[1:] if answer.startswith("::") else answer
        if not answer:
            return ""
        from domain.interview.session import evaluation_path

        return str(evaluation_path(answer))


def _save(console: Console, session: EditSession, path: str | None = None) -> str:
    """Save, asking for a path or before overwriting as needed: SAVED, CANCELLED (an empty file name) or QUIT."""
    from domain.interview.session import SaveStatus

    outcome = session.save(path)
    while not outcome.saved:
        if outcome.status is SaveStatus.CONFLICT:
            if console.confirm(t("plain.overwrite", message=outcome.message), default=False):
                outcome = session.save(outcome.path, overwrite=True)
                continue
        elif outcome.status is SaveStatus.FAILED:
            console.say(t("plain.prefix.error") + outcome.message)
        answer = _ask_path(console)
        if answer in ("", QUIT):
            if answer == "":
                console.say(t("plain.save_cancelled"))
            return answer or CANCELLED
        outcome = session.save(answer)
    console.say(outcome.message)
    return SAVED


def _field_lines(interview: Interview) -> list[str]:
    lines = []
    for number, state in enumerate(interview.fields(), start=1):
        spec = state.spec
        label = spec.label if spec.row is None else f"{t('row.title', number=spec.row + 1)} · {spec.label}"
        mark = "→" if state.current else ("✓" if state.answered else " ")
        answer = " ".join(state.answer.split())
        lines.append(
            t(
                "plain.field_line",
                number=number,
                mark=mark,
                label=label,
                answer=answer if len(answer) <= 40 else answer[:40] + "…",
            )
        )
    return lines


def _command(line: str, console: Console, session: EditSession) -> list[Event] | str | None:
    """Run one ":" command: the events it produced, "quit", or None when there is nothing new to show."""
    interview = session.interview
    word, _, rest = line[1:].strip().partition(" ")
    word, rest = word.lower(), rest.strip()
    if word in ("b", "back", "上一项"):
        return interview.back()
    if word in ("u", "undo", "撤销"):
        return interview.undo()
    if word in ("d", "delete", "删除"):
        return interview.remove_row()
    if word in ("j", "jump", "跳转"):
        states = interview.fields()
        if rest.isdecimal() and 1 <= int(rest) <= len(states):
            return interview.jump(states[int(rest) - 1].spec.id)
        return interview.jump(rest)
    if word in ("f", "fields", "列表"):
        for text in _field_lines(interview):
            console.say(text)
        return None
    if word in ("h", "help", "帮助", "?"):
        console.say(interview.help_for())
        console.say(t("plain.commands"))
        console.say(t("plain.export.hint"))
        return None
    if word in ("n", "name", "全称"):  # the catalogue's full name for a cut-off indicator name
        from domain.interview.questions.naming import use_full_name

        return use_full_name(interview)
    if word in ("e", "export", "导出"):
        _export(console, session, rest)
        return None
    if word in ("s", "save", "保存"):
        return "quit" if _save(console, session) == QUIT else None
    if word in _QUIT_WORDS:
        return "quit"
    console.say(t("plain.prefix.error") + t("plain.unknown_command", command=line))
    return None


def _unfinished(console: Console, session: EditSession, args: argparse.Namespace, message: str) -> int:
    session.flush()
    console.say(message)
    if session.draft_id or session.autosave_error:
        console.say(session.draft_kept_message())
        if session.draft_kept:
            console.say(t("plain.resume_how", drafts=_drafts_hint(args)))
    return EXIT_UNFINISHED


def _quit(console: Console, session: EditSession, args: argparse.Namespace) -> int:
    """:q — with nothing unsaved (the form as opened or last saved) it just ends; else the draft is kept."""
    if session.dirty or session.interview.pending:
        return _unfinished(console, session, args, t("plain.quit"))
    session.discard()
    console.say(t("plain.quit_clean"))
    return EXIT_OK


def run_form(mode: str, console: Console, args: argparse.Namespace) -> int:
    session = open_session(mode, console, args)
    if session.origin == "new" and session.target is not None and session.target.exists():
        console.say(t("plain.prefix.warning") + t("session.exists", path=session.target))
    console.say(t("plain.commands"))
    question = console.show(session.start())
    if session.interview.pending:
        console.say(t("plain.prefix.hint") + t("plain.pending", text=" ".join(session.interview.pending.split())))
    with flush_on_hangup(session.flush):
        try:
            while not session.interview.done:
                if question is None:
                    question = console.show(session.interview.ask())
                line = console.ask_event(question)
                if line.startswith(":") and not line.startswith("::"):
                    result = _command(line, console, session)
                    if result == "quit":
                        return _quit(console, session, args)
                    if result is not None:
                        question = console.show(result) or question
                    continue
                answer = line[1:] if line.startswith("::") else line
                question = console.show(session.interview.answer(answer)) or question
                if session.interview.done:
                    saved = _save(console, session)
                    if saved == QUIT:
                        return _quit(console, session, args)
                    if saved == CANCELLED:  # back to the question that finished the form
                        question = console.show(session.interview.back())
        except EndOfInput:
            if session.on_disk and not session.interview.pending:  # the file holds the form as it stands
                console.say(t("plain.eof_clean"))
                return EXIT_OK
            return _unfinished(console, session, args, t("plain.eof"))
        except HungUp:
            return _unfinished(console, session, args, t("plain.stopped"))
    return EXIT_OK

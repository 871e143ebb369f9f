"""The plain line mode: the assistant's questions on stdout, one answer per line from stdin.

For screen readers, dumb terminals and pipes. Each question is one line starting with "? " (its choices
numbered on the lines before it, the answer enter accepts in brackets), flushed before the answer is read.
Other lines say what happened: "计分：" explanations, "提示：", "注意：", "错误：" (the question is then
asked again). Lines starting with ":" are commands (:h lists them). Never imports Textual.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import TextIO

from domain.errors import InputError
from domain.messages import t
from domain.messages.sanitise import strip_controls
from tui.display import without_repeats

EXIT_OK, EXIT_UNFINISHED, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_SHOWN = 30  # characters of a default answer shown in brackets
_PREFIX = {"hint": "plain.prefix.hint", "warning": "plain.prefix.warning", "error": "plain.prefix.error",
           "explanation": "plain.prefix.explanation"}


class EndOfInput(Exception):
    """stdin ran out before the conversation ended."""


class HungUp(Exception):
    """SIGHUP or SIGTERM arrived; the draft has been flushed."""


def clean(text: object) -> str:
    """Text safe to print: no control characters (escape sequences in user text must not act)."""
    return strip_controls(text)


class Console:
    """Writes lines and asks questions over a pair of text streams."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout

    def say(self, text: str = "") -> None:
        self.stdout.write(clean(text) + "\n")

    def show(self, events: Sequence[object]) -> object | None:
        """Print every event but the question, and return the last QUESTION event (None if there is none)."""
        question = None
        for event in without_repeats(list(events)):
            kind = str(event.kind)  # type: ignore[attr-defined]
            if kind == "question":
                question = event
            elif kind != "suggestions":
                prefix = t(_PREFIX[kind]) if kind in _PREFIX else ""
                self.say(prefix + event.text)  # type: ignore[attr-defined]
        return question

    def read(self) -> str:
        self.stdout.flush()
        line = self.stdin.readline()
        if line == "":
            raise EndOfInput
        return line.rstrip("\r\n")

    def ask(self, prompt: str, default: str = "", choices: Sequence[tuple[str, str]] = (),
            confirm: bool = False) -> str:
        """Print the choices and the one-line question, then read one answer line."""
        for key, label in choices:
            self.say(f"  {key}. {label}")
        line = "? " + " ".join(prompt.split())
        if confirm:
            line += " (y/n)"
        if default:
            shown = " ".join(default.split())
            shown = shown if len(shown) <= DEFAULT_SHOWN else shown[:DEFAULT_SHOWN] + "…"
            line += " " + t("plain.default", default=shown)
        self.say(line)
        return self.read()

    def ask_event(self, question: object) -> str:
        """Ask the question an interview or training session posed."""
        from domain.interview.specs import FieldKind, find_choice

        spec = question.field  # type: ignore[attr-defined]
        default = str(question.data or "")  # type: ignore[attr-defined]
        confirm = spec.kind is FieldKind.CONFIRM and bool(spec.choices)
        choices = [] if confirm else [(choice.key, choice.label) for choice in spec.choices]
        if default and spec.choices:
            chosen = find_choice(spec, default)
            default = chosen.key if chosen is not None else default
        return self.ask(question.text, default, choices, confirm)  # type: ignore[attr-defined]

    def confirm(self, prompt: str, default: bool = True) -> bool:
        from domain.interview.specs import parse_confirm

        while True:
            answer = parse_confirm(self.ask(prompt, "y" if default else "n", confirm=True) or
                                   ("y" if default else "n"))
            if answer is not None:
                return answer
            self.say(t("plain.prefix.error") + t("error.confirm"))


@contextlib.contextmanager
def _flush_on_hangup(flush) -> Iterator[None]:
    """While active, SIGHUP and SIGTERM write the draft and end the conversation (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    handled: list[int] = []

    def handler(signum, frame) -> None:  # noqa: ARG001
        if handled:
            return  # a second signal while the first is handled: the way out is already under way
        handled.append(signum)
        flush()
        raise HungUp

    previous = {}
    for name in ("SIGHUP", "SIGTERM"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, handler)
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)


# --- filling a form ---------------------------------------------------------------------------------


def _drafts_hint(args: argparse.Namespace) -> str:
    drafts = getattr(args, "drafts", None)
    return f" --drafts {drafts}" if drafts else ""


def _offered(console: Console, store, way: str, target: str | None = None) -> list:
    """The drafts a way in offers (see domain.interview.draft_index); unreadable ones and an unreadable
    drafts folder are said, never skipped silently."""
    from domain.interview.draft_index import clear_stale, matching, scan

    try:
        entries = scan(store)
    except InputError as error:
        console.say(t("plain.prefix.warning") + error.message)
        return []
    for entry in entries:
        if entry.error:
            console.say(t("plain.prefix.warning") + entry.describe())
    kept, _ = clear_stale(store, entries)
    return matching(kept, way, target)


def _open_session(mode: str, console: Console, args: argparse.Namespace):
    from domain.interview.draft_index import RECENT
    from domain.interview.drafts import DraftStore
    from domain.interview.session import EditSession

    store = DraftStore(getattr(args, "drafts", None))
    out = getattr(args, "out", None)
    if mode == "edit":
        path = getattr(args, "file", None)
        if not path:
            raise InputError(t("session.needs_path"))
        from domain.interview.session import is_workbook

        if is_workbook(path):
            return _open_workbook_form(console, path, store, out)
        drafts = _offered(console, store, "edit", out or path)
        if len(drafts) == 1:  # one draft of this file: yes or no
            chosen = drafts[0].id if console.confirm(t("plain.edit.draft", describe=drafts[0].describe())) else None
        else:
            chosen = _pick_draft(console, drafts[:RECENT], t("plain.edit.open_file"))
        if chosen:
            return EditSession.resume(chosen, store, out)
        return EditSession.open(path, store, out)
    chosen = _pick_draft(console, _offered(console, store, "new" if mode == "new" else "start", out),
                         t("plain.start.new"))
    if chosen:
        return EditSession.resume(chosen, store, out)
    return EditSession.new(store, out)


def _pick_draft(console: Console, drafts: list, none_label: str) -> str | None:
    """Offer the newest drafts by number (0: none of them); the chosen draft's id, or None."""
    from domain.interview.draft_index import RECENT

    if not drafts:
        return None
    shown = drafts[:RECENT]
    if len(drafts) > len(shown):
        console.say(t("plain.drafts.offer", count=len(drafts), shown=len(shown)))
    choices = [(str(number), info.describe()) for number, info in enumerate(shown, start=1)]
    choices.append(("0", none_label))
    while True:
        answer = console.ask(t("plain.start.choice"), "1", choices).strip() or "1"
        if answer == "0":
            return None
        if answer.isdecimal() and 1 <= int(answer) <= len(shown):
            return str(shown[int(answer) - 1].id)
        console.say(t("plain.prefix.error") + t("error.choice", keys="、".join(key for key, _ in choices)))


def _open_workbook_form(console: Console, path: str, store, out: str | None):
    """A form of a workbook: the only one, or the one the user picks by number; saved as TOML beside it."""
    from domain.interview.session import EditSession, workbook_forms, workbook_target

    forms = workbook_forms(path)
    index = 1
    if len(forms) > 1:
        choices = [(str(number), label) for number, (label, _) in enumerate(forms, start=1)]
        while True:
            answer = console.ask(t("plain.open.choose_form", path=path, count=len(forms)), "1", choices).strip() or "1"
            if answer.isdecimal() and 1 <= int(answer) <= len(forms):
                index = int(answer)
                break
            console.say(t("plain.prefix.error") + t("error.choice", keys="、".join(key for key, _ in choices)))
    target = out or workbook_target(path, index, len(forms))
    return EditSession.open_form(path, forms[index - 1][1], target, store)


def _export(console: Console, session, name: str = "") -> None:
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


def _save(console: Console, session, path: str | None = None) -> str:
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


def _field_lines(interview) -> list[str]:
    lines = []
    for number, state in enumerate(interview.fields(), start=1):
        spec = state.spec
        label = spec.label if spec.row is None else f"{t('row.title', number=spec.row + 1)} · {spec.label}"
        mark = "→" if state.current else ("✓" if state.answered else " ")
        answer = " ".join(state.answer.split())
        lines.append(t("plain.field_line", number=number, mark=mark, label=label,
                       answer=answer if len(answer) <= 40 else answer[:40] + "…"))
    return lines


def _command(line: str, console: Console, session) -> list | str | None:
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
    if word in ("e", "export", "导出"):
        _export(console, session, rest)
        return None
    if word in ("s", "save", "保存"):
        return "quit" if _save(console, session) == QUIT else None
    if word in _QUIT_WORDS:
        return "quit"
    console.say(t("plain.prefix.error") + t("plain.unknown_command", command=line))
    return None


def _unfinished(console: Console, session, args: argparse.Namespace, message: str) -> int:
    session.flush()
    console.say(message)
    if session.draft_id or session.autosave_error:
        console.say(session.draft_kept_message())
        if session.draft_kept:
            console.say(t("plain.resume_how", drafts=_drafts_hint(args)))
    return EXIT_UNFINISHED


def _quit(console: Console, session, args: argparse.Namespace) -> int:
    """:q — with nothing unsaved (the form as opened or last saved) it just ends; else the draft is kept."""
    if session.dirty or session.interview.pending:
        return _unfinished(console, session, args, t("plain.quit"))
    session.discard()
    console.say(t("plain.quit_clean"))
    return EXIT_OK


def _run_form(mode: str, console: Console, args: argparse.Namespace) -> int:
    session = _open_session(mode, console, args)
    if session.origin == "new" and session.target is not None and session.target.exists():
        console.say(t("plain.prefix.warning") + t("session.exists", path=session.target))
    console.say(t("plain.commands"))
    question = console.show(session.start())
    if session.interview.pending:
        console.say(t("plain.prefix.hint") + t("plain.pending", text=" ".join(session.interview.pending.split())))
    with _flush_on_hangup(session.flush):
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


# --- what-if calculator -----------------------------------------------------------------------------


def _ask_parsed(console: Console, prompt: str, default: str, parse):
    while True:
        text = console.ask(prompt, default).strip() or default
        try:
            return text, parse(text)
        except InputError as error:
            console.say(t("plain.prefix.error") + error.message)


def _show_result(console: Console, result) -> None:
    console.say(t("plain.prefix.explanation") + result.explanation.shown)
    for note in result.notes:
        console.say(t("plain.prefix.hint") + note.shown)


def _whatif_indicator(console: Console, last: dict[str, str], whatif):
    from domain.catalogue.matching import default_matcher
    from domain.interview.specs import DIRECTION_CHOICES
    from domain.interview.whatif import Tried
    from domain.record.models import Direction
    from domain.scoring.rules import DIRECTION_WORDS, RowStatus
    from domain.scoring.whatif import parse_weight

    name = console.ask(t("plain.whatif.indicator"), last.get("name", "")).strip() or last.get("name", "")
    last["name"] = name
    whatif.name("", None)
    if name:
        entry = whatif.name(name, default_matcher())
        if entry is not None:
            console.say(t("plain.whatif.matched", name=entry.name, direction=DIRECTION_WORDS[entry.direction][0]))
        else:
            console.say(t("plain.whatif.unmatched", name=name))
    last["weight"], _ = _ask_parsed(console, t("plain.whatif.weight"), last.get("weight", "10"),
                                    lambda text: parse_weight(text.removesuffix("分")))
    for key in ("target", "actual"):
        value = ""
        while not value:
            value = console.ask(t(f"plain.whatif.{key}"), last.get(key, "")).strip() or last.get(key, "")
            if not value:
                console.say(t("plain.prefix.error") + t("error.required", label=t(f"plain.whatif.{key}")))
        last[key] = value
    tried = Tried(last["weight"].removesuffix("分"), last["target"], last["actual"])
    result = whatif.preview(tried).result
    if result.has_note("direction_conflict"):
        choices = [(str(number), DIRECTION_WORDS[Direction(value)][0])
                   for number, value in enumerate(DIRECTION_CHOICES, start=1)]
        while True:
            answer = console.ask(t("plain.whatif.direction"), "", choices).strip()
            if answer.isdecimal() and 1 <= int(answer) <= len(choices):
                tried = Tried(tried.weight, tried.target_text, tried.actual_text, DIRECTION_CHOICES[int(answer) - 1])
                break
            console.say(t("plain.prefix.error") + t("error.choice", keys="、".join(k for k, _ in choices)))
        result = whatif.preview(tried).result
    if result.status is RowStatus.JUDGEMENT:
        prompt = t("plain.whatif.judged", low=plain_number(result.band[0] if result.band else 0),
                   high=plain_number(result.band[1] if result.band else tried.weight))
        while True:
            text = console.ask(prompt).strip()
            if not text:
                break
            try:
                return whatif.judge(result, tried, text)
            except InputError as error:
                console.say(t("plain.prefix.error") + error.message)
    return result


def plain_number(value) -> str:
    from decimal import Decimal

    from domain.scoring.rounding import plain

    return plain(Decimal(value))


def _whatif_budget(console: Console, last: dict[str, str], whatif):
    from domain.scoring.whatif import parse_amount, parse_weight

    last["budget"], _ = _ask_parsed(console, t("plain.whatif.budget"), last.get("budget", ""),
                                    lambda text: parse_amount(text, t("plain.whatif.budget")))
    last["executed"], _ = _ask_parsed(console, t("plain.whatif.executed"), last.get("executed", ""),
                                      lambda text: parse_amount(text, t("plain.whatif.executed")))
    default_weight = last.get("budget_weight", "10")
    last["budget_weight"], _ = _ask_parsed(console, t("plain.whatif.weight"), default_weight,
                                           lambda text: parse_weight(text.removesuffix("分")))
    return whatif.budget(last["budget"], last["executed"], last["budget_weight"].removesuffix("分"))


def _run_whatif(console: Console, args: argparse.Namespace) -> int:
    from domain.interview.whatif import WhatIf
    from domain.scoring.profile import load_profile
    from domain.scoring.rounding import fixed

    whatif = WhatIf(load_profile(getattr(args, "profile", None), allow_path=True))
    console.say(t("plain.whatif.start"))
    last: dict[str, str] = {}
    previous: dict[str, object] = {}
    kinds = [("1", t("plain.whatif.kind.indicator")), ("2", t("plain.whatif.kind.budget"))]
    kind = "1"
    try:
        while True:
            answer = console.ask(t("plain.whatif.kind"), kind, kinds).strip() or kind
            if answer not in ("1", "2"):
                console.say(t("plain.prefix.error") + t("error.choice", keys="1、2"))
                continue
            kind = answer
            try:
                result = (_whatif_indicator(console, last, whatif) if kind == "1"
                          else _whatif_budget(console, last, whatif))
            except ArithmeticError:
                console.say(t("plain.prefix.error") + t("score.unusable"))
                continue
            _show_result(console, result)
            before = previous.get(kind)
            if before is not None and result.score is not None:
                change = result.score - before  # type: ignore[operator]
                console.say(t("plain.whatif.change", change=("+" if change > 0 else "") + fixed(change, 2)))
            previous[kind] = result.score
            if not console.confirm(t("plain.whatif.again")):
                return EXIT_OK
    except (EndOfInput, HungUp):
        return EXIT_OK


# --- training ---------------------------------------------------------------------------------------


def _run_train(console: Console, args: argparse.Namespace) -> int:
    from domain.interview.training import TrainingSession

    path = getattr(args, "path", None)
    session = TrainingSession.from_paths([path] if path else None, walk=bool(getattr(args, "walk", False)))
    question = console.show(session.start())
    try:
        while not session.done and question is not None:
            line = console.ask_event(question).strip()
            if line.startswith(":"):
                word = line[1:].strip().lower()
                if word in ("h", "help", "帮助"):
                    console.say(t("train.question.help"))
                    continue
                if session.walk and (word == "b" or word.startswith("g ")):  # walk: :b back, :g N go to form N
                    from domain.interview import walk

                    moved = walk.back(session) if word == "b" else walk.go_to_form(session, word[2:])
                    question = console.show(moved) or question
                    continue
                line = {"q": "q", "quit": "q", "s": "s", "skip": "s"}.get(word, line)
            question = console.show(session.answer(line)) or (None if session.done else question)
    except (EndOfInput, HungUp):
        console.say(t("plain.train.eof"))
        console.show(session.finish())
        return EXIT_UNFINISHED
    return EXIT_OK


def run_plain(mode: str, args: argparse.Namespace, stdin: TextIO | None = None,
              stdout: TextIO | None = None) -> int:
    """Run ``mode`` ("start", "new", "edit", "whatif", "train") in the line mode; returns the exit code:
    0 done (and saved), 1 ended before the end (the draft is kept), 2 unusable input (file, draft)."""
    console = Console(stdin if stdin is not None else sys.stdin, stdout if stdout is not None else sys.stdout)
    try:
        if mode == "whatif":
            return _run_whatif(console, args)
        if mode == "train":
            return _run_train(console, args)
        return _run_form(mode, console, args)
    except InputError as error:  # unusable input ends the run: one line on stderr, like every command
        print(f"jixiao: {error.message}", file=sys.stderr, flush=True)
        return EXIT_BAD_INPUT
    except EndOfInput:
        console.say(t("plain.eof"))
        return EXIT_UNFINISHED
    except BrokenPipeError:
        return EXIT_UNFINISHED
    finally:
        with contextlib.suppress(OSError, ValueError):
            console.stdout.flush()

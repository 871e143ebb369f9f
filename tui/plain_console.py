"""The line mode's console: questions and lines over a pair of text streams, and the hang-up guard."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from types import FrameType
from typing import Any, TextIO

from domain.messages import t
from domain.messages.sanitise import strip_controls
from tui.display import without_repeats

EXIT_OK, EXIT_UNFINISHED, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_SHOWN = 30  # characters of a default answer shown in brackets
_PREFIX = {
    "hint": "plain.prefix.hint",
    "warning": "plain.prefix.warning",
    "error": "plain.prefix.error",
    "explanation": "plain.prefix.explanation",
}


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

    def ask(
        self, prompt: str, default: str = "", choices: Sequence[tuple[str, str]] = (), confirm: bool = False
    ) -> str:
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
            answer = parse_confirm(self.ask(prompt, "y" if default else "n", confirm=True) or ("y" if default else "n"))
            if answer is not None:
                return answer
            self.say(t("plain.prefix.error") + t("error.confirm"))


@contextlib.contextmanager
def flush_on_hangup(flush: Callable[[], object]) -> Iterator[None]:
    """While active, SIGHUP and SIGTERM write the draft and end the conversation (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    handled: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:  # noqa: ARG001
        if handled:
            return  # a second signal while the first is handled: the way out is already under way
        handled.append(signum)
        flush()
        raise HungUp

    previous: dict[int, Any] = {}
    for name in ("SIGHUP", "SIGTERM"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, handler)
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)

"""The line mode's training loop: practice questions on scoring, :h help, :b / :g to walk the forms."""

from __future__ import annotations

import argparse

from domain.messages import t
from tui.plain_console import EXIT_OK, EXIT_UNFINISHED, Console, EndOfInput, HungUp


def run_train(console: Console, args: argparse.Namespace) -> int:
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

"""The line mode's what-if calculator: one indicator or the budget execution rate, asked line by line."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from domain.errors import InputError
from domain.messages import t
from tui.plain_console import EXIT_OK, Console, EndOfInput, HungUp

if TYPE_CHECKING:
    from domain.interview.whatif import WhatIf
    from domain.scoring.results import BudgetResult, RowResult


def _ask_parsed(console: Console, prompt: str, default: str, parse: Callable[[str], Any]) -> tuple[str, Any]:
    while True:
        text = console.ask(prompt, default).strip() or default
        try:
            return text, parse(text)
        except InputError as error:
            console.say(t("plain.prefix.error") + error.message)


def _show_result(console: Console, result: RowResult | BudgetResult) -> None:
    console.say(t("plain.prefix.explanation") + result.explanation.shown)
    for note in result.notes:
        console.say(t("plain.prefix.hint") + note.shown)


def _whatif_indicator(console: Console, last: dict[str, str], whatif: WhatIf) -> RowResult:
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
    last["weight"], _ = _ask_parsed(
        console, t("plain.whatif.weight"), last.get("weight", "10"), lambda text: parse_weight(text.removesuffix("分"))
    )
    for key in ("target", "actual"):
        value = ""
        while not value:
            value = console.ask(t(f"plain.whatif.{key}"), last.get(key, "")).strip() or last.get(key, "")
            if not value:
                console.say(t("plain.prefix.error") + t("error.required", label=t(f"plain.whatif.{key}")))
        last[key] = value
    tried = Tried(last["weight"].removesuffix("分"), last["target"], last["actual"])
    result = whatif.preview(tried).result
    if result.needs_direction:
        choices = [
            (str(number), DIRECTION_WORDS[Direction(value)][0])
            for number, value in enumerate(DIRECTION_CHOICES, start=1)
        ]
        while True:
            answer = console.ask(t("plain.whatif.direction"), "", choices).strip()
            if answer.isdecimal() and 1 <= int(answer) <= len(choices):
                tried = Tried(tried.weight, tried.target_text, tried.actual_text, DIRECTION_CHOICES[int(answer) - 1])
                break
            console.say(t("plain.prefix.error") + t("error.choice", keys="、".join(k for k, _ in choices)))
        result = whatif.preview(tried).result
    if result.status is RowStatus.JUDGEMENT:
        prompt = t(
            "plain.whatif.judged",
            low=plain_number(result.band[0] if result.band else 0),
            high=plain_number(result.band[1] if result.band else tried.weight),
        )
        while True:
            text = console.ask(prompt).strip()
            if not text:
                break
            try:
                return whatif.judge(result, tried, text)
            except InputError as error:
                console.say(t("plain.prefix.error") + error.message)
    return result


def plain_number(value: Decimal | int | str) -> str:
    from decimal import Decimal

    from domain.scoring.rounding import plain

    return plain(Decimal(value))


def _whatif_budget(console: Console, last: dict[str, str], whatif: WhatIf) -> BudgetResult:
    from domain.scoring.whatif import parse_amount, parse_weight

    last["budget"], _ = _ask_parsed(
        console,
        t("plain.whatif.budget"),
        last.get("budget", ""),
        lambda text: parse_amount(text, t("plain.whatif.budget")),
    )
    last["executed"], _ = _ask_parsed(
        console,
        t("plain.whatif.executed"),
        last.get("executed", ""),
        lambda text: parse_amount(text, t("plain.whatif.executed")),
    )
    default_weight = last.get("budget_weight", "10")
    last["budget_weight"], _ = _ask_parsed(
        console, t("plain.whatif.weight"), default_weight, lambda text: parse_weight(text.removesuffix("分"))
    )
    return whatif.budget(last["budget"], last["executed"], last["budget_weight"].removesuffix("分"))


def run_whatif(console: Console, args: argparse.Namespace) -> int:
    from domain.interview.whatif import WhatIf
    from domain.scoring.profile import load_profile
    from domain.scoring.rounding import fixed

    whatif = WhatIf(load_profile(getattr(args, "profile", None), allow_path=True))
    console.say(t("plain.whatif.start"))
    last: dict[str, str] = {}
    previous: dict[str, Decimal | None] = {}
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
                result: RowResult | BudgetResult = (
                    _whatif_indicator(console, last, whatif) if kind == "1" else _whatif_budget(console, last, whatif)
                )
            except ArithmeticError:
                console.say(t("plain.prefix.error") + t("score.unusable"))
                continue
            _show_result(console, result)
            before = previous.get(kind)
            if before is not None and result.score is not None:
                change = result.score - before
                console.say(t("plain.whatif.change", change=("+" if change > 0 else "") + fixed(change, 2)))
            previous[kind] = result.score
            if not console.confirm(t("plain.whatif.again")):
                return EXIT_OK
    except (EndOfInput, HungUp):
        return EXIT_OK

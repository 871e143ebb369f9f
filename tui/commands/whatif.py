"""`jixiao whatif`: one indicator's or the budget row's score, or the interactive calculator.

The one-shot calculation loads only the value reader and the scoring rules (and the catalogue with
--indicator): no record models, no audit, no Textual.
"""

from __future__ import annotations

import argparse
from typing import Any

from domain.errors import InputError
from domain.messages import t
from domain.messages.lookup import current_locale
from tui.commands import (
    EXIT_OK,
    UsageError,
    add_format,
    add_session_options,
    emit_json,
    run_interactive,
)


def _profile(name: str | None) -> Any:
    """A shipped profile by name or a profile file (the same declaration reads both, without pydantic)."""
    from domain.scoring.profile import load_profile

    return load_profile(name, allow_path=True)


def _catalogue_entry(name: str) -> tuple[tuple[str, Any] | None, str | None]:
    """The catalogue entry a name means, as (its name, its direction), or None with a line naming the nearest
    entries. An exact name or alias is looked up without building the fuzzy matcher."""
    from domain.catalogue.directions import exact_entry

    exact = exact_entry(name)
    if exact is not None:
        return exact, None
    from domain.catalogue.entries import ACCEPT_SCORE
    from domain.catalogue.matching import match_indicator
    from domain.scoring.wording import msg

    matches = match_indicator(name, limit=3)
    if matches and matches[0].score >= ACCEPT_SCORE:
        return (matches[0].entry.name, matches[0].entry.direction), None
    locale = current_locale()
    nearest = [match.entry.name for match in matches]
    if nearest:
        return None, msg(
            "whatif.not_found.nearest", name=name, nearest=t("ui.review.list_separator").join(nearest)
        ).render(locale)
    return None, msg("whatif.not_found", name=name).render(locale)


def run(args: argparse.Namespace) -> int:
    from domain.record.kinds import Direction, ValueKind
    from domain.record.values import parse_value
    from domain.scoring.serialise import budget_data, row_data
    from domain.scoring.whatif import budget_whatif, indicator_whatif, parse_amount, parse_weight
    from tui.report import render_budget_result, render_row_result

    if args.budget is not None or args.executed is not None:
        if args.budget is None or args.executed is None:
            raise UsageError(t("cli.whatif.budget_needs_both"))
        profile = _profile(args.profile)
        weight = parse_weight(args.weight) if args.weight is not None else None
        budget = budget_whatif(
            parse_amount(args.budget, t("cli.whatif.budget"), allow_zero=False),
            parse_amount(args.executed, t("cli.whatif.executed")),
            weight,
            profile,
        )
        if args.format == "json":
            emit_json(budget_data(budget))
        else:
            print(render_budget_result(budget, profile.score_decimals))
        return EXIT_OK
    if args.target is None and args.actual is None and args.weight is None:
        return run_interactive("whatif", args)
    if args.target is None or args.actual is None or args.weight is None:
        raise UsageError(t("cli.whatif.indicator_needs"))
    profile = _profile(args.profile)
    entry, not_found = _catalogue_entry(args.indicator) if args.indicator else (None, None)
    for label, text in ((t("cli.whatif.target"), args.target), (t("cli.whatif.actual"), args.actual)):
        parsed = parse_value(text)
        if parsed.kind in (ValueKind.UNREADABLE, ValueKind.UNUSED):
            raise InputError(
                t(
                    "cli.whatif.unreadable",
                    label=label,
                    text=text,
                    why=parsed.note or t("cli.whatif.nothing_to_compare"),
                )
            )
    weight = parse_weight(args.weight)
    direction = Direction(args.direction) if args.direction else None
    catalogue_direction = entry[1] if entry is not None else None
    judged = parse_amount(args.judged, t("cli.whatif.judged")) if args.judged is not None else None
    name = (args.indicator or "").strip()
    undecided = indicator_whatif(weight, args.target, args.actual, direction, catalogue_direction, None, profile, name)
    if judged is None and undecided.needs_direction and undecided.has_note("direction_unknown"):
        why = t("cli.whatif.direction_needed.name", name=name) if name else t("cli.whatif.direction_needed.no_name")
        raise InputError(t("cli.whatif.direction_needed", target=args.target, why=why))
    if judged is not None:
        if not undecided.admits(judged):
            from domain.scoring.verdicts import band_range
            from domain.scoring.wording import msg

            low, high = undecided.band or (judged * 0, weight)
            shown = band_range(low, high, undecided.band_open)
            raise InputError(msg("whatif.judged_outside", judged=args.judged, band=shown).render(current_locale()))
    result = (
        undecided
        if judged is None
        else indicator_whatif(weight, args.target, args.actual, direction, catalogue_direction, judged, profile, name)
    )
    if args.format == "json":
        emit_json(
            {
                **row_data(result),
                "indicator": entry[0] if entry else None,
                "indicator_found": entry is not None if args.indicator else None,
            }
        )
    else:
        print(render_row_result(result, profile.score_decimals))
        if not_found:
            print(not_found)
        elif entry is not None and entry[0] != args.indicator.strip():
            print(t("cli.whatif.direction_from", name=entry[0]))
    return EXIT_OK


def register(commands: Any) -> None:
    whatif = commands.add_parser("whatif", help=t("cli.whatif"))
    whatif.add_argument("--weight", help=t("cli.whatif.weight"))
    whatif.add_argument("--target", help=t("cli.whatif.target_help"))
    whatif.add_argument("--actual", help=t("cli.whatif.actual"))
    whatif.add_argument(
        "--direction", choices=("positive", "reverse", "equal", "qualitative"), help=t("cli.whatif.direction")
    )
    whatif.add_argument("--indicator", help=t("cli.whatif.indicator"))
    whatif.add_argument("--judged", help=t("cli.whatif.judged_help"))
    whatif.add_argument("--budget", help=t("cli.whatif.budget"))
    whatif.add_argument("--executed", help=t("cli.whatif.executed"))
    whatif.add_argument("--profile", help=t("cli.profile"))
    add_session_options(whatif)
    add_format(whatif)
    whatif.set_defaults(handler=run)

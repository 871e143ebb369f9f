"""`jixiao whatif`: one indicator's or the budget row's score, or the interactive calculator.

The one-shot calculation loads only the value reader and the scoring rules (and the catalogue with
--indicator): no record models, no audit, no Textual.
"""

from __future__ import annotations

import argparse
from typing import Any

from domain.errors import InputError
from tui.commands import (
    EXIT_OK,
    UsageError,
    add_format,
    add_session_options,
    emit_json,
    run_interactive,
)


def _profile(name: str | None) -> Any:
    """A shipped profile read plainly; a profile file (or an unknown name) through the validating loader."""
    import re

    from domain.scoring.conventions import plain_profile

    if name is None or re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}", name):
        try:
            return plain_profile(name or "default")
        except KeyError:
            pass
    from domain.scoring.profile import load_profile

    return load_profile(name, allow_path=True)


def _catalogue_entry(name: str, english: bool) -> tuple[Any, str | None]:
    """The catalogue entry a name means, or None with a line naming the nearest entries."""
    from domain.catalogue.matching import match_indicator
    from domain.scoring.wording import msg

    accept = 75.0  # as domain.scoring.indicators.ACCEPT_SCORE, without loading the records
    matches = match_indicator(name, limit=3)
    if matches and matches[0].score >= accept:
        return matches[0].entry, None
    locale = "en" if english else "zh"
    nearest = [match.entry.name for match in matches]
    if nearest:
        return None, msg("whatif.not_found.nearest", name=name, nearest="、".join(nearest)).render(locale)
    return None, msg("whatif.not_found", name=name).render(locale)


def run(args: argparse.Namespace) -> int:
    from domain.record.kinds import Direction, ValueKind
    from domain.record.values import parse_value
    from domain.scoring.serialise import budget_data, row_data
    from domain.scoring.whatif import budget_whatif, indicator_whatif, parse_amount, parse_weight
    from tui.report import render_budget_result, render_row_result

    english = args.lang == "en"
    if args.budget is not None or args.executed is not None:
        if args.budget is None or args.executed is None:
            raise UsageError("预算试算需要同时给出 --budget 和 --executed")
        profile = _profile(args.profile)
        weight = parse_weight(args.weight) if args.weight is not None else None
        result = budget_whatif(parse_amount(args.budget, "预算数", allow_zero=False), parse_amount(args.executed, "执行数"),
                               weight, profile)
        if args.format == "json":
            emit_json(budget_data(result))
        else:
            print(render_budget_result(result, english, profile.score_decimals))
        return EXIT_OK
    if args.target is None and args.actual is None and args.weight is None:
        return run_interactive("whatif", args)
    if args.target is None or args.actual is None or args.weight is None:
        raise UsageError("指标试算需要 --weight、--target 和 --actual（预算试算用 --budget 和 --executed）")
    profile = _profile(args.profile)
    entry, not_found = _catalogue_entry(args.indicator, english) if args.indicator else (None, None)
    for label, text in (("年度指标值", args.target), ("实际完成值", args.actual)):
        parsed = parse_value(text)
        if parsed.kind in (ValueKind.UNREADABLE, ValueKind.UNUSED):
            raise InputError(f"{label}“{text}”无法识别：{parsed.note or '没有可比较的数值或等级'}")
    weight = parse_weight(args.weight)
    direction = Direction(args.direction) if args.direction else None
    catalogue_direction = entry.direction if entry is not None else None
    judged = parse_amount(args.judged, "评定得分") if args.judged is not None else None
    if judged is not None:
        undecided = indicator_whatif(weight, args.target, args.actual, direction, catalogue_direction, None, profile)
        if not undecided.admits(judged):
            from domain.scoring.verdicts import band_range
            from domain.scoring.wording import msg

            low, high = undecided.band or (judged * 0, weight)
            shown = band_range(low, high, undecided.band_open)
            raise InputError(msg("whatif.judged_outside", judged=args.judged, band=shown).zh)
    result = indicator_whatif(weight, args.target, args.actual, direction, catalogue_direction, judged, profile)
    if args.format == "json":
        emit_json({**row_data(result), "indicator": entry.name if entry else None,
                   "indicator_found": entry is not None if args.indicator else None})
    else:
        print(render_row_result(result, english, profile.score_decimals))
        if not_found:
            print(not_found)
        elif entry is not None and entry.name != args.indicator.strip():
            print(f"（按指标库中的“{entry.name}”判断方向）" if not english else f"(direction from the catalogue entry “{entry.name}”)")
    return EXIT_OK


def register(commands: Any) -> None:
    whatif = commands.add_parser("whatif", help="试算一个指标或预算执行率的得分")
    whatif.add_argument("--weight", help="分值")
    whatif.add_argument("--target", help="年度指标值，如 90%%、≤10%%、满意")
    whatif.add_argument("--actual", help="实际完成值")
    whatif.add_argument("--direction", choices=("positive", "reverse", "equal", "qualitative"), help="指标方向")
    whatif.add_argument("--indicator", help="指标名称（按指标库判断方向）")
    whatif.add_argument("--judged", help="定性指标在区间内的评定得分")
    whatif.add_argument("--budget", help="全年预算数")
    whatif.add_argument("--executed", help="全年执行数")
    whatif.add_argument("--profile", help="规则名称或规则文件")
    whatif.add_argument("--lang", choices=("zh", "en"), default="zh", help="说明的语言")
    add_session_options(whatif)
    add_format(whatif)
    whatif.set_defaults(handler=run)

"""The `jixiao` command: headless subcommands (score, check, whatif, catalogue, import) and the assistant.

Headless subcommands never import Textual; the interactive ones load it only when chosen.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from domain.errors import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(InputError):
    """A command line that cannot be acted on."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Report a bad command line as one plain line instead of argparse's usage dump."""
        raise UsageError(f"命令行有误：{message}（用 {self.prog} --help 查看用法）")


def _emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _evaluation_files(paths: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(path.rglob("*.toml"))
            if not found:
                raise InputError(f"目录 {path} 里没有 .toml 评价文件")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"找不到文件或目录：{path}")
    return files


def command_score(args: argparse.Namespace) -> int:
    from domain.scoring.serialise import scored_data
    from domain.scoring.indicators import score_with_catalogue
    from domain.scoring.profile import load_profile
    from domain.record.storage import load_evaluation
    from tui.report import render_scored

    path = Path(args.file)
    evaluation = load_evaluation(path)
    scored, _ = score_with_catalogue(evaluation, load_profile(args.profile or evaluation.profile))
    if args.format == "json":
        _emit_json(scored_data(scored, str(path)))
    else:
        print(render_scored(scored, str(path)))
    return EXIT_OK


def command_check(args: argparse.Namespace) -> int:
    from domain.scoring.audit import audit_evaluation
    from domain.scoring.serialise import audit_data
    from domain.scoring.profile import load_profile
    from domain.record.storage import load_evaluation
    from tui.report import render_audit, render_audit_summary

    files = _evaluation_files(args.paths)
    profile = load_profile(args.profile) if args.profile else None
    audits, unusable = [], []
    for path in files:
        try:
            audits.append(audit_evaluation(load_evaluation(path), profile, str(path)))
        except InputError as error:
            unusable.append(error.message)
    if args.format == "json":
        _emit_json([audit_data(audit) for audit in audits])
    elif audits:
        print("\n\n".join(render_audit(audit) for audit in audits))
        if len(audits) > 1:
            print("\n" + render_audit_summary(audits))
    if unusable:
        raise InputError("\njixiao: ".join(unusable))
    return EXIT_FINDINGS if any(audit.has_errors for audit in audits) else EXIT_OK


def command_whatif(args: argparse.Namespace) -> int:
    from domain.scoring.serialise import budget_data, row_data
    from domain.record.models import Direction
    from domain.scoring.profile import load_profile
    from domain.scoring.whatif import budget_whatif, indicator_whatif, parse_amount, parse_weight
    from tui.report import render_budget_result, render_row_result

    profile = load_profile(args.profile)
    english = args.lang == "en"
    if args.budget is not None or args.executed is not None:
        if args.budget is None or args.executed is None:
            raise UsageError("预算试算需要同时给出 --budget 和 --executed")
        weight = parse_weight(args.weight) if args.weight is not None else None
        result = budget_whatif(parse_amount(args.budget, "预算数", allow_zero=False), parse_amount(args.executed, "执行数"),
                               weight, profile)
        if args.format == "json":
            _emit_json(budget_data(result))
        else:
            print(render_budget_result(result, english, profile.score_decimals))
        return EXIT_OK
    if args.target is None and args.actual is None and args.weight is None:
        return _run_interactive("whatif", args)
    if args.target is None or args.actual is None or args.weight is None:
        raise UsageError("指标试算需要 --weight、--target 和 --actual（预算试算用 --budget 和 --executed）")
    catalogue_direction = None
    entry = None
    if args.indicator:
        from domain.scoring.indicators import ACCEPT_SCORE
        from domain.catalogue.matching import match_indicator

        matches = match_indicator(args.indicator, limit=3)
        if not matches or matches[0].score < ACCEPT_SCORE:
            nearest = "、".join(match.entry.name for match in matches)
            raise InputError(f"指标库中找不到“{args.indicator}”" + (f"（相近的有：{nearest}）" if nearest else "")
                             + "；可改用 --direction 指定方向")
        entry = matches[0].entry
        catalogue_direction = entry.direction
    from domain.record.models import ValueKind
    from domain.record.values import parse_value

    for label, text in (("年度指标值", args.target), ("实际完成值", args.actual)):
        parsed = parse_value(text)
        if parsed.kind in (ValueKind.UNREADABLE, ValueKind.UNUSED):
            raise InputError(f"{label}“{text}”无法识别：{parsed.note or '没有可比较的数值或等级'}")
    judged = parse_amount(args.judged, "评定得分") if args.judged is not None else None
    result = indicator_whatif(parse_weight(args.weight), args.target, args.actual,
                              Direction(args.direction) if args.direction else None, catalogue_direction, judged, profile)
    if args.format == "json":
        _emit_json({**row_data(result), "indicator": entry.name if entry else None})
    else:
        print(render_row_result(result, english, profile.score_decimals))
        if entry is not None and entry.name != args.indicator.strip():
            print(f"（按指标库中的“{entry.name}”判断方向）" if not english else f"(direction from the catalogue entry “{entry.name}”)")
    return EXIT_OK


def command_catalogue(args: argparse.Namespace) -> int:
    from domain.catalogue.matching import match_indicator
    from tui.cells import pad

    if not args.query.strip():
        raise UsageError("请给出要查找的指标名称")
    if args.limit < 1:
        raise UsageError("--limit 应为正整数")
    if args.level2:
        from domain.catalogue.entries import load_catalogue

        catalogue = load_catalogue()
        if catalogue.normalise_level2(args.level2) is None:
            known = "、".join(catalogue.level2_names())
            raise UsageError(f"不认识的二级指标“{args.level2}”（可用：{known}）")
    matches = match_indicator(args.query, level2=args.level2, limit=args.limit)
    if args.format == "json":
        _emit_json([{"name": m.entry.name, "level1": m.entry.level1, "level2": m.entry.level2,
                     "score": f"{m.score:.1f}", "direction": m.entry.direction.value, "unit": m.entry.unit,
                     "how": m.how} for m in matches])
        return EXIT_OK
    if not matches:
        print(f"指标库中没有与“{args.query}”相近的指标")
        return EXIT_OK
    for match in matches:
        entry = match.entry
        print(f"{match.score:5.1f}  {pad(entry.name, 28)} {pad(entry.level1 + '/' + entry.level2, 24)} {entry.unit}")
    return EXIT_OK


def command_import(args: argparse.Namespace) -> int:
    from domain.sheets.importing import import_sheet
    from domain.sheets.tsv import decode_sheet
    from domain.record.storage import read_bytes_file

    text = decode_sheet(read_bytes_file(Path(args.sheet), "表格文件"))
    written = import_sheet(text, Path(args.sheet).name, Path(args.out), year=args.year, overwrite=args.force)
    if args.format == "json":
        _emit_json([{"file": str(item.path), "project": item.project, "rows": item.rows, "line": item.line,
                     "warnings": item.warnings} for item in written])
        return EXIT_OK
    for item in written:
        print(f"{item.path}  （{item.rows} 行指标）")
        for warning in item.warnings:
            print(f"    · {warning}")
    print(f"共导入 {len(written)} 份表到 {args.out}")
    return EXIT_OK


def _run_interactive(mode: str, args: argparse.Namespace) -> int:
    from tui.launch import launch

    return launch(mode, args)


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")


def _add_session_options(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    """--plain and --drafts, accepted before or after the subcommand (a subcommand never resets them)."""
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument("--plain", action="store_true", default=False if top_level else argparse.SUPPRESS,
                        help="逐行问答模式（不用全屏界面）")
    parser.add_argument("--drafts", default=default, help="草稿目录（也可用环境变量 JIXIAO_DRAFTS）")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="jixiao", description="项目支出绩效自评表助手：填写、计分、解释和核查绩效自评。")
    _add_session_options(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    score = commands.add_parser("score", help="按方法给一份评价文件计分并解释每一项")
    score.add_argument("file", help="评价文件（.toml）")
    score.add_argument("--profile", help="规则名称或规则文件（默认取文件中记录的规则）")
    _add_format(score)
    score.set_defaults(handler=command_score)

    check = commands.add_parser("check", help="核查表上的得分与总分")
    check.add_argument("paths", nargs="+", help="评价文件或目录")
    check.add_argument("--profile", help="规则名称或规则文件")
    _add_format(check)
    check.set_defaults(handler=command_check)

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
    _add_session_options(whatif)
    _add_format(whatif)
    whatif.set_defaults(handler=command_whatif)

    catalogue = commands.add_parser("catalogue", help="查找指标库")
    catalogue_commands = catalogue.add_subparsers(dest="catalogue_command", required=True, parser_class=_Parser)
    search = catalogue_commands.add_parser("search", help="按名称、错别字或拼音查找指标")
    search.add_argument("query", help="指标名称、拼音或拼音首字母")
    search.add_argument("--level2", help="二级指标，用于区分同名指标")
    search.add_argument("--limit", type=int, default=5, help="最多列出几条（默认 5）")
    _add_format(search)
    search.set_defaults(handler=command_catalogue)

    importing = commands.add_parser("import", help="把表格导出的自评表（制表符分隔）转成 TOML 文件")
    importing.add_argument("sheet", help="制表符分隔的表格文件")
    importing.add_argument("--out", required=True, help="输出目录")
    importing.add_argument("--year", type=int, help="评价年度")
    importing.add_argument("--force", action="store_true", help="覆盖输出目录中的同名文件")
    _add_format(importing)
    importing.set_defaults(handler=command_import)

    for name, help_text in (("new", "新建一份自评表"), ("edit", "打开并修改一份评价文件"), ("train", "计分练习")):
        sub = commands.add_parser(name, help=help_text)
        if name == "edit":
            sub.add_argument("file", help="评价文件（.toml）")
        if name == "train":
            sub.add_argument("path", nargs="?", help="练习用的评价文件或目录（默认：随附的 37 份真实自评表）")
            sub.add_argument("--walk", action="store_true", help="讲解模式：逐行展示正确得分与解释")
        sub.add_argument("--out", help="保存到的文件")
        _add_session_options(sub)
        sub.set_defaults(handler=lambda args, mode=name: _run_interactive(mode, args))
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line; every failure becomes one plain line on stderr and an exit code."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
        if handler is None:
            return _run_interactive("start", args)
        return handler(args)
    except InputError as error:
        print(f"jixiao: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("jixiao: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def main() -> None:
    sys.exit(run())

"""`jixiao import FILE... --out DIR`: read workbooks, CSV and sheet exports; write one TOML file per form.

Exit 0 when every form found was written, 1 when some were written and others refused (each named by
sheet and row), 2 when nothing usable was found.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tui.commands import add_format, emit_json


def run(args: argparse.Namespace) -> int:
    from domain.messages import t
    from domain.sheets.importing import import_files

    report = import_files([Path(name) for name in args.files], Path(args.out), year=args.year, overwrite=args.force)
    if args.format == "json":
        emit_json(
            {
                "written": [
                    {
                        "file": str(item.path),
                        "project": item.project,
                        "rows": item.rows,
                        "line": item.line,
                        "sheet": item.sheet,
                        "layout": item.layout,
                        "warnings": item.warnings,
                    }
                    for item in report.written
                ],
                "refused": [
                    {"where": item.where, "reason": item.reason, "warnings": item.warnings} for item in report.refused
                ],
                "notes": report.notes,
                "exit": report.exit_code,
            }
        )
        return report.exit_code
    for item in report.written:
        print(
            t(
                "import.written",
                path=item.path,
                rows=item.rows,
                where=t("sheets.where", sheet=item.sheet, row=item.line),
            )
        )
        for warning in item.warnings:
            print(f"    · {warning}")
    for note in report.notes:
        print(f"· {note}")
    for refusal in report.refused:
        print(f"jixiao: {t('import.refused.unnamed', where=refusal.where, reason=refusal.reason)}", file=sys.stderr)
    if report.written:
        key = "import.summary.refused" if report.refused else "import.summary"
        print(t(key, written=len(report.written), out=args.out, refused=len(report.refused)))
    elif not report.refused:
        print(f"jixiao: {t('import.nothing')}", file=sys.stderr)
    return report.exit_code


def register(commands: Any) -> None:
    from domain.messages import t

    importing = commands.add_parser("import", help=t("import.help"))
    importing.add_argument("files", nargs="+", metavar="FILE", help=t("import.help.files"))
    importing.add_argument("--out", required=True, help=t("import.help.out"))
    importing.add_argument("--year", type=int, help=t("import.help.year"))
    importing.add_argument("--force", action="store_true", help=t("import.help.force"))
    add_format(importing)
    importing.set_defaults(handler=run)

"""`jixiao export FORM... --out FILE.xlsx`: the forms in the official layout, one sheet each."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tui.commands import EXIT_OK


def run(args: argparse.Namespace) -> int:
    from domain.errors import InputError
    from domain.messages import t
    from domain.sheets.export import audited, write_workbook
    from domain.sheets.forms import open_forms

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise InputError(t("export.not_xlsx", path=out))
    if out.exists() and not args.force:
        raise InputError(t("export.exists", path=out))
    forms = []
    if args.targets:
        from domain.sheets.targets_file import blank_form, targets_in

        forms += [blank_form(targets) for _, targets in targets_in([Path(name) for name in args.targets])]
    for name in args.files:
        for _, evaluation in open_forms(Path(name)):
            forms.append(audited(evaluation))
    if not forms:  # nothing to write: no workbook of no sheets
        raise InputError(t("export.nothing"))
    notes = write_workbook(forms, out, layout_id=args.layout, unit=args.unit, overwrite=args.force)
    for note in notes:
        print(f"· {note}")
    units = sorted({args.unit or form.evaluation.funds.unit for form in forms})
    print(t("export.written", path=out, count=len(forms), layout=args.layout, unit="、".join(units)))
    return EXIT_OK


def register(commands: Any) -> None:
    from domain.messages import t
    from domain.sheets.layout_files import DEFAULT_LAYOUT, layout_ids

    export = commands.add_parser("export", help=t("export.help"))
    export.add_argument("files", nargs="*", metavar="FORM", help=t("export.help.files"))
    export.add_argument("--targets", nargs="+", metavar="FILE", help=t("targets.help.export"))
    export.add_argument("--out", required=True, help=t("export.help.out"))
    export.add_argument("--layout", choices=layout_ids(), default=DEFAULT_LAYOUT, help=t("export.help.layout"))
    export.add_argument("--unit", choices=("元", "万元"), help=t("export.help.unit"))
    export.add_argument("--force", action="store_true", help=t("export.help.force"))
    export.set_defaults(handler=run)

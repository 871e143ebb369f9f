"""Reading back what `jixiao check --format ndjson` wrote, so that `jixiao report` covers shards audited
elsewhere (another machine, another day) together with forms read here.

Each line is one form's JSON object. A line that is not one (cut short, another program's output, a field
of the wrong kind) is named with its file and line number and left out; the others are read. Lines are
read one at a time, each at most ``LINE_LIMIT`` bytes, so a file of any size is read in flat memory.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from domain.errors import InputError
from domain.messages import t
from domain.record.files import os_error_message, regular_or_absent
from domain.review.forms import BadLine, ReportForm, form_from_data

LINE_LIMIT = 16 * 1024 * 1024
SUFFIXES = (".ndjson", ".jsonl")
STDIN = "-"


def is_ndjson(name: str) -> bool:
    """Whether a path on the command line names check's output rather than forms."""
    return name == STDIN or name.lower().endswith(SUFFIXES)


def read_forms(name: str) -> Iterator[ReportForm | str]:
    """Each form of an ndjson file (``-``: standard input), or, for a line that is not one, what is wrong."""
    if name == STDIN:
        yield from _lines(STDIN, sys.stdin.buffer)
        return
    path = Path(name)
    if not path.exists():
        raise InputError(t("review.not_found", path=path))
    regular_or_absent(path)
    try:
        with open(path, "rb") as stream:
            yield from _lines(name, stream)
    except OSError as error:
        yield os_error_message(error, path)


def _lines(name: str, stream: BinaryIO) -> Iterator[ReportForm | str]:
    number = 0
    while True:
        line = stream.readline(LINE_LIMIT + 1)
        if not line:
            return
        number += 1
        if len(line) > LINE_LIMIT:
            while line and not line.endswith(b"\n"):  # skip the rest of the over-long line
                line = stream.readline(LINE_LIMIT)
            yield t("report.ndjson.too_long", path=name, line=number, limit=LINE_LIMIT // (1024 * 1024))
            continue
        if not line.strip():
            continue
        try:
            yield form_from_data(json.loads(line))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            yield t("report.ndjson.not_json", path=name, line=number)
        except BadLine as error:
            yield t("report.ndjson.bad_field", path=name, line=number, field=str(error))

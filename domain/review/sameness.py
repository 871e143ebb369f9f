"""When two files hold the same form: a form and its own export read from one folder are one form.

The key is what a form says, not how it is written: project, 主管部门, year, the funds block's total row in
元, and each used indicator row (name, 指标值, 实际值, 分值). Declared scores are left out (an export writes the
audited scores as declared), and so are the amount unit and layout (an export may change both).
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from domain.record.models import Evaluation

_TEN_THOUSAND = Decimal(10000)


def _amount(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    in_yuan = value * _TEN_THOUSAND if unit.strip() == "万元" else value
    return format(in_yuan.normalize(), "f") if in_yuan else "0"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def _text(value: str) -> str:
    return " ".join(value.split())


def form_key(evaluation: Evaluation) -> str:
    """A short fingerprint of what the form says; equal for a form and its export."""
    header, funds = evaluation.header, evaluation.funds
    parts = [
        _text(header.project_name),
        _text(header.department),
        str(header.year or ""),
        *(
            _amount(value, funds.unit)
            for value in (funds.total.initial_budget, funds.total.annual_budget, funds.total.executed)
        ),
    ]
    for row in evaluation.indicators:
        if not row.is_unused:
            parts += [_text(row.name), _text(row.target_text), _text(row.actual_text), _plain(row.weight)]
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=12).hexdigest()

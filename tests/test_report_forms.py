"""The report's record of a form read back from JSON: what `check` writes reads back as the same record, and
anything else is refused by naming a field, never with another exception."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.record.storage import load_evaluation
from domain.review.forms import BadLine, form_from_data, packed, report_form, unpacked
from domain.review.summary import summarise, summary_data
from domain.scoring.audit import audit_evaluation

SEED = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "seed").glob("*.toml"))


def test_every_seed_form_reads_back_from_its_json_as_the_same_record():
    for path in SEED:
        summary = summarise(audit_evaluation(load_evaluation(path), file=path.name))
        record = report_form(summary)
        assert form_from_data(json.loads(json.dumps(summary_data(summary), ensure_ascii=False))) == record
        assert unpacked(packed(record)) == record


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def _seed_data() -> dict:
    return summary_data(summarise(audit_evaluation(load_evaluation(SEED[2]), file="f.toml")))


@settings(max_examples=150, deadline=None)
@given(data=JSON)
def test_any_json_is_a_form_or_a_named_field(data):
    try:
        form_from_data(data)
    except BadLine as error:
        assert str(error)


@settings(max_examples=150, deadline=None)
@given(key=st.sampled_from(sorted(_seed_data())), value=JSON)
def test_one_wrong_field_is_named(key, value):
    data = _seed_data()
    data[key] = value
    try:
        form_from_data(data)
    except BadLine as error:
        assert str(error).split(".")[0] == key

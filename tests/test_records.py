"""The plain immutable record every scoring value is declared with (``domain.record.kinds.Frozen``)."""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest

from domain.record.kinds import Frozen, fresh


class Pair(Frozen):
    first: int
    second: str = "b"
    notes: list[str] = fresh(list)


class Other(Frozen):
    first: int
    second: str = "b"
    notes: list[str] = fresh(list)


class Later(Frozen):
    first: int = 1
    second: Decimal  # a field without default after one with: given by keyword


def test_fields_defaults_and_fresh_lists_are_per_record():
    one, two = Pair(1), Pair(first=1)
    assert (one.first, one.second, one.notes) == (1, "b", [])
    assert one == two and hash(one.first) == hash(two.first)
    assert one.notes is not two.notes  # made fresh for each record
    assert Pair(1, "c", ["x"]).as_dict() == {"first": 1, "second": "c", "notes": ["x"]}


def test_records_are_immutable_and_replace_gives_a_changed_copy():
    one = Pair(1)
    with pytest.raises(AttributeError):
        one.first = 2  # type: ignore[misc]
    changed = one.replace(second="z")
    assert (one.second, changed.second, changed.first) == ("b", "z", 1)


def test_equality_is_by_type_and_value_and_records_pickle():
    assert Pair(1) != Other(1)  # same values, another kind of record
    assert Pair(1, "c") != Pair(1, "d")
    assert pickle.loads(pickle.dumps(Pair(2, "x", ["n"]))) == Pair(2, "x", ["n"])
    assert repr(Pair(1)) == "Pair(first=1, second='b', notes=[])"


def test_a_missing_or_unknown_field_is_refused():
    with pytest.raises(TypeError):
        Pair()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Pair(1, colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="missing 'second'"):
        Later()  # type: ignore[call-arg]
    assert Later(second=Decimal(2)).first == 1


def test_records_hold_their_fields_in_slots():
    assert Pair.__slots__ == ("first", "second", "notes")
    with pytest.raises(AttributeError):
        object.__setattr__(Pair(1), "colour", "red")

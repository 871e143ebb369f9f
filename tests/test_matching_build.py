"""The matcher is built with the garbage collector held off, and the collector is left as it was found."""

from __future__ import annotations

import gc

from domain.catalogue.entries import load_catalogue
from domain.catalogue.matching import IndicatorMatcher


def test_no_collection_while_the_matcher_is_built(monkeypatch):
    catalogue = load_catalogue()
    state = {"building": False, "enabled": True, "collections": 0}
    build = IndicatorMatcher._build

    def watched(self: IndicatorMatcher, catalogue: object) -> None:
        state["enabled"], state["building"] = gc.isenabled(), True
        build(self, catalogue)
        state["building"] = False

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and state["building"]:
            state["collections"] += 1

    monkeypatch.setattr(IndicatorMatcher, "_build", watched)
    gc.callbacks.append(record)
    try:
        matcher = IndicatorMatcher(catalogue)
    finally:
        gc.callbacks.remove(record)
    assert state == {"building": False, "enabled": False, "collections": 0}
    assert gc.isenabled() and matcher.search("sbgzl", limit=1)[0].entry.name == "设备故障率"


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        IndicatorMatcher(load_catalogue())
        assert not gc.isenabled()
    finally:
        gc.enable()

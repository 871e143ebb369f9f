"""`jixiao whatif` loads the value reader and the scoring rules only: no pydantic, Textual, audit or records."""

import json
import subprocess
import sys

PROBE = """
import contextlib, io, json, sys
from tui.cli import run
with contextlib.redirect_stdout(io.StringIO()):
    code = run(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
FORBIDDEN = (
    "pydantic",
    "textual",
    "rich",
    "domain.scoring.audit",
    "domain.scoring.checks",
    "domain.record.models",
    "domain.record.storage",
    "domain.interview",
)


def loaded(*argv: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True)
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["code"] == 0
    return answer["modules"]


def forbidden(modules: list[str]) -> list[str]:
    return [name for name in modules if name.startswith(FORBIDDEN)]


def test_an_indicator_whatif_loads_no_records_audit_or_interface():
    modules = loaded("whatif", "--weight", "20", "--target", "≥90%", "--actual", "75%")
    assert forbidden(modules) == []
    assert "domain.catalogue.entries" not in modules  # the catalogue only with --indicator


def test_a_budget_whatif_and_json_output_load_no_records_either():
    assert forbidden(loaded("whatif", "--budget", "360000", "--executed", "351000", "--format", "json")) == []
    assert (
        forbidden(
            loaded(
                "whatif",
                "--weight",
                "10",
                "--target",
                "满意",
                "--actual",
                "基本满意",
                "--judged",
                "7",
                "--profile",
                "hubei-2020",
                "--lang",
                "en",
            )
        )
        == []
    )


def test_with_indicator_an_exact_name_needs_no_matcher_and_a_loose_one_loads_it_but_still_no_pydantic():
    modules = loaded("whatif", "--weight", "20", "--target", "90%", "--actual", "75%", "--indicator", "硬件配置完成率")
    assert "domain.catalogue.directions" in modules
    assert "domain.catalogue.matching" not in modules and "rapidfuzz" not in modules
    assert forbidden(modules) == []
    loose = loaded("whatif", "--weight", "10", "--target", "10%", "--actual", "13%", "--indicator", "sbgzl")
    assert "domain.catalogue.matching" in loose
    assert forbidden(loose) == []

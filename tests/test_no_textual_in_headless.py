"""The headless side never pays for Textual: every domain module, and the score / check / what-if / import /
catalogue commands, run in a fresh interpreter that must end without ``textual`` in ``sys.modules``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import contextlib, importlib, io, json, pkgutil, sys
import domain
from tui.cli import run

modules = sorted(info.name for info in pkgutil.walk_packages(domain.__path__, "domain."))
for name in modules:
    importlib.import_module(name)
seed = sys.argv[1]
form = sys.argv[2]
out = sys.argv[3]
codes = {}
commands = {
    "whatif": ["whatif", "--weight", "20", "--target", "≥90%", "--actual", "75%"],
    "whatif-budget": ["whatif", "--budget", "100", "--executed", "85"],
    "score": ["score", form],
    "check": ["check", form],
    "report": ["report", form, "--format", "text"],
    "import": ["import", seed, "--out", out],
    "catalogue": ["catalogue", "search", "mydu"],
}
for label, argv in commands.items():
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        codes[label] = run(argv)
print(json.dumps({"modules": modules, "codes": codes,
                  "textual": sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))}))
"""


def test_domain_and_headless_commands_never_import_textual(tmp_path):
    seed = ROOT / "fixtures" / "seed" / "sheet-2020-shenzhen.tsv"
    form = sorted((ROOT / "fixtures" / "seed").glob("*.toml"))[0]
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(seed), str(form), str(tmp_path / "imported")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "JIXIAO_DRAFTS": str(tmp_path / "d")},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert {
        "domain.interview.controller",
        "domain.interview.session",
        "domain.scoring.rules",
        "domain.catalogue.matching",
    } <= set(report["modules"])
    assert report["codes"]["whatif"] == 0 and report["codes"]["score"] == 0
    assert report["codes"]["import"] == 0 and report["codes"]["catalogue"] == 0
    assert report["codes"]["check"] in (0, 1)  # 1: the seed form has findings
    assert report["codes"]["report"] == 0
    assert report["textual"] == []

"""Fuzzing every way in: mutated forms, sheets, drafts, values, keymaps and profiles never produce a
traceback, an exit code other than 0/1/2, a raw control character on stdout or stderr, or a child that
outlives its CPU, wall-time or memory limits (set in the child by the driver, not asserted on timings).

The quick profile (the default, run with the normal tests) reads the committed corpus under fixtures/fuzz/
and a few hypothesis examples. ``JIXIAO_FUZZ=long`` adds ``JIXIAO_FUZZ_COUNT`` (default 400) fresh seeded
mutations per kind and 400 hypothesis examples per strategy; ``JIXIAO_FUZZ_SEED`` picks the seed;
``JIXIAO_FUZZ_LOG=FILE`` appends the number of inputs each driver ran.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.corpus import ROOT, SEED, SUFFIX, corpus_files, mutations

LONG = os.environ.get("JIXIAO_FUZZ", "") == "long"
COUNT = int(os.environ.get("JIXIAO_FUZZ_COUNT", "400")) if LONG else 0
FUZZ_SEED = int(os.environ.get("JIXIAO_FUZZ_SEED", "1"))
EXAMPLES = 400 if LONG else 15
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FIRST_FORM = sorted(SEED.glob("*.toml"))[0]


class Driver:
    """The warmed-up driver process (tests/fuzz/driver.py), fed one request per line."""

    def __init__(self, home: Path) -> None:
        env = {key: value for key, value in os.environ.items() if not key.startswith(("JIXIAO", "XDG_"))}
        env.update(
            HOME=str(home),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CONFIG_HOME=str(home / "config"),
            JIXIAO_DRAFTS=str(home / "drafts"),
            TERM="dumb",
            LANG="C.UTF-8",
            PYTHONIOENCODING="utf-8",
            PYTHONPATH=str(ROOT),
        )
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).parent / "driver.py")],
            cwd=home,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.home = home
        self.runs = 0

    def run(self, request: dict[str, object]) -> dict[str, object]:
        assert self.process.stdin is not None and self.process.stdout is not None
        request.setdefault("cwd", str(self.home))
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the fuzz driver died"
        self.runs += 1
        return json.loads(line)

    def check(self, request: dict[str, object], what: str) -> dict[str, object]:
        result = self.run(request)
        label = f"{what}: {request}"
        stdout, stderr = str(result["stdout"]), str(result["stderr"])
        assert result["code"] in (0, 1, 2), f"{label}\nexit {result['code']}\n{stderr[-3000:]}"
        assert "Traceback" not in stderr, f"{label}\n{stderr[-3000:]}"
        for name, text in (("stdout", stdout), ("stderr", stderr)):
            found = RAW.search(text)
            assert found is None, (
                f"{label}\nraw {found.group()!r} on {name}: {text[max(0, found.start() - 80) : found.end() + 80]!r}"
            )
        return result

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    home = tmp_path_factory.mktemp("fuzz-home")
    started = Driver(home)
    yield started
    started.close()
    log = os.environ.get("JIXIAO_FUZZ_LOG")
    if log:  # one line per driver: how many inputs it ran (the report of a long run)
        with open(log, "a", encoding="utf-8") as stream:
            stream.write(f"{started.runs}\n")


def _inputs(kind: str, folder: Path) -> Iterator[tuple[str, Path]]:
    for path in corpus_files(kind):
        yield path.name, path
    folder.mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(mutations(kind, FUZZ_SEED, COUNT), start=1):
        path = folder / f"m{number:05d}{SUFFIX[kind]}"
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        yield path.name, path


def test_forms(driver: Driver, tmp_path: Path) -> None:
    for name, path in _inputs("forms", tmp_path / "forms"):
        for argv in (["score", path], ["check", path, "--format", "json"], ["edit", "--plain", path]):
            driver.check({"argv": [str(part) for part in argv], "stdin": "\n\n:q\n"}, f"forms/{name}")


def test_sheets(driver: Driver, tmp_path: Path) -> None:
    for number, (name, path) in enumerate(_inputs("sheets", tmp_path / "sheets")):
        driver.check({"argv": ["import", str(path), "--out", str(tmp_path / "out" / str(number))]}, f"sheets/{name}")


def test_drafts(driver: Driver, tmp_path: Path) -> None:
    for number, (name, path) in enumerate(_inputs("drafts", tmp_path / "drafts-src")):
        folder = tmp_path / "drafts" / str(number)
        folder.mkdir(parents=True)
        (folder / "20260101-000000-abcdef.draft.toml").write_bytes(path.read_bytes())
        driver.check({"argv": ["--plain", "--drafts", str(folder)], "stdin": "1\n\n\n:q\n"}, f"drafts/{name}")


def test_values(driver: Driver, tmp_path: Path) -> None:
    for name, path in _inputs("values", tmp_path / "values"):
        weight, target, actual = (path.read_text(encoding="utf-8", errors="replace").split("\t") + ["", "", ""])[:3]
        driver.check({"argv": ["whatif", "--weight", weight, "--target", target, "--actual", actual]}, f"values/{name}")
        driver.check(
            {"argv": ["whatif", "--budget", target, "--executed", actual, "--weight", weight]}, f"values/{name}"
        )


def test_keymaps(driver: Driver, tmp_path: Path) -> None:
    for name, path in _inputs("keymaps", tmp_path / "keymaps"):
        driver.check({"keymap": str(path)}, f"keymaps/{name}")


def test_profiles(driver: Driver, tmp_path: Path) -> None:
    for name, path in _inputs("profiles", tmp_path / "profiles"):
        driver.check({"argv": ["score", str(FIRST_FORM), "--profile", str(path)]}, f"profiles/{name}")
        driver.check(
            {"argv": ["whatif", "--weight", "20", "--target", "90%", "--actual", "75%", "--profile", str(path)]},
            f"profiles/{name}",
        )


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(weight=st.text(max_size=30), target=st.text(max_size=30), actual=st.text(max_size=30))
def test_whatif_values_from_hypothesis(driver: Driver, weight: str, target: str, actual: str) -> None:
    argv = ["whatif", "--weight", weight, "--target", target, "--actual", actual]
    if any("\x00" in part for part in argv):
        return  # a command line cannot hold NUL
    driver.check({"argv": argv}, "hypothesis whatif")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(answers=st.lists(st.text(max_size=40).filter(lambda text: "\n" not in text and "\r" not in text), max_size=12))
def test_interview_answers_from_hypothesis(driver: Driver, answers: list[str]) -> None:
    driver.check(
        {"argv": ["new", "--plain"], "stdin": "".join(answer + "\n" for answer in answers)}, "hypothesis answers"
    )

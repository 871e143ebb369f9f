"""`jixiao serve` in a real headless browser: Debian's chromium driven by Playwright opens the page, starts a
new form, answers three questions and sees them echoed by the full-screen app.

Needs the `chromium` package (Playwright cannot download its own browser here); `.ci/run` installs it, so
in CI (CI=true) a missing browser is a failure, elsewhere the test is skipped.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.serve_sessions import folder_of, new_token, remove_if_empty, session_command, valid_token

ANSWERS = ("浏览器里的项目", "财政局", "某实施单位")
ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"jixiao serve ended with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"jixiao serve did not listen on {port}")


def test_each_page_runs_the_assistant_in_its_persons_folder_in_the_servers_language() -> None:
    assert session_command(Path("/srv/session-ab"), "/x/python") == "/x/python -m tui.serve_sessions /srv/session-ab"
    assert session_command(Path("/srv/s"), "/x/python", "en") == "/x/python -m tui.serve_sessions /srv/s en"


def test_the_web_driver_chooses_the_full_screen_app() -> None:
    import argparse
    import io

    from tui.launch import wants_plain

    pipes = io.StringIO()
    args = argparse.Namespace(plain=False, drafts=None)
    assert wants_plain(args, {"TERM": "xterm"}, pipes, pipes)  # pipes alone: plain mode
    served = {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}
    assert not wants_plain(args, served, pipes, pipes)
    assert wants_plain(argparse.Namespace(plain=True), served, pipes, pipes)


def test_one_token_one_folder_and_no_token_a_folder_of_its_own(tmp_path: Path) -> None:
    mine, theirs = new_token(), new_token()
    assert valid_token(mine) and mine != theirs
    assert folder_of(tmp_path, mine) == folder_of(tmp_path, mine)  # a reload finds the same folder
    assert folder_of(tmp_path, mine) != folder_of(tmp_path, theirs)
    assert mine not in str(folder_of(tmp_path, mine))  # the token itself is never on disk
    for bad in (None, "", "../../etc", "a" * 10, "x" * 65, "abc def" * 8):
        assert not valid_token(bad)
        assert folder_of(tmp_path, bad) != folder_of(tmp_path, bad)  # never shared, never a path from the cookie
        assert folder_of(tmp_path, bad).parent == tmp_path


def test_a_session_that_left_nothing_leaves_no_folder(tmp_path: Path) -> None:
    folder = tmp_path / "session-x"
    (folder / "drafts").mkdir(parents=True)
    remove_if_empty(folder)
    assert not folder.exists()
    (folder / "drafts").mkdir(parents=True)
    (folder / "drafts" / "a.draft.toml").write_text("", encoding="utf-8")
    remove_if_empty(folder)
    assert (folder / "drafts" / "a.draft.toml").exists()


def test_a_page_runs_in_its_persons_folder_so_file_names_complete_only_there(tmp_path: Path, monkeypatch) -> None:
    import tui.cli
    from tui.serve_sessions import run_session
    from tui.widgets.path_input import complete_path

    other = folder_of(tmp_path, new_token())
    other.mkdir()
    (other / "浏览器里的项目.toml").write_text("", encoding="utf-8")
    seen: dict[str, object] = {}

    def fake_run(argv: list[str]) -> int:
        seen["cwd"], seen["argv"] = Path.cwd(), argv
        seen["completion"] = complete_path("浏")
        return 0

    monkeypatch.setattr(tui.cli, "run", fake_run)
    monkeypatch.chdir(tmp_path)
    mine = folder_of(tmp_path, new_token())
    assert run_session(mine) == 0
    assert seen["cwd"] == mine and seen["argv"] == ["--drafts", str(mine / "drafts")]
    assert seen["completion"] == ("浏", [])  # another person's file is not offered
    assert not mine.exists()  # nothing was left in it


def test_empty_session_folders_are_tidied_away(tmp_path: Path) -> None:
    from tui.serve_sessions import tidy

    for number in range(33):
        (tmp_path / f"session-old{number}").mkdir()
    kept = tmp_path / "session-kept"
    kept.mkdir()
    (kept / "a.draft.toml").write_text("", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    tidy(tmp_path)
    assert sorted(item.name for item in tmp_path.iterdir()) == ["notes", "session-kept"]


def test_serve_refuses_a_bad_port_and_warns_about_another_host(capsys) -> None:
    from tui.cli import run

    assert run(["serve", "--port", "0"]) == 2
    assert "端口要在 1–65535 之间" in capsys.readouterr().err


def test_a_new_form_in_a_headless_browser(tmp_path: Path) -> None:
    browser_path = chromium_path()
    if browser_path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it with apt-get")
        pytest.skip("needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    port = free_port()
    environment = {**os.environ, "JIXIAO_DRAFTS": str(tmp_path / "drafts")}
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    frames: list[str] = []

    def screen_text() -> str:
        return ESCAPES.sub("", "".join(frames))

    def wait_for(words: tuple[str, ...], seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if all(word in screen_text() for word in words):
                return True
            page.wait_for_timeout(100)
        return False

    def watch(page) -> None:
        page.on(
            "websocket",
            lambda socket_: socket_.on(
                "framereceived",
                lambda payload: frames.append(
                    payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
                ),
            ),
        )

    served = tmp_path / "drafts" / "served"
    try:
        wait_for_port(port, server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            watch(page)
            page.goto(f"http://127.0.0.1:{port}/")
            assert wait_for(("新建自评表",)), screen_text()[-2000:]  # the start menu, not the loading screen
            page.locator("#terminal").click()
            page.keyboard.press("2")  # 2. 新建自评表
            assert wait_for(("项目名称是什么",))
            for number, answer in enumerate(ANSWERS):
                page.keyboard.insert_text(answer)
                page.keyboard.press("Enter")
                assert wait_for(ANSWERS[: number + 1]), screen_text()[-2000:]
            assert wait_for(("项目金额",))  # the fourth question is up: all three were taken

            frames.clear()
            page.reload()  # the same person, a new page: the drafts typed a minute ago are offered
            assert wait_for(("继续未完成的草稿", ANSWERS[0])), screen_text()[-2000:]

            frames.clear()
            stranger = browser.new_context(viewport={"width": 1200, "height": 800}).new_page()  # no cookie
            page = stranger
            watch(stranger)
            stranger.goto(f"http://127.0.0.1:{port}/")
            assert wait_for(("新建自评表",)), screen_text()[-2000:]
            assert ANSWERS[0] not in screen_text()  # someone else's drafts are not offered
            browser.close()
        deadline = time.monotonic() + 20  # each page's process ends when its page does; empty folders go
        while len(list(served.iterdir())) > 1 and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    drafts = list(served.glob("session-*/drafts/*.draft.toml"))
    assert len(drafts) == 1 and ANSWERS[0] in drafts[0].read_text(encoding="utf-8")
    assert len(list(served.iterdir())) == 1  # three page loads, one person with drafts: one folder


def test_served_in_english(tmp_path: Path) -> None:
    """`jixiao serve --lang en`: the page a browser opens is the English assistant, down to its first question."""
    browser_path = chromium_path()
    if browser_path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it with apt-get")
        pytest.skip("needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    port = free_port()
    environment = {key: value for key, value in os.environ.items() if key != "JIXIAO_LOCALE"}
    environment["JIXIAO_DRAFTS"] = str(tmp_path / "drafts")
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--port", str(port), "--lang", "en"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    frames: list[str] = []

    def screen_text() -> str:
        return ESCAPES.sub("", "".join(frames))

    def wait_for(words: tuple[str, ...], seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if all(word in screen_text() for word in words):
                return True
            page.wait_for_timeout(100)
        return False

    try:
        wait_for_port(port, server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.on(
                "websocket",
                lambda socket_: socket_.on(
                    "framereceived",
                    lambda payload: frames.append(
                        payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload
                    ),
                ),
            )
            page.goto(f"http://127.0.0.1:{port}/")
            assert wait_for(("New form",)), screen_text()[-2000:]
            assert "新建自评表" not in screen_text()
            page.locator("#terminal").click()
            page.keyboard.press("2")
            assert wait_for(("What is the project name?",)), screen_text()[-2000:]
            assert "项目名称是什么" not in screen_text()
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()

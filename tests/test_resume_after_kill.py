"""A session killed mid-form (SIGKILL, or SIGHUP from a dropped connection) resumes with every answer."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from answers import answer_lines

from domain.interview.drafts import DraftStore
from domain.record.storage import load_evaluation

JIXIAO = Path(sys.executable).parent / "jixiao"
ANSWERS = {
    "header.project_name": "测试项目",
    "header.department": "测试局",
    "header.implementer": "测试中心",
    "header.project_amount": "40万",
    "header.year": "2020",
    "funds.total.initial_budget": "360000",
    "funds.total.executed": "351000",
    "goals.expected": "完成平台建设",
    "goals.achieved": "已按计划完成",
    "indicators[0].name": "硬件配置完成率",
    "indicators[0].target_text": "90%",
    "indicators[0].actual_text": "75%",
    "indicators[0].weight": "20",
    "indicators[0].deviation_reason": "硬件到货延迟",
    "loop.more": "y",
    "indicators[1].level2": "质量指标",
    "indicators[1].name": "设备故障率",
    "indicators[1].target_text": "≤10%",
    "indicators[1].actual_text": "13%",
    "indicators[1].weight": "70",
    "indicators[1].deviation_reason": "故障较多",
}
KILL_AT = "indicators[0].weight"  # answered through the first row's 实际完成值
BEFORE_KILL = answer_lines(ANSWERS, until=KILL_AT)
KILL_AFTER = len(BEFORE_KILL)  # every answer given is in the draft


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("JIXIAO", "XDG_"))}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        JIXIAO_DRAFTS=str(tmp_path / "drafts"),
        TERM="dumb",
        PYTHONIOENCODING="utf-8",
        LANG="C.UTF-8",
    )
    return env


class Conversation:
    """A jixiao process in the line mode, answered one question at a time."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            [str(JIXIAO), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=cwd,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def next_question(self) -> str:
        while True:
            line = self.lines.get(timeout=30)
            if line is None:
                raise AssertionError("the process ended:\n" + "\n".join(self.output))
            self.output.append(line)
            if line.startswith("? "):
                return line

    def say(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def rest(self) -> list[str]:
        while (line := self.lines.get(timeout=30)) is not None:
            self.output.append(line)
        return self.output


def interrupted(tmp_path: Path, how: signal.Signals) -> Conversation:
    conversation = Conversation(["new", "--plain", "--out", str(tmp_path / "X.toml")], clean_env(tmp_path), tmp_path)
    conversation.next_question()
    for text in BEFORE_KILL:
        conversation.say(text)
        conversation.next_question()  # the answer is committed (and autosaved) before the next question
    conversation.process.send_signal(how)
    conversation.process.wait(timeout=30)
    return conversation


def resume_and_finish(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(JIXIAO), "--plain"],
        input="1\n" + "".join(a + "\n" for a in answer_lines(ANSWERS, since=KILL_AT)),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=clean_env(tmp_path),
        cwd=tmp_path,
        timeout=60,
    )


def check_saved(path: Path) -> None:
    saved = load_evaluation(path)
    assert (saved.header.project_name, saved.header.department, saved.header.implementer) == (
        "测试项目",
        "测试局",
        "测试中心",
    )
    assert saved.header.project_amount == Decimal(400000) and saved.header.year == 2020
    assert saved.funds.total.annual_budget == Decimal(360000) and saved.funds.total.executed == Decimal(351000)
    assert (saved.goals.expected, saved.goals.achieved) == ("完成平台建设", "已按计划完成")
    first, second = saved.indicators
    assert (first.name, first.target_text, first.actual_text, first.weight) == (
        "硬件配置完成率",
        "90%",
        "75%",
        Decimal(20),
    )
    assert first.deviation_reason == "硬件到货延迟" and first.declared_score == Decimal("16.67")
    assert (second.name, second.weight, second.declared_score) == ("设备故障率", Decimal(70), Decimal("49.00"))
    assert saved.declared_total == Decimal("75.47")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_mid_form_and_resumed_with_every_answer(tmp_path: Path) -> None:
    conversation = interrupted(tmp_path, signal.SIGKILL)
    assert conversation.process.returncode == -signal.SIGKILL
    [info] = DraftStore(tmp_path / "drafts").list()
    assert info.project_name == "测试项目" and info.answered == KILL_AFTER
    assert info.current_label == "第 1 行 · 分值"
    draft = DraftStore(tmp_path / "drafts").load(info.id)
    assert draft.evaluation.indicators[0].actual_text == "75%"
    result = resume_and_finish(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"继续填写“测试项目”：已答的 {KILL_AFTER} 项都在。" in result.stdout
    assert "? 第 1 行“硬件配置完成率”占多少分？（尚余 90 分）" in result.stdout
    check_saved(tmp_path / "X.toml")
    assert DraftStore(tmp_path / "drafts").list() == []


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="needs POSIX signals")
def test_a_dropped_connection_flushes_the_draft_and_exits_plainly(tmp_path: Path) -> None:
    conversation = interrupted(tmp_path, signal.SIGHUP)
    output = conversation.rest()
    assert conversation.process.returncode == 1
    assert conversation.process.stderr is not None and conversation.process.stderr.read() == ""
    assert output[-3] == "已中止，尚未保存。" and output[-2].startswith("草稿已保存（编号 ")
    result = resume_and_finish(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    check_saved(tmp_path / "X.toml")

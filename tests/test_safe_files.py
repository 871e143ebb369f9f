"""Files on a shared server: links, permissions, non-regular paths, bounded and quadratic-safe reads,
stale temporaries, plain words for OS errors, and text that survives a save exactly."""

from __future__ import annotations

import errno
import os
import time
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import InputError
from domain.record.models import Evaluation, Goals, Header, IndicatorRow
from domain.record.storage import evaluation_from_toml, load_evaluation, save_evaluation, to_toml


def form(name: str = "项目") -> Evaluation:
    return Evaluation(
        header=Header(project_name=name, year=2020),
        indicators=[IndicatorRow(name="完成率", target_text="90%", actual_text="75%", weight=D(20))],
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["\r", "\n", "\r\n", "a", "项", " ", "\t", '"', "'", "\\", "\u2028", '"""']), max_size=30
    ).map("".join)
    | st.text()
)
def test_text_with_carriage_returns_survives_save_and_load(text: str) -> None:
    evaluation = Evaluation(
        goals=Goals(expected=text, achieved="第一行\r\n第二行"), indicators=[IndicatorRow(deviation_reason=text)]
    )
    assert evaluation_from_toml(to_toml(evaluation)) == evaluation


def test_saving_through_a_symlink_updates_the_file_it_points_to(tmp_path: Path) -> None:
    shared = tmp_path / "shared" / "form.toml"
    save_evaluation(form("旧"), shared)
    link = tmp_path / "mine.toml"
    link.symlink_to(shared)
    save_evaluation(form("新"), link)
    assert link.is_symlink()
    assert load_evaluation(shared).header.project_name == "新"


def test_a_hard_linked_file_is_refused_and_every_name_keeps_its_contents(tmp_path: Path) -> None:
    first = tmp_path / "a.toml"
    save_evaluation(form("旧"), first)
    second = tmp_path / "b.toml"
    os.link(first, second)
    before = first.read_bytes()
    with pytest.raises(InputError) as caught:
        save_evaluation(form("新"), first)
    assert "硬链接" in caught.value.message and "另外 1 个名字" in caught.value.message
    assert first.read_bytes() == before == second.read_bytes()
    assert os.stat(first).st_ino == os.stat(second).st_ino
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.toml", "b.toml"]


def test_a_saved_form_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "form.toml"
    save_evaluation(form(), path)
    path.chmod(0o640)
    save_evaluation(form("再存"), path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_stale_temporaries_of_a_killed_save_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "form.toml"
    stale = tmp_path / ".form.toml.k1ll3d.tmp"
    stale.write_text("half a form", encoding="utf-8")
    other = tmp_path / ".other.toml.abc.tmp"  # another file's temporary is not ours to remove
    other.write_text("x", encoding="utf-8")
    save_evaluation(form(), path)
    assert not stale.exists() and other.exists()


@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
def test_paths_that_are_not_regular_files_are_refused_at_once(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        path = tmp_path / "pipe.toml"
        os.mkfifo(path)  # opening it for reading would wait for a writer forever
    elif kind == "directory":
        path = tmp_path / "dir.toml"
        path.mkdir()
    else:
        path = Path("/dev/zero")  # reading it would never end
    with pytest.raises(InputError, match="不是普通文件"):
        load_evaluation(path)


def test_a_form_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_bytes(b"schema_version = 1\n" + b"# padding\n" * 300_000)  # 3 MB: no form is near that
    with pytest.raises(InputError, match="太大"):
        load_evaluation(path)


def test_the_parsers_quadratic_dotted_keys_are_refused_before_parsing() -> None:
    text = "schema_version = 1\n" + "a" + ".a" * 40_000 + " = 1\n"  # 80 KB: 20 s and gigabytes in tomllib
    started = time.process_time()
    with pytest.raises(InputError, match="点分键名"):
        evaluation_from_toml(text, "x.toml")
    assert time.process_time() - started < 5  # refused by a scan, not after parsing (a generous bound)


def test_deep_nesting_is_a_plain_message() -> None:
    with pytest.raises(InputError, match="嵌套过深|不是有效的 TOML"):
        evaluation_from_toml("schema_version = 1\nx = " + "[" * 5000 + "]" * 5000 + "\n")


@pytest.mark.parametrize("step", ["write", "fsync"])
@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EACCES, "没有权限写入"),
        (errno.ENOSPC, "磁盘空间不足"),
        (errno.EROFS, "只读"),
        (errno.EIO, "磁盘出错"),
    ],
)
def test_os_errors_on_save_are_plain_chinese_and_leave_the_old_file(
    tmp_path: Path, monkeypatch, code, words, step
) -> None:
    path = tmp_path / "form.toml"
    save_evaluation(form("旧"), path)
    before = path.read_bytes()
    real = getattr(os, step)

    def refuse(descriptor, *args):
        if step == "write":  # half the bytes reach the disk, then it is full
            real(descriptor, bytes(args[0])[:7])
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, step, refuse)
    with pytest.raises(InputError) as caught:
        save_evaluation(form("新"), path)
    monkeypatch.undo()
    message = caught.value.message
    assert words in message and str(path) in message and os.strerror(code) not in message
    assert path.read_bytes() == before
    assert [item.name for item in tmp_path.iterdir()] == ["form.toml"]  # no temporary left behind


def test_a_file_where_a_folder_should_be_is_said_plainly(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        save_evaluation(form(), blocker / "form.toml")
    assert "是一个文件而不是目录" in caught.value.message and "File exists" not in caught.value.message


def test_a_form_from_a_newer_version_is_refused() -> None:
    with pytest.raises(InputError, match="更新版本"):
        evaluation_from_toml("schema_version = 99\n")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("schema_version = 1\ndeclared_total = 1" + "0" * 5000 + "\n", "位数过多"),
        ("schema_version = 1\n[header]\nyear = 1e999999999\n", "year"),
    ],
)
def test_numbers_no_form_holds_are_refused_before_any_arithmetic(text: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        evaluation_from_toml(text, "x.toml")


def test_a_profile_with_an_exponent_of_a_billion_is_refused(tmp_path: Path) -> None:
    """Found by the long fuzz run: ``score_decimals = 1e999999999`` made int() run past the CPU limit."""
    from domain.scoring.profile import load_profile

    path = tmp_path / "p.toml"
    path.write_text('name = "my-city"\nscore_decimals = 100000000000000e999999999\n', encoding="utf-8")
    with pytest.raises(InputError, match="score_decimals"):
        load_profile(str(path), allow_path=True)

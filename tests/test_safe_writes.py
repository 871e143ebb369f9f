"""Writes that cannot tear: every file jixiao writes goes through one helper (temporary file, fsync, rename).

Full and read-only disks are real small tmpfs mounts when the tests run as root (and can mount), simulated
ENOSPC/EROFS otherwise; kill -9 is a real SIGKILL of a child process in the middle of a write.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.errors import InputError
from domain.record import atomic
from domain.record.atomic import TEMP_SUFFIX, write_file
from domain.record.batch_write import JOURNAL_PREFIX
from domain.record.models import Evaluation, Header
from domain.record.storage import load_evaluation, save_evaluation
from tui.cli import run

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed"
SEED_SHEET = SEED / "sheet-2020-shenzhen.tsv"
FORM = next(iter(sorted(SEED.glob("*.toml"))))


@contextlib.contextmanager
def tmpfs(where: Path, size: str = "64k") -> Iterator[Path]:
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    if done.returncode:
        pytest.skip("cannot mount a tmpfs here (not root): the simulated cases below cover it")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def can_mount() -> bool:
    return os.geteuid() == 0 if hasattr(os, "geteuid") else False


def fill(disk: Path) -> None:
    """Fill a disk to the last block."""
    descriptor = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        with contextlib.suppress(OSError):
            while os.write(descriptor, b"x" * 512):
                pass
    finally:
        os.close(descriptor)


# --- a real full disk, a real read-only disk ------------------------------------------------------------------


@pytest.mark.skipif(not can_mount(), reason="a tmpfs needs root; see the simulated cases")
def test_export_onto_a_full_disk_is_one_line_exit_2_and_the_old_file_stays(tmp_path: Path, capsys) -> None:
    with tmpfs(tmp_path / "disk") as disk:
        out = disk / "表.xlsx"
        out.write_bytes(b"old workbook")
        fill(disk)
        code = run(["export", str(FORM), "--out", str(out), "--force"])
        err = capsys.readouterr().err
        assert code == 2 and "磁盘空间不足" in err and err.count("\n") == 1 and "Traceback" not in err
        assert out.read_bytes() == b"old workbook"
        assert sorted(item.name for item in disk.iterdir()) == ["filler", "表.xlsx"]


@pytest.mark.skipif(not can_mount(), reason="a tmpfs needs root; see the simulated cases")
def test_export_onto_a_read_only_disk_is_one_line_exit_2(tmp_path: Path, capsys) -> None:
    with tmpfs(tmp_path / "disk") as disk:
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        code = run(["export", str(FORM), "--out", str(disk / "表.xlsx")])
        err = capsys.readouterr().err
        assert code == 2 and "只读" in err and err.count("\n") == 1 and "Traceback" not in err
        assert list(disk.iterdir()) == []


@pytest.mark.skipif(not can_mount(), reason="a tmpfs needs root; see the simulated cases")
def test_saving_a_form_onto_a_full_disk_keeps_the_old_form_whole(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk") as disk:
        path = disk / "form.toml"
        save_evaluation(Evaluation(header=Header(project_name="旧")), path)
        fill(disk)
        with pytest.raises(InputError, match="磁盘空间不足"):
            save_evaluation(Evaluation(header=Header(project_name="新" * 4000)), path)
        assert load_evaluation(path).header.project_name == "旧"
        assert sorted(item.name for item in disk.iterdir()) == ["filler", "form.toml"]


@pytest.mark.skipif(not can_mount(), reason="a tmpfs needs root; see the simulated cases")
def test_an_import_onto_a_full_disk_leaves_nothing_and_a_retry_needs_no_force(tmp_path: Path, capsys) -> None:
    with tmpfs(tmp_path / "disk", size="96k") as disk:
        out = disk / "out"
        assert run(["import", str(SEED_SHEET), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert "磁盘空间不足" in err and "Traceback" not in err
        assert list(out.iterdir()) == []
    with tmpfs(tmp_path / "big", size="8m") as big:
        assert run(["import", str(SEED_SHEET), "--out", str(big / "out")]) == 0


@pytest.mark.skipif(not can_mount(), reason="a tmpfs needs root; see the simulated cases")
def test_plain_mode_export_onto_a_full_disk_goes_on_with_the_interview(tmp_path: Path, monkeypatch, capsys) -> None:
    import io

    with tmpfs(tmp_path / "disk") as disk:
        fill(disk)
        monkeypatch.chdir(disk)
        monkeypatch.setattr(sys, "stdin", io.StringIO("项目甲\n:e 甲.xlsx\n:q\ny\n"))
        code = run(["new", "--plain", "--drafts", str(tmp_path / "drafts")])
        out = capsys.readouterr()
        monkeypatch.chdir(tmp_path)
        assert "磁盘空间不足" in out.out + out.err and "Traceback" not in out.out + out.err
        assert "? " in out.out.split("磁盘空间不足", 1)[1]  # a question is asked after the refusal
        assert code in (0, 1)
        assert sorted(item.name for item in disk.iterdir()) == ["filler"]


# --- simulated: ENOSPC and EROFS wherever the tests run -----------------------------------------------------


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "磁盘空间不足"), (errno.EROFS, "只读")])
def test_export_that_the_disk_refuses_is_plain_and_leaves_no_temporary(
    tmp_path: Path, capsys, monkeypatch, code, words
) -> None:
    out = tmp_path / "表.xlsx"
    out.write_bytes(b"old workbook")

    def refuse(*_args):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", refuse)
    assert run(["export", str(FORM), "--out", str(out), "--force"]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1 and "Errno" not in err
    assert out.read_bytes() == b"old workbook"
    assert [item.name for item in tmp_path.iterdir()] == ["表.xlsx"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names open files through /proc")
def test_plain_mode_export_on_a_full_disk_says_so_and_the_interview_goes_on(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    import io

    real = os.fsync
    full = {"on": True}

    def refuse(descriptor: int) -> None:
        if (
            full["on"]
            and os.readlink(f"/proc/self/fd/{descriptor}").endswith(TEMP_SUFFIX)
            and ".xlsx." in os.readlink(f"/proc/self/fd/{descriptor}")
        ):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(descriptor)

    monkeypatch.setattr(os, "fsync", refuse)
    monkeypatch.chdir(tmp_path)
    script = "项目甲\n:e 甲.xlsx\n:q\ny\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(script))
    code = run(["new", "--plain", "--drafts", str(tmp_path / "drafts")])
    out = capsys.readouterr()
    assert "磁盘空间不足" in out.out + out.err and "Traceback" not in out.out + out.err
    assert "? " in out.out.split("磁盘空间不足", 1)[1]  # a question is asked after the refusal
    assert code in (0, 1)
    assert not (tmp_path / "甲.xlsx").exists()


# --- permissions --------------------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_an_export_gets_the_permissions_any_new_file_gets(tmp_path: Path, capsys, umask: int) -> None:
    old = os.umask(umask)
    try:
        assert run(["export", str(FORM), "--out", str(tmp_path / "a.xlsx")]) == 0
        assert (tmp_path / "a.xlsx").stat().st_mode & 0o777 == 0o666 & ~umask
    finally:
        os.umask(old)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_force_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path, capsys) -> None:
    out = tmp_path / "a.xlsx"
    out.write_bytes(b"old")
    out.chmod(0o644)
    assert run(["export", str(FORM), "--out", str(out), "--force"]) == 0
    assert out.stat().st_mode & 0o777 == 0o644
    assert out.read_bytes()[:2] == b"PK"


def test_export_refuses_a_hard_linked_file_and_both_names_keep_their_contents(tmp_path: Path, capsys) -> None:
    out = tmp_path / "a.xlsx"
    out.write_bytes(b"old")
    os.link(out, tmp_path / "b.xlsx")
    assert run(["export", str(FORM), "--out", str(out), "--force"]) == 2
    assert "硬链接" in capsys.readouterr().err
    assert out.read_bytes() == (tmp_path / "b.xlsx").read_bytes() == b"old"


# --- kill -9 ------------------------------------------------------------------------------------------------

KILLER = """
import os, signal, sys
from pathlib import Path
import domain.record.atomic as atomic
real = os.fsync
def die(descriptor):
    os.kill(os.getpid(), signal.SIGKILL)
os.fsync = die
target = Path(sys.argv[1])
atomic.write_file(target, b"new contents " * 5000)
"""


def test_kill_9_in_the_middle_of_a_write_leaves_the_old_file_and_a_temporary_the_next_write_removes(
    tmp_path: Path,
) -> None:
    target = tmp_path / "form.toml"
    target.write_bytes(b"old contents")
    done = subprocess.run([sys.executable, "-c", KILLER, str(target)], capture_output=True)
    assert done.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"old contents"
    leftovers = [item.name for item in tmp_path.iterdir() if item.name != "form.toml"]
    assert len(leftovers) == 1 and leftovers[0].endswith(TEMP_SUFFIX) and leftovers[0].startswith(".form.toml.")
    write_file(tmp_path / "other.toml", b"x")  # any later write into the folder clears what a killed one left
    assert sorted(item.name for item in tmp_path.iterdir()) == ["form.toml", "other.toml"]


IMPORT_KILLER = """
import os, signal, sys
real = os.replace
count = [0]
def replace(source, target):
    count[0] += 1
    if count[0] == 6:
        os.kill(os.getpid(), signal.SIGKILL)
    real(source, target)
os.replace = replace
from tui.cli import run
run(["import", sys.argv[1], "--out", sys.argv[2]])
"""


def test_an_import_killed_part_way_runs_again_without_force(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", IMPORT_KILLER, str(SEED_SHEET), str(out)], capture_output=True)
    assert done.returncode == -signal.SIGKILL
    left = sorted(item.name for item in out.iterdir())
    assert len([name for name in left if name.endswith(".toml")]) == 5
    assert any(name.startswith(JOURNAL_PREFIX) for name in left)
    assert run(["import", str(SEED_SHEET), "--out", str(out)]) == 0  # what the killed run left does not block
    assert sorted(item.name for item in out.iterdir()) == sorted(
        name for name in (item.name for item in out.iterdir()) if name.endswith(".toml")
    )
    assert len(list(out.glob("*.toml"))) == 37


def test_a_file_the_user_changed_after_a_killed_import_still_blocks(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-c", IMPORT_KILLER, str(SEED_SHEET), str(out)], capture_output=True)
    mine = sorted(out.glob("*.toml"))[0]
    mine.write_text(mine.read_text(encoding="utf-8") + "# 我改过\n", encoding="utf-8")
    assert run(["import", str(SEED_SHEET), "--out", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert mine.read_text(encoding="utf-8").endswith("# 我改过\n")


def test_a_conflict_under_the_lock_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "a.toml"
    target.write_bytes(b"theirs")
    with pytest.raises(InputError, match="已经存在"):
        write_file(target, b"mine", expected=None)
    assert target.read_bytes() == b"theirs"


def test_temporary_names_fit_the_file_system_whatever_the_target_name(tmp_path: Path) -> None:
    target = tmp_path / ("项" * 80 + ".toml")  # 245 bytes: at the limit of a name
    write_file(target, b"x")
    assert target.read_bytes() == b"x"
    assert len(atomic.temporary_name(target).encode("utf-8")) <= 255
    assert atomic.temporary_name(target) != atomic.temporary_name(target)


# --- names on disk ------------------------------------------------------------------------------------------


def test_import_file_names_keep_no_bidi_c1_or_invisible_characters() -> None:
    from domain.sheets.tsv import form_file_name

    hostile = "项目\u202egpj.exe\u0085甲\u200b乙\u2066丙\u00ad\x9b31m丁"
    name = form_file_name(Evaluation(header=Header(project_name=hostile)), 3)
    assert name == "03-项目gpj.exe甲乙丙31m丁.toml"
    assert form_file_name(Evaluation(header=Header(project_name="\u202e\u200f")), 1) == "01-未命名.toml"


def test_an_os_error_anywhere_reads_as_one_plain_sentence_naming_its_file() -> None:
    from domain.record.files import plain_os_error

    error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/srv/报告.xlsx")
    sentence = plain_os_error(error, writing=True)
    assert "磁盘空间不足" in sentence and "/srv/报告.xlsx" in sentence
    assert "Errno" not in sentence and os.strerror(errno.ENOSPC) not in sentence
    assert "没有权限读取" in plain_os_error(PermissionError(errno.EACCES, "Permission denied", "a.toml"))


def test_a_forced_import_that_meets_a_full_disk_replaces_nothing(tmp_path: Path, monkeypatch, capsys) -> None:
    out = tmp_path / "out"
    assert run(["import", str(SEED_SHEET), "--out", str(out)]) == 0
    for path in out.glob("*.toml"):
        path.write_text("# 旧内容\n", encoding="utf-8")
    real = os.fsync
    calls = []

    def full_after_some(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) > 30:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(descriptor)

    monkeypatch.setattr(os, "fsync", full_after_some)
    assert run(["import", str(SEED_SHEET), "--out", str(out), "--force"]) == 2
    monkeypatch.undo()
    assert "磁盘空间不足" in capsys.readouterr().err
    names = sorted(item.name for item in out.iterdir())
    assert len(names) == 37 and all(name.endswith(".toml") for name in names)  # no temporary, no journal
    assert all(path.read_text(encoding="utf-8") == "# 旧内容\n" for path in out.glob("*.toml"))


def test_a_write_interrupted_by_a_write_into_the_same_folder_on_the_same_thread_does_not_wait_for_itself(tmp_path):
    """A hangup's handler saves the draft on the main thread while that thread is inside its own write of the
    same folder: the folder lock is taken again at once, never waited for (that wait hung the process)."""
    import threading

    from domain.record.locking import folder_lock

    finished = threading.Event()

    def nested() -> None:
        with folder_lock(tmp_path) as outer, folder_lock(tmp_path) as inner:
            assert outer and inner
        finished.set()

    worker = threading.Thread(target=nested, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert finished.is_set()
    with folder_lock(tmp_path) as again:  # released: another taker gets it
        assert again

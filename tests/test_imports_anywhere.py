"""Every module imports where POSIX-only modules do not exist (Windows, where most clerks' desktops run):
a fresh interpreter with ``fcntl``, ``termios``, ``tty``, ``pwd``, ``grp`` and ``resource`` hidden imports every
module under ``domain/`` and ``tui/``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HIDDEN = ("fcntl", "termios", "tty", "pwd", "grp", "resource")

PROBE = """
import importlib, importlib.abc, json, pkgutil, sys, traceback
HIDDEN = set(%r)

class Hide(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in HIDDEN:
            raise ImportError(f"No module named {name!r} (hidden: not on Windows)")
        return None

for name in HIDDEN:
    sys.modules.pop(name, None)
sys.meta_path.insert(0, Hide())
import signal
del signal.SIGHUP  # Windows has none
failed = {}
names = []
for package in ("domain", "tui"):
    root = importlib.import_module(package)
    names.append(package)
    names.extend(info.name for info in pkgutil.walk_packages(root.__path__, package + ".")
                 if not info.name.endswith(".__main__"))  # running the program is not importing it
for name in names:
    try:
        importlib.import_module(name)
    except Exception:
        failed[name] = traceback.format_exc(limit=-3)
print(json.dumps({"count": len(names), "failed": failed}))
"""


def test_every_module_imports_with_posix_only_modules_hidden() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE % (HIDDEN,)], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["count"] > 150  # every module was found, not just the packages
    assert result["failed"] == {}, "\n".join(f"{name}:\n{text}" for name, text in result["failed"].items())


def test_the_hiding_is_real() -> None:
    probe = PROBE.replace('for package in ("domain", "tui"):', "for package in ():") + "\nimport fcntl\n"
    done = subprocess.run(
        [sys.executable, "-c", probe % (HIDDEN,)], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode != 0 and "hidden: not on Windows" in done.stderr


def test_folder_locks_serialise_writers_on_this_platform(tmp_path: Path) -> None:
    from domain.record.locking import folder_lock

    with folder_lock(tmp_path) as held:
        assert held
        probe = (
            "import sys; from pathlib import Path; import fcntl, os\n"
            "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
            "try:\n    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB); print('free')\n"
            "except BlockingIOError:\n    print('held')\n"
        )
        if sys.platform != "win32":
            done = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True)
            assert done.stdout.strip() == "held"


def test_the_windows_lock_takes_and_releases_one_byte_of_a_lock_file(tmp_path: Path, monkeypatch) -> None:
    import types

    from domain.record import locking

    calls: list[tuple[int, int]] = []
    busy = [2]  # another writer holds it for two tries

    def locking_call(_descriptor: int, mode: int, count: int) -> None:
        if mode == fake.LK_NBLCK and busy[0]:
            busy[0] -= 1
            raise OSError(36, "Resource deadlock avoided")
        calls.append((mode, count))

    fake = types.SimpleNamespace(LK_NBLCK=2, LK_UNLCK=0, locking=locking_call)
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(locking.time, "sleep", lambda _seconds: None)
    with locking._windows_lock(tmp_path) as held:
        assert held and calls == [(2, 1)]
    assert calls == [(2, 1), (0, 1)]
    assert (tmp_path / locking.WINDOWS_LOCK_NAME).exists()

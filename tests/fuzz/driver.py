"""The fuzz driver: one warmed-up process that runs each input in a forked child under resource limits.

Reads one JSON request per line on stdin — ``{"argv": [...], "cwd": DIR, "stdin": TEXT}`` for a jixiao
command line, or ``{"keymap": PATH}`` to read a keymap — and answers one JSON line: the exit code (or the
signal that ended the child), stdout and stderr. A child gets ``CPU_SECONDS`` of CPU, ``WALL_SECONDS`` of
wall time (a FIFO or a terminal read would otherwise wait forever; a request may ask for less CPU or wall
time with ``"cpu"`` and ``"wall"``) and ``MEMORY_BYTES`` of address space; each answer also carries
``maxrss``, the largest resident size of any process ended so far;
hitting a limit ends it by a signal or a MemoryError traceback, either of which the tests count as a
failure. The parent is single-threaded, so forking it is safe.
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import sys
import tempfile

CPU_SECONDS = 20
WALL_SECONDS = 40
MEMORY_BYTES = 1536 * 1024 * 1024


def _warm_up() -> None:
    """Import and build what every child would otherwise build again (catalogue, matcher, profiles)."""
    from domain.catalogue.matching import default_matcher
    from domain.scoring.profile import builtin_profile
    from tui import cli, plain  # noqa: F401

    default_matcher()
    builtin_profile()


def _child(request: dict[str, object], out_path: str, err_path: str) -> None:
    cpu = int(request.get("cpu", CPU_SECONDS))  # type: ignore[call-overload]
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    signal.alarm(int(request.get("wall", WALL_SECONDS)))  # type: ignore[call-overload]
    for fd, path in ((1, out_path), (2, err_path)):
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(handle, fd)
        os.close(handle)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), encoding="utf-8", write_through=True)
    sys.stdin = io.StringIO(str(request.get("stdin", "")))
    os.chdir(str(request.get("cwd", ".")))
    code = 70
    try:
        if "keymap" in request:
            from pathlib import Path

            from tui.cli import sanitised_output
            from tui.keymap import load_keymap

            with sanitised_output():
                for problem in load_keymap(Path(str(request["keymap"]))).problems:
                    print(problem)
            code = 0
        else:
            from tui.cli import run

            code = run([str(part) for part in request["argv"]])  # type: ignore[union-attr]
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 2
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 70
    finally:
        reading = sys.modules.get("domain.sheets.sandbox")
        if reading is not None:  # collect the workbook reader's child, so its memory is counted too
            reading.stop()
        with_flush = (sys.stdout, sys.stderr)
        for stream in with_flush:
            try:
                stream.flush()
            except Exception:
                pass
    os._exit(code)


def main() -> None:
    _warm_up()
    scratch = tempfile.mkdtemp(prefix="jixiao-fuzz-")
    out_path, err_path = os.path.join(scratch, "out"), os.path.join(scratch, "err")
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            _child(request, out_path, err_path)
        _, status = os.waitpid(pid, 0)
        result: dict[str, object] = {
            "code": os.waitstatus_to_exitcode(status),
            # the largest resident size of any process ended so far (the command, or
            # a child it waited for, such as the workbook reader), in KiB
            "maxrss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        }
        for name, path in (("stdout", out_path), ("stderr", err_path)):
            with open(path, "rb") as stream:
                result[name] = stream.read(200_000).decode("utf-8", errors="replace")
        sys.stdout.write(json.dumps(result, ensure_ascii=True) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

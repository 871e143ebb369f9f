"""Run every benchmark in this folder, one after another, each reporting ratios to its own baseline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failures = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        failures += subprocess.run([sys.executable, str(script)], check=False).returncode != 0
        print(flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

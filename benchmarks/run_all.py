"""Run every benchmark in this folder, one after another, each reporting ratios to its own baseline.

bench_audit (load, score, audit), bench_export (writing 500 forms against a bare XlsxWriter loop), bench_matching
(catalogue search), bench_startup (time to the first question), bench_workbook (import of 500 stacked forms
against openpyxl's load) and bench_writes (an import's writes, every file fsynced, against writes without
fsync); each ``bench_*.py``
found here is run, and a benchmark that misses its goal exits 1.
"""

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

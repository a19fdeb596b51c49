"""Run every bench/bench_*.py in turn and print their results (``make bench``).

Each script runs in its own process with this interpreter and the environment ``make bench``
provides (DATABASE_URL and REDIS_URL of the embedded services).  Extra arguments are passed
to every script (e.g. the number of runs).  Exits 1 if any script failed or missed its budget.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(BENCH_DIR.glob("bench_*.py"))
    failed: list[str] = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, str(script), *sys.argv[1:]], cwd=BENCH_DIR.parent, check=False
        )
        elapsed = time.perf_counter() - start
        status = "ok" if result.returncode == 0 else f"FAILED (exit {result.returncode})"
        print(f"== {script.name}: {status} in {elapsed:.1f} s\n", flush=True)
        if result.returncode != 0:
            failed.append(script.name)
    print(f"{len(scripts) - len(failed)} of {len(scripts)} benchmarks passed", end="")
    print(f"; failed: {', '.join(failed)}" if failed else "")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

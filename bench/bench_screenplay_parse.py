"""Time screenplay import on the feature-length Big Fish files against a floor.

Usage: python bench/bench_screenplay_parse.py [runs]   (default 20 runs per measurement)

The floor is the least work any importer must do on the same bytes in the same run: for
Fountain, decoding the bytes and splitting them into lines; for Final Draft, the defusedxml
parse alone, without walking the tree.  The ratio says how much the parsing, layout and scene
building add on top, independent of how fast the machine is.  The script always exits 0; it
reports and skips files it cannot find (set CALLBOARD_SCREENPLAYS_DIR to their folder).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from defusedxml.ElementTree import fromstring  # noqa: E402

from scheduling.breakdown.screenplay import parse_screenplay  # noqa: E402

SCREENPLAYS = Path(
    os.environ.get("CALLBOARD_SCREENPLAYS_DIR", ROOT.parent / "shared" / "screenplays")
)


def median_seconds(work: Callable[[], object], runs: int) -> float:
    work()  # warm-up: imports, regex compilation, caches
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def importer(data: bytes, name: str) -> Callable[[], object]:
    return lambda: parse_screenplay(data, name)


def fountain_floor(data: bytes) -> Callable[[], object]:
    return lambda: data.decode("utf-8-sig").splitlines()


def fdx_floor(data: bytes) -> Callable[[], object]:
    return lambda: fromstring(data, forbid_dtd=True)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    print(f"Screenplay import benchmark: median of {runs} runs, files from {SCREENPLAYS}")
    print(f"{'file':<22}{'bytes':>9}{'scenes':>8}{'parse s':>11}{'floor s':>11}{'ratio':>8}")
    cases = (("Big-Fish.fountain", fountain_floor), ("Big-Fish.fdx", fdx_floor))
    for name, floor in cases:
        path = SCREENPLAYS / name
        if not path.is_file():
            print(f"{name:<22} skipped: not found")
            continue
        data = path.read_bytes()
        scenes = len(parse_screenplay(data, name).scenes)
        parse = median_seconds(importer(data, name), runs)
        base = median_seconds(floor(data), runs)
        ratio = parse / base if base else float("inf")
        print(f"{name:<22}{len(data):>9}{scenes:>8}{parse:>11.5f}{base:>11.5f}{ratio:>7.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

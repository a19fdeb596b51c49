"""Time the preview of a 5 MB screenplay (the upload limit) inside one request, against a floor.

Usage: python bench/bench_screenplay_preview_large.py [runs]   (default 3; `make bench` runs it)

The files are built in memory to just under ``MAX_SCREENPLAY_BYTES``: Big Fish's body
repeated (Fountain, about 6,700 scenes) and Big Fish's Final Draft paragraphs repeated
(FDX).  Each run previews one of them through the real service (parse, number, plan against
the breakdown, store the preview row) for a fresh production in a database the bench
creates and drops.  The floor is the least work any importer must do on the same bytes in
the same run: decoding and splitting into lines (Fountain), the defusedxml parse alone
(FDX).  The ratio says what parsing, the page model and planning add, whatever the machine.

It exits 1 only above ``BUDGET_SECONDS`` (a blow-up, e.g. something quadratic), not at the
issue's 1 s target, which the figures in docs/screenplay-import.md are compared with.
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
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["DEBUG"] = "false"  # no query log: measure what production would do

import django  # noqa: E402

django.setup()

from defusedxml.ElementTree import fromstring  # noqa: E402
from django.db import connection  # noqa: E402

from accounts.models import User  # noqa: E402
from productions.scoping import production_access  # noqa: E402
from productions.services import production_create  # noqa: E402
from scheduling.breakdown.importing import screenplay_import_preview  # noqa: E402
from scheduling.breakdown.screenplay import MAX_SCREENPLAY_BYTES  # noqa: E402

SCREENPLAYS = Path(
    os.environ.get("CALLBOARD_SCREENPLAYS_DIR", ROOT.parent / "shared" / "screenplays")
)
BUDGET_SECONDS = 60.0


def large_fountain() -> bytes | None:
    path = SCREENPLAYS / "Big-Fish.fountain"
    if not path.is_file():
        return None
    data = path.read_bytes()
    body = b"\n\n" + data[data.index(b"====") :]
    copies = (MAX_SCREENPLAY_BYTES - len(data)) // len(body)
    return data + body * copies


def large_fdx() -> bytes | None:
    path = SCREENPLAYS / "Big-Fish.fdx"
    if not path.is_file():
        return None
    data = path.read_bytes()
    start = data.index(b"<Content>") + len(b"<Content>")
    end = data.index(b"</Content>")
    body = data[start:end]
    copies = (MAX_SCREENPLAY_BYTES - len(data)) // len(body)
    return data[:start] + body * (copies + 1) + data[end:]


def median_seconds(work: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    cases = [
        ("large.fountain", large_fountain(), lambda d: d.decode("utf-8-sig").splitlines()),
        ("large.fdx", large_fdx(), lambda d: fromstring(d, forbid_dtd=True)),
    ]
    settings_dict = connection.settings_dict
    settings_dict.setdefault("TEST", {})
    settings_dict["TEST"]["NAME"] = f"bench_{settings_dict['NAME']}_{os.getpid()}"
    old_name = settings_dict["NAME"]
    print(f"Screenplay preview of a 5 MB file (in the request): median of {runs} runs")
    print(f"{'file':<16}{'bytes':>10}{'scenes':>8}{'preview s':>11}{'floor s':>10}{'ratio':>8}")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    worst = 0.0
    try:
        user = User.objects.create_user(email="bench@example.test", password=None, name="Bench")
        for name, data, floor in cases:
            if data is None:
                print(f"{name:<16} skipped: the Big Fish files are not in {SCREENPLAYS}")
                continue
            assert len(data) <= MAX_SCREENPLAY_BYTES

            def preview(name: str = name, data: bytes = data) -> object:
                production = production_create(by=user, title=f"Bench {time.perf_counter()}")
                access = production_access(user, production.pk)
                return screenplay_import_preview(access=access, file_name=name, data=data)

            scenes = preview().scene_count  # type: ignore[attr-defined]
            seconds = median_seconds(preview, runs)
            base = median_seconds(lambda data=data, floor=floor: floor(data), runs)  # type: ignore[misc]
            worst = max(worst, seconds)
            print(
                f"{name:<16}{len(data):>10}{scenes:>8}{seconds:>11.3f}{base:>10.4f}"
                f"{seconds / base:>7.0f}x"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    verdict = "OK" if worst < BUDGET_SECONDS else "TOO SLOW"
    print(f"budget {BUDGET_SECONDS:.0f} s (blow-up guard): {verdict}")
    return 0 if worst < BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())

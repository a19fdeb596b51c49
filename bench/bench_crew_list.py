"""Time the crew list (page and API) at several crew sizes, against a floor.

Usage: python bench/bench_crew_list.py [runs]   (default 15; `make bench` runs it)

For each size the benchmark builds a production with that many engaged people in a
database of its own (``bench_<name>_<pid>``, dropped afterwards), then measures, as a
producer and as a crew member (privacy rules differ):
- the crew list page (``/productions/{p}/crew/``) through Django's test client, with its
  table from the fragment cache (``productions.fragments``) and rendered every time
  ("rendered": as the first request after a write);
- the API crew list (``/api/v1/productions/{p}/crew/?page_size=200``).
The floor, measured in the same run, is the least any crew list must do: one SELECT of the
same rows with the same joins, fetched as tuples. Ratios to it are what to compare across
machines; absolute times are printed for reference.
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

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from crew.models import Engagement  # noqa: E402
from productions.roles import Role  # noqa: E402
from tests.factories import add_crew, add_member, make_production  # noqa: E402

SIZES = (120, 300, 1000)


def median_seconds(work: Callable[[], object], runs: int) -> float:
    work()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def get(client: Client, path: str) -> Callable[[], object]:
    def work() -> None:
        response = client.get(path)
        assert response.status_code == 200, response.status_code

    return work


def bench_size(size: int, runs: int) -> list[tuple[str, float]]:
    production = make_production(title=f"Bench {size}")
    add_crew(production, size - 2, department="Grip")
    producer = production.memberships.get(role=Role.PRODUCER).user
    crew_user, _, _ = add_member(production, Role.CREW, department="Camera")
    page = f"/productions/{production.pk}/crew/"
    api = f"/api/v1/productions/{production.pk}/crew/?page_size=200"

    def floor() -> None:
        list(
            Engagement.objects.filter(production=production)
            .select_related("person", "position", "department")
            .values_list("person__name", "person__email", "position__title", "department__name")
        )

    results = [("floor: one SELECT of the rows", median_seconds(floor, runs))]
    for label, user in (("producer", producer), ("crew", crew_user)):
        client = Client()
        client.force_login(user)
        results.append((f"page as {label}", median_seconds(get(client, page), runs)))
        with override_settings(FRAGMENT_CACHE=False):
            rendered = median_seconds(get(client, page), runs)
        results.append((f"page as {label}, rendered", rendered))
        results.append((f"API (200 rows) as {label}", median_seconds(get(client, api), runs)))
    return results


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    setup_test_environment()
    settings_dict = connection.settings_dict
    settings_dict.setdefault("TEST", {})
    settings_dict["TEST"]["NAME"] = f"bench_{settings_dict['NAME']}_{os.getpid()}"
    old_name = settings_dict["NAME"]
    print(f"Crew list benchmark: median of {runs} runs per measurement")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        print(f"{'people':>6}  {'measurement':<30}{'median ms':>10}{'x floor':>9}")
        for size in SIZES:
            results = bench_size(size, runs)
            floor = results[0][1]
            for label, seconds in results:
                print(f"{size:>6}  {label:<30}{seconds * 1000:>10.1f}{seconds / floor:>9.1f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())

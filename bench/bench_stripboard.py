"""Time the stripboard (page and API) and a strip move, against floors, at 300 scenes.

Usage: python bench/bench_stripboard.py [runs]   (default 15; `make bench` runs it)

Builds a production with 300 scenes (two cast members each, 20 sets) on a schedule of 60
shoot days in a database of its own (dropped afterwards), then measures as the 1st AD:
- the board page (``/productions/{p}/schedule/{s}/``) rendered (as after any write) and
  with the board from the fragment cache, and the board API (``…/board/``), against a
  floor of one SELECT of the strips with their scenes and sets, as tuples;
- a move (``POST …/moves/``, a strip to another day, with the board version), against a
  floor of the least a move must write: one UPDATE of a strip and one of the schedule,
  in a transaction.
Ratios to the floors are what to compare across machines; absolute times are printed too.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["DEBUG"] = "false"  # no query log: measure what production would do

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from crew.models import Character  # noqa: E402
from productions.roles import Role  # noqa: E402
from scheduling.breakdown.models import Scene, SceneCharacter, Set, scene_number_sort_key  # noqa: E402
from scheduling.stripboard.models import Schedule, ShootDay, Strip, Unit  # noqa: E402
from scheduling.stripboard.services import schedule_create  # noqa: E402
from tests.factories import add_member, make_production  # noqa: E402

SCENES, DAYS = 300, 60


def median_seconds(work: Callable[[], object], runs: int) -> float:
    work()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def build() -> tuple[Schedule, list[ShootDay], list[Scene], object]:
    production = make_production(title="Bench stripboard")
    ad, _, _ = add_member(production, Role.ASSISTANT_DIRECTOR, department="Production")
    sets = Set.objects.bulk_create(Set(production=production, name=f"SET {n}") for n in range(20))
    cast = Character.objects.bulk_create(
        Character(production=production, name=f"ROLE {n}", cast_number=n + 1) for n in range(20)
    )
    scenes = Scene.objects.bulk_create(
        Scene(
            production=production,
            number=str(n + 1),
            sort_key=scene_number_sort_key(str(n + 1)),
            set=sets[n % 20],
            eighths=1 + n % 12,
            int_ext="EXT" if n % 2 else "INT",
            time_of_day="NIGHT" if n % 3 == 0 else "DAY",
        )
        for n in range(SCENES)
    )
    SceneCharacter.objects.bulk_create(
        SceneCharacter(scene=scene, character=cast[(n + k) % 20])
        for n, scene in enumerate(scenes)
        for k in (0, 7)
    )
    schedule = schedule_create(production=production, name="White")
    unit = Unit.objects.get(production=production)
    days = ShootDay.objects.bulk_create(
        ShootDay(schedule=schedule, unit=unit, date=date(2027, 3, 1) + timedelta(days=n))
        for n in range(DAYS)
    )
    Strip.objects.bulk_create(
        Strip(schedule=schedule, scene=scene, day=days[n % DAYS], position=n // DAYS)
        for n, scene in enumerate(scenes)
    )
    return schedule, days, scenes, ad


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    setup_test_environment()
    settings_dict = connection.settings_dict
    settings_dict.setdefault("TEST", {})
    settings_dict["TEST"]["NAME"] = f"bench_{settings_dict['NAME']}_{os.getpid()}"
    old_name = settings_dict["NAME"]
    print(f"Stripboard benchmark: {SCENES} scenes on {DAYS} days, median of {runs} runs")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        schedule, days, scenes, ad = build()
        production_id = schedule.production_id
        page = f"/productions/{production_id}/schedule/{schedule.pk}/"
        api_board = f"/api/v1/productions/{production_id}/schedules/{schedule.pk}/board/"
        moves = f"/api/v1/productions/{production_id}/schedules/{schedule.pk}/moves/"
        client = Client()
        client.force_login(ad)
        api = APIClient()
        api.force_authenticate(ad)

        def read_floor() -> None:
            list(
                Strip.objects.filter(schedule=schedule)
                .order_by("day_id", "position")
                .values_list(
                    "day_id", "position", "scene__number", "scene__int_ext", "scene__set__name",
                    "scene__time_of_day", "scene__eighths",
                )
            )  # fmt: skip

        def get(path: str, through: Client) -> Callable[[], None]:
            def work() -> None:
                response = through.get(path)
                assert response.status_code == 200, response.status_code

            return work

        strip = Strip.objects.get(schedule=schedule, scene=scenes[0])

        def write_floor() -> None:
            with transaction.atomic():
                Strip.objects.filter(pk=strip.pk).update(position=F("position"))
                Schedule.objects.filter(pk=schedule.pk).update(board_version=F("board_version"))

        state = {"day": 0}

        def move() -> None:
            state["day"] = (state["day"] + 1) % 2
            version = Schedule.objects.values_list("board_version", flat=True).get(pk=schedule.pk)
            response = api.post(
                moves,
                {
                    "scene": scenes[0].pk,
                    "to_day": days[state["day"]].pk,
                    "position": 0,
                    "version": version,
                },
                format="json",
            )
            assert response.status_code == 200, response.content

        def version_read() -> None:
            Schedule.objects.values_list("board_version", flat=True).get(pk=schedule.pk)

        read = median_seconds(read_floor, runs)
        with override_settings(FRAGMENT_CACHE=False):
            rendered = median_seconds(get(page, client), runs)
        rows = [
            ("floor: one SELECT of the strips", read, read),
            ("board page, rendered (after a write)", rendered, read),
            ("board page, board cached", median_seconds(get(page, client), runs), read),
            ("board API", median_seconds(get(api_board, api), runs), read),
        ]
        write = median_seconds(write_floor, runs)
        # The benchmark reads the version before each move, as a client has it already.
        overhead = median_seconds(version_read, runs)
        moved = median_seconds(move, runs) - overhead
        rows += [
            ("floor: UPDATE a strip and the schedule", write, write),
            ("move (API)", moved, write),
        ]
        print(f"{'measurement':<40}{'median ms':>10}{'x floor':>9}")
        for label, seconds, floor in rows:
            print(f"{label:<40}{seconds * 1000:>10.1f}{seconds / floor:>9.1f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())

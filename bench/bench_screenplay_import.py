"""Time importing Big Fish (≈120 pages, 192 scenes) into a fresh production, against a floor.

Usage: python bench/bench_screenplay_import.py [runs]   (default 10; `make bench` runs it)

Each run creates a production and imports ``Big-Fish.fountain`` through the real service,
preview then apply (parse, match by number, write sets, characters, scenes and who speaks
in them), against the real PostgreSQL in ``DATABASE_URL``.  The floor is the least work any
importer must do with the same file in the same run: parse it, and bulk-insert the same rows
(sets, characters, scenes, scene characters) with no matching and no preview.  The ratio
says what the preview and the by-number matching cost on top, whatever the machine.

The benchmark creates its own database (``bench_<name>_<pid>``) and drops it afterwards, so
it never touches development data.  It exits 1 when the median import takes longer than
the budget (2 s).
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

from accounts.models import User  # noqa: E402
from crew.models import Character  # noqa: E402
from productions.scoping import production_access  # noqa: E402
from productions.services import production_create  # noqa: E402
from scheduling.breakdown.importing import (  # noqa: E402
    screenplay_import_apply,
    screenplay_import_preview,
)
from scheduling.breakdown.models import Scene, SceneCharacter, Set, scene_number_sort_key  # noqa: E402
from scheduling.breakdown.screenplay import parse_screenplay  # noqa: E402

SCREENPLAYS = Path(
    os.environ.get("CALLBOARD_SCREENPLAYS_DIR", ROOT.parent / "shared" / "screenplays")
)
FILE_NAME = "Big-Fish.fountain"
BUDGET_SECONDS = 2.0


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


class Bench:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.user = User.objects.create_user(
            email="bench@example.test", password=None, name="Bench"
        )
        self.count = 0

    def fresh_access(self):  # type: ignore[no-untyped-def]
        self.count += 1
        production = production_create(by=self.user, title=f"Bench {self.count}")
        return production_access(self.user, production.pk)

    def import_once(self) -> float:
        access = self.fresh_access()

        def work() -> None:
            preview = screenplay_import_preview(access=access, file_name=FILE_NAME, data=self.data)
            screenplay_import_apply(access=access, screenplay_import=preview)

        seconds = timed(work)
        scenes = Scene.objects.filter(production=access.production).count()
        assert scenes == 192, f"expected 192 scenes, imported {scenes}"
        return seconds

    def parse_once(self) -> float:
        return timed(lambda: parse_screenplay(self.data, FILE_NAME))

    def insert_once(self) -> float:
        """Bulk-insert the rows the import ends with, with nothing else (the write floor)."""
        parsed = parse_screenplay(self.data, FILE_NAME)
        production = self.fresh_access().production

        def work() -> None:
            set_names = sorted({s.set_name for s in parsed.scenes if s.set_name})
            sets = {
                s.name: s
                for s in Set.objects.bulk_create(
                    Set(production=production, name=name) for name in set_names
                )
            }
            names = sorted({name for s in parsed.scenes for name in s.characters})
            characters = {
                c.name: c
                for c in Character.objects.bulk_create(
                    Character(production=production, name=name) for name in names
                )
            }
            scenes = Scene.objects.bulk_create(
                Scene(
                    production=production,
                    number=s.number,
                    sort_key=scene_number_sort_key(s.number),
                    heading=s.heading,
                    int_ext=s.int_ext,
                    set=sets.get(s.set_name),
                    time_of_day="DAY",
                    eighths=max(1, s.eighths),
                    page_start=s.page_start,
                    page_end=s.page_end,
                    synopsis=s.synopsis,
                )
                for s in parsed.scenes
            )
            SceneCharacter.objects.bulk_create(
                SceneCharacter(scene=scene, character=characters[name])
                for scene, parsed_scene in zip(scenes, parsed.scenes, strict=True)
                for name in parsed_scene.characters
            )

        return timed(work)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    path = SCREENPLAYS / FILE_NAME
    if not path.is_file():
        print(f"Screenplay import (database) benchmark skipped: {path} not found")
        return 0
    data = path.read_bytes()
    settings_dict = connection.settings_dict
    settings_dict.setdefault("TEST", {})
    settings_dict["TEST"]["NAME"] = f"bench_{settings_dict['NAME']}_{os.getpid()}"
    old_name = settings_dict["NAME"]
    print(f"Screenplay import (database) benchmark: {FILE_NAME}, median of {runs} runs")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        bench = Bench(data)
        bench.import_once()  # warm-up: connections, caches, first-use queries
        imports = [bench.import_once() for _ in range(runs)]
        parses = [bench.parse_once() for _ in range(runs)]
        inserts = [bench.insert_once() for _ in range(runs)]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    median = statistics.median(imports)
    parse = statistics.median(parses)
    insert = statistics.median(inserts)
    floor = parse + insert
    print(f"{'measurement':<44}{'median s':>10}")
    print(f"{'import (preview + apply, 192 scenes)':<44}{median:>10.4f}")
    print(f"{'  floor: parse alone':<44}{parse:>10.4f}")
    print(f"{'  floor: bulk insert of the same rows':<44}{insert:>10.4f}")
    print(f"{'  floor: parse + bulk insert':<44}{floor:>10.4f}")
    print(
        f"ratio import / floor: {median / floor:.2f}x   (min {min(imports):.4f} s, "
        f"max {max(imports):.4f} s)"
    )
    verdict = "OK" if median < BUDGET_SECONDS else "TOO SLOW"
    print(f"budget {BUDGET_SECONDS:.1f} s: {verdict}")
    return 0 if median < BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())

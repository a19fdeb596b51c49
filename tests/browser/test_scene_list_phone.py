"""The scene list on a 360 px phone: each scene a block, nothing off-screen (issue 8)."""

from __future__ import annotations

import pytest

from crew.models import Character
from scheduling.breakdown.models import Scene, SceneCharacter, Set, scene_number_sort_key
from tests.browser.browsing import PHONE, horizontal_overflow
from tests.factories import make_production, make_user

pytestmark = pytest.mark.browser

SYNOPSIS = (
    "Ann crosses the whole of the harbour market at dawn, looking for the fisherman who "
    "sold her father's boat, and finds instead the letter he never sent."
)


def test_the_scene_list_fits_a_phone(open_tab, transactional_db, count_as):
    producer = make_user(name="Pat Producer")
    production = make_production(producer=producer, title="Harbour Lights")
    harbour = Set.objects.create(production=production, name="HARBOUR MARKET - FISH STALLS")
    characters = Character.objects.bulk_create(
        Character(production=production, name=f"CHARACTER NUMBER {n}", cast_number=n + 1)
        for n in range(12)
    )
    scenes = Scene.objects.bulk_create(
        Scene(
            production=production,
            number=f"{n + 1}A",
            sort_key=scene_number_sort_key(f"{n + 1}A"),
            heading="EXT. HARBOUR MARKET - FISH STALLS - CONTINUOUS",
            int_ext="EXT",
            set=harbour if n % 3 else None,
            time_of_day="DAY",
            time_of_day_raw="CONTINUOUS",
            eighths=9 + n,
            synopsis=SYNOPSIS,
            omitted=n == 4,
        )
        for n in range(40)
    )
    SceneCharacter.objects.bulk_create(
        SceneCharacter(scene=scene, character=character, speaking=k % 2 == 0)
        for scene in scenes
        for k, character in enumerate(characters)
    )

    tab = open_tab(viewport=PHONE, user=producer)
    tab.goto(f"/productions/{production.pk}/scenes/")
    page = tab.page

    assert page.locator("table.scenes tbody tr").count() == 40
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert horizontal_overflow(page) == 0
    # Nor inside the table's frame: no column is left to scroll to.
    frame = page.locator(".table-wrap").first
    assert frame.evaluate("e => e.scrollWidth - e.clientWidth") <= 0
    # Each scene is a block, its synopsis under its number rather than beside it.
    number = page.locator("table.scenes tbody tr th").first.bounding_box()
    synopsis = page.locator("table.scenes tbody tr td.synopsis").first.bounding_box()
    assert number is not None
    assert synopsis is not None
    assert synopsis["y"] > number["y"]
    tab.assert_clean()
    count_as("journey")

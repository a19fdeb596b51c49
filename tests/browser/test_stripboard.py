"""The 1st AD moves strips on the board with the mouse and with the keyboard; both moves
are saved at once and are still there after a reload. A stale move is undone and told."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Locator, Page

from scheduling.stripboard.models import ShootDay, Strip, Unit
from scheduling.stripboard.services import schedule_create, shoot_day_save, strip_move
from tests.browser.browsing import DESKTOP, PHONE, axe_violations, horizontal_overflow
from tests.conftest import make_cast
from tests.factories import SceneFactory

pytestmark = pytest.mark.browser


def _board(transactional_db: Any) -> tuple[Any, Any, list[ShootDay], list[Any]]:
    cast = make_cast()
    scenes = SceneFactory.create_batch(4, production=cast.production)
    schedule = schedule_create(production=cast.production, name="White")
    unit = Unit.objects.get(production=cast.production)
    days = [
        shoot_day_save(day=ShootDay(schedule=schedule), unit=unit, date=date(2027, 3, n))
        for n in (1, 2)
    ]
    return cast, schedule, days, scenes


def strip(page: Page, scene: Any) -> Locator:
    return page.locator(f'li.strip[data-scene="{scene.pk}"]')


def day_list(page: Page, day: ShootDay | None) -> Locator:
    return page.locator(f'ol.strips[data-day="{day.pk if day else ""}"]')


def scenes_on(page: Page, day: ShootDay | None) -> list[str]:
    return (
        day_list(page, day)
        .locator("li.strip")
        .evaluate_all("items => items.map(item => item.dataset.scene)")
    )


def drag(page: Page, source: Locator, target: Locator) -> None:
    """A real mouse drag, in small steps as a hand makes it (SortableJS follows the pointer)."""
    start = source.bounding_box()
    end = target.bounding_box()
    assert start
    assert end
    page.mouse.move(start["x"] + 20, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(start["x"] + 25, start["y"] + start["height"] / 2 + 6, steps=4)
    page.mouse.move(end["x"] + 30, end["y"] + end["height"] / 2, steps=20)
    page.mouse.up()


def wait_saved(page: Page, version: int) -> None:
    page.wait_for_function(
        "version => document.getElementById('board').dataset.version === String(version)",
        arg=version,
    )


def test_mouse_and_keyboard_moves_are_saved_and_survive_a_reload(
    transactional_db, open_tab, count_as
):
    cast, schedule, days, scenes = _board(transactional_db)
    tab = open_tab(viewport=DESKTOP, user=cast.user("ad"))
    page = tab.page
    board_path = f"/productions/{cast.production.pk}/schedule/{schedule.pk}/"
    tab.goto(board_path)
    assert scenes_on(page, None) == [str(s.pk) for s in scenes]

    drag(page, strip(page, scenes[0]), day_list(page, days[0]))
    wait_saved(page, 2)
    assert scenes_on(page, days[0]) == [str(scenes[0].pk)]
    assert page.locator(f'section[data-day="{days[0].pk}"] [data-day-pages]').inner_text() == "1"

    # The keyboard: pick scene 2 up in the boneyard, move it up past day 1's strip into
    # day 2's (empty) list... up from the boneyard's top lands at the end of day 2.
    strip(page, scenes[1]).focus()
    page.keyboard.press("Space")
    assert "Picked up" in page.locator("#board-status").inner_text()
    page.keyboard.press("ArrowUp")
    assert "day 2" in page.locator("#board-status").inner_text()
    page.keyboard.press("Space")
    wait_saved(page, 3)
    assert "moved to day 2" in page.locator("#board-status").inner_text()

    page.reload()
    assert scenes_on(page, days[0]) == [str(scenes[0].pk)]
    assert scenes_on(page, days[1]) == [str(scenes[1].pk)]
    assert scenes_on(page, None) == [str(s.pk) for s in scenes[2:]]
    assert list(
        Strip.objects.filter(day__isnull=False)
        .order_by("day__date")
        .values_list("scene_id", flat=True)
    ) == [
        scenes[0].pk,
        scenes[1].pk,
    ]
    assert axe_violations(page) == []
    tab.assert_clean()
    count_as("journey")
    count_as("axe")


def test_a_stale_move_is_undone_and_the_page_says_what_changed(
    transactional_db, open_tab, count_as
):
    cast, schedule, days, scenes = _board(transactional_db)
    tab = open_tab(viewport=DESKTOP, user=cast.user("ad"))
    page = tab.page
    tab.goto(f"/productions/{cast.production.pk}/schedule/{schedule.pk}/")
    # Someone else moves a strip meanwhile.
    strip_move(schedule=schedule, scene=scenes[3], to_day=days[1], position=0, seen_version=1)

    strip(page, scenes[0]).focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    page.locator("#board-problem").wait_for(state="visible")
    assert "changed the board" in page.locator("#board-problem-text").inner_text()
    assert (
        f"Scene {scenes[3].number} was moved to 2027-03-02"
        in page.locator("#board-problem-changes").inner_text()
    )
    assert scenes_on(page, None)[0] == str(scenes[0].pk)  # undone, nothing re-applied
    assert not Strip.objects.filter(scene=scenes[0], day__isnull=False).exists()
    # The problem is reported on the page, not as a console error.
    tab.problems = [p for p in tab.problems if "409" not in p]
    count_as("journey")


def test_the_board_fits_a_phone(transactional_db, open_tab, count_as):
    cast, schedule, days, scenes = _board(transactional_db)
    strip_move(schedule=schedule, scene=scenes[0], to_day=days[0], position=0, seen_version=1)
    tab = open_tab(viewport=PHONE, user=cast.user("ad"))
    tab.goto(f"/productions/{cast.production.pk}/schedule/{schedule.pk}/")
    assert horizontal_overflow(tab.page) == 0
    assert axe_violations(tab.page) == []
    count_as("axe")

"""A producer's pages on a 360 px phone: nothing wider than the screen, every tab reachable."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User
from crew.models import Person
from productions.models import Production
from tests.browser.browsing import PHONE, Tab, horizontal_overflow
from tests.browser.main_pages import DEMO_CREW, DEMO_PRODUCER

pytestmark = pytest.mark.browser


# The elements that reach past the right edge, named the way a reader finds them.
_TOO_WIDE = """(limit) => [...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > limit)
  .filter((e) => !e.parentElement.closest(".table-wrap, .subnav"))
  .map((e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}.${e.className}`)
  .slice(0, 8)"""


def assert_fits(tab: Tab) -> None:
    tab.assert_clean()
    width = tab.page.evaluate("() => document.documentElement.scrollWidth")
    too_wide = tab.page.evaluate(_TOO_WIDE, PHONE["width"]) if width > PHONE["width"] else []
    assert width <= PHONE["width"], f"{tab.path()} is {width}px wide on a phone: {too_wide}"
    assert horizontal_overflow(tab.page) == 0


# Words (an e-mail address, a time zone) in a list of facts that were broken across lines
# although they would fit on one: the sum of their pieces' widths is no wider than the list.
_BROKEN_WORDS = """() => {
  const broken = [];
  for (const dd of document.querySelectorAll("dl.facts dd")) {
    const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const pieces = [...range.getClientRects()];
        const width = pieces.reduce((sum, rect) => sum + rect.width, 0);
        const line = dd.closest("dl").clientWidth;
        if (pieces.length > 1 && width <= line) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def assert_no_word_broken(tab: Tab) -> None:
    broken = tab.page.evaluate(_BROKEN_WORDS)
    assert not broken, f"words broken across lines on {tab.path()}: {broken}"


def assert_every_tab_on_screen(tab: Tab) -> None:
    """The production's tabs wrap: each one is on the screen, none hides off its edge."""
    boxes = tab.page.evaluate(
        "() => [...document.querySelectorAll('nav.subnav a')].map((a) => {"
        " const r = a.getBoundingClientRect(); return [a.textContent, r.left, r.right]; })"
    )
    assert len(boxes) >= 7, boxes
    off_screen = [name for name, left, right in boxes if left < 0 or right > PHONE["width"]]
    assert not off_screen, f"tabs off the screen on {tab.path()}: {off_screen}"


def test_producer_pages_fit_a_phone(open_tab, demo_ids, count_as):
    # Long single words, as real ones are: they move to a line of their own, unbroken.
    Production.objects.filter(pk=demo_ids.production).update(
        time_zone="America/Argentina/Buenos_Aires"
    )
    Person.objects.filter(pk=demo_ids.person).update(email="kwame.mensah@harbour-films.test")
    tab = open_tab(viewport=PHONE, user=User.objects.get(email=DEMO_PRODUCER))
    production = demo_ids.production
    for path in (
        reverse("productions:settings", kwargs={"production_id": production}),
        reverse("productions:members", kwargs={"production_id": production}),
        reverse("productions:overview", kwargs={"production_id": production}),
        reverse("crew:list", kwargs={"production_id": production}),
        reverse("crew:add", kwargs={"production_id": production}),
        reverse("crew:person", kwargs={"production_id": production, "person_id": demo_ids.person}),
        reverse(
            "scheduling:scene-detail",
            kwargs={"production_id": production, "scene_id": demo_ids.scene},
        ),
    ):
        tab.goto(path)
        assert_fits(tab)
        assert_every_tab_on_screen(tab)
        assert_no_word_broken(tab)
    count_as("journey")


def test_crew_member_home_on_a_phone_starts_with_their_engagement(open_tab, demo_ids, count_as):
    tab = open_tab(viewport=PHONE, user=User.objects.get(email=DEMO_CREW))
    tab.goto(reverse("productions:overview", kwargs={"production_id": demo_ids.production}))
    assert_fits(tab)
    first_card = tab.page.locator("main section.card").first
    assert first_card.get_attribute("id") == "my-engagement"
    # The first thing on the screen, above the fold of a 740 px phone.
    box = first_card.bounding_box()
    assert box is not None
    assert box["y"] < PHONE["height"] / 2, box
    count_as("journey")


def test_time_zone_defaults_to_the_browsers(open_tab, demo_ids, count_as):
    """A new production's time zone starts as the browser's (external script, no CSP
    violation), and stays a text field the producer can type into."""
    producer = User.objects.get(email=DEMO_PRODUCER)
    tab = open_tab(viewport=PHONE, user=producer, timezone_id="America/Los_Angeles")
    tab.goto(reverse("productions:new"))
    field = tab.page.locator("input[name=time_zone]")
    assert field.get_attribute("list")
    tab.page.wait_for_function("() => document.querySelector('input[name=time_zone]').value !== ''")
    assert field.input_value() == "America/Los_Angeles"
    assert_fits(tab)
    count_as("journey")

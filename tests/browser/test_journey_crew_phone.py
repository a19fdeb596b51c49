"""A crew member on a phone (360×740) opens their production: every page fits the screen."""

from __future__ import annotations

import re

import pytest

from demo.data import DEMO_PASSWORD, DEMO_TITLE
from tests.browser.browsing import PHONE, Tab, horizontal_overflow
from tests.browser.main_pages import DEMO_CREW

pytestmark = pytest.mark.browser


def assert_fits(tab: Tab) -> None:
    tab.assert_clean()
    overflow = horizontal_overflow(tab.page)
    assert overflow == 0, f"{tab.path()} is {overflow}px wider than a 360px phone"


def test_crew_member_reads_their_production_on_a_phone(open_tab, demo_ids, count_as):
    tab = open_tab(viewport=PHONE)
    page = tab.page
    tab.goto("/accounts/login/")
    assert_fits(tab)
    page.fill("input[name=username]", DEMO_CREW)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/productions/$"))
    assert_fits(tab)

    page.click(f"main a:text-is('{DEMO_TITLE}')")
    page.wait_for_url(f"**/productions/{demo_ids.production}/")
    assert_fits(tab)

    page.click(f"nav.subnav a[href='/productions/{demo_ids.production}/crew/']")
    page.wait_for_url(f"**/productions/{demo_ids.production}/crew/")
    assert page.locator("#crew-results").get_by_text("Kwame Mensah").count() > 0
    assert_fits(tab)
    count_as("journey")

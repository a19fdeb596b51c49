"""Browser tests: Debian's Chromium through Playwright, against pytest-django's live server.

The live server is a thread of this test process serving the test database (so every test
here runs with ``transactional_db``); PostgreSQL, Redis and, where a journey asks for it,
the Celery worker are the real ones of the rest of the suite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, ViewportSize, sync_playwright

from accounts.models import User
from tests.browser.browsing import (
    AXE_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    OpenTab,
    Tab,
    require_installed,
)
from tests.browser.main_pages import DemoIds, load_demo


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One Chromium per test process, for the tests of this package.

    Package scope rather than session: xdist hands a process its files in order, so its
    browser tests run back to back and it still starts one browser; closing it after the
    last of them keeps Playwright's event loop out of the tests that follow.
    """
    require_installed(CHROMIUM, "Chromium", "apt-get install chromium")
    require_installed(AXE_JS, "axe-core", "npm ci")
    # Playwright's sync API keeps an asyncio loop running on this thread, which Django
    # takes for async code and refuses the ORM in (SynchronousOnlyOperation). The test
    # code here is synchronous; the live server answers from its own thread.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


@pytest.fixture
def open_tab(browser: Browser, live_server: Any) -> Iterator[OpenTab]:
    """Open a watched page in a fresh context: ``open_tab(viewport=PHONE, user=someone)``
    (the browser's clock in ``timezone_id``)."""
    tabs: list[Tab] = []

    def open_(
        *, viewport: ViewportSize = DESKTOP, user: User | None = None, timezone_id: str = "UTC"
    ) -> Tab:
        context = browser.new_context(
            viewport=viewport,
            base_url=live_server.url,
            accept_downloads=True,
            locale="en-GB",
            timezone_id=timezone_id,
        )
        if user is not None:
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": _session_for(user),
                        "url": live_server.url,
                    }
                ]
            )
        tab = Tab(context, live_server.url)
        tabs.append(tab)
        return tab

    yield open_
    for tab in tabs:
        tab.context.close()
        tab.assert_clean()


def _session_for(user: User) -> str:
    """A logged-in session for ``user``, without going through the log-in form."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def count_as(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Tell tests/browser/summary.py what this test checked: ``count_as("journey")``."""

    def count(what: str) -> None:
        request.node.user_properties.append(("browser", what))

    return count


@pytest.fixture
def demo_ids(transactional_db: Any) -> DemoIds:
    """The demo production of ``make run``, committed so the live server sees it."""
    return load_demo()

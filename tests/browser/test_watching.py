"""The watchers the browser tests rely on do see what they are there to see.

Pages here are served by Playwright itself (no live server, no database): each shows one
fault, and the check that should catch it must.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Route

from tests.browser.browsing import PHONE, Tab, axe_violations, horizontal_overflow

pytestmark = pytest.mark.browser

ORIGIN = "http://callboard.test"


@pytest.fixture
def serve(browser) -> Iterator[Callable[..., Tab]]:
    """``serve(html, csp=None)`` opens a Tab on a page with that body (and CSP header)."""
    contexts = []

    def open_(html: str, *, csp: str | None = None) -> Tab:
        context = browser.new_context(viewport=PHONE)
        contexts.append(context)

        def answer(route: Route) -> None:
            headers = {"Content-Type": "text/html; charset=utf-8"}
            if csp:
                headers["Content-Security-Policy"] = csp
            route.fulfill(status=200, headers=headers, body=html)

        context.route(f"{ORIGIN}/**", answer)
        tab = Tab(context, ORIGIN)
        tab.page.goto(f"{ORIGIN}/page/")
        return tab

    yield open_
    for context in contexts:
        context.close()


def problems_of(tab: Tab) -> str:
    with pytest.raises(AssertionError) as raised:
        tab.assert_clean()
    return str(raised.value)


def test_a_console_error_is_reported(serve):
    tab = serve("<!doctype html><title>t</title><script>console.error('boom')</script>")
    assert "console error on http://callboard.test/page/: boom" in problems_of(tab)


def test_an_uncaught_exception_is_reported(serve):
    tab = serve("<!doctype html><title>t</title><script>null.call()</script>")
    assert "uncaught exception on http://callboard.test/page/" in problems_of(tab)


def test_a_csp_violation_is_reported(serve):
    tab = serve(
        "<!doctype html><title>t</title><script>document.title = 'ran'</script>",
        csp="script-src 'self'",
    )
    problems = problems_of(tab)
    assert "CSP violation on http://callboard.test/page/" in problems
    assert "script-src" in problems
    assert tab.page.evaluate("() => window.__cspViolations.length") == 1


def test_a_clean_page_passes(serve):
    tab = serve('<!doctype html><html lang="en"><title>t</title><main><p>Call: 07:00</p></main>')
    tab.page.wait_for_timeout(100)
    tab.assert_clean()
    assert axe_violations(tab.page) == []
    assert horizontal_overflow(tab.page) == 0


def test_sideways_scrolling_and_axe_violations_are_found(serve):
    tab = serve(
        '<!doctype html><html lang="en"><title>t</title><main>'
        '<div style="width: 500px">wide</div><img src="data:,">'
        '<button style="width:20px;height:20px"></button></main>'
    )
    assert horizontal_overflow(tab.page) == 500 - 360 + 8  # 8px: the body's margin
    assert {violation.rule for violation in axe_violations(tab.page)} >= {
        "image-alt",
        "button-name",
    }

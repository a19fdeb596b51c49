"""The pages work in a real browser under their Content-Security-Policy.

Chromium (Debian's ``chromium``, driven by Playwright for Python) opens the app's main
pages as a producer, the login pages, the admin as a superuser, Swagger UI and Redoc, and
fails on any CSP violation, any console error, and a Permissions-Policy the browser does
not understand. It also checks that what the policy could break still works: the
breakdown's category colours (a style with the nonce), the crew search (htmx), Swagger
UI and Redoc drawing the API.

Skipped, with the reason, without Playwright or Chromium; with ``CI=true`` a missing
browser fails instead. ``CHROMIUM`` names another browser binary.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.urls import reverse

from tests.core.test_security_headers import Objects, make_objects

# Redoc's logo is an image from cdn.redoc.ly, which the policy refuses on purpose (no page
# loads anything from another site); Redoc then hides it. The one refusal expected.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
PASSWORD = "a-long-test-password"

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`.trim());
});
"""


def chromium() -> str:
    binary = os.environ.get("CHROMIUM") or shutil.which("chromium") or ""
    if not binary:
        reason = "Chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return binary


def playwright_api() -> Any:
    try:
        return importlib.import_module("playwright.sync_api")
    except ImportError:
        reason = "Playwright is not installed (pip install playwright)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@contextmanager
def running_browser() -> Iterator[Any]:
    """Chromium under Playwright. Start it after the test's database work: Playwright's
    sync API runs the test in a greenlet of its own, where Django would open a second
    connection that nothing closes."""
    binary = chromium()
    with playwright_api().sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=binary, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


class Visitor:
    """One browser context; every page it opens is checked for refusals and errors."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.base_url = base_url
        self.context = browser.new_context()
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))
        self.problems: list[str] = []
        self.visited = 0

    def _on_console(self, message: Any) -> None:
        text = message.text
        if REDOC_LOGO in text:
            return
        if message.type == "error" or "Permissions-Policy" in text or "Security Policy" in text:
            self.console.append(f"{message.type}: {text}")

    def open(self, path: str) -> Any:
        self.console.clear()
        response = self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")
        self.check(path, response.status)
        return response

    def check(self, path: str, status: int) -> None:
        self.visited += 1
        refused = set(self.page.evaluate("window.__cspViolations")) - {f"img-src {REDOC_LOGO}"}
        if status != 200:
            self.problems.append(f"{path}: status {status}")
        self.problems += [f"{path}: CSP refused {item}" for item in sorted(refused)]
        self.problems += [f"{path}: {line}" for line in self.console]

    def eventually(self, expression: str, seconds: float = 5) -> bool:
        """Whether ``expression`` becomes true (Playwright's wait_for_function would use the
        eval the policy refuses; page.evaluate is the browser's own, outside the policy)."""
        for _ in range(int(seconds * 10)):
            if self.page.evaluate(expression):
                return True
            self.page.wait_for_timeout(100)
        return False

    def log_in(self, email: str) -> None:
        self.open(reverse("login"))
        self.page.fill("input[name=username]", email)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state("networkidle")


def test_pages_admin_and_api_docs_work_under_the_policy(cast, live_server):
    chromium()  # skip (or fail in CI) before making anything
    playwright_api()
    objects: Objects = make_objects(cast)
    for user in (objects.producer, objects.superuser):
        user.set_password(PASSWORD)
        user.save()
    ids = objects.ids

    def page(name: str, **kwargs: Any) -> str:
        return reverse(name, kwargs={"production_id": ids["production_id"], **kwargs})

    pages = [
        reverse("productions:list"),
        page("productions:overview"),
        page("productions:deadlines"),
        page("productions:members"),
        page("productions:settings"),
        page("crew:person", person_id=ids["person_id"]),
        page("crew:cast"),
        page("crew:departments"),
        page("crew:add"),
        page("scheduling:scene-list"),
        page("scheduling:location-list"),
        page("scheduling:screenplay-preview", import_id=ids["import_id"]),
        reverse("accounts:profile"),
    ]

    with running_browser() as browser:
        producer = Visitor(browser, live_server.url)
        producer.open(reverse("password_reset"))
        producer.log_in(objects.producer.email)
        for path in pages:
            producer.open(path)

        # The breakdown's colours: a <style> with the nonce.
        producer.open(page("scheduling:scene-detail", scene_id=ids["scene_id"]))
        swatch = producer.page.eval_on_selector(
            ".category-swatch", "element => getComputedStyle(element).backgroundColor"
        )
        assert swatch not in ("", "rgba(0, 0, 0, 0)"), swatch
        # The crew search: htmx replaces the results as one types.
        producer.open(page("crew:list"))
        producer.page.fill("#crew-q", "nobody-has-this-name")
        # (A locator, not wait_for_function: the policy refuses the eval that one would use.)
        producer.page.locator("#crew-count", has_text=re.compile(r"^0 ")).wait_for()
        producer.check("crew search", 200)
        # The API's documentation draws the API.
        producer.open(reverse("api:docs"))
        producer.page.wait_for_selector(".opblock")
        producer.open(reverse("api:redoc"))
        producer.page.wait_for_selector("[role=menu] li")
        # The service worker (registered by static/js/callboard.js) keeps the pages seen;
        # logging out lands on the login page, whose script forgets them.
        producer.open(reverse("productions:list"))
        assert producer.page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        producer.open(reverse("productions:list"))  # now fetched through the worker
        assert producer.eventually("caches.has('callboard-pages')")
        producer.page.click(".site-nav button[type=submit]")
        producer.page.wait_for_load_state("networkidle")
        producer.check("log out", 200)
        assert producer.eventually("caches.has('callboard-pages').then(kept => !kept)")

        admin = Visitor(browser, live_server.url)
        admin.log_in(objects.superuser.email)
        for name, kwargs in [
            ("admin:index", {}),
            ("admin:crew_person_changelist", {}),
            ("admin:crew_person_change", {"object_id": ids["person_id"]}),
            ("admin:accounts_user_add", {}),
            ("admin:django_celery_beat_periodictask_add", {}),
        ]:
            admin.open(reverse(name, kwargs=kwargs))

    problems = producer.problems + admin.problems
    assert not problems, "\n".join(problems)
    assert producer.visited + admin.visited >= 25

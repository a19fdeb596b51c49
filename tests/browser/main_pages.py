"""The main pages that axe-core checks, on the demo production, and what is known wrong.

A page with a serious or critical violation that is not fixed yet is listed in
``KNOWN_VIOLATIONS`` with what axe reports; its check is then an expected failure
(strict), so the run stays green while it lasts and goes red once the page is fixed,
which is the moment to remove its entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from playwright.sync_api import ViewportSize

from accounts.models import User
from crew.models import Person
from demo.data import seed_demo
from scheduling.breakdown.models import Scene
from tests.browser.browsing import DESKTOP, PHONE, OpenTab, axe_violations

DEMO_PRODUCER = "producer@demo.test"
DEMO_CREW = "crew@demo.test"


class AxeViolationsFound(AssertionError):
    """Only this is an expected failure for a known violation: any other problem on the
    page (a console error, a wrong redirect) still fails its check."""


@dataclass(frozen=True)
class DemoIds:
    """What the pages' URLs need from the demo production."""

    production: int
    person: int
    scene: int


def load_demo() -> DemoIds:
    production, _ = seed_demo()
    person = Person.objects.get(production=production, email=DEMO_CREW)
    scene = Scene.objects.filter(production=production, omitted=False).order_by("sort_key")[0]
    return DemoIds(production=production.pk, person=person.pk, scene=scene.pk)


@dataclass(frozen=True)
class MainPage:
    name: str
    url_name: str
    takes: tuple[str, ...] = ()  # which DemoIds the URL takes, in the URL's own names
    who: str | None = DEMO_PRODUCER  # None: not logged in

    def path(self, ids: DemoIds) -> str:
        names = {"production": "production_id", "person": "person_id", "scene": "scene_id"}
        return reverse(self.url_name, kwargs={names[key]: getattr(ids, key) for key in self.takes})


PRODUCTION = ("production",)
MAIN_PAGES = (
    MainPage("login", "login", who=None),
    MainPage("productions", "productions:list"),
    MainPage("overview", "productions:overview", PRODUCTION),
    MainPage("crew list", "crew:list", PRODUCTION),
    MainPage("person", "crew:person", ("production", "person")),
    MainPage("cast", "crew:cast", PRODUCTION),
    MainPage("departments", "crew:departments", PRODUCTION),
    MainPage("deadlines", "productions:deadlines", PRODUCTION),
    MainPage("scenes", "scheduling:scene-list", PRODUCTION),
    MainPage("scene detail", "scheduling:scene-detail", ("production", "scene")),
    MainPage("locations", "scheduling:location-list", PRODUCTION),
    MainPage("members", "productions:members", PRODUCTION),
    MainPage("settings", "productions:settings", PRODUCTION),
    MainPage("new production", "productions:new"),
    MainPage("crew member's overview", "productions:overview", PRODUCTION, who=DEMO_CREW),
    MainPage("profile", "accounts:profile"),
)

# Known serious/critical violations not fixed yet: (page, viewport) -> {rule id: where}.
KNOWN_VIOLATIONS: dict[tuple[str, str], dict[str, str]] = {}
VIEWPORTS: dict[str, ViewportSize] = {"desktop": DESKTOP, "phone": PHONE}


def axe_params(viewport: str) -> list[object]:
    """One pytest param per main page, an expected failure where a violation is known."""
    params: list[object] = []
    for page in MAIN_PAGES:
        known = KNOWN_VIOLATIONS.get((page.name, viewport))
        marks = []
        if known:
            reason = "; ".join(f"axe {rule}: {where}" for rule, where in known.items())
            marks.append(pytest.mark.xfail(strict=True, raises=AxeViolationsFound, reason=reason))
        params.append(pytest.param(page, id=page.name.replace(" ", "-"), marks=marks))
    return params


def check_with_axe(
    open_tab: OpenTab,
    count_as: Callable[[str], None],
    ids: DemoIds,
    page: MainPage,
    viewport: str,
) -> None:
    """Open ``page`` as its viewer at ``viewport``: no serious or critical axe violation.

    Known violations (``KNOWN_VIOLATIONS``) raise :class:`AxeViolationsFound`, the one
    failure their xfail expects; a rule not listed there fails the check outright.
    """
    size = VIEWPORTS[viewport]
    user = User.objects.get(email=page.who) if page.who else None
    tab = open_tab(viewport=size, user=user)
    path = page.path(ids)
    tab.goto(path)
    assert tab.path() == path, f"{page.name}: {path} went to {tab.path()}"
    violations = axe_violations(tab.page)
    count_as("axe")
    if not violations:
        return
    report = "\n".join(
        [f"axe on {page.name} ({path}, {viewport} {size['width']}×{size['height']}):"]
        + [f"  {violation}" for violation in violations]
    )
    known = KNOWN_VIOLATIONS.get((page.name, viewport), {})
    if all(violation.rule in known for violation in violations):
        raise AxeViolationsFound(report)
    raise AssertionError(report)

"""Every HTML answer carries the Content-Security-Policy and the other security headers.

The walk reads the URL configuration, fills each route's ids with real objects of one
production (the ``cast``), and GETs every route as its producer and as an anonymous
visitor, and every admin route as a superuser. Whatever answers HTML (a page, a redirect,
a 403, a 404, a 405 for a form's POST-only address) is checked; so are the error pages
(500 included) and the page for a refused CSRF token.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from accounts.services import api_token_create
from config.urls import urlpatterns as site_urlpatterns
from core.security import Nonce, SecurityHeadersMiddleware, is_html, render_policy
from crew.models import Character, Deadline, Unavailability
from productions.invitations import invitation_create
from productions.models import CoProducer
from productions.scoping import production_access
from scheduling.breakdown.importing import screenplay_import_preview
from scheduling.breakdown.models import (
    Element,
    ElementCategory,
    Location,
    Scene,
    SceneCharacter,
    SceneElement,
    Set,
)
from scheduling.breakdown.services import element_categories_ensure
from scheduling.stripboard.models import ShootDay
from scheduling.stripboard.services import schedule_create, shoot_day_save, units_ensure

pytestmark = pytest.mark.django_db

REQUIRED_DIRECTIVES = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
DENIED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb")


def parse_policy(header: str) -> dict[str, list[str]]:
    policy: dict[str, list[str]] = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *sources = directive.split()
        assert name not in policy, f"{name} twice in {header!r}"
        policy[name] = sources
    return policy


def security_header_problems(response: Any) -> list[str]:
    """What is missing or wrong in the security headers of one HTML response."""
    problems = []
    header = response.headers.get("Content-Security-Policy")
    if header is None:
        return ["no Content-Security-Policy"]
    policy = parse_policy(header)
    for directive, source in REQUIRED_DIRECTIVES.items():
        if policy.get(directive) != [source]:
            problems.append(f"{directive} is {policy.get(directive)}, not [{source}]")
    scripts = policy.get("script-src", policy["default-src"])
    styles = policy.get("style-src", policy["default-src"])
    for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"):
        if unsafe in scripts:
            problems.append(f"script-src allows {unsafe}")
    if "'unsafe-inline'" in styles:
        problems.append("style-src allows 'unsafe-inline'")
    nonces = set(re.findall(r"'nonce-([^']+)'", header))
    if len(nonces) > 1:
        problems.append(f"more than one nonce: {nonces}")
    for nonce in nonces:
        if len(nonce) < 22:
            problems.append(f"nonce {nonce!r} is short")
        if f'nonce="{nonce}"'.encode() not in response.content:
            problems.append("the header names a nonce the page does not use")
    expected = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }
    for name, value in expected.items():
        if response.headers.get(name) != value:
            problems.append(f"{name} is {response.headers.get(name)!r}, not {value!r}")
    permissions = response.headers.get("Permissions-Policy", "")
    for feature in DENIED_FEATURES:
        if f"{feature}=()" not in permissions:
            problems.append(f"Permissions-Policy does not deny {feature}")
    return problems


# --- The walk over the URL configuration ------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str  # the whole pattern, prefixes included
    params: tuple[str, ...]

    @property
    def is_admin(self) -> bool:
        return self.name.startswith("admin:")


_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


def walk(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[Route]:
    for entry in patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, pattern, inner)
        elif entry.name:
            params = tuple(a or b for a, b in _PARAM.findall(pattern))
            yield Route(f"{namespace}{entry.name}", pattern, params)


# Not walked: /healthz answers JSON after waiting 2 s for a Celery worker (none runs here).
NOT_WALKED = {"healthz"}


def all_routes() -> list[Route]:
    routes = dict.fromkeys(walk(get_resolver().url_patterns))
    return [route for route in routes if route.name not in NOT_WALKED]


# Routes with no name (the admin's "object id without /change/" redirects and catch-all)
# are reached through the named ones; a name that cannot be reversed would fail the walk.


@dataclass
class Objects:
    """One of everything a route can point at, all in the cast's production."""

    ids: dict[str, Any]
    producer: User
    superuser: User


@pytest.fixture
def objects(cast) -> Objects:
    return make_objects(cast)


def make_objects(cast) -> Objects:
    production = cast.production
    producer = cast.user("producer")
    person = cast.crew.person
    element_categories_ensure(production=production)
    location = Location.objects.create(production=production, name="Hartley House")
    set_ = Set.objects.create(production=production, name="KITCHEN", location=location)
    scene = Scene.objects.create(production=production, number="1", set=set_, eighths=3)
    props = ElementCategory.objects.get(production=production, name="Props")
    element = Element.objects.create(production=production, category=props, name="Cup")
    character = Character.objects.create(
        production=production, name="ANNA", engagement=cast.crew.engagement
    )
    screenplay = screenplay_import_preview(
        access=production_access(producer, production.pk),
        file_name="a.fountain",
        data=b"INT. HALL - DAY\n\nA hall.\n",
    )
    token, _ = api_token_create(user=producer, name="laptop")
    schedule = schedule_create(production=production, name="White")
    day = shoot_day_save(
        day=ShootDay(schedule=schedule), unit=units_ensure(production)[0], date=date(2027, 3, 1)
    )
    superuser = User.objects.create_superuser(
        email="root@example.test", password="x" * 20, name="Root"
    )
    ids = {
        "production_id": production.pk,
        "invitation_id": invitation_create(
            production=production, email="invitee@example.test", role="crew", invited_by=producer
        ).pk,
        "person_id": person.pk,
        "crew_id": person.pk,
        "engagement_id": cast.crew.engagement.pk,
        "membership_id": cast.crew.membership.pk,
        "deadline_id": Deadline.objects.create(
            production=production, title="Lock script", due=timezone.now() + timedelta(days=3)
        ).pk,
        "co_producer_id": CoProducer.objects.create(
            production=production, name="Film AG", country="DE"
        ).pk,
        "token_id": token.pk,
        "unavailability_id": Unavailability.objects.create(
            person=person, start_date=date(2025, 3, 3), end_date=date(2025, 3, 4)
        ).pk,
        "character_id": character.pk,
        "department_id": cast.department("Camera").pk,
        "position_id": cast.position("1st Assistant Camera").pk,
        "scene_id": scene.pk,
        "scene_element_id": SceneElement.objects.create(scene=scene, element=element).pk,
        "scene_character_id": SceneCharacter.objects.create(scene=scene, character=character).pk,
        "import_id": screenplay.pk,
        "location_id": location.pk,
        "set_id": set_.pk,
        "schedule_id": schedule.pk,
        "day_id": day.pk,
        "uidb64": urlsafe_base64_encode(force_bytes(producer.pk)),
        "token": default_token_generator.make_token(producer),
        # The admin's.
        "app_label": "crew",
        "id": superuser.pk,
        "content_type_id": ContentType.objects.get_for_model(production).pk,
    }
    return Objects(ids, producer, superuser)


def admin_object_id(route: Route, objects: Objects) -> Any:
    """The id of a real object of the model an admin route (``app_model_change``) is for."""
    for model in apps.get_models():
        if route.name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            first = model._default_manager.order_by("pk").first()
            return first.pk if first else 1
    return objects.ids["production_id"]  # view_on_site: the production's content type


def url_for(route: Route, objects: Objects) -> str:
    kwargs = {}
    for param in route.params:
        if param == "object_id":
            kwargs[param] = admin_object_id(route, objects)
        elif param == "pk":
            kwargs[param] = objects.ids["production_id"]
        else:
            kwargs[param] = objects.ids[param]
    return reverse(route.name, kwargs=kwargs)


def get_everything(client: Client, routes: list[Route], objects: Objects) -> dict[str, Any]:
    return {route.name: client.get(url_for(route, objects)) for route in routes}


def test_every_html_route_carries_the_security_headers(cast, objects):
    routes = all_routes()
    producer = Client()
    producer.force_login(objects.producer)
    superuser = Client()
    superuser.force_login(objects.superuser)

    answers = {
        "producer": get_everything(producer, routes, objects),
        "anonymous": get_everything(Client(), [r for r in routes if not r.is_admin], objects),
        "superuser": get_everything(superuser, [r for r in routes if r.is_admin], objects),
    }

    checked: dict[str, int] = {}
    problems = []
    for who, responses in answers.items():
        for name, response in responses.items():
            if not is_html(response):
                continue
            checked[f"{who} {name}"] = response.status_code
            problems += [f"{who} {name} ({response.status_code}): {p}" for p in
                         security_header_problems(response)]  # fmt: skip
    assert not problems, "\n".join(problems)
    print(f"{len(checked)} HTML answers checked:", collections.Counter(checked.values()))
    # The walk did reach the pages, each kind of answer, and the third-party pages.
    statuses = set(checked.values())
    assert {200, 302, 405} <= statuses, statuses
    pages = {name for name, status in checked.items() if status == 200}
    assert len(pages) >= 60, sorted(pages)
    for name in (
        "producer productions:overview",
        "producer crew:list",
        "producer scheduling:scene-detail",
        "producer api:docs",
        "producer api:redoc",
        "anonymous login",
        "anonymous password_reset",
        "superuser admin:index",
        "superuser admin:crew_person_change",
        "superuser admin:django_celery_beat_periodictask_add",
    ):
        assert checked.get(name) == 200, (name, checked.get(name))
    assert checked["producer admin:index"] == 302  # not staff: to the admin's login
    assert checked["anonymous productions:overview"] == 302  # to the login page


def test_the_walk_reaches_every_named_route(objects):
    """A new route whose ids the fixture cannot fill fails here, not silently."""
    for route in all_routes():
        url_for(route, objects)


def test_a_page_that_uses_no_nonce_is_sent_none(cast):
    response = cast.client("producer").get(f"/productions/{cast.production.pk}/")

    policy = parse_policy(response.headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]


def test_the_breakdown_colours_are_a_style_with_the_nonce(objects):
    client = Client()
    client.force_login(objects.producer)
    url = reverse(
        "scheduling:scene-detail",
        kwargs={"production_id": objects.ids["production_id"], "scene_id": objects.ids["scene_id"]},
    )

    first, second = client.get(url), client.get(url)

    policy = parse_policy(first.headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]  # the nonce is for styles on this page
    [nonce] = re.findall(r"'nonce-([^']+)'", " ".join(policy["style-src"]))
    page = first.content.decode()
    assert f'<style nonce="{nonce}">' in page
    assert re.search(r"\.category-\d+ \{ background: #[0-9a-f]{6}; color: #[0-9a-f]{6}; \}", page)
    assert ' style="' not in page
    assert first.headers["Content-Security-Policy"] != second.headers["Content-Security-Policy"]


COMMENTS = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.DOTALL)


def test_no_template_has_inline_scripts_styles_or_handlers():
    """Scripts and styles in templates are files, or carry the nonce; no handler attributes."""
    from pathlib import Path

    problems = []
    for template in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html")):
        text = COMMENTS.sub("", template.read_text())
        name = template.relative_to(settings.BASE_DIR)
        for tag in re.findall(r"<(?:script|style)\b[^>]*>", text):
            if "src=" not in tag and 'nonce="{{ csp_nonce }}"' not in tag:
                problems.append(f"{name}: {tag}")
        for attribute in re.findall(r"\s(style|on[a-z]+|hx-on[\w:-]*)=", text):
            problems.append(f"{name}: {attribute}= attribute")
        if "javascript:" in text or "js:" in text:
            problems.append(f"{name}: javascript: URL or hx-vals js:")
    assert not problems, "\n".join(problems)


# --- Error pages --------------------------------------------------------------------------


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
handler404 = "core.views.not_found"
handler500 = "core.views.server_error"


@pytest.mark.urls(__name__)
def test_the_error_pages_carry_the_headers(cast):
    producer = cast.client("producer", raise_request_exception=False)
    crew = cast.client("crew")

    answers = {
        404: producer.get("/productions/999999/"),
        403: crew.get(f"/productions/{cast.production.pk}/settings/"),
        500: producer.get("/boom/"),
    }

    for status, response in answers.items():
        assert response.status_code == status
        assert is_html(response)
        assert security_header_problems(response) == [], status
    assert b"Something went wrong" in answers[500].content


def test_a_refused_csrf_token_answers_a_page_with_the_headers(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.user("producer"))

    response = client.post(f"/productions/{cast.production.pk}/settings/", {})

    assert response.status_code == 403
    assert security_header_problems(response) == []
    assert b"callboard.css" in response.content  # the site's page, not Django's (inline CSS)


def test_only_html_gets_a_policy(client):
    service_worker = client.get("/sw.js")
    health = client.get("/healthz")

    assert "Content-Security-Policy" not in service_worker.headers  # it would bind the worker
    assert "Content-Security-Policy" not in health.headers
    assert service_worker.headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in service_worker.headers["Permissions-Policy"]


@override_settings(DEBUG=True)
def test_with_debug_django_debug_pages_only_report(client, user):
    client.force_login(user)

    response = client.get("/productions/999999/")

    assert response.status_code == 404
    assert "Content-Security-Policy" not in response.headers
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy-Report-Only"]


# --- The middleware's pieces ---------------------------------------------------------------


def test_the_nonce_is_left_out_until_a_page_uses_it():
    policy = {"script-src": ["'self'"], "style-src": ["'self'", "'nonce'"]}
    nonce = Nonce()

    assert render_policy(policy, nonce) == "script-src 'self'; style-src 'self'"
    value = str(nonce)
    assert render_policy(policy, nonce) == f"script-src 'self'; style-src 'self' 'nonce-{value}'"
    assert str(nonce) == value
    assert str(Nonce()) != value


@override_settings(
    CONTENT_SECURITY_POLICY={"default-src": ["'self'"], "img-src": ["'self'"]},
    CONTENT_SECURITY_POLICY_PATHS={"/a/": {"img-src": ["data:"]}, "/a/b/": {"img-src": []}},
)
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/x/", "default-src 'self'; img-src 'self'"),
        ("/a/", "default-src 'self'; img-src data:"),
        ("/a/b/c", "default-src 'self'; img-src"),  # the longest prefix wins
    ],
)
def test_a_path_changes_only_its_directives(rf, path, expected):
    middleware = SecurityHeadersMiddleware(lambda request: HttpResponse("<p>hi</p>"))

    response = middleware(rf.get(path))

    assert response.headers["Content-Security-Policy"] == expected


def test_a_policy_a_view_set_itself_is_kept(rf):
    def view(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("<p>hi</p>")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    response = SecurityHeadersMiddleware(view)(rf.get("/"))

    assert response.headers["Content-Security-Policy"] == "default-src 'none'"

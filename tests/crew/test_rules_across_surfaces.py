"""One rule, one place: the page, the API and the CSV files answer every role alike.

Each test runs the same write (or read) through every surface that offers it, once per
role, and expects an outcome that depends on the role only: allowed or forbidden, the
same error on the same field, and the same data afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from crew.models import Character, Department, Engagement, Position
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db

ROLES = ("producer", "ad", "hod", "hod_other", "director", "crew_self", "crew_other")
PAGE_API = ("page", "api")


@dataclass
class Team:
    """A production with one member per role; ``subject`` is crew_self's record (Camera)."""

    production: Any
    users: dict[str, Any]
    subject: Any
    engagement: Any  # the subject's engagement, in Camera (the hod's department)

    def department(self, name: str) -> Department:
        return Department.objects.get(production=self.production, name=name)

    def position(self, title: str) -> Position:
        return Position.objects.get(production=self.production, title=title)


@pytest.fixture
def team() -> Team:
    producer = make_user(name="Pat Producer")
    production = make_production(producer=producer, title="One Rule")
    users = {"producer": producer}
    users["ad"], _, _ = add_member(production, "ad", department="Direction")
    users["hod"], _, _ = add_member(production, "hod", department="Camera")
    users["hod_other"], _, _ = add_member(production, "hod", department="Grip")
    users["director"], _, _ = add_member(production, "director", department="Direction")
    users["crew_self"], subject, engagement = add_member(
        production,
        "crew",
        department="Camera",
        name="Sam Subject",
        phone="+447700900222",
        address="1 Quay Street",
    )
    users["crew_other"], _, _ = add_member(production, "crew", department="Grip")
    return Team(production, users, subject, engagement)


@dataclass
class Outcome:
    """What a surface answered, in words every surface shares."""

    kind: str  # "ok", "forbidden", "invalid", "in use"
    errors: dict[str, list[str]] = field(default_factory=dict)
    message: str = ""


def _page_url(name: str, team: Team, **kwargs: Any) -> str:
    return reverse(name, kwargs={"production_id": team.production.pk, **kwargs})


def _api_url(team: Team, path: str) -> str:
    return f"/api/v1/productions/{team.production.pk}/{path}"


def _page(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def _api(api_client: APIClient, user: Any) -> APIClient:
    api_client.force_authenticate(user)
    return api_client


def _page_outcome(response: Any) -> Outcome:
    """A page answers 403, a form with errors (400), or a redirect with a message."""
    if response.status_code == 403:
        return Outcome("forbidden")
    if response.status_code == 400:
        form = response.context["form"]
        return Outcome("invalid", errors={k: list(v) for k, v in form.errors.items()})
    assert response.status_code == 302, response.status_code
    notes = list(get_messages(response.wsgi_request))
    errors = [str(m) for m in notes if m.level_tag == "error"]
    if errors:
        return Outcome("in use", message=" ".join(errors))
    return Outcome("ok")


def _api_outcome(response: Any) -> Outcome:
    if response.status_code == 403:
        return Outcome("forbidden")
    if response.status_code == 400:
        return Outcome("invalid", errors=response.json()["errors"])
    if response.status_code == 409:
        return Outcome("in use", message=response.json()["detail"])
    assert response.status_code in (200, 201, 204), response.status_code
    return Outcome("ok")


# Departments and positions: producers only; deleting one in use is refused ---------------


def _departments_and_positions(team: Team) -> tuple[list[Any], list[Any]]:
    departments = Department.objects.filter(production=team.production)
    positions = Position.objects.filter(production=team.production)
    return (
        sorted(departments.values_list("name", "order")),
        sorted(positions.values_list("title", "department__name", "order")),
    )


def _delete_department(surface: str, team: Team, client: Any, user: Any, pk: int) -> Outcome:
    if surface == "page":
        url = _page_url("crew:department-delete", team, department_id=pk)
        return _page_outcome(_page(client, user).post(url))
    return _api_outcome(_api(client, user).delete(_api_url(team, f"departments/{pk}/")))


@pytest.mark.parametrize("surface", PAGE_API)
@pytest.mark.parametrize("role", ROLES)
def test_deleting_an_unused_department_takes_its_positions_on_every_surface(
    client, api_client, team, role, surface
):
    vfx = team.department("VFX")
    before = _departments_and_positions(team)
    user = team.users[role]

    outcome = _delete_department(
        surface, team, client if surface == "page" else api_client, user, vfx.pk
    )

    if role == "producer":
        assert outcome.kind == "ok"
        assert not Department.objects.filter(pk=vfx.pk).exists()
        # Its positions go with it: none is left behind without a department.
        assert not Position.objects.filter(production=team.production, title__startswith="VFX")
        assert not Position.objects.filter(production=team.production, department=None)
    else:
        assert outcome.kind == "forbidden"
        assert _departments_and_positions(team) == before


@pytest.mark.parametrize("surface", PAGE_API)
def test_a_department_whose_position_is_held_elsewhere_is_in_use_on_every_surface(
    client, api_client, team, surface
):
    # A DIT engaged under Post still holds a Camera position.
    add_member(team.production, "crew", department="Post", position="DIT")
    camera = team.department("Camera")
    Engagement.objects.filter(department=camera).update(department=team.department("Post"))
    before = _departments_and_positions(team)

    outcome = _delete_department(
        surface,
        team,
        client if surface == "page" else api_client,
        team.users["producer"],
        camera.pk,
    )

    assert outcome.kind == "in use"
    assert "still use Camera" in outcome.message
    assert _departments_and_positions(team) == before


@pytest.mark.parametrize("surface", PAGE_API)
def test_a_position_in_use_is_refused_alike(client, api_client, team, surface):
    dop = team.position("Director of Photography")  # the hod's own position
    before = _departments_and_positions(team)
    user = team.users["producer"]

    if surface == "page":
        url = _page_url("crew:position-delete", team, position_id=dop.pk)
        outcome = _page_outcome(_page(client, user).post(url))
    else:
        url = _api_url(team, f"positions/{dop.pk}/")
        outcome = _api_outcome(_api(api_client, user).delete(url))

    assert outcome.kind == "in use"
    assert outcome.message.startswith("1 engagement still uses Director of Photography.")
    assert _departments_and_positions(team) == before


# Characters: producers and ADs; a taken cast ID is an error on that field ----------------


def _save_character(
    surface: str, team: Team, client: Any, user: Any, data: dict[str, Any], pk: int | None = None
) -> Outcome:
    if surface == "page":
        page = _page(client, user)
        if pk is None:
            return _page_outcome(page.post(_page_url("crew:cast", team), data))
        url = _page_url("crew:character-edit", team, character_id=pk)
        return _page_outcome(page.post(url, data))
    api = _api(client, user)
    if pk is None:
        return _api_outcome(api.post(_api_url(team, "characters/"), data, format="json"))
    return _api_outcome(api.patch(_api_url(team, f"characters/{pk}/"), data, format="json"))


def _characters(team: Team) -> list[tuple[str, int | None, int | None]]:
    return sorted(
        Character.objects.filter(production=team.production).values_list(
            "name", "cast_number", "engagement"
        )
    )


@pytest.mark.parametrize("surface", PAGE_API)
@pytest.mark.parametrize("role", ROLES)
def test_adding_and_editing_characters_is_for_producers_and_ads_everywhere(
    client, api_client, team, role, surface
):
    skipper = Character.objects.create(production=team.production, name="SKIPPER", cast_number=1)
    surface_client = client if surface == "page" else api_client
    user = team.users[role]

    added = _save_character(
        surface, team, surface_client, user, {"name": " Mate ", "cast_number": 2}
    )
    edited = _save_character(
        surface,
        team,
        surface_client,
        user,
        {"name": "Captain", "cast_number": 1, "engagement": team.engagement.pk},
        pk=skipper.pk,
    )

    if role in ("producer", "ad"):
        assert (added.kind, edited.kind) == ("ok", "ok")
        assert _characters(team) == [("CAPTAIN", 1, team.engagement.pk), ("MATE", 2, None)]
    else:
        assert (added.kind, edited.kind) == ("forbidden", "forbidden")
        assert _characters(team) == [("SKIPPER", 1, None)]


@pytest.mark.parametrize("surface", PAGE_API)
@pytest.mark.parametrize("edit", [False, True], ids=["add", "edit"])
def test_a_taken_cast_id_is_a_field_error_naming_the_character_that_holds_it(
    client, api_client, team, surface, edit
):
    Character.objects.create(production=team.production, name="SKIPPER", cast_number=1)
    mate = Character.objects.create(production=team.production, name="MATE", cast_number=2)
    before = _characters(team)

    outcome = _save_character(
        surface,
        team,
        client if surface == "page" else api_client,
        team.users["ad"],
        {"name": "BOSUN" if not edit else "MATE", "cast_number": 1},
        pk=mate.pk if edit else None,
    )

    assert outcome.kind == "invalid"
    assert outcome.errors == {
        "cast_number": [
            "Cast ID 1 is already SKIPPER. Give SKIPPER another ID first, or choose a free one."
        ]
    }
    assert _characters(team) == before


@pytest.mark.parametrize("surface", PAGE_API)
def test_a_taken_character_name_is_a_field_error_whatever_its_case(
    client, api_client, team, surface
):
    Character.objects.create(production=team.production, name="SKIPPER", cast_number=1)

    outcome = _save_character(
        surface,
        team,
        client if surface == "page" else api_client,
        team.users["producer"],
        {"name": "skipper"},
    )

    assert outcome.kind == "invalid"
    assert outcome.errors == {"name": ["There is already a character called SKIPPER."]}
    assert _characters(team) == [("SKIPPER", 1, None)]

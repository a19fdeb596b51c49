"""One rule, one place: the page, the API and the CSV files answer every role alike.

Each test runs the same write (or read) through every surface that offers it, once per
role, and expects an outcome that depends on the role only: allowed or forbidden, the
same error on the same field, and the same data afterwards.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from crew.models import (
    Character,
    Deadline,
    Department,
    Engagement,
    Person,
    Position,
    Unavailability,
)
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db

ROLES = ["producer", "ad", "hod", "hod_other", "director", "crew_self", "crew_other"]
PAGE_API = ["page", "api"]
PAGE_API_CSV = ["page", "api", "csv"]


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
        phone="+447911000222",
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


# Adding crew: producers anywhere, department heads into their own department -----------


def _add_crew(surface: str, team: Team, client: Any, user: Any, data: dict[str, Any]) -> Outcome:
    if surface == "page":
        form = {
            "name": data["name"],
            "email": data.get("email", ""),
            "phone": data.get("phone", ""),
            "position": data["position"],
            "department": data.get("department", ""),
            "call_offset_minutes": "0",
            "status": "offered",
            "account": "none",
            "role": "crew",
        }
        return _page_outcome(_page(client, user).post(_page_url("crew:add", team), form))
    return _api_outcome(_api(client, user).post(_api_url(team, "crew/"), data, format="json"))


def _person_row(team: Team, **lookup: Any) -> tuple[Any, ...] | None:
    person = Person.objects.filter(production=team.production, **lookup).first()
    if person is None:
        return None
    engagements = sorted(
        person.engagements.values_list("position__title", "department__name", "status")
    )
    return (person.name, person.email, person.phone, person.user_id, engagements)


@pytest.mark.parametrize("surface", PAGE_API)
@pytest.mark.parametrize("role", ROLES)
def test_adding_crew_is_for_producers_and_the_departments_head_on_every_surface(
    client, api_client, team, role, surface
):
    camera = team.department("Camera")
    data = {
        "name": "Nia New",
        "email": "nia@example.test",
        "position": team.position("Camera Operator").pk,
        "department": camera.pk,
    }

    outcome = _add_crew(
        surface, team, client if surface == "page" else api_client, team.users[role], data
    )

    if role in ("producer", "hod"):
        assert outcome.kind == "ok"
        # A department head's address waits for its owner to confirm it (crew.privacy).
        assert _person_row(team, name="Nia New") == (
            "Nia New",
            "nia@example.test" if role == "producer" else "",
            "",
            None,
            [("Camera Operator", "Camera", "offered")],
        )
    else:
        # The page never offers another department's positions (a form error if posted
        # anyway); the API answers 403. Either way: refused, nothing saved.
        assert outcome.kind in ("forbidden", "invalid")
        assert _person_row(team, name="Nia New") is None


@pytest.mark.parametrize("surface", PAGE_API)
def test_a_department_head_may_not_hand_out_another_departments_position(
    client, api_client, team, surface
):
    # Their own department, but the Gaffer is Electric's: the page does not offer it.
    data = {
        "name": "Nia New",
        "position": team.position("Gaffer").pk,
        "department": team.department("Camera").pk,
    }

    outcome = _add_crew(
        surface, team, client if surface == "page" else api_client, team.users["hod"], data
    )

    assert outcome.kind in ("forbidden", "invalid")
    assert _person_row(team, name="Nia New") is None


def _csv_import(client: Client, team: Team, user: Any, text: str) -> Outcome:
    upload = SimpleUploadedFile("crew.csv", text.encode(), content_type="text/csv")
    response = _page(client, user).post(_page_url("crew:import", team), {"file": upload})
    if response.status_code == 302:
        return Outcome("ok")
    if response.status_code == 403:
        return Outcome("forbidden")
    report = response.context["report"]
    return Outcome("invalid", errors={e.field or "": [e.message] for e in report.errors})


@pytest.mark.parametrize("surface", PAGE_API_CSV)
def test_a_person_added_anywhere_is_stored_alike(client, api_client, team, surface):
    team.production.co_producers.create(name="Quay Films", country="GB", role="majority")
    data = {
        "name": " Nia New ",
        "email": "Nia@Example.test",
        "phone": "07911 123456",  # national: read in the lead co-producer's country
        "position": team.position("Camera Operator").pk,
    }
    producer = team.users["producer"]

    if surface == "csv":
        outcome = _csv_import(
            client,
            team,
            producer,
            f"name,email,phone,position\n{data['name']},{data['email']},{data['phone']},"
            "Camera Operator\n",
        )
    else:
        outcome = _add_crew(
            surface, team, client if surface == "page" else api_client, producer, data
        )

    assert outcome.kind == "ok", outcome
    assert _person_row(team, name="Nia New") == (
        "Nia New",
        "nia@example.test",
        "+447911123456",
        None,
        [("Camera Operator", "Camera", "offered")],
    )


# A taken e-mail: an error on the field, naming only someone the viewer may see ----------


@pytest.fixture
def gil(team: Team) -> Any:
    """A grip who shares nothing: the Grip head sees his e-mail, the Camera head does not."""
    _, person, _ = add_member(
        team.production, "crew", department="Grip", name="Gil Grip", email="gil@example.test"
    )
    return person


@pytest.mark.parametrize("surface", PAGE_API)
@pytest.mark.parametrize(
    ("role", "department", "position", "who"),
    [
        ("producer", "Sound", "Boom Operator", "Gil Grip"),
        # The Camera head, who may not see Gil's e-mail, is not told at all:
        # tests/crew/test_email_clash_privacy.py.
        ("hod_other", "Grip", "Dolly Grip", "Gil Grip"),
    ],
)
def test_adding_someone_with_a_taken_email_names_the_holder_only_to_who_may_see_it(
    client, api_client, team, gil, surface, role, department, position, who
):
    data = {
        "name": "Gil Twin",
        "email": "GIL@example.test",
        "position": team.position(position).pk,
        "department": team.department(department).pk,
    }

    outcome = _add_crew(
        surface, team, client if surface == "page" else api_client, team.users[role], data
    )

    assert outcome.kind == "invalid"
    assert outcome.errors == {"email": [f"{who} on this production already has that e-mail."]}
    assert _person_row(team, name="Gil Twin") is None


# Editing a person: producers everything, the person their own details -------------------


def _edit_person(
    surface: str, team: Team, client: Any, user: Any, changes: dict[str, Any]
) -> Outcome:
    person = team.subject
    if surface == "page":
        form = {
            "name": person.name,
            "pronouns": person.pronouns,
            "email": person.email,
            "phone": person.phone,
            "address": person.address,
            "language": person.language,
            "time_zone": person.time_zone,
            "emergency_contact_name": person.emergency_contact_name,
            "emergency_contact_phone": person.emergency_contact_phone,
            "dietary_notes": person.dietary_notes,
            "share_email": "on" if person.share_email else "",
            "share_phone": "on" if person.share_phone else "",
        }
        form.update(
            {k: ("on" if v is True else "" if v is False else v) for k, v in changes.items()}
        )
        url = _page_url("crew:person-edit", team, person_id=person.pk)
        return _page_outcome(_page(client, user).post(url, form))
    url = _api_url(team, f"crew/{team.engagement.pk}/")
    return _api_outcome(_api(client, user).patch(url, changes, format="json"))


def _subject(team: Team) -> tuple[Any, ...]:
    p = Person.objects.get(pk=team.subject.pk)
    return (p.name, p.pronouns, p.email, p.phone, p.address, p.share_email, p.share_phone)


@pytest.mark.parametrize("surface", PAGE_API)
@pytest.mark.parametrize("role", ROLES)
def test_a_persons_details_are_changed_by_producers_and_themself_on_every_surface(
    client, api_client, team, role, surface
):
    team.production.co_producers.create(name="Quay Films", country="GB", role="majority")
    before = _subject(team)
    changes = {"pronouns": "they/them", "phone": "07911 123456", "share_phone": True}

    outcome = _edit_person(
        surface, team, client if surface == "page" else api_client, team.users[role], changes
    )

    if role in ("producer", "crew_self"):
        assert outcome.kind == "ok", outcome
        name, _, email, _, address, share_email, _ = before
        assert _subject(team) == (
            name,
            "they/them",
            email,
            "+447911123456",
            address,
            share_email,
            True,
        )
    else:
        assert outcome.kind == "forbidden"
        assert _subject(team) == before


def test_the_person_may_not_rename_themself_over_the_api_either(api_client, team):
    # The page's form for one's own details has no name field at all.
    url = _api_url(team, f"crew/{team.engagement.pk}/")

    response = _api(api_client, team.users["crew_self"]).patch(url, {"name": "Samantha"})

    assert response.status_code == 403
    assert _subject(team)[0] == "Sam Subject"


@pytest.mark.parametrize("surface", PAGE_API)
def test_taking_someone_elses_email_for_oneself_writes_nothing_and_tells_nothing(
    client, api_client, team, gil, surface
):
    before = _subject(team)

    outcome = _edit_person(
        surface,
        team,
        client if surface == "page" else api_client,
        team.users["crew_self"],
        {"email": "gil@example.test"},
    )

    # The answer of any new address (a link goes to it: tests/crew/test_email_clash_privacy).
    assert outcome.kind == "ok"
    assert _subject(team) == before


# Editing an engagement: producers, and the head of its department ------------------------


def _edit_engagement(
    surface: str, team: Team, client: Any, user: Any, changes: dict[str, Any]
) -> Outcome:
    engagement = team.engagement
    if surface == "page":
        form = {
            "position": engagement.position_id,
            "department": engagement.department_id,
            "start_date": "",
            "end_date": "",
            "call_offset_minutes": engagement.call_offset_minutes,
            "status": engagement.status,
            "notes": engagement.notes,
            **changes,
        }
        url = _page_url("crew:engagement-edit", team, engagement_id=engagement.pk)
        return _page_outcome(_page(client, user).post(url, form))
    url = _api_url(team, f"crew/{engagement.pk}/")
    return _api_outcome(_api(client, user).patch(url, changes, format="json"))


def _engagement(team: Team) -> tuple[Any, ...]:
    e = Engagement.objects.select_related("position", "department").get(pk=team.engagement.pk)
    department = e.department.name if e.department else None
    return (e.position.title, department, e.status, e.call_offset_minutes, e.notes)


@pytest.mark.parametrize("surface", PAGE_API)
@pytest.mark.parametrize("role", ROLES)
def test_an_engagement_is_edited_by_producers_and_its_departments_head_everywhere(
    client, api_client, team, role, surface
):
    before = _engagement(team)
    changes = {"status": "confirmed", "call_offset_minutes": -45, "notes": "Long lens."}

    outcome = _edit_engagement(
        surface, team, client if surface == "page" else api_client, team.users[role], changes
    )

    if role in ("producer", "hod"):
        assert outcome.kind == "ok", outcome
        assert _engagement(team) == (before[0], "Camera", "confirmed", -45, "Long lens.")
    else:
        assert outcome.kind == "forbidden"
        assert _engagement(team) == before


@pytest.mark.parametrize("surface", PAGE_API)
@pytest.mark.parametrize(
    "changes",
    [{"position": "Gaffer"}, {"position": "Gaffer", "department": "Camera"}],
    ids=["follow-the-position", "keep-the-department"],
)
def test_a_department_head_may_not_move_an_engagement_to_another_departments_position(
    client, api_client, team, surface, changes
):
    before = _engagement(team)
    body = {"position": team.position(changes["position"]).pk}
    if "department" in changes:
        body["department"] = team.department(changes["department"]).pk
    elif surface == "page":
        body["department"] = team.position(changes["position"]).department_id

    outcome = _edit_engagement(
        surface, team, client if surface == "page" else api_client, team.users["hod"], body
    )

    assert outcome.kind in ("forbidden", "invalid")
    assert _engagement(team) == before


# Unavailable dates: who sees them, their reason, and who changes them --------------------


@pytest.mark.parametrize("surface", PAGE_API)
@pytest.mark.parametrize("role", ROLES)
def test_unavailable_dates_are_seen_and_changed_by_the_same_roles_everywhere(
    client, api_client, team, role, surface
):
    Unavailability.objects.create(
        person=team.subject,
        start_date="2030-07-01",
        end_date="2030-07-02",
        reason="Sister's wedding",
    )
    user = team.users[role]
    body = {"start_date": "2030-08-01", "end_date": "2030-08-03", "reason": "Festival"}
    if surface == "page":
        page = _page(client, user)
        html = page.get(_page_url("crew:person", team, person_id=team.subject.pk)).content.decode()
        sees = 'id="unavailability"' in html
        sees_reason = "Sister's wedding" in html or "Sister&#x27;s wedding" in html
        url = _page_url("crew:unavailability-add", team, person_id=team.subject.pk)
        changed = _page_outcome(page.post(url, body))
    else:
        api = _api(api_client, user)
        dates = _api_url(team, f"crew/{team.engagement.pk}/unavailability/")
        listed = api.get(dates)
        sees = listed.status_code == 200
        sees_reason = sees and "reason" in listed.json()["results"][0]
        changed = _api_outcome(api.post(dates, body))

    assert sees is (role != "crew_other")
    assert sees_reason is (role in ("producer", "crew_self"))
    if role in ("producer", "crew_self"):
        assert changed.kind == "ok"
        assert team.subject.unavailabilities.count() == 2
    else:
        assert changed.kind == "forbidden"
        assert team.subject.unavailabilities.count() == 1


# What a viewer sees of a person: page, API and CSV export agree -------------------------


def _seen(surface: str, team: Team, client: Any, user: Any) -> dict[str, str]:
    """The subject's fields as a surface shows them (absent: not shown)."""
    if surface == "api":
        url = _api_url(team, f"crew/{team.engagement.pk}/")
        row = _api(client, user).get(url).json()
        return {k: str(v) for k, v in row.items() if v not in ("", None)}
    if surface == "csv":
        response = _page(client, user).get(_page_url("crew:export", team))
        text = response.content.decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        row = next(r for r in rows if r["name"] == "Sam Subject")
        return {k: v for k, v in row.items() if v}
    html = _page(client, user).get(_page_url("crew:person", team, person_id=team.subject.pk))
    content = html.content.decode()
    shown = {
        "email": team.subject.email,
        "phone": "+447911000222",
        "address": "1 Quay Street",
        "notes": "Long lens.",
    }
    return {
        k: v for k, v in shown.items() if v in content or (k == "phone" and "tel:" + v in content)
    }


SEES = {
    # role: (contacts, private details, department notes)
    "producer": (True, True, True),
    "ad": (True, True, False),
    "hod": (True, False, True),
    "hod_other": (False, False, False),
    "director": (False, False, False),
    "crew_self": (True, True, False),
    "crew_other": (False, False, False),
}


@pytest.mark.parametrize("surface", PAGE_API_CSV)
@pytest.mark.parametrize("role", ROLES)
def test_contacts_private_details_and_notes_show_alike_on_every_surface(
    client, api_client, team, role, surface
):
    Engagement.objects.filter(pk=team.engagement.pk).update(notes="Long lens.")
    contacts, private, notes = SEES[role]

    seen = _seen(surface, team, client if surface != "api" else api_client, team.users[role])

    assert ("email" in seen, "phone" in seen) == (contacts, contacts)
    assert ("address" in seen) is private
    assert ("notes" in seen) is notes


# Deadlines: whoever manages them, and the deadline's owners, mark them done -------------


@pytest.mark.parametrize("surface", PAGE_API)
@pytest.mark.parametrize("role", ROLES)
def test_a_deadline_is_completed_by_the_same_roles_everywhere(
    client, api_client, team, role, surface
):
    deadline = Deadline.objects.create(
        production=team.production, title="Lens test", due=timezone.now()
    )
    deadline.owners.add(team.subject)
    user = team.users[role]

    if surface == "page":
        url = reverse(
            "productions:deadline-done",
            kwargs={"production_id": team.production.pk, "deadline_id": deadline.pk},
        )
        outcome = _page_outcome(_page(client, user).post(url))
        listed = _page(client, user).get(
            reverse("productions:deadlines", kwargs={"production_id": team.production.pk})
        )
    else:
        url = _api_url(team, f"deadlines/{deadline.pk}/complete/")
        outcome = _api_outcome(_api(api_client, user).post(url))
        listed = None

    deadline.refresh_from_db()
    if role in ("producer", "crew_self"):
        assert outcome.kind == "ok"
        assert deadline.status == "done"
    else:
        assert outcome.kind == "forbidden"
        assert deadline.status == "open"
    if listed is not None:
        # Done now (or not theirs): no "Mark done" button either way.
        assert "Mark done" not in listed.content.decode()


# Buttons and links: shown exactly when the page behind them answers ----------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("whose", ["subject", "grip"])
def test_a_person_pages_buttons_lead_only_where_the_viewer_may_go(client, team, role, whose):
    _, grip, grip_engagement = add_member(team.production, "crew", department="Grip", name="Gus")
    person, engagement = (
        (team.subject, team.engagement) if whose == "subject" else (grip, grip_engagement)
    )
    page = _page(client, team.users[role])
    html = page.get(_page_url("crew:person", team, person_id=person.pk)).content.decode()
    links = {
        "Add an engagement": _page_url("crew:engagement-add", team, person_id=person.pk),
        "Edit engagement": _page_url("crew:engagement-edit", team, engagement_id=engagement.pk),
        "details": _page_url("crew:person-edit", team, person_id=person.pk),
        "Add dates": _page_url("crew:unavailability-add", team, person_id=person.pk),
    }

    for label, url in links.items():
        shown = f'href="{url}"' in html or f'action="{url}"' in html
        allowed = page.get(url).status_code == 200
        assert shown is allowed, (label, shown, allowed)


def test_a_department_head_sees_no_add_an_engagement_link_on_another_departments_person(
    client, team
):
    _, grip, _ = add_member(team.production, "crew", department="Grip", name="Gus")
    page = _page(client, team.users["hod"])

    html = page.get(_page_url("crew:person", team, person_id=grip.pk)).content.decode()

    assert "Add an engagement" not in html
    assert page.get(_page_url("crew:engagement-add", team, person_id=grip.pk)).status_code == 403

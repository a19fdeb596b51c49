"""A taken e-mail is reported only to viewers who may see who has it (issue 8, defect 5).

Crew records keep e-mails unique per production. Whoever sees everyone's contacts
(producers, ADs) writes an address directly and hears that it is taken, and by whom.
Anyone else who types an address that is free, or held by someone whose e-mail they may
not see, gets the same answer either way: the address is not written yet, a link goes to
it, and it is saved when its owner confirms. An address held by someone they *may* see
is reported as before (naming them). Every role, on the page and in the API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from crew.models import Department, Person, Position
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db

ROLES = ["producer", "ad", "hod", "hod_other", "director", "crew_self", "crew_other"]
SEES_GIL = {"producer", "ad", "hod_other"}  # all contacts, or head of Gil's department (Grip)
SURFACES = ["page", "api"]


@dataclass
class Team:
    production: Any
    users: dict[str, Any]
    people: dict[str, Any]
    engagements: dict[str, Any]

    def department(self, name: str) -> Department:
        return Department.objects.get(production=self.production, name=name)

    def position(self, title: str) -> Position:
        return Position.objects.get(production=self.production, title=title)


@pytest.fixture
def team() -> Team:
    producer = make_user(name="Pat Producer", email="pat@example.test")
    production = make_production(producer=producer, title="One Rule")
    users: dict[str, Any] = {}
    people: dict[str, Any] = {}
    engagements: dict[str, Any] = {}
    users["producer"], people["producer"], engagements["producer"] = add_member(
        production, "producer", department="Production", user=producer
    )
    for role, membership_role, department in [
        ("ad", "ad", "Direction"),
        ("hod", "hod", "Camera"),
        ("hod_other", "hod", "Grip"),
        ("director", "director", "Direction"),
        ("crew_self", "crew", "Camera"),
        ("crew_other", "crew", "Grip"),
    ]:
        user = make_user(name=role.replace("_", " ").title(), email=f"{role}@example.test")
        users[role], people[role], engagements[role] = add_member(
            production, membership_role, department=department, user=user
        )
    return Team(production, users, people, engagements)


@pytest.fixture
def gil(team: Team) -> Person:
    """A grip who shares nothing: seen by producers, ADs and the head of Grip only."""
    _, person, _ = add_member(
        team.production, "crew", department="Grip", name="Gil Grip", email="gil@example.test"
    )
    return person


@pytest.fixture(autouse=True)
def outbox(monkeypatch):
    def send_now(task: Any, **kwargs: Any) -> None:
        task.apply(kwargs=kwargs)

    monkeypatch.setattr("crew.email_confirmation.enqueue_after_commit", send_now, raising=False)
    mail.outbox.clear()
    return mail.outbox


@dataclass
class Answer:
    """What a surface said, with the address (and name) typed replaced, and ids."""

    status: int
    body: Any
    errors: Any = None


def _scrub(value: Any, words: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {
            k: ("<id>" if k in ("id", "person") else _scrub(v, words)) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_scrub(v, words) for v in value]
    if isinstance(value, str):
        for word, placeholder in words.items():
            value = value.replace(word, placeholder)
    return value


def _page_answer(response: Any, words: dict[str, str]) -> Answer:
    if response.status_code == 302:
        notes = [str(m) for m in get_messages(response.wsgi_request)]
        location = re.sub(r"/\d+/", "/N/", response["Location"])
        return Answer(302, _scrub([location, *notes], words))
    if response.status_code == 400:
        errors = {k: list(v) for k, v in response.context["form"].errors.items()}
        return Answer(400, None, errors)
    return Answer(response.status_code, None)


def _api_answer(response: Any, words: dict[str, str]) -> Answer:
    body: Any = response.json() if response.content else None
    if response.status_code == 400:
        return Answer(400, None, body["errors"])
    if response.status_code == 403:
        return Answer(403, None)
    return Answer(response.status_code, _scrub(body, words))


def edit_own_email(team: Team, role: str, surface: str, address: str) -> Answer:
    user, person = team.users[role], team.people[role]
    person.refresh_from_db()
    if surface == "page":
        client = Client()
        client.force_login(user)
        url = reverse(
            "crew:person-edit",
            kwargs={"production_id": team.production.pk, "person_id": person.pk},
        )
        form = {
            name: getattr(person, name)
            for name in (
                "name",
                "pronouns",
                "phone",
                "address",
                "language",
                "time_zone",
                "emergency_contact_name",
                "emergency_contact_phone",
                "dietary_notes",
            )
        }
        form["email"] = address
        return _page_answer(client.post(url, form), {address: "<address>"})
    api = APIClient()
    api.force_authenticate(user)
    url = f"/api/v1/productions/{team.production.pk}/crew/{team.engagements[role].pk}/"
    response = api.patch(url, {"email": address}, format="json")
    return _api_answer(response, {address: "<address>"})


def add_person(team: Team, role: str, surface: str, name: str, address: str) -> Answer:
    department = team.department("Camera" if role != "hod_other" else "Grip")
    position = team.position("Camera Operator" if role != "hod_other" else "Dolly Grip")
    user = team.users[role]
    if surface == "page":
        client = Client()
        client.force_login(user)
        response = client.post(
            reverse("crew:add", kwargs={"production_id": team.production.pk}),
            {
                "name": name,
                "email": address,
                "position": position.pk,
                "department": department.pk,
                "call_offset_minutes": "0",
                "status": "offered",
                "account": "none",
                "role": "crew",
            },
        )
        return _page_answer(response, {address: "<address>", name: "<name>"})
    api = APIClient()
    api.force_authenticate(user)
    api_response = api.post(
        f"/api/v1/productions/{team.production.pk}/crew/",
        {"name": name, "email": address, "position": position.pk, "department": department.pk},
        format="json",
    )
    return _api_answer(api_response, {address: "<address>", name: "<name>"})


def own_email(team: Team, role: str) -> str:
    return Person.objects.get(pk=team.people[role].pk).email


# Changing one's own e-mail ------------------------------------------------------------


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("role", ROLES)
def test_changing_ones_own_email_reveals_nothing_one_may_not_see(team, gil, role, surface):
    before = own_email(team, role)

    taken = edit_own_email(team, role, surface, "gil@example.test")
    after_taken = own_email(team, role)
    free = edit_own_email(team, role, surface, f"new-{role}@example.test")

    if role in SEES_GIL:
        assert taken.status == 400
        assert taken.errors == {"email": ["Gil Grip on this production already has that e-mail."]}
        assert after_taken == before
        assert free.status in (200, 302)
        if role in ("producer", "ad"):  # they see everyone's: written at once
            assert own_email(team, role) == f"new-{role}@example.test"
        else:  # the head of Grip sees Gil's, not everyone's: confirmed by its owner first
            assert own_email(team, role) == before
    else:
        assert taken == free  # the same answer, word for word, but for the address typed
        assert taken.status in (200, 302)
        assert after_taken == before  # nothing written until the owner confirms
        assert own_email(team, role) == before
        assert Person.objects.get(pk=gil.pk).email == "gil@example.test"


@pytest.mark.parametrize("surface", SURFACES)
def test_the_new_address_is_saved_once_its_owner_confirms(client, team, outbox, surface):
    edit_own_email(team, "crew_self", surface, "cai.new@example.test")
    [message] = outbox
    assert message.to == ["cai.new@example.test"]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body)
    assert link is not None
    path = link.group(1)

    page = client.get(path)
    assert page.status_code == 200
    assert own_email(team, "crew_self") == "crew_self@example.test"
    confirmed = client.post(path)

    assert confirmed.status_code == 200
    assert own_email(team, "crew_self") == "cai.new@example.test"
    assert client.post(path).status_code == 410  # used


def test_a_confirmed_address_someone_else_has_is_not_taken_and_producers_see_why(
    client, team, gil, outbox
):
    edit_own_email(team, "crew_self", "page", "gil@example.test")
    link = re.search(r"(/accounts/confirm-email/\S+/)", outbox[0].body)
    assert link is not None
    path = link.group(1)

    answer = client.post(path)

    assert answer.status_code == 200
    assert "already on another crew record" in answer.content.decode()
    assert own_email(team, "crew_self") == "crew_self@example.test"
    person_url = reverse(
        "crew:person",
        kwargs={"production_id": team.production.pk, "person_id": team.people["crew_self"].pk},
    )
    producer, hod = Client(), Client()
    producer.force_login(team.users["producer"])
    hod.force_login(team.users["hod"])
    assert "another crew record here has it" in producer.get(person_url).content.decode()
    seen_by_hod = hod.get(person_url).content.decode()
    assert "another crew record" not in seen_by_hod
    assert "Waiting for confirmation" in seen_by_hod


def test_an_unknown_confirmation_link_is_a_404(client):
    assert client.get("/accounts/confirm-email/nothing-here/").status_code == 404


# Adding a person ----------------------------------------------------------------------


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("role", ROLES)
def test_adding_a_person_reveals_no_address_one_may_not_see(team, gil, role, surface):
    taken = add_person(team, role, surface, "Gil Twin", "gil@example.test")
    free = add_person(team, role, surface, "Nia New", "nia@example.test")

    if role in ("producer", "hod_other"):  # they see Gil's e-mail: told, and by whom
        assert taken.status == 400
        assert taken.errors == {"email": ["Gil Grip on this production already has that e-mail."]}
        assert free.status in (201, 302)
        assert Person.objects.get(production=team.production, name="Nia New").email == (
            "nia@example.test" if role == "producer" else ""
        )
    elif role == "hod":  # does not see Gil: the same answer either way
        assert taken == free
        assert taken.status in (201, 302)
        for name in ("Gil Twin", "Nia New"):
            assert Person.objects.get(production=team.production, name=name).email == ""
        assert Person.objects.get(pk=gil.pk).email == "gil@example.test"
    else:
        assert taken == free
        assert taken.status == 403
    assert not Person.objects.filter(production=team.production, name="Gil Twin").exclude(email="")


def test_a_department_heads_addition_shows_the_address_waiting_for_confirmation(team, outbox):
    add_person(team, "hod", "api", "Nia New", "nia@example.test")
    nia = Person.objects.get(production=team.production, name="Nia New")
    api = APIClient()
    api.force_authenticate(team.users["hod"])

    row = api.get(f"/api/v1/productions/{team.production.pk}/crew/").json()["results"]
    [nia_row] = [r for r in row if r["person"] == nia.pk]

    assert nia_row["email"] == ""
    assert nia_row["email_pending"] == "nia@example.test"
    assert [m.to for m in outbox] == [["nia@example.test"]]


def _hod_adds_with_a_log_in(team: Team, name: str, address: str) -> Answer:
    client = Client()
    client.force_login(team.users["hod"])
    response = client.post(
        reverse("crew:add", kwargs={"production_id": team.production.pk}),
        {
            "name": name,
            "email": address,
            "position": team.position("Camera Operator").pk,
            "department": team.department("Camera").pk,
            "call_offset_minutes": "0",
            "status": "offered",
            "account": "invite",
            "role": "crew",
        },
    )
    return _page_answer(response, {address: "<address>", name: "<name>"})


def test_a_department_head_inviting_a_member_is_not_told_they_are_one(team, gil, monkeypatch):
    monkeypatch.setattr("productions.invitations.enqueue_after_commit", lambda task, **kwargs: None)
    member = _hod_adds_with_a_log_in(team, "Ada Again", "ad@example.test")  # the AD's login
    fresh = _hod_adds_with_a_log_in(team, "Nia New", "nia@example.test")

    assert member == fresh
    assert member.status == 302


def test_accepting_the_invitation_confirms_the_address_waiting_on_the_record(
    client, team, outbox, monkeypatch
):
    invitations: list[dict[str, Any]] = []
    monkeypatch.setattr(
        "productions.invitations.enqueue_after_commit",
        lambda task, **kwargs: invitations.append(kwargs),
    )
    _hod_adds_with_a_log_in(team, "Nia New", "nia@example.test")
    nia = Person.objects.get(production=team.production, name="Nia New")
    assert nia.email == ""
    link = re.search(r"(/accounts/invitations/\S+/)", invitations[0]["body"])
    assert link is not None

    client.post(
        link.group(1),
        {
            "action": "create",
            "name": "Nia",
            "new_password1": "Zx-long-enough-9",
            "new_password2": "Zx-long-enough-9",
        },
    )

    nia.refresh_from_db()
    assert nia.email == "nia@example.test"
    assert nia.user is not None
    assert nia.user.email == "nia@example.test"
    assert Person.objects.filter(production=team.production, user=nia.user).count() == 1


def test_guessing_confirmation_links_is_locked_out(client):
    for i in range(20):
        client.get(f"/accounts/confirm-email/guess-{i}/")

    assert client.get("/accounts/confirm-email/guess-last/").status_code == 429

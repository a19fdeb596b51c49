"""Every page that takes an id: outsiders get 404, members without the right get 403."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from crew.models import Character, Deadline, Department, Person, Unavailability
from productions.invitations import invitation_create
from productions.models import CoProducer, Invitation, Membership
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db


@dataclass
class Production:
    """One production's cast of users and one of each object a URL can point at."""

    production: Any
    producer: Any
    crew: Any
    hod: Any  # head of Camera
    person: Any  # a Grip crew member's record (not the viewer's)
    engagement: Any  # that Grip engagement
    membership: Any
    deadline: Any
    co_producer: Any
    character: Any  # played by the Grip crew member
    unavailability: Any  # of the Grip crew member
    department: Any  # Grip
    position: Any  # the Grip crew member's position
    invitation: Any  # waiting for an answer


def _production(title: str) -> Production:
    producer = make_user()
    production = make_production(producer=producer, title=title)
    crew, _, _ = add_member(production, "crew", department="Grip")
    hod, _, _ = add_member(production, "hod", department="Camera")
    member, person, engagement = add_member(production, "crew", department="Grip")
    deadline = Deadline.objects.create(
        production=production, title="Lock script", due=timezone.now() + timedelta(days=3)
    )
    co_producer = CoProducer.objects.create(production=production, name="Film AG", country="DE")
    character = Character.objects.create(
        production=production, name="BOSUN", cast_number=1, engagement=engagement
    )
    unavailability = Unavailability.objects.create(
        person=person, start_date=date(2025, 3, 3), end_date=date(2025, 3, 4), reason="Wedding"
    )
    return Production(
        production=production,
        producer=producer,
        crew=crew,
        hod=hod,
        person=person,
        engagement=engagement,
        membership=Membership.objects.get(production=production, user=member),
        deadline=deadline,
        co_producer=co_producer,
        character=character,
        unavailability=unavailability,
        department=Department.objects.get(production=production, name="Grip"),
        position=engagement.position,
        invitation=invitation_create(
            production=production, email="invited@example.test", role="crew", invited_by=producer
        ),
    )


@pytest.fixture
def ours() -> Production:
    return _production("Ours")


@pytest.fixture
def theirs() -> Production:
    return _production("Theirs")


# (method, URL name, the kwargs an object of the production gives)
PAGES: list[tuple[str, str, Any]] = [
    ("get", "productions:overview", lambda p: {}),
    ("get", "productions:settings", lambda p: {}),
    ("post", "productions:settings", lambda p: {}),
    ("post", "productions:co-producer-add", lambda p: {}),
    ("post", "productions:co-producer-remove", lambda p: {"co_producer_id": p.co_producer.pk}),
    ("get", "productions:members", lambda p: {}),
    ("post", "productions:member-invite", lambda p: {}),
    ("post", "productions:member-role", lambda p: {"membership_id": p.membership.pk}),
    ("post", "productions:member-remove", lambda p: {"membership_id": p.membership.pk}),
    ("post", "productions:invitation-resend", lambda p: {"invitation_id": p.invitation.pk}),
    ("post", "productions:invitation-cancel", lambda p: {"invitation_id": p.invitation.pk}),
    ("get", "productions:deadlines", lambda p: {}),
    ("get", "productions:deadline-new", lambda p: {}),
    ("get", "productions:deadline-edit", lambda p: {"deadline_id": p.deadline.pk}),
    ("post", "productions:deadline-done", lambda p: {"deadline_id": p.deadline.pk}),
    ("get", "crew:list", lambda p: {}),
    ("get", "crew:add", lambda p: {}),
    ("post", "crew:add", lambda p: {}),
    ("get", "crew:export", lambda p: {}),
    ("get", "crew:import", lambda p: {}),
    ("post", "crew:import", lambda p: {}),
    ("get", "crew:person", lambda p: {"person_id": p.person.pk}),
    ("get", "crew:person-edit", lambda p: {"person_id": p.person.pk}),
    ("post", "crew:person-edit", lambda p: {"person_id": p.person.pk}),
    ("get", "crew:engagement-add", lambda p: {"person_id": p.person.pk}),
    ("get", "crew:engagement-edit", lambda p: {"engagement_id": p.engagement.pk}),
    ("post", "crew:engagement-edit", lambda p: {"engagement_id": p.engagement.pk}),
    ("get", "crew:unavailability-add", lambda p: {"person_id": p.person.pk}),
    ("post", "crew:unavailability-add", lambda p: {"person_id": p.person.pk}),
    (
        "post",
        "crew:unavailability-delete",
        lambda p: {"person_id": p.person.pk, "unavailability_id": p.unavailability.pk},
    ),
    ("get", "crew:cast", lambda p: {}),
    ("post", "crew:cast", lambda p: {}),
    ("get", "crew:character-edit", lambda p: {"character_id": p.character.pk}),
    ("post", "crew:character-edit", lambda p: {"character_id": p.character.pk}),
    ("post", "crew:character-delete", lambda p: {"character_id": p.character.pk}),
    ("get", "crew:departments", lambda p: {}),
    ("post", "crew:department-add", lambda p: {}),
    ("get", "crew:department-edit", lambda p: {"department_id": p.department.pk}),
    ("post", "crew:department-edit", lambda p: {"department_id": p.department.pk}),
    ("post", "crew:department-delete", lambda p: {"department_id": p.department.pk}),
    ("post", "crew:position-add", lambda p: {}),
    ("get", "crew:position-edit", lambda p: {"position_id": p.position.pk}),
    ("post", "crew:position-edit", lambda p: {"position_id": p.position.pk}),
    ("post", "crew:position-delete", lambda p: {"position_id": p.position.pk}),
]


class _AnyObject:
    pk = 0

    def __getattr__(self, name: str) -> Any:
        return self


# Pages that also take the id of an object (person, engagement, deadline…).
OBJECT_PAGES = [page for page in PAGES if page[2](_AnyObject())]

PRODUCER_ONLY = [
    ("get", "productions:settings"),
    ("post", "productions:settings"),
    ("post", "productions:co-producer-add"),
    ("post", "productions:co-producer-remove"),
    ("get", "productions:members"),
    ("post", "productions:member-invite"),
    ("post", "productions:member-role"),
    ("post", "productions:member-remove"),
    ("post", "productions:invitation-resend"),
    ("post", "productions:invitation-cancel"),
    ("get", "productions:deadline-new"),
    ("get", "productions:deadline-edit"),
    ("get", "crew:add"),
    ("post", "crew:add"),
    ("get", "crew:import"),
    ("post", "crew:import"),
    ("get", "crew:person-edit"),
    ("post", "crew:person-edit"),
    ("get", "crew:engagement-add"),
    ("get", "crew:engagement-edit"),
    ("post", "crew:engagement-edit"),
    ("get", "crew:unavailability-add"),
    ("post", "crew:unavailability-add"),
    ("post", "crew:unavailability-delete"),
    ("post", "crew:cast"),
    ("get", "crew:character-edit"),
    ("post", "crew:character-edit"),
    ("post", "crew:character-delete"),
    ("get", "crew:departments"),
    ("post", "crew:department-add"),
    ("get", "crew:department-edit"),
    ("post", "crew:department-edit"),
    ("post", "crew:department-delete"),
    ("post", "crew:position-add"),
    ("get", "crew:position-edit"),
    ("post", "crew:position-edit"),
    ("post", "crew:position-delete"),
]


def _url(name: str, production: Production, kwargs: dict[str, Any]) -> str:
    return reverse(name, kwargs={"production_id": production.production.pk, **kwargs})


def _request(client, method: str, url: str):
    return getattr(client, method)(url, {})


def _page_id(page: tuple[str, str, Any]) -> str:
    return f"{page[0].upper()} {page[1]}"


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_a_member_of_another_production_gets_404(client, ours, theirs, page):
    method, name, kwargs = page
    client.force_login(theirs.producer)

    response = _request(client, method, _url(name, ours, kwargs(ours)))

    assert response.status_code == 404


@pytest.mark.parametrize("page", OBJECT_PAGES, ids=_page_id)
def test_another_productions_object_ids_answer_404_even_to_a_producer(client, ours, theirs, page):
    method, name, kwargs = page
    client.force_login(ours.producer)

    # Our production's URL, their object's id.
    response = _request(client, method, _url(name, ours, kwargs(theirs)))

    assert response.status_code == 404


@pytest.mark.parametrize(("method", "name"), PRODUCER_ONLY, ids=lambda v: str(v))
def test_a_crew_member_is_refused_producer_pages(client, ours, method, name):
    kwargs = next(k for m, n, k in PAGES if m == method and n == name)
    client.force_login(ours.crew)

    response = _request(client, method, _url(name, ours, kwargs(ours)))

    assert response.status_code == 403


def test_refused_actions_change_nothing(client, ours):
    client.force_login(ours.crew)

    client.post(_url("productions:member-remove", ours, {"membership_id": ours.membership.pk}))
    client.post(_url("productions:invitation-cancel", ours, {"invitation_id": ours.invitation.pk}))
    client.post(
        _url("productions:co-producer-remove", ours, {"co_producer_id": ours.co_producer.pk})
    )
    client.post(
        _url("crew:person-edit", ours, {"person_id": ours.person.pk}),
        {"email": "stolen@example.test", "language": "en"},
    )
    client.post(
        _url(
            "crew:unavailability-delete",
            ours,
            {"person_id": ours.person.pk, "unavailability_id": ours.unavailability.pk},
        )
    )
    client.post(_url("crew:character-delete", ours, {"character_id": ours.character.pk}))
    client.post(_url("crew:position-delete", ours, {"position_id": ours.position.pk}))
    client.post(_url("crew:department-add", ours, {}), {"department-name": "Catering"})

    assert Membership.objects.filter(pk=ours.membership.pk).exists()
    assert Invitation.objects.get(pk=ours.invitation.pk).status == "pending"
    assert Unavailability.objects.filter(pk=ours.unavailability.pk).exists()
    assert Character.objects.filter(pk=ours.character.pk).exists()
    assert not Department.objects.filter(name="Catering").exists()
    assert CoProducer.objects.filter(pk=ours.co_producer.pk).exists()
    assert Person.objects.get(pk=ours.person.pk).email != "stolen@example.test"


@pytest.mark.parametrize(
    "name",
    ["crew:engagement-edit", "crew:person-edit"],
)
def test_a_department_head_is_refused_another_departments_people(client, ours, name):
    client.force_login(ours.hod)  # heads Camera; the person is in Grip
    kwargs = (
        {"engagement_id": ours.engagement.pk}
        if name == "crew:engagement-edit"
        else {"person_id": ours.person.pk}
    )

    assert client.get(_url(name, ours, kwargs)).status_code == 403


@pytest.mark.parametrize(
    "name",
    ["productions:overview", "crew:list", "productions:deadlines", "crew:export", "crew:cast"],
)
def test_a_crew_member_may_read_the_shared_pages(client, ours, name):
    client.force_login(ours.crew)

    assert client.get(_url(name, ours, {})).status_code == 200


def test_the_outsider_with_no_membership_at_all_gets_404(client, ours):
    client.force_login(make_user())

    assert client.get(_url("productions:overview", ours, {})).status_code == 404
    assert client.get(_url("crew:person", ours, {"person_id": ours.person.pk})).status_code == 404

"""Every API route that takes an id: other productions get 404, crew get 403 on writes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from crew.deadlines import deadline_save
from crew.models import Character, Deadline, Department, Engagement, Position, Unavailability
from crew.services import character_save
from productions.invitations import invitation_create
from productions.models import CoProducer, Invitation, Membership, Production
from productions.services import co_producer_save
from tests.factories import add_member

pytestmark = pytest.mark.django_db

P = "/api/v1/productions/{production}"
DETAIL_ROUTES = {
    "production": P + "/",
    "member": P + "/members/{member}/",
    "co-producer": P + "/co-producers/{co_producer}/",
    "deadline": P + "/deadlines/{deadline}/",
    "department": P + "/departments/{department}/",
    "position": P + "/positions/{position}/",
    "crew": P + "/crew/{crew}/",
    "unavailability list": P + "/crew/{crew}/unavailability/",
    "unavailability": P + "/crew/{crew}/unavailability/{unavailability}/",
    "character": P + "/characters/{character}/",
    "invitation": P + "/invitations/{invitation}/",
}
COMPLETE = "/api/v1/productions/{production}/deadlines/{deadline}/complete/"

# (method, route) pairs a crew member may not use; the body is valid for producers.
PRODUCER_ONLY = [
    ("patch", DETAIL_ROUTES["production"], {"title": "Mine now"}),
    ("delete", DETAIL_ROUTES["production"], None),
    (
        "post",
        "/api/v1/productions/{production}/members/",
        {"email": "x@example.test", "role": "ad"},
    ),
    ("patch", DETAIL_ROUTES["member"], {"role": "producer"}),
    ("get", "/api/v1/productions/{production}/invitations/", None),
    ("get", DETAIL_ROUTES["invitation"], None),
    ("post", DETAIL_ROUTES["invitation"] + "resend/", None),
    ("delete", DETAIL_ROUTES["invitation"], None),
    ("delete", DETAIL_ROUTES["member"], None),
    ("post", "/api/v1/productions/{production}/co-producers/", {"name": "Co", "country": "FR"}),
    ("patch", DETAIL_ROUTES["co-producer"], {"name": "Renamed"}),
    ("delete", DETAIL_ROUTES["co-producer"], None),
    ("post", "/api/v1/productions/{production}/deadlines/", {"title": "T", "due": "2030-01-01"}),
    ("patch", DETAIL_ROUTES["deadline"], {"title": "Renamed"}),
    ("delete", DETAIL_ROUTES["deadline"], None),
    ("post", COMPLETE, None),
    ("post", "/api/v1/productions/{production}/departments/", {"name": "Drones"}),
    ("patch", DETAIL_ROUTES["department"], {"name": "Renamed"}),
    ("delete", DETAIL_ROUTES["department"], None),
    ("post", "/api/v1/productions/{production}/positions/", {"title": "Pilot"}),
    ("patch", DETAIL_ROUTES["position"], {"title": "Renamed"}),
    ("delete", DETAIL_ROUTES["position"], None),
    ("post", "/api/v1/productions/{production}/crew/", {"name": "New", "position": "{position}"}),
    ("patch", DETAIL_ROUTES["crew"], {"call_offset_minutes": -30}),
    ("delete", DETAIL_ROUTES["crew"], None),
    (
        "post",
        DETAIL_ROUTES["unavailability list"],
        {"start_date": "2030-01-01", "end_date": "2030-01-02"},
    ),
    ("delete", DETAIL_ROUTES["unavailability"], None),
    ("post", "/api/v1/productions/{production}/characters/", {"name": "EXTRA"}),
    ("patch", DETAIL_ROUTES["character"], {"cast_number": 9}),
    ("delete", DETAIL_ROUTES["character"], None),
]


def furnish(production: Production) -> dict[str, int]:
    """One of everything that has an id, owned by someone other than the test's viewer."""
    user, person, engagement = add_member(production, "crew", department="Grip")
    department = Department.objects.create(production=production, name="Drones")
    position = Position.objects.create(production=production, title="Pilot", department=department)
    unavailability = Unavailability.objects.create(
        person=person, start_date=dt.date(2030, 3, 1), end_date=dt.date(2030, 3, 2)
    )
    character = character_save(
        character=Character(production=production, name="Maya", cast_number=1)
    )
    deadline = deadline_save(
        deadline=Deadline(
            production=production, title="Script lock", due=timezone.now() + dt.timedelta(days=3)
        ),
        owner_ids=[person.pk],
    )
    co_producer = co_producer_save(
        co_producer=CoProducer(production=production, name="Nordfilm", country="DE")
    )
    return {
        "production": production.pk,
        "member": Membership.objects.get(production=production, user=user).pk,
        "co_producer": co_producer.pk,
        "deadline": deadline.pk,
        "department": department.pk,
        "position": position.pk,
        "crew": engagement.pk,
        "unavailability": unavailability.pk,
        "character": character.pk,
        "invitation": invitation_create(
            production=production,
            email="invited@example.test",
            role="crew",
            invited_by=Membership.objects.filter(production=production, role="producer")[0].user,
        ).pk,
    }


@pytest.fixture
def world(cast):
    """The cast's production ("here") and the outsider's ("there"), one of everything in each."""
    return {
        "producer": cast.producer.user,
        "here": furnish(cast.production),
        "there": furnish(cast.other_production),
        "there_producer": cast.outsider.user,
    }


def _call(api_client, method, url, body=None):
    return getattr(api_client, method)(url, body, format="json")


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
@pytest.mark.parametrize("route", DETAIL_ROUTES.values(), ids=DETAIL_ROUTES.keys())
def test_members_of_another_production_get_404(api_client, world, route, method):
    api_client.force_authenticate(world["there_producer"])

    response = _call(api_client, method, route.format(**world["here"]), {})

    assert response.status_code == 404
    assert response.json() == {"detail": "No such production.", "errors": {}}


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
@pytest.mark.parametrize(
    "route",
    [r for name, r in DETAIL_ROUTES.items() if name != "production"],
    ids=[name for name in DETAIL_ROUTES if name != "production"],
)
def test_an_id_from_another_production_is_404_even_to_a_producer_of_both(
    api_client, world, route, method
):
    there = Production.objects.get(pk=world["there"]["production"])
    Membership.objects.create(user=world["producer"], production=there, role="producer")
    api_client.force_authenticate(world["producer"])
    ids = {**world["there"], "production": world["here"]["production"]}

    response = _call(api_client, method, route.format(**ids), {})

    assert response.status_code == 404


def test_completing_another_productions_deadline_is_404(api_client, world):
    api_client.force_authenticate(world["producer"])
    ids = {**world["there"], "production": world["here"]["production"]}

    assert api_client.post(COMPLETE.format(**ids)).status_code == 404
    assert Deadline.objects.get(pk=ids["deadline"]).status == "open"


@pytest.mark.parametrize(
    ("method", "route", "body"),
    PRODUCER_ONLY,
    ids=[f"{m} {r.split('{production}')[1]}" for m, r, _ in PRODUCER_ONLY],
)
def test_crew_get_403_on_producer_only_actions_and_nothing_changes(
    api_client, cast, world, method, route, body
):
    here = cast.production
    api_client.force_authenticate(cast.crew.user)
    ids = world["here"]
    if isinstance(body, dict):
        body = {k: v.format(**ids) if isinstance(v, str) else v for k, v in body.items()}
    counts = _row_counts()

    response = _call(api_client, method, route.format(**ids), body)

    assert response.status_code == 403, response.content
    assert response.json()["detail"]
    assert _row_counts() == counts
    assert Production.objects.get(pk=here.pk).title == "Salt Road"


def test_producer_may_do_what_crew_may_not(api_client, world):
    """The 403s above are about the role, not broken routes."""
    api_client.force_authenticate(world["producer"])
    ids = world["here"]

    response = api_client.patch(
        DETAIL_ROUTES["character"].format(**ids), {"cast_number": 9}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["cast_number"] == 9


def test_every_list_route_answers_404_to_outsiders_and_401_to_anonymous(api_client, world):
    lists = [
        "members",
        "co-producers",
        "deadlines",
        "departments",
        "positions",
        "crew",
        "characters",
    ]
    base = f"/api/v1/productions/{world['here']['production']}/"

    assert {api_client.get(base + name + "/").status_code for name in lists} == {401}
    api_client.force_authenticate(world["there_producer"])
    assert {api_client.get(base + name + "/").status_code for name in lists} == {404}


def _row_counts():
    return [
        model.objects.count()
        for model in (
            Production,
            Membership,
            CoProducer,
            Deadline,
            Department,
            Position,
            Engagement,
            Unavailability,
            Character,
            Invitation,
        )
    ] + [
        list(Invitation.objects.values_list("status", "token_hash")),
        list(Deadline.objects.values_list("title", "status")),
        list(Character.objects.values_list("cast_number", flat=True)),
        list(Engagement.objects.values_list("call_offset_minutes", flat=True)),
    ]


@pytest.mark.parametrize(
    "route",
    [r for name, r in DETAIL_ROUTES.items() if name not in ("production", "unavailability list")],
    ids=[n for n in DETAIL_ROUTES if n not in ("production", "unavailability list")],
)
def test_delete_with_a_current_if_match_succeeds_and_a_stale_one_is_412(api_client, world, route):
    api_client.force_authenticate(world["producer"])
    target = route.format(**world["here"])
    etag = api_client.get(target)["ETag"]

    stale = api_client.delete(target, HTTP_IF_MATCH='"0000"')
    current = api_client.delete(target, HTTP_IF_MATCH=etag)

    assert stale.status_code == 412
    assert current.status_code == 204
    assert api_client.get(target).status_code == 404

"""Departments, positions, characters and unavailability over REST."""

from __future__ import annotations

import pytest

from crew.models import Character, Department, Position, Unavailability
from productions.models import Membership
from tests.factories import add_crew, add_member, make_production

pytestmark = pytest.mark.django_db


@pytest.fixture
def production():
    return make_production(title="Salt Road")


@pytest.fixture
def producer(production):
    return Membership.objects.get(production=production, role="producer").user


def url(production, resource, item=None):
    base = f"/api/v1/productions/{production.pk}/{resource}/"
    return f"{base}{item}/" if item else base


def test_everyone_reads_departments_and_positions_in_call_sheet_order(api_client, production):
    crew, _, _ = add_member(production, "crew")
    api_client.force_authenticate(crew)

    departments = api_client.get(url(production, "departments"), {"page_size": 100}).json()
    positions = api_client.get(url(production, "positions"), {"page_size": 200}).json()

    names = [d["name"] for d in departments["results"]]
    assert names[:3] == ["Production", "Direction", "Camera"]
    camera = departments["results"][2]["id"]
    dp = next(p for p in positions["results"] if p["title"] == "Director of Photography")
    assert (dp["department"], dp["is_head_of_department"]) == (camera, True)


def test_producer_manages_departments(api_client, production, producer):
    api_client.force_authenticate(producer)

    created = api_client.post(url(production, "departments"), {"name": " Drones ", "order": 95})
    duplicate = api_client.post(url(production, "departments"), {"name": "camera"})
    renamed = api_client.patch(
        url(production, "departments", created.json()["id"]), {"name": "UAV"}
    )
    deleted = api_client.delete(url(production, "departments", created.json()["id"]))

    assert created.status_code == 201
    assert created.json()["name"] == "Drones"
    assert duplicate.status_code == 400
    assert "already has a department with that name" in str(duplicate.json()["errors"])
    assert renamed.json()["name"] == "UAV"
    assert deleted.status_code == 204


def test_a_department_or_position_in_use_cannot_be_deleted(api_client, production, producer):
    [engagement] = add_crew(production, 1, department="Grip")
    api_client.force_authenticate(producer)

    department = api_client.delete(url(production, "departments", engagement.department_id))
    position = api_client.delete(url(production, "positions", engagement.position_id))

    assert department.status_code == 409
    assert department.json() == {
        "detail": "1 engagement still uses Grip. Move them to another department or position "
        "first.",
        "errors": {},
    }
    assert position.status_code == 409
    assert Department.objects.filter(pk=engagement.department_id).exists()


def test_positions_belong_to_a_department_of_the_same_production(api_client, production, producer):
    other = make_production()
    api_client.force_authenticate(producer)
    grip = Department.objects.get(production=production, name="Grip")

    created = api_client.post(
        url(production, "positions"), {"title": "Crane Tech", "department": grip.pk}
    )
    foreign = api_client.post(
        url(production, "positions"),
        {"title": "Spy", "department": Department.objects.get(production=other, name="Grip").pk},
    )

    assert created.status_code == 201
    assert created.json()["department"] == grip.pk
    assert foreign.status_code == 400
    assert set(foreign.json()["errors"]) == {"department"}
    assert not Position.objects.filter(title="Spy").exists()


def test_ads_and_producers_write_characters_linked_to_cast(api_client, production):
    ad, _, _ = add_member(production, "ad", department="Direction")
    _, _, actor = add_member(production, "crew", department="Cast", name="Mara Quinn")
    hod, _, _ = add_member(production, "hod", department="Camera")
    api_client.force_authenticate(ad)

    created = api_client.post(
        url(production, "characters"),
        {"name": "Maya", "cast_number": 1, "engagement": actor.pk},
        format="json",
    )
    taken = api_client.post(url(production, "characters"), {"name": "Ruth", "cast_number": 1})
    zero = api_client.post(url(production, "characters"), {"name": "Ruth", "cast_number": 0})
    api_client.force_authenticate(hod)
    refused = api_client.post(url(production, "characters"), {"name": "Ruth"})
    listed = api_client.get(url(production, "characters")).json()["results"]

    assert created.status_code == 201, created.json()
    assert created.json() == {
        "id": created.json()["id"],
        "name": "MAYA",
        "cast_number": 1,
        "engagement": actor.pk,
        "actor": "Mara Quinn",
    }
    assert taken.status_code == 400
    assert taken.json()["errors"] == {
        "cast_number": [
            "Cast ID 1 is already MAYA. Give MAYA another ID first, or choose a free one."
        ]
    }
    assert set(zero.json()["errors"]) == {"cast_number"}
    assert refused.status_code == 403
    assert [c["name"] for c in listed] == ["MAYA"]


def test_character_cannot_link_another_productions_engagement(api_client, production, producer):
    [foreign] = add_crew(make_production(), 1, department="Cast")
    api_client.force_authenticate(producer)

    response = api_client.post(
        url(production, "characters"), {"name": "Maya", "engagement": foreign.pk}
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"engagement"}
    assert not Character.objects.exists()


def test_a_person_records_and_removes_their_own_unavailability(api_client, production):
    user, person, engagement = add_member(production, "crew", department="Sound")
    api_client.force_authenticate(user)
    dates = url(production, f"crew/{engagement.pk}/unavailability")

    created = api_client.post(
        dates, {"start_date": "2030-07-01", "end_date": "2030-07-04", "reason": "Festival"}
    )
    backwards = api_client.post(dates, {"start_date": "2030-07-10", "end_date": "2030-07-01"})
    removed = api_client.delete(f"{dates}{created.json()['id']}/")

    assert created.status_code == 201
    assert created.json()["reason"] == "Festival"
    assert backwards.status_code == 400
    assert set(backwards.json()["errors"]) == {"end_date"}
    assert removed.status_code == 204
    assert not Unavailability.objects.filter(person=person).exists()


def test_producer_records_dates_for_anyone_others_may_not(api_client, production, producer):
    [engagement] = add_crew(production, 1, department="Sound")
    hod, _, _ = add_member(production, "hod", department="Sound")
    dates = url(production, f"crew/{engagement.pk}/unavailability")
    body = {"start_date": "2030-07-01", "end_date": "2030-07-01", "reason": "Surgery"}

    api_client.force_authenticate(hod)
    refused = api_client.post(dates, body)
    api_client.force_authenticate(producer)
    created = api_client.post(dates, body)

    assert refused.status_code == 403
    assert created.status_code == 201
    assert Unavailability.objects.get().person_id == engagement.person_id


def test_overlapping_unavailability_is_refused_over_the_api_too(api_client, production):
    user, person, engagement = add_member(production, "crew", department="Sound")
    api_client.force_authenticate(user)
    dates = url(production, f"crew/{engagement.pk}/unavailability")
    api_client.post(dates, {"start_date": "2030-07-01", "end_date": "2030-07-04"})

    overlapping = api_client.post(dates, {"start_date": "2030-07-03", "end_date": "2030-07-08"})

    assert overlapping.status_code == 400
    assert "overlaps" in overlapping.json()["errors"]["non_field_errors"][0]
    assert Unavailability.objects.filter(person=person).count() == 1

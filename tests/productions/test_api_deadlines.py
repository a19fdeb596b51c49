"""Deadlines over REST: overdue first, mine, completing as an owner."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from crew.deadlines import deadline_save
from crew.models import Deadline, Department
from productions.models import Membership
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def production():
    return make_production(title="Salt Road")


@pytest.fixture
def producer(production):
    return Membership.objects.get(production=production, role="producer").user


def url(production, deadline_id=None, suffix=""):
    base = f"/api/v1/productions/{production.pk}/deadlines/"
    return f"{base}{deadline_id}/{suffix}" if deadline_id else base


def deadline(production, title, days, owners=(), status="open"):
    return deadline_save(
        deadline=Deadline(
            production=production,
            title=title,
            due=timezone.now() + dt.timedelta(days=days),
            status=status,
        ),
        owner_ids=[p.pk for p in owners],
    )


def test_producer_creates_a_deadline_with_owners_and_department(api_client, production, producer):
    _, dp, _ = add_member(production, "hod", department="Camera")
    camera = Department.objects.get(production=production, name="Camera")
    api_client.force_authenticate(producer)

    response = api_client.post(
        url(production),
        {
            "title": "Camera tests",
            "due": "2030-02-01T09:00:00+01:00",
            "owners": [dp.pk],
            "department": camera.pk,
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["owners"], body["department"], body["status"]) == ([dp.pk], camera.pk, "open")
    assert body["due"] == "2030-02-01T08:00:00Z"
    assert body["overdue"] is False


def test_owners_and_departments_from_another_production_are_refused(
    api_client, production, producer
):
    other = make_production()
    _, stranger, _ = add_member(other, "crew")
    api_client.force_authenticate(producer)

    response = api_client.post(
        url(production),
        {
            "title": "Lock",
            "due": "2030-02-01T09:00:00Z",
            "owners": [stranger.pk],
            "department": Department.objects.get(production=other, name="Camera").pk,
        },
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"owners", "department"}
    assert not Deadline.objects.exists()


def test_list_puts_overdue_first_and_filters(api_client, production, producer):
    _, me_person, _ = add_member(production, "hod", user=make_user(), department="Art")
    me = me_person.user
    deadline(production, "Later", 10, owners=[me_person])
    deadline(production, "Late", -2)
    deadline(production, "Soon", 1, owners=[me_person])
    deadline(production, "Done", -5, status="done")
    api_client.force_authenticate(me)

    def titles(query=None):
        response = api_client.get(url(production), query or {})
        assert response.status_code == 200, response.json()
        return [(d["title"], d["overdue"]) for d in response.json()["results"]]

    assert titles() == [("Late", True), ("Done", False), ("Soon", False), ("Later", False)]
    assert titles({"mine": "1"}) == [("Soon", False), ("Later", False)]
    assert titles({"status": "done"}) == [("Done", False)]
    assert api_client.get(url(production), {"status": "late"}).status_code == 400
    assert api_client.get(url(production), {"mine": "maybe"}).status_code == 400


def test_owners_and_producers_complete_others_may_not(api_client, production, producer):
    owner, owner_person, _ = add_member(production, "crew", department="Art")
    bystander, _, _ = add_member(production, "hod", department="Art")
    lock = deadline(production, "Set dressing done", 2, owners=[owner_person])
    api_client.force_authenticate(bystander)
    refused = api_client.post(url(production, lock.pk, "complete/"))
    api_client.force_authenticate(owner)
    done = api_client.post(url(production, lock.pk, "complete/"))
    again = api_client.post(url(production, lock.pk, "complete/"))

    assert refused.status_code == 403
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["overdue"]) == ("done", False)
    assert done.json()["completed_at"]
    assert again.json()["completed_at"] == done.json()["completed_at"]
    assert api_client.patch(url(production, lock.pk), {"title": "Mine"}).status_code == 403


def test_producer_edits_and_deletes(api_client, production, producer):
    lock = deadline(production, "Script lock", 3)
    api_client.force_authenticate(producer)

    renamed = api_client.patch(url(production, lock.pk), {"title": "Locked script", "owners": []})
    reopened = api_client.patch(url(production, lock.pk), {"status": "done"})
    bad = api_client.patch(url(production, lock.pk), {"due": "whenever"})
    deleted = api_client.delete(url(production, lock.pk))

    assert renamed.json()["title"] == "Locked script"
    assert reopened.json()["completed_at"]
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"due"}
    assert deleted.status_code == 204
    assert not Deadline.objects.exists()


def test_deadline_list_query_count_is_constant(
    api_client, production, producer, django_assert_max_num_queries
):
    _, person, _ = add_member(production, "crew")
    api_client.force_authenticate(producer)
    for size in (2, 40):
        for i in range(size):
            deadline(production, f"D{i}", i - 3, owners=[person])
        with django_assert_max_num_queries(5):
            response = api_client.get(url(production))
        assert response.status_code == 200

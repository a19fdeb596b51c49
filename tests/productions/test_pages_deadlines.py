"""Deadlines: mine and all, overdue first, producers manage, owners mark theirs done."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from crew.models import Deadline, DeadlineStatus
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer():
    return make_user(name="Pat Producer")


@pytest.fixture
def production(producer):
    return make_production(producer=producer, title="Harbour Lights", time_zone="Europe/Paris")


def _url(name, production, **kwargs):
    return reverse(name, kwargs={"production_id": production.pk, **kwargs})


def _deadline(production, title, days, *owners, **fields):
    deadline = Deadline.objects.create(
        production=production, title=title, due=timezone.now() + timedelta(days=days), **fields
    )
    deadline.owners.set(owners)
    return deadline


def test_overdue_first_with_a_badge_then_by_due_date(client, producer, production):
    _deadline(production, "Final mix", 20)
    _deadline(production, "Location contracts", -2)
    _deadline(production, "Script lock", 3)
    client.force_login(producer)

    html = client.get(_url("productions:deadlines", production)).content.decode()

    assert html.index("Location contracts") < html.index("Script lock") < html.index("Final mix")
    assert html.count("Overdue</span>") == 1


def test_mine_shows_only_deadlines_i_own(client, production):
    user, me, _ = add_member(production, "crew", department="Locations")
    _, someone, _ = add_member(production, "crew", department="Locations")
    _deadline(production, "Scout the harbour", 5, me)
    _deadline(production, "Permits", 5, someone)
    client.force_login(user)

    mine = client.get(_url("productions:deadlines", production), {"tab": "mine"})
    everyone = client.get(_url("productions:deadlines", production), {"tab": "all"})

    assert "Scout the harbour" in mine.content.decode()
    assert "Permits" not in mine.content.decode()
    assert "Permits" in everyone.content.decode()


def test_the_status_filter(client, producer, production):
    _deadline(production, "Open one", 5)
    _deadline(production, "Done one", -5, status="done", completed_at=timezone.now())
    client.force_login(producer)

    done = client.get(_url("productions:deadlines", production), {"status": "done"})
    nonsense = client.get(_url("productions:deadlines", production), {"status": "x", "tab": "y"})

    assert "Done one" in done.content.decode()
    assert "Open one" not in done.content.decode()
    assert nonsense.status_code == 200


def test_a_producer_creates_a_deadline_in_the_productions_time(client, producer, production):
    _, person, _ = add_member(production, "crew", department="Locations")
    locations = production.departments.get(name="Locations")
    client.force_login(producer)
    assert client.get(_url("productions:deadline-new", production)).status_code == 200

    response = client.post(
        _url("productions:deadline-new", production),
        {
            "title": "Sign the harbour contract",
            "due": "2026-06-01T18:00",
            "department": locations.pk,
            "owners": [person.pk],
            "status": "open",
        },
    )

    assert response.status_code == 302
    deadline = Deadline.objects.get(title="Sign the harbour contract")
    assert deadline.due == datetime(2026, 6, 1, 18, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert list(deadline.owners.all()) == [person]


def test_a_producer_edits_a_deadline(client, producer, production):
    deadline = _deadline(production, "Script lock", 3)
    client.force_login(producer)
    url = _url("productions:deadline-edit", production, deadline_id=deadline.pk)
    assert "Script lock" in client.get(url).content.decode()

    response = client.post(
        url, {"title": "Script lock (pink)", "due": "2026-06-02T09:30", "status": "missed"}
    )

    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.title == "Script lock (pink)"
    assert deadline.status == DeadlineStatus.MISSED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "due": "2026-06-01T18:00", "status": "open"}, "This field is required."),
        ({"title": "X", "due": "someday", "status": "open"}, "Enter a valid date/time."),
        ({"title": "X", "due": "2026-06-01T18:00", "status": "late"}, "Select a valid choice."),
        (
            {"title": "X", "due": "2026-06-01T18:00", "status": "open", "owners": ["999999"]},
            "Select a valid choice.",
        ),
    ],
)
def test_bad_deadlines_are_form_errors_and_save_nothing(
    client, producer, production, data, message
):
    client.force_login(producer)

    response = client.post(_url("productions:deadline-new", production), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Deadline.objects.exists()


def test_another_productions_person_cannot_own_my_deadline(client, producer, production):
    other = make_production(title="Elsewhere")
    _, stranger, _ = add_member(other, "crew", department="Grip")
    client.force_login(producer)

    response = client.post(
        _url("productions:deadline-new", production),
        {"title": "X", "due": "2026-06-01T18:00", "status": "open", "owners": [stranger.pk]},
    )

    assert response.status_code == 400
    assert not Deadline.objects.exists()


def test_an_owner_marks_their_deadline_done(client, production):
    user, me, _ = add_member(production, "crew", department="Locations")
    deadline = _deadline(production, "Scout the harbour", 1, me)
    client.force_login(user)

    page = client.get(_url("productions:deadlines", production)).content.decode()
    response = client.post(
        _url("productions:deadline-done", production, deadline_id=deadline.pk),
        {"tab": "mine", "status": "<script>"},
    )

    assert "Mark done" in page
    assert response.status_code == 302
    assert response["Location"].endswith("?tab=mine")
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.DONE
    assert deadline.completed_at is not None


def test_someone_elses_deadline_cannot_be_marked_done_by_crew(client, production):
    user, _, _ = add_member(production, "crew", department="Locations")
    _, someone, _ = add_member(production, "crew", department="Locations")
    deadline = _deadline(production, "Permits", 1, someone)
    client.force_login(user)

    page = client.get(_url("productions:deadlines", production), {"tab": "all"}).content.decode()
    response = client.post(_url("productions:deadline-done", production, deadline_id=deadline.pk))

    assert "Mark done" not in page
    assert response.status_code == 403
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.OPEN

"""Unavailable dates on a person's page: who adds and removes them, who sees the reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from crew.models import Unavailability
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db

REASON = "Sister's wedding in Porto"


@dataclass
class Team:
    production: Any
    producer: Any
    actor: Any  # the user whose record the dates are on
    person: Any  # their crew record
    other_crew: Any
    ad: Any
    hod: Any
    director: Any


@pytest.fixture
def team() -> Team:
    producer = make_user(name="Pat Producer")
    production = make_production(producer=producer, title="Harbour Lights")
    actor, person, _ = add_member(production, "crew", department="Cast", name="Ann Actor")
    other_crew, _, _ = add_member(production, "crew", department="Grip")
    ad, _, _ = add_member(production, "ad", department="Direction")
    hod, _, _ = add_member(production, "hod", department="Camera")
    director, _, _ = add_member(production, "director", department="Direction")
    return Team(production, producer, actor, person, other_crew, ad, hod, director)


def _person_url(team: Team) -> str:
    return reverse(
        "crew:person", kwargs={"production_id": team.production.pk, "person_id": team.person.pk}
    )


def _add_url(team: Team) -> str:
    return reverse(
        "crew:unavailability-add",
        kwargs={"production_id": team.production.pk, "person_id": team.person.pk},
    )


def _delete_url(team: Team, period: Unavailability) -> str:
    return reverse(
        "crew:unavailability-delete",
        kwargs={
            "production_id": team.production.pk,
            "person_id": team.person.pk,
            "unavailability_id": period.pk,
        },
    )


def _period(team: Team, start: date, end: date, reason: str = REASON) -> Unavailability:
    return Unavailability.objects.create(
        person=team.person, start_date=start, end_date=end, reason=reason
    )


# Adding ------------------------------------------------------------------------------------


def test_a_producer_adds_a_period_with_a_reason(client, team):
    client.force_login(team.producer)

    response = client.post(
        _add_url(team),
        {"start_date": "2025-06-02", "end_date": "2025-06-04", "reason": f"  {REASON} "},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == _person_url(team)
    period = Unavailability.objects.get(person=team.person)
    assert (period.start_date, period.end_date, period.reason) == (
        date(2025, 6, 2),
        date(2025, 6, 4),
        REASON,
    )
    html = response.content.decode()
    assert "Ann Actor: unavailable 2 Jun 2025 – 4 Jun 2025." in html
    assert "Mon 2 Jun 2025 – Wed 4 Jun 2025" in html
    assert "Sister&#x27;s wedding in Porto" in html


def test_the_person_adds_their_own_dates_and_sees_the_form_on_their_page(client, team):
    client.force_login(team.actor)

    page = client.get(_person_url(team)).content.decode()
    assert f'action="{_add_url(team)}"' in page
    assert "Only producers and you see it." in page

    response = client.post(_add_url(team), {"start_date": "2025-07-01", "reason": "Dentist"})

    assert response.status_code == 302
    period = Unavailability.objects.get(person=team.person)
    # No end date: one day.
    assert period.start_date == period.end_date == date(2025, 7, 1)
    assert period.reason == "Dentist"


@pytest.mark.parametrize("role", ["other_crew", "ad", "hod", "director"])
def test_others_may_not_add_or_remove_someone_elses_dates(client, team, role):
    period = _period(team, date(2025, 6, 2), date(2025, 6, 2))
    client.force_login(getattr(team, role))

    assert client.get(_add_url(team)).status_code == 403
    assert client.post(_add_url(team), {"start_date": "2025-08-01"}).status_code == 403
    assert client.post(_delete_url(team, period)).status_code == 403

    assert list(Unavailability.objects.filter(person=team.person)) == [period]
    assert f'action="{_add_url(team)}"' not in client.get(_person_url(team)).content.decode()


def test_an_end_before_the_start_is_refused_and_nothing_saved(client, team):
    client.force_login(team.producer)

    response = client.post(_add_url(team), {"start_date": "2025-06-04", "end_date": "2025-06-02"})

    assert response.status_code == 400
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Unavailability.objects.exists()


def test_a_missing_or_malformed_start_is_a_form_error(client, team):
    client.force_login(team.producer)

    response = client.post(_add_url(team), {"start_date": "next week", "end_date": ""})

    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()
    assert not Unavailability.objects.exists()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2025-06-01", "2025-06-02"),  # overlaps the first day
        ("2025-06-04", "2025-06-09"),  # overlaps the last day
        ("2025-06-03", "2025-06-03"),  # inside
        ("2025-05-30", "2025-06-10"),  # around
    ],
)
def test_an_overlapping_period_is_refused_with_the_period_it_overlaps(client, team, start, end):
    existing = _period(team, date(2025, 6, 2), date(2025, 6, 4))
    client.force_login(team.producer)

    response = client.post(_add_url(team), {"start_date": start, "end_date": end})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Ann Actor is already unavailable 2 Jun 2025 – 4 Jun 2025, which overlaps" in html
    assert "remove that period first" in html
    assert list(Unavailability.objects.all()) == [existing]


def test_adjacent_periods_and_other_peoples_periods_do_not_overlap(client, team):
    _period(team, date(2025, 6, 2), date(2025, 6, 4))
    _, someone_else, _ = add_member(team.production, "crew", department="Grip")
    Unavailability.objects.create(
        person=someone_else, start_date=date(2025, 6, 5), end_date=date(2025, 6, 5)
    )
    client.force_login(team.producer)

    assert client.post(_add_url(team), {"start_date": "2025-06-05"}).status_code == 302
    assert client.post(_add_url(team), {"start_date": "2025-06-01"}).status_code == 302

    assert Unavailability.objects.filter(person=team.person).count() == 3


def test_a_refused_add_shows_the_periods_already_there(client, team):
    _period(team, date(2025, 6, 2), date(2025, 6, 4))
    client.force_login(team.actor)

    html = client.post(_add_url(team), {"start_date": "2025-06-03"}).content.decode()

    assert "Already unavailable" in html
    assert "Mon 2 Jun 2025 – Wed 4 Jun 2025" in html
    assert "Sister&#x27;s wedding in Porto" in html  # their own reason


# Removing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["producer", "actor"])
def test_a_producer_or_the_person_removes_a_period(client, team, role):
    keep = _period(team, date(2025, 6, 10), date(2025, 6, 10))
    remove = _period(team, date(2025, 6, 2), date(2025, 6, 4))
    client.force_login(getattr(team, role))

    response = client.post(_delete_url(team, remove), follow=True)

    assert response.redirect_chain[-1][0] == _person_url(team)
    assert "no longer marked unavailable 2 Jun 2025 – 4 Jun 2025" in response.content.decode()
    assert list(Unavailability.objects.all()) == [keep]


def test_removing_needs_a_post(client, team):
    period = _period(team, date(2025, 6, 2), date(2025, 6, 4))
    client.force_login(team.producer)

    assert client.get(_delete_url(team, period)).status_code == 405
    assert Unavailability.objects.filter(pk=period.pk).exists()


def test_another_persons_period_cannot_be_removed_through_this_person(client, team):
    _, someone_else, _ = add_member(team.production, "crew", department="Grip")
    theirs = Unavailability.objects.create(
        person=someone_else, start_date=date(2025, 6, 5), end_date=date(2025, 6, 5)
    )
    client.force_login(team.actor)  # may edit their own dates, not someone_else's

    assert client.post(_delete_url(team, theirs)).status_code == 404
    assert Unavailability.objects.filter(pk=theirs.pk).exists()


def test_another_production_answers_404_and_changes_nothing(client, team):
    period = _period(team, date(2025, 6, 2), date(2025, 6, 4))
    outsider = make_user()
    make_production(producer=outsider, title="Elsewhere")
    client.force_login(outsider)

    assert client.get(_add_url(team)).status_code == 404
    assert client.post(_add_url(team), {"start_date": "2025-08-01"}).status_code == 404
    assert client.post(_delete_url(team, period)).status_code == 404
    assert list(Unavailability.objects.all()) == [period]


# Who sees what -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees_dates", "sees_reason"),
    [
        ("producer", True, True),
        ("actor", True, True),  # their own record
        ("ad", True, False),
        ("hod", True, False),
        ("director", True, False),
        ("other_crew", False, False),  # crew do not schedule: not their dates to see
    ],
)
def test_dates_show_to_schedulers_and_the_reason_only_to_producers_and_the_person(
    client, team, role, sees_dates, sees_reason
):
    _period(team, date(2025, 6, 2), date(2025, 6, 4))
    client.force_login(getattr(team, role))

    html = client.get(_person_url(team)).content.decode()

    assert ("Mon 2 Jun 2025 – Wed 4 Jun 2025" in html) is sees_dates
    assert ("wedding" in html) is sees_reason

"""Dates and times far from today: refused on every surface, harmless when already stored.

Every date and datetime a person types (production dates, engagement dates, unavailable
dates, deadlines) must fall between 1900-01-01 and 2200-12-31, on the pages, in the API
and in the CSV import, and a value outside that range is a field error. Rows stored
before that rule (or written straight to the database) must not break a page: the year
10000 a west-coast deadline on 31 December 9999 becomes in UTC, the year 0 of an eastern
one on 1 January 1, and the day past 9999 an eastern page would show are all read,
shown, edited and deleted without a server error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from crew.models import Deadline, Engagement, Unavailability
from productions.models import Production
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db

# Stored rows ---------------------------------------------------------------------------


@dataclass
class Stored:
    """A production holding every kind of far date, and the producer who reads it."""

    production: Production
    producer: Any
    deadlines: list[Deadline]
    engagement: Engagement
    unavailability: Unavailability


def _sql(statement: str, *params: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _stored(time_zone: str) -> Stored:
    producer = make_user(name="Pat Producer")
    production = make_production(producer=producer, title="Far Away", time_zone=time_zone)
    zone = ZoneInfo(time_zone)
    deadlines = [
        # 9999-12-31 23:00 typed in the production's zone: year 10000 in UTC if west.
        Deadline.objects.create(
            production=production, title="End of days", due=datetime(9999, 12, 31, 23, tzinfo=zone)
        ),
        # Just before the end of Python's calendar in UTC: past it in any eastern zone.
        Deadline.objects.create(
            production=production, title="Last hour", due=datetime(9999, 12, 31, 22, tzinfo=UTC)
        ),
        # The first hour of year 1, typed in the production's zone: year 0 in UTC if east.
        Deadline.objects.create(
            production=production, title="Day one", due=datetime(1, 1, 1, 1, tzinfo=zone)
        ),
    ]
    infinite = Deadline.objects.create(
        production=production, title="Infinity", due=datetime(2030, 1, 1, tzinfo=UTC)
    )
    _sql("UPDATE productions_deadline SET due = 'infinity' WHERE id = %s", infinite.pk)
    deadlines.append(infinite)
    _, person, engagement = add_member(production, "crew", department="Grip", name="Gus Grip")
    Engagement.objects.filter(pk=engagement.pk).update(
        start_date=date(1, 1, 1), end_date=date(9999, 12, 31)
    )
    Production.objects.filter(pk=production.pk).update(
        prep_start=date(1, 1, 1), shoot_start=date(9999, 12, 30), wrap_date=date(9999, 12, 31)
    )
    unavailability = Unavailability.objects.create(
        person=person, start_date=date(2030, 1, 1), end_date=date(2030, 1, 2)
    )
    # Past Python's calendar altogether: only SQL writes that.
    _sql(
        "UPDATE crew_unavailability SET start_date = '9999-12-31', end_date = '10000-01-02' "
        "WHERE id = %s",
        unavailability.pk,
    )
    return Stored(production, producer, deadlines, engagement, unavailability)


ZONES = ["America/Los_Angeles", "Pacific/Kiritimati"]  # UTC-8 and UTC+14


@pytest.fixture(params=ZONES)
def stored(request: Any) -> Stored:
    return _stored(request.param)


def _pages(s: Stored) -> list[str]:
    production = s.production.pk
    person = s.engagement.person_id
    urls = [
        reverse("productions:list"),
        reverse("productions:overview", kwargs={"production_id": production}),
        reverse("productions:settings", kwargs={"production_id": production}),
        reverse("productions:deadlines", kwargs={"production_id": production}),
        reverse("productions:deadlines", kwargs={"production_id": production}) + "?tab=all",
        reverse("crew:list", kwargs={"production_id": production}),
        reverse("crew:export", kwargs={"production_id": production}),
        reverse("crew:person", kwargs={"production_id": production, "person_id": person}),
        reverse(
            "crew:unavailability-add", kwargs={"production_id": production, "person_id": person}
        ),
        reverse(
            "crew:engagement-edit",
            kwargs={"production_id": production, "engagement_id": s.engagement.pk},
        ),
    ]
    urls += [
        reverse(
            "productions:deadline-edit", kwargs={"production_id": production, "deadline_id": d.pk}
        )
        for d in s.deadlines
    ]
    return urls


def _api(s: Stored) -> list[str]:
    base = f"/api/v1/productions/{s.production.pk}/"
    urls = [
        "/api/v1/productions/",
        base,
        f"{base}deadlines/",
        f"{base}crew/",
        f"{base}crew/{s.engagement.pk}/",
        f"{base}crew/{s.engagement.pk}/unavailability/",
        f"{base}crew/{s.engagement.pk}/unavailability/{s.unavailability.pk}/",
    ]
    return urls + [f"{base}deadlines/{d.pk}/" for d in s.deadlines]


def test_pages_with_far_dates_stored_answer_without_a_server_error(stored):
    client = Client(raise_request_exception=False)
    client.force_login(stored.producer)

    answers = {url: client.get(url).status_code for url in _pages(stored)}

    assert answers == dict.fromkeys(answers, 200)


def test_the_api_with_far_dates_stored_answers_without_a_server_error(stored):
    api = APIClient(raise_request_exception=False)
    api.force_authenticate(stored.producer)

    answers = {url: api.get(url).status_code for url in _api(stored)}

    assert answers == dict.fromkeys(answers, 200)


def test_a_far_deadline_is_edited_back_into_range_and_completed_on_the_page(stored):
    client = Client(raise_request_exception=False)
    client.force_login(stored.producer)
    production = stored.production.pk
    end_of_days, *_ = stored.deadlines
    edit = reverse(
        "productions:deadline-edit",
        kwargs={"production_id": production, "deadline_id": end_of_days.pk},
    )

    saved = client.post(edit, {"title": "End of days", "due": "2030-06-01T09:00", "status": "open"})
    done = [
        client.post(
            reverse(
                "productions:deadline-done", kwargs={"production_id": production, "deadline_id": pk}
            )
        ).status_code
        for pk in [d.pk for d in stored.deadlines]
    ]

    assert saved.status_code == 302
    end_of_days.refresh_from_db()
    assert end_of_days.due == datetime(2030, 6, 1, 9, tzinfo=ZoneInfo(stored.production.time_zone))
    assert done == [302] * len(stored.deadlines)


def test_far_deadlines_and_dates_are_deleted_over_the_api_and_on_the_page(stored):
    api = APIClient(raise_request_exception=False)
    api.force_authenticate(stored.producer)
    client = Client(raise_request_exception=False)
    client.force_login(stored.producer)
    base = f"/api/v1/productions/{stored.production.pk}/"

    deleted = [api.delete(f"{base}deadlines/{d.pk}/").status_code for d in stored.deadlines]
    removed = client.post(
        reverse(
            "crew:unavailability-delete",
            kwargs={
                "production_id": stored.production.pk,
                "person_id": stored.engagement.person_id,
                "unavailability_id": stored.unavailability.pk,
            },
        )
    )

    assert deleted == [204] * len(stored.deadlines)
    assert not Deadline.objects.filter(production=stored.production).exists()
    assert removed.status_code == 302
    assert not Unavailability.objects.filter(pk=stored.unavailability.pk).exists()


def test_a_far_unavailability_is_deleted_over_the_api(stored):
    api = APIClient(raise_request_exception=False)
    api.force_authenticate(stored.producer)
    url = (
        f"/api/v1/productions/{stored.production.pk}/crew/{stored.engagement.pk}/"
        f"unavailability/{stored.unavailability.pk}/"
    )

    assert api.delete(url).status_code == 204
    assert not Unavailability.objects.filter(pk=stored.unavailability.pk).exists()


# Typed dates -----------------------------------------------------------------------------

RANGE_ERROR = "Enter a date between 1900-01-01 and 2200-12-31."


@dataclass
class Team:
    production: Production
    producer: Any
    engagement: Engagement
    deadline: Deadline
    page: Client
    api: APIClient

    def url(self, name: str, **kwargs: Any) -> str:
        return reverse(name, kwargs={"production_id": self.production.pk, **kwargs})

    def api_url(self, path: str = "") -> str:
        return f"/api/v1/productions/{self.production.pk}/{path}"


@pytest.fixture
def team() -> Team:
    producer = make_user(name="Pat Producer")
    production = make_production(
        producer=producer, title="West Coast", time_zone="America/Los_Angeles"
    )
    _, _, engagement = add_member(production, "crew", department="Grip", name="Gus Grip")
    deadline = Deadline.objects.create(
        production=production, title="Script lock", due=datetime(2030, 1, 1, tzinfo=UTC)
    )
    page, api = Client(), APIClient()
    page.force_login(producer)
    api.force_authenticate(producer)
    return Team(production, producer, engagement, deadline, page, api)


def _form_errors(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 400, response.status_code
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def _api_errors(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 400, (response.status_code, response.content)
    errors: dict[str, list[str]] = response.json()["errors"]
    return errors


def _production_form(t: Team, **changes: str) -> dict[str, str]:
    return {
        "title": "West Coast",
        "kind": "feature",
        "status": "development",
        "time_zone": "America/Los_Angeles",
        "languages": "en",
        "revision_colours": "White",
        **changes,
    }


def _engagement_form(t: Team, **changes: str) -> dict[str, str]:
    return {
        "position": str(t.engagement.position_id),
        "department": str(t.engagement.department_id),
        "call_offset_minutes": "0",
        "status": "offered",
        **changes,
    }


def _crew_csv(t: Team, value: str) -> dict[str, list[str]]:
    upload = SimpleUploadedFile(
        "crew.csv", f"name,position,start_date\nNia,Grip,{value}\n".encode(), "text/csv"
    )
    response = t.page.post(t.url("crew:import"), {"file": upload})
    assert response.status_code == 400, response.status_code
    return {e.field or "": [e.message] for e in response.context["report"].errors}


def _write(t: Team, surface: str, field: str, value: str) -> dict[str, list[str]]:
    """Post ``value`` into ``field`` on ``surface``; the field errors answered."""
    body: dict[str, Any]
    position = t.engagement.position_id
    engagement = t.engagement.pk
    match surface:
        case "production page (new)":
            return _form_errors(
                t.page.post(reverse("productions:new"), _production_form(t, **{field: value}))
            )
        case "production page (settings)":
            return _form_errors(
                t.page.post(t.url("productions:settings"), _production_form(t, **{field: value}))
            )
        case "production API (create)":
            body = {"title": "Elsewhere", field: value}
            return _api_errors(t.api.post("/api/v1/productions/", body, format="json"))
        case "production API (change)":
            return _api_errors(t.api.patch(t.api_url(), {field: value}, format="json"))
        case "crew page (add)":
            form = _engagement_form(
                t, name="Nia New", account="none", role="crew", **{field: value}
            )
            return _form_errors(t.page.post(t.url("crew:add"), form))
        case "crew page (engagement)":
            url = t.url("crew:engagement-edit", engagement_id=engagement)
            return _form_errors(t.page.post(url, _engagement_form(t, **{field: value})))
        case "crew API (create)":
            body = {"name": "Nia New", "position": position, field: value}
            return _api_errors(t.api.post(t.api_url("crew/"), body, format="json"))
        case "crew API (change)":
            url = t.api_url(f"crew/{engagement}/")
            return _api_errors(t.api.patch(url, {field: value}, format="json"))
        case "crew CSV":
            return _crew_csv(t, value)
        case "unavailability page":
            url = t.url("crew:unavailability-add", person_id=t.engagement.person_id)
            return _form_errors(t.page.post(url, {"end_date": "", field: value}))
        case "unavailability API":
            url = t.api_url(f"crew/{engagement}/unavailability/")
            body = {"start_date": value, "end_date": value, field: value}
            return _api_errors(t.api.post(url, body, format="json"))
        case "deadline page (new)":
            form = {"title": "Wrap party", "status": "open", field: value}
            return _form_errors(t.page.post(t.url("productions:deadline-new"), form))
        case "deadline page (edit)":
            url = t.url("productions:deadline-edit", deadline_id=t.deadline.pk)
            return _form_errors(
                t.page.post(url, {"title": "Script lock", "status": "open", field: value})
            )
        case "deadline API (create)":
            body = {"title": "Wrap party", field: value}
            return _api_errors(t.api.post(t.api_url("deadlines/"), body, format="json"))
        case "deadline API (change)":
            url = t.api_url(f"deadlines/{t.deadline.pk}/")
            return _api_errors(t.api.patch(url, {field: value}, format="json"))
    raise AssertionError(surface)


DATE_FIELDS = [
    ("production page (new)", "shoot_start"),
    ("production page (settings)", "wrap_date"),
    ("production API (create)", "prep_start"),
    ("production API (change)", "shoot_end"),
    ("crew page (add)", "start_date"),
    ("crew page (engagement)", "end_date"),
    ("crew API (create)", "start_date"),
    ("crew API (change)", "end_date"),
    ("crew CSV", "start_date"),
    ("unavailability page", "start_date"),
    ("unavailability API", "end_date"),
]
DATETIME_FIELDS = [
    ("deadline page (new)", "due"),
    ("deadline page (edit)", "due"),
    ("deadline API (create)", "due"),
    ("deadline API (change)", "due"),
]


def _stored_dates(t: Team) -> tuple[Any, ...]:
    production = Production.objects.get(pk=t.production.pk)
    return (
        Production.objects.count(),
        production.prep_start,
        production.shoot_start,
        production.shoot_end,
        production.wrap_date,
        sorted(Engagement.objects.values_list("start_date", "end_date", "person__name")),
        list(Unavailability.objects.values_list("start_date", "end_date")),
        sorted(Deadline.objects.values_list("title", "due")),
    )


@pytest.mark.parametrize("value", ["9999-12-31", "2201-01-01", "1899-12-31", "0001-01-01"])
@pytest.mark.parametrize(("surface", "field"), DATE_FIELDS)
def test_a_date_outside_1900_to_2200_is_a_field_error_on_every_surface(team, surface, field, value):
    before = _stored_dates(team)

    errors = _write(team, surface, field, value)

    assert errors[field] == [RANGE_ERROR]
    assert _stored_dates(team) == before


@pytest.mark.parametrize(
    "value", ["9999-12-31T23:00", "2201-01-01T00:00", "1899-12-31T23:59", "0001-01-01T00:00"]
)
@pytest.mark.parametrize(("surface", "field"), DATETIME_FIELDS)
def test_a_time_outside_1900_to_2200_is_a_field_error_on_every_surface(team, surface, field, value):
    before = _stored_dates(team)
    if "API" in surface:
        value += ":00Z"

    errors = _write(team, surface, field, value)

    assert errors[field] == [RANGE_ERROR]
    assert _stored_dates(team) == before


def test_a_time_that_leaves_the_calendar_in_utc_is_a_field_error_in_the_api(team):
    # 9999-12-31 23:00 at UTC-8 is in year 10000 in UTC, past anything Python can hold.
    response = team.api.post(
        team.api_url("deadlines/"),
        {"title": "End of days", "due": "9999-12-31T23:00:00-08:00"},
        format="json",
    )

    assert list(_api_errors(response)) == ["due"]


def test_the_first_and_last_days_of_the_range_are_accepted(team):
    production = team.page.post(
        reverse("productions:new"),
        _production_form(team, title="Edges", prep_start="1900-01-01", wrap_date="2200-12-31"),
    )
    # The last minute of 2200 on the west coast is already 2201 in UTC: still accepted.
    deadline = team.page.post(
        team.url("productions:deadline-new"),
        {"title": "Last minute", "due": "2200-12-31T23:59", "status": "open"},
    )
    early = team.api.post(
        team.api_url("deadlines/"),
        {"title": "First minute", "due": "1900-01-01T00:00:00Z"},
        format="json",
    )

    assert (production.status_code, deadline.status_code, early.status_code) == (302, 302, 201)
    edges = Production.objects.get(title="Edges")
    assert (edges.prep_start, edges.wrap_date) == (date(1900, 1, 1), date(2200, 12, 31))

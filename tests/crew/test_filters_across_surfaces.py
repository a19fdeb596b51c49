"""One filter definition per list: page, API and CSV export return the same rows.

The crew list (``q``, ``department``, ``position``, ``status``) is read by the crew page,
``GET /api/v1/productions/{id}/crew/`` and the CSV export; the deadlines (``mine`` or the
page's ``tab``, ``status``) by the deadlines page and ``GET …/deadlines/``. For every
role and filter combination below, each surface returns the same rows in the same order.
A bad value is a 400 naming the parameter on the API and the default list on a page.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crew.models import (
    Character,
    Deadline,
    Department,
    Engagement,
    EngagementStatus,
    Person,
    Position,
)
from productions.models import Membership
from tests.factories import add_crew, add_member, make_production, make_user

pytestmark = pytest.mark.django_db

ROLES = ["producer", "hod", "crew"]


@pytest.fixture
def production():
    return make_production(title="Filters Everywhere")


def _engage(production, name, position, status=EngagementStatus.OFFERED):
    position = Position.objects.select_related("department").get(
        production=production, title=position
    )
    person = Person.objects.create(production=production, name=name)
    return Engagement.objects.create(
        production=production,
        person=person,
        position=position,
        department=position.department,
        status=status,
    )


@pytest.fixture
def viewers(production):
    """The three viewers; the department head runs Grip, the crew member is an electrician."""
    producer = Membership.objects.get(production=production, role="producer").user
    hod, _, _ = add_member(production, "hod", department="Grip", user=make_user(name="Hal Head"))
    crew, _, _ = add_member(
        production, "crew", department="Electric", user=make_user(name="Cody Crew")
    )
    return {"producer": producer, "hod": hod, "crew": crew}


@pytest.fixture
def crew(production, viewers):
    _engage(production, "Gus Grip", "Dolly Grip", EngagementStatus.CONFIRMED)
    _engage(production, "Greta Grip", "Grip")
    _engage(production, "Eli Spark", "Gaffer", EngagementStatus.CONFIRMED)
    _engage(production, "Ella Volt", "Best Boy Electric")
    _engage(production, "Cara Lens", "Camera Operator", EngagementStatus.WRAPPED)
    lead = _engage(production, "Ann Actor", "Lead Cast", EngagementStatus.CONFIRMED)
    Character.objects.create(production=production, name="DETECTIVE", engagement=lead)
    return production


def _resolve(production, spec):
    """Filter specs name departments and positions; the query carries their ids."""
    params = dict(spec)
    if "department" in params:
        params["department"] = Department.objects.get(
            production=production, name=params["department"]
        ).pk
    if "position" in params:
        params["position"] = Position.objects.get(
            production=production, title=params["position"]
        ).pk
    return params


def _names(engagement_ids):
    names = dict(Engagement.objects.filter(pk__in=engagement_ids).values_list("pk", "person__name"))
    return [names[pk] for pk in engagement_ids]


def crew_page(client, production, params):
    response = client.get(reverse("crew:list", kwargs={"production_id": production.pk}), params)
    assert response.status_code == 200
    html = response.content.decode()
    return [int(pk) for pk in re.findall(r'<tr id="engagement-(\d+)"', html)], html


def crew_api(client, production, params):
    response = client.get(
        f"/api/v1/productions/{production.pk}/crew/", {**params, "page_size": 200}
    )
    return response, [row["id"] for row in response.json().get("results", [])]


def crew_csv(client, production, params):
    url = reverse("crew:export", kwargs={"production_id": production.pk})
    response = client.get(url, params)
    assert response.status_code == 200
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return [(row["name"], row["position"]) for row in csv.DictReader(io.StringIO(text))]


def _rows_for_csv(engagement_ids):
    """What the export's name and position columns hold for these engagements, in order."""
    rows = Engagement.objects.filter(pk__in=engagement_ids).values_list(
        "pk", "person__name", "position__title"
    )
    by_pk = {pk: (name, title) for pk, name, title in rows}
    return [by_pk[pk] for pk in engagement_ids]


CREW_FILTERS = [
    pytest.param({}, None, id="everyone"),
    pytest.param({"q": "grip"}, {"Hal Head", "Gus Grip", "Greta Grip"}, id="q-department"),
    pytest.param({"q": "detect"}, {"Ann Actor"}, id="q-character"),
    pytest.param({"q": "  GAFFER "}, {"Eli Spark"}, id="q-position-case-and-spaces"),
    pytest.param({"department": "Grip"}, {"Hal Head", "Gus Grip", "Greta Grip"}, id="department"),
    pytest.param({"position": "Gaffer"}, {"Eli Spark"}, id="position"),
    pytest.param({"status": "confirmed"}, {"Gus Grip", "Eli Spark", "Ann Actor"}, id="status"),
    pytest.param(
        {"department": "Electric", "status": "offered"},
        {"Cody Crew", "Ella Volt"},
        id="department-and-status",
    ),
    pytest.param(
        {"q": "o", "department": "Electric", "position": "Electrician", "status": "offered"},
        {"Cody Crew"},
        id="all-four",
    ),
    pytest.param({"q": "nobody by that name"}, set(), id="no-match"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("spec", "expected"), CREW_FILTERS)
def test_crew_page_api_and_csv_return_the_same_people(client, crew, viewers, role, spec, expected):
    params = _resolve(crew, spec)
    client.force_login(viewers[role])

    page, _ = crew_page(client, crew, params)
    response, api = crew_api(client, crew, params)
    exported = crew_csv(client, crew, params)

    assert response.status_code == 200, response.json()
    assert api == page
    assert exported == _rows_for_csv(page)
    if expected is None:
        assert len(page) == Engagement.objects.filter(production=crew).count()
    else:
        assert set(_names(page)) == expected
        assert len(page) == len(expected)


@pytest.mark.parametrize("role", ROLES)
def test_the_page_links_its_export_with_the_same_filters(client, crew, viewers, role):
    params = _resolve(crew, {"q": "grip", "department": "Grip", "status": "offered"})
    client.force_login(viewers[role])

    _, html = crew_page(client, crew, {**params, "position": "not-an-id"})
    export_url = reverse("crew:export", kwargs={"production_id": crew.pk})
    links = [unescape(link) for link in re.findall(rf'href="({export_url}[^"]*)"', html)]
    exported = client.get(links[0])

    assert links == [f"{export_url}?q=grip&department={params['department']}&status=offered"]
    assert exported.status_code == 200
    assert exported.content.decode().count("\n") == 1 + 2  # header, Hal Head, Greta Grip


@pytest.fixture
def elsewhere():
    other = make_production(title="Elsewhere")
    return {
        "department": Department.objects.get(production=other, name="Grip").pk,
        "position": Position.objects.get(production=other, title="Gaffer").pk,
    }


BAD_CREW_VALUES = [
    pytest.param({"department": "camera"}, "department", id="department-not-an-id"),
    pytest.param({"department": "-1"}, "department", id="department-negative"),
    pytest.param({"department": "999999999"}, "department", id="department-unknown"),
    pytest.param({"department": "9" * 30}, "department", id="department-beyond-bigint"),
    pytest.param({"department": "²"}, "department", id="department-unicode-digit"),
    pytest.param({"position": "1.5"}, "position", id="position-not-an-int"),
    pytest.param({"status": "sacked"}, "status", id="status-unknown"),
    pytest.param({"status": "CONFIRMED"}, "status", id="status-wrong-case"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("params", "field"), BAD_CREW_VALUES)
def test_a_bad_crew_filter_is_a_400_on_the_api_and_ignored_on_the_page(
    client, crew, viewers, role, params, field
):
    client.force_login(viewers[role])
    everyone, _ = crew_page(client, crew, {})

    response, _ = crew_api(client, crew, params)
    page, _ = crew_page(client, crew, params)
    exported = crew_csv(client, crew, params)

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid input."
    assert list(body["errors"]) == [field]
    assert body["errors"][field][0]
    assert page == everyone
    assert exported == _rows_for_csv(everyone)


@pytest.mark.parametrize("field", ["department", "position"])
def test_another_productions_id_is_named_on_the_api_and_ignored_on_the_page(
    client, crew, viewers, elsewhere, field
):
    client.force_login(viewers["producer"])
    everyone, _ = crew_page(client, crew, {})

    response, _ = crew_api(client, crew, {field: elsewhere[field]})
    page, _ = crew_page(client, crew, {field: elsewhere[field]})

    assert response.status_code == 400
    assert response.json()["errors"] == {
        field: [f"No {field} with id {elsewhere[field]} on this production."]
    }
    assert page == everyone


def test_a_bad_value_drops_only_that_filter_on_the_page(client, crew, viewers):
    params = _resolve(crew, {"department": "Grip"})
    client.force_login(viewers["producer"])

    page, html = crew_page(client, crew, {**params, "status": "sacked", "position": "x"})

    assert set(_names(page)) == {"Hal Head", "Gus Grip", "Greta Grip"}
    assert f'<option value="{params["department"]}" selected>' in html


def test_a_very_long_search_is_cut_short_on_every_surface(client, crew, viewers):
    client.force_login(viewers["producer"])
    params = {"q": "Gus Grip" + "x" * 5000}

    response, api = crew_api(client, crew, params)
    page, _ = crew_page(client, crew, params)

    assert response.status_code == 200
    assert api == page == []


def test_a_detail_route_ignores_the_lists_query(client, crew, viewers):
    engagement = Engagement.objects.filter(production=crew)[0]
    client.force_login(viewers["producer"])

    response = client.get(
        f"/api/v1/productions/{crew.pk}/crew/{engagement.pk}/", {"status": "sacked"}
    )

    assert response.status_code == 200


# Deadlines -------------------------------------------------------------------------------


@pytest.fixture
def deadlines(production, viewers):
    hod = Person.objects.get(production=production, user=viewers["hod"])
    crew = Person.objects.get(production=production, user=viewers["crew"])
    now = timezone.now()

    def deadline(title, days, status, *owners):
        row = Deadline.objects.create(
            production=production,
            title=title,
            due=now + timedelta(days=days),
            status=status,
            completed_at=now if status == "done" else None,
        )
        row.owners.set(owners)
        return row

    deadline("Script lock", -2, "open", hod)
    deadline("Location contracts", 3, "open", crew)
    deadline("Rigging plan", 5, "open", hod, crew)
    deadline("Insurance", -10, "done", crew)
    deadline("Permits", -4, "missed", hod)
    deadline("Final mix", 40, "open")
    return production


def deadlines_page(client, production, params):
    url = reverse("productions:deadlines", kwargs={"production_id": production.pk})
    response = client.get(url, params)
    assert response.status_code == 200
    return [
        int(pk)
        for pk in re.findall(r'<li class="card" id="deadline-(\d+)"', response.content.decode())
    ]


def deadlines_api(client, production, params):
    response = client.get(
        f"/api/v1/productions/{production.pk}/deadlines/", {**params, "page_size": 200}
    )
    return response, [row["id"] for row in response.json().get("results", [])]


def _titles(ids):
    titles = dict(Deadline.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [titles[pk] for pk in ids]


OWNED = {
    "producer": set(),
    "hod": {"Script lock", "Rigging plan", "Permits"},
    "crew": {"Location contracts", "Rigging plan", "Insurance"},
}
ALL = {"Script lock", "Location contracts", "Rigging plan", "Insurance", "Permits", "Final mix"}
OPEN = {"Script lock", "Location contracts", "Rigging plan", "Final mix"}

DEADLINE_FILTERS = [
    pytest.param({"mine": "1"}, lambda mine: mine, id="mine"),
    pytest.param({"mine": "true"}, lambda mine: mine, id="mine-true"),
    pytest.param({"tab": "mine"}, lambda mine: mine, id="tab-mine"),
    pytest.param({"mine": "0"}, lambda mine: ALL, id="not-mine"),
    pytest.param({"tab": "all"}, lambda mine: ALL, id="tab-all"),
    pytest.param({"mine": "0", "status": "open"}, lambda mine: OPEN, id="everyones-open"),
    pytest.param({"tab": "all", "status": "done"}, lambda mine: {"Insurance"}, id="all-done"),
    pytest.param({"mine": "yes", "status": "open"}, lambda mine: mine & OPEN, id="mine-open"),
    pytest.param(
        {"tab": "mine", "status": "missed"}, lambda mine: mine & {"Permits"}, id="mine-missed"
    ),
    pytest.param({"mine": "0", "tab": "mine"}, lambda mine: ALL, id="mine-wins-over-tab"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("params", "expected"), DEADLINE_FILTERS)
def test_deadlines_page_and_api_return_the_same_deadlines(
    client, deadlines, viewers, role, params, expected
):
    client.force_login(viewers[role])

    page = deadlines_page(client, deadlines, params)
    response, api = deadlines_api(client, deadlines, params)

    assert response.status_code == 200, response.json()
    assert api == page
    assert set(_titles(page)) == expected(OWNED[role])
    assert len(page) == len(expected(OWNED[role]))


@pytest.mark.parametrize("role", ROLES)
def test_without_a_choice_the_page_opens_on_mine_for_those_who_do_not_manage_deadlines(
    client, deadlines, viewers, role
):
    client.force_login(viewers[role])

    page = deadlines_page(client, deadlines, {})
    page_open = deadlines_page(client, deadlines, {"status": "open"})
    _, api = deadlines_api(client, deadlines, {})
    _, api_mine = deadlines_api(client, deadlines, {"mine": "1"})
    _, api_open = deadlines_api(client, deadlines, {"status": "open"})
    _, api_mine_open = deadlines_api(client, deadlines, {"mine": "1", "status": "open"})

    assert set(_titles(api)) == ALL  # the API lists everything unless asked
    assert page == (api if role == "producer" else api_mine)
    assert page_open == (api_open if role == "producer" else api_mine_open)


BAD_DEADLINE_VALUES = [
    pytest.param({"mine": "maybe"}, "mine", id="mine"),
    pytest.param({"mine": "2"}, "mine", id="mine-number"),
    pytest.param({"tab": "yours"}, "tab", id="tab"),
    pytest.param({"status": "late"}, "status", id="status"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("params", "field"), BAD_DEADLINE_VALUES)
def test_a_bad_deadline_filter_is_a_400_on_the_api_and_the_default_on_the_page(
    client, deadlines, viewers, role, params, field
):
    client.force_login(viewers[role])
    default = deadlines_page(client, deadlines, {})

    response, _ = deadlines_api(client, deadlines, params)
    page = deadlines_page(client, deadlines, params)

    assert response.status_code == 400
    assert response.json()["detail"] == "Invalid input."
    assert list(response.json()["errors"]) == [field]
    assert page == default


# Query counts with filters ------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_filtered_lists_take_the_same_queries_at_10_and_200_people(
    client, production, viewers, role
):
    client.force_login(viewers[role])
    params = _resolve(production, {"q": "crew", "department": "Grip", "status": "offered"})

    def counts():
        result = []
        for get in (crew_page, crew_api, crew_csv):
            with CaptureQueriesContext(connection) as queries:
                get(client, production, params)
            result.append(len(queries))
        return result

    add_crew(production, 10, department="Grip")
    small = counts()
    add_crew(production, 190, department="Grip")
    large = counts()

    assert small == large

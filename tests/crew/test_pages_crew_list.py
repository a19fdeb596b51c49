"""The crew list: grouped by department, searchable, filterable, constant queries."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crew.models import Character, Department, Engagement, EngagementStatus, Position
from productions.fragments import recent_fragments
from tests.factories import add_crew, add_member, make_production, make_user

pytestmark = pytest.mark.django_db

# Session, user, membership, the list, departments, positions, the viewer's own record
# and (for a department head) their departments and the crew's departments.
MAX_QUERIES = 10


@pytest.fixture
def producer():
    return make_user(name="Pat Producer")


@pytest.fixture
def production(producer):
    return make_production(producer=producer, title="Night Shift")


def _url(production, **params):
    url = reverse("crew:list", kwargs={"production_id": production.pk})
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{url}?{query}" if query else url


def test_people_are_grouped_by_department_in_call_sheet_order(client, production, producer):
    add_member(production, "hod", department="Camera", name="Dana DP")
    add_member(production, "crew", department="Grip", name="Gus Grip")
    add_member(production, "crew", department="Grip", name="Greta Grip")
    client.force_login(producer)

    html = client.get(_url(production)).content.decode()

    groups = re.findall(r'<tr class="group"><th[^>]*>([^<]+)<span>· (\d+)</span>', html)
    assert [(name.strip(), int(count)) for name, count in groups] == [("Camera", 1), ("Grip", 2)]
    assert html.index("Dana DP") < html.index("Greta Grip") < html.index("Gus Grip")
    assert "3 people" in html


def test_search_finds_names_positions_and_characters(client, production, producer):
    _, _, lead = add_member(production, "crew", department="Cast", name="Ann Actor")
    add_member(production, "crew", department="Grip", name="Gus Grip")
    Character.objects.create(production=production, name="DETECTIVE", engagement=lead)
    client.force_login(producer)

    by_name = client.get(_url(production, q="gus")).content.decode()
    by_character = client.get(_url(production, q="detect")).content.decode()

    assert "Gus Grip" in by_name
    assert "Ann Actor" not in by_name
    assert "Ann Actor" in by_character
    assert "Gus Grip" not in by_character


def test_filters_by_department_status_and_position(client, production, producer):
    _, _, gus = add_member(production, "crew", department="Grip", name="Gus Grip")
    add_member(production, "crew", department="Electric", name="Eli Spark")
    Engagement.objects.filter(pk=gus.pk).update(status=EngagementStatus.CONFIRMED)
    grip = Department.objects.get(production=production, name="Grip")
    client.force_login(producer)

    by_department = client.get(_url(production, department=grip.pk)).content.decode()
    by_status = client.get(_url(production, status="confirmed")).content.decode()
    by_position = client.get(_url(production, position=gus.position_id)).content.decode()

    for html in (by_department, by_status, by_position):
        assert "Gus Grip" in html
        assert "Eli Spark" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"department": "abc"},
        {"department": "999999"},
        {"status": "sacked"},
        {"position": "-1"},
        {"q": "x" * 5000},
    ],
)
def test_nonsense_filters_are_ignored_not_a_500(client, production, producer, params):
    add_member(production, "crew", department="Grip", name="Gus Grip")
    client.force_login(producer)

    response = client.get(_url(production, **params))

    assert response.status_code == 200


def test_another_productions_department_does_not_filter(client, production, producer):
    other = make_production(title="Elsewhere")
    their_grip = Department.objects.get(production=other, name="Grip")
    add_member(production, "crew", department="Grip", name="Gus Grip")
    client.force_login(producer)

    html = client.get(_url(production, department=their_grip.pk)).content.decode()

    assert "Gus Grip" in html


def test_live_search_answers_htmx_with_the_results_only(client, production, producer):
    add_member(production, "crew", department="Grip", name="Gus Grip")
    client.force_login(producer)

    response = client.get(_url(production, q="gus"), headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "Gus Grip" in html
    assert "<html" not in html
    assert 'class="filters"' not in html
    assert "HX-Request" in response["Vary"]


def test_the_list_offers_add_and_import_to_producers_only(client, production, producer):
    crew, _, _ = add_member(production, "crew", department="Grip")
    add_url = reverse("crew:add", kwargs={"production_id": production.pk})
    import_url = reverse("crew:import", kwargs={"production_id": production.pk})

    client.force_login(producer)
    as_producer = client.get(_url(production)).content.decode()
    client.force_login(crew)
    as_crew = client.get(_url(production)).content.decode()

    assert add_url in as_producer
    assert import_url in as_producer
    assert add_url not in as_crew
    assert import_url not in as_crew


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("size", [10, 300])
@pytest.mark.parametrize("role", ["producer", "hod", "crew"])
def test_the_list_takes_the_same_few_queries_at_10_and_300_people(
    client, production, producer, django_assert_max_num_queries, size, role
):
    viewer = producer
    if role != "producer":
        viewer, _, _ = add_member(production, role, department="Grip")
    add_crew(production, size // 2, department="Grip")
    add_crew(production, size - size // 2, department="Electric")
    client.force_login(viewer)
    client.get(_url(production))  # warm the session
    cache.clear()  # and render the table again: the cold path
    recent_fragments.clear()

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(_url(production))
    with django_assert_max_num_queries(MAX_QUERIES - 1):  # the table from the cache
        cached = client.get(_url(production))

    assert response.content.decode().count('<tr id="engagement-') >= size
    assert cached.content.decode().count('<tr id="engagement-') >= size


def test_query_count_does_not_grow_with_the_crew(client, production):
    hod, _, _ = add_member(production, "hod", department="Grip")
    client.force_login(hod)
    add_crew(production, 10)
    small = _count_queries(client, _url(production))
    add_crew(production, 290)
    large = _count_queries(client, _url(production))

    assert small == large
    assert Position.objects.filter(production=production).exists()

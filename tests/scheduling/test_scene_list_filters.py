"""The scene list page and the scenes API, driven with the same query, show the same scenes.

Both read through ``scene_list`` with ``SceneFilterSet``; these tests hold them to it for
every role that may read the breakdown, and check how each surface answers a bad value.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from crew.models import Character
from scheduling.breakdown.filters import ElementFilterSet, SceneFilterSet
from scheduling.breakdown.models import (
    Element,
    ElementCategory,
    Scene,
    SceneCharacter,
    SceneElement,
    Set,
    TimeOfDay,
)

READERS = ["producer", "ad", "hod", "director"]


@pytest.fixture
def board(team) -> dict[str, Any]:
    """Six scenes over two sets and three characters, one omitted; ids by name."""
    production = team.production
    kitchen = Set.objects.create(production=production, name="KITCHEN")
    garden = Set.objects.create(production=production, name="GARDEN")
    anna = Character.objects.create(production=production, name="ANNA", cast_number=1)
    ben = Character.objects.create(production=production, name="BEN", cast_number=2)
    carl = Character.objects.create(production=production, name="CARL")
    rows = [
        ("1", kitchen, TimeOfDay.DAY, 3, [anna], False),
        ("2", garden, TimeOfDay.NIGHT, 8, [ben, anna], False),
        ("2A", garden, TimeOfDay.DAY, 12, [carl], False),
        ("3", kitchen, TimeOfDay.NIGHT, 16, [anna, carl], True),
        ("A4", None, TimeOfDay.DUSK, 5, [], False),
        ("4", kitchen, TimeOfDay.DAY, 9, [ben], False),
    ]
    for number, set_, time, eighths, cast, omitted in rows:
        scene = Scene.objects.create(
            production=production,
            number=number,
            heading=f"INT. {set_.name if set_ else 'SOMEWHERE'} - {time}",
            set=set_,
            time_of_day=time,
            eighths=eighths,
            omitted=omitted,
        )
        for character in cast:
            SceneCharacter.objects.create(scene=scene, character=character)
    theirs = Set.objects.create(production=team.other_production, name="KITCHEN")
    return {
        "kitchen": kitchen.pk,
        "garden": garden.pk,
        "anna": anna.pk,
        "ben": ben.pk,
        "carl": carl.pk,
        "their_set": theirs.pk,
    }


def _query(board: dict[str, Any], params: dict[str, str]) -> dict[str, str]:
    """Fill in ids: ``{"set": "kitchen"}`` becomes ``{"set": "<kitchen's id>"}``."""
    return {key: str(board.get(value, value)) for key, value in params.items()}


def _page_numbers(client, team, query: dict[str, str]) -> list[str]:
    response = client.get(
        reverse("scheduling:scene-list", kwargs={"production_id": team.production.pk}), query
    )
    assert response.status_code == 200
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def _api_numbers(api_client, team, query: dict[str, str]) -> list[str]:
    response = api_client.get(
        f"/api/v1/productions/{team.production.pk}/scenes/", {**query, "page_size": 200}
    )
    assert response.status_code == 200, response.json()
    return [scene["number"] for scene in response.json()["results"]]


# (query, the scenes both surfaces list, in order)
CASES = [
    ({}, ["1", "2", "2A", "3", "A4", "4"]),
    ({"set": "kitchen"}, ["1", "3", "4"]),
    ({"set": "garden"}, ["2", "2A"]),
    ({"character": "anna"}, ["1", "2", "3"]),
    ({"character": "carl"}, ["2A", "3"]),
    ({"time_of_day": "NIGHT"}, ["2", "3"]),
    ({"time_of_day": "dusk"}, ["A4"]),
    ({"omitted": "true"}, ["3"]),
    ({"omitted": "false"}, ["1", "2", "2A", "A4", "4"]),
    ({"ordering": "-number"}, ["4", "A4", "3", "2A", "2", "1"]),
    ({"ordering": "pages"}, ["1", "A4", "2", "4", "2A", "3"]),
    ({"ordering": "-pages"}, ["3", "2A", "4", "2", "A4", "1"]),
    ({"ordering": "set"}, ["2", "2A", "1", "3", "4", "A4"]),
    ({"ordering": "-set"}, ["A4", "1", "3", "4", "2", "2A"]),
    ({"set": "kitchen", "time_of_day": "DAY", "ordering": "-pages"}, ["4", "1"]),
    ({"character": "anna", "omitted": "false", "ordering": "-number"}, ["2", "1"]),
    ({"set": "garden", "character": "ben", "time_of_day": "NIGHT"}, ["2"]),
    ({"set": "kitchen", "character": "carl", "omitted": "false"}, []),
]


@pytest.mark.parametrize("role", READERS)
@pytest.mark.parametrize(("params", "expected"), CASES, ids=[str(c[0]) for c in CASES])
def test_page_and_api_list_the_same_scenes(client, api_client, team, board, role, params, expected):
    user = getattr(team, role)
    client.force_login(user)
    api_client.force_authenticate(user)
    query = _query(board, params)

    page = _page_numbers(client, team, query)
    api = _api_numbers(api_client, team, query)

    assert page == api == expected


def test_crew_see_neither_the_page_nor_the_api(client, api_client, team, board):
    client.force_login(team.crew)
    api_client.force_authenticate(team.crew)
    query = _query(board, {"set": "kitchen"})

    page = client.get(
        reverse("scheduling:scene-list", kwargs={"production_id": team.production.pk}), query
    )
    api = api_client.get(f"/api/v1/productions/{team.production.pk}/scenes/", query)

    assert (page.status_code, api.status_code) == (403, 403)


# (query, the parameter the API names, the page's scenes: that filter left out, the rest kept)
BAD = [
    ({"set": "kitchen-table"}, "set", ["1", "2", "2A", "3", "A4", "4"]),
    ({"set": "their_set"}, "set", ["1", "2", "2A", "3", "A4", "4"]),
    ({"set": "99999999999999999999"}, "set", ["1", "2", "2A", "3", "A4", "4"]),
    ({"set": "²", "time_of_day": "NIGHT"}, "set", ["2", "3"]),
    ({"character": "-1", "set": "garden"}, "character", ["2", "2A"]),
    ({"time_of_day": "NOON", "omitted": "true"}, "time_of_day", ["3"]),
    ({"omitted": "maybe", "set": "kitchen"}, "omitted", ["1", "3", "4"]),
    ({"ordering": "eval", "character": "carl"}, "ordering", ["2A", "3"]),
]


@pytest.mark.parametrize(("params", "field"), [b[:2] for b in BAD], ids=[str(b[0]) for b in BAD])
def test_a_bad_filter_value_is_400_naming_it_on_the_api(api_client, team, board, params, field):
    api_client.force_authenticate(team.ad)

    response = api_client.get(
        f"/api/v1/productions/{team.production.pk}/scenes/", _query(board, params)
    )

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid input."
    assert list(body["errors"]) == [field]
    assert body["errors"][field][0]  # a message a person can act on


@pytest.mark.parametrize(("params", "field", "page_scenes"), BAD, ids=[str(b[0]) for b in BAD])
def test_the_page_shows_a_bad_filter_value_and_leaves_it_out(
    client, team, board, params, field, page_scenes
):
    client.force_login(team.ad)
    url = reverse("scheduling:scene-list", kwargs={"production_id": team.production.pk})

    response = client.get(url, _query(board, params))

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf'<div class="field has-error"><label for="id_{field}">', html)
    assert re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html) == page_scenes


def test_the_api_names_every_bad_value_at_once(api_client, team, board):
    api_client.force_authenticate(team.ad)

    response = api_client.get(
        f"/api/v1/productions/{team.production.pk}/scenes/",
        {"set": "x", "time_of_day": "NOON", "omitted": "maybe", "ordering": "eval"},
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    # The id and flag messages are the shared ones (productions/filters.py), as on /crew/.
    assert errors == {
        "set": ["“x” is not an id."],
        "time_of_day": ["Use one of: DAY, NIGHT, DAWN, DUSK, CONTINUOUS, OTHER."],
        "omitted": ["Use 1 or 0."],
        "ordering": ["Use one of: number, -number, set, -set, pages, -pages."],
    }


def test_old_sort_links_still_sort_the_page(client, team, board):
    client.force_login(team.ad)

    assert _page_numbers(client, team, {"sort": "-pages"}) == ["3", "2A", "4", "2", "A4", "1"]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"category": "props"}, "category"), ({"scene": "99999"}, "scene")],
)
def test_element_filters_refuse_bad_values_by_name(api_client, team, params, field):
    api_client.force_authenticate(team.ad)

    response = api_client.get(f"/api/v1/productions/{team.production.pk}/elements/", params)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_element_filters(api_client, team):
    props = ElementCategory.objects.create(production=team.production, name="Props")
    vehicles = ElementCategory.objects.create(production=team.production, name="Vehicles")
    scene = Scene.objects.create(production=team.production, number="1")
    lamp = Element.objects.create(production=team.production, category=props, name="Lamp")
    Element.objects.create(production=team.production, category=vehicles, name="Porsche")
    SceneElement.objects.create(scene=scene, element=lamp)
    api_client.force_authenticate(team.hod)
    url = f"/api/v1/productions/{team.production.pk}/elements/"

    def names(**params):
        return [e["name"] for e in api_client.get(url, params).json()["results"]]

    assert names() == ["Lamp", "Porsche"]
    assert names(category=vehicles.pk) == ["Porsche"]
    assert names(scene=scene.pk) == ["Lamp"]


@pytest.mark.parametrize(
    ("path", "filterset"),
    [("scenes/", SceneFilterSet), ("elements/", ElementFilterSet)],
)
def test_the_schema_documents_exactly_the_filters(path, filterset):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"][f"/api/v1/productions/{{production_id}}/{path}"]["get"]
    documented = {p["name"] for p in operation["parameters"] if p["in"] == "query"}

    assert documented - {"page", "page_size"} == set(filterset.base_filters)

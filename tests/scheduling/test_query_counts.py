"""The scene list page and API cost the same number of queries for 10 scenes as for 300."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crew.models import Character
from scheduling.breakdown.models import (
    Element,
    ElementCategory,
    Scene,
    SceneCharacter,
    SceneElement,
    Set,
    scene_number_sort_key,
)
from scheduling.breakdown.services import element_categories_ensure

# Page: session, user, membership, scenes, their characters, and the set and character
# filters. API: membership, count, scenes, characters, elements.  Other lists: at most 4.
PAGE_QUERIES = 7
API_QUERIES = 5
OTHER_LIST_QUERIES = 4


def _breakdown(production, count: int) -> None:
    """``count`` scenes over 20 sets, each with two speaking characters and a prop."""
    element_categories_ensure(production=production)
    sets = Set.objects.bulk_create(Set(production=production, name=f"SET {n}") for n in range(20))
    characters = Character.objects.bulk_create(
        Character(production=production, name=f"PERSON {n}", cast_number=n + 1) for n in range(12)
    )
    props = ElementCategory.objects.get(production=production, name="Props")
    element = Element.objects.create(production=production, category=props, name="Lamp")
    numbers = [f"{n // 2 + 1}{'A' if n % 2 else ''}" for n in range(count)]
    scenes = Scene.objects.bulk_create(
        Scene(
            production=production,
            number=number,
            sort_key=scene_number_sort_key(number),
            heading=f"INT. SET {n % 20} - DAY",
            set=sets[n % 20],
            eighths=1 + n % 13,
            omitted=n % 17 == 0,
        )
        for n, number in enumerate(numbers)
    )
    SceneCharacter.objects.bulk_create(
        SceneCharacter(scene=scene, character=characters[(n + k) % 12], speaking=k == 0)
        for n, scene in enumerate(scenes)
        for k in (0, 5)
    )
    SceneElement.objects.bulk_create(SceneElement(scene=scene, element=element) for scene in scenes)


@pytest.mark.parametrize("count", [10, 300])
def test_scene_list_page_queries(client, team, django_assert_max_num_queries, count):
    _breakdown(team.production, count)
    client.force_login(team.ad)
    url = reverse("scheduling:scene-list", kwargs={"production_id": team.production.pk})

    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(url, {"ordering": "set"})
    # Again: the rows come from the fragment cache (no scene or character query).
    with django_assert_max_num_queries(PAGE_QUERIES - 2):
        cached = client.get(url, {"ordering": "set"})

    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row"><a href=') == count
    assert cached.content.decode().count('<th scope="row"><a href=') == count


@pytest.mark.parametrize("count", [10, 300])
def test_scene_list_api_queries(api_client, team, django_assert_max_num_queries, count):
    _breakdown(team.production, count)
    api_client.force_authenticate(team.ad)
    url = f"/api/v1/productions/{team.production.pk}/scenes/"

    with django_assert_max_num_queries(API_QUERIES):
        response = api_client.get(url, {"page_size": 200})

    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == min(count, 200)
    assert all(len(scene["characters"]) == 2 for scene in results)
    assert all(len(scene["elements"]) == 1 for scene in results)


@pytest.mark.parametrize("count", [10, 300])
def test_set_and_element_lists_queries(api_client, team, django_assert_max_num_queries, count):
    _breakdown(team.production, count)
    api_client.force_authenticate(team.ad)
    base = f"/api/v1/productions/{team.production.pk}"

    for path in ("sets/", "elements/", "locations/", "element-categories/"):
        with django_assert_max_num_queries(OTHER_LIST_QUERIES):
            assert api_client.get(f"{base}/{path}").status_code == 200


@pytest.mark.parametrize("count", [10, 300])
def test_set_and_location_pages_queries(client, team, django_assert_max_num_queries, count):
    _breakdown(team.production, count)
    client.force_login(team.ad)

    for name in ("set-list", "location-list"):
        url = reverse(f"scheduling:{name}", kwargs={"production_id": team.production.pk})
        with django_assert_max_num_queries(PAGE_QUERIES):
            assert client.get(url).status_code == 200

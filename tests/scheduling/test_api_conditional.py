"""Conditional requests on the breakdown API: ETag → 304, stale If-Match → 412."""

from __future__ import annotations

import pytest

from crew.models import Character
from scheduling.breakdown.models import (
    Element,
    ElementCategory,
    Location,
    Scene,
    SceneCharacter,
    Set,
)
from scheduling.breakdown.services import element_categories_ensure


def _base(team) -> str:
    return f"/api/v1/productions/{team.production.pk}"


@pytest.fixture
def scene(team) -> Scene:
    set_ = Set.objects.create(production=team.production, name="KITCHEN")
    scene = Scene.objects.create(production=team.production, number="1", set=set_, eighths=3)
    anna = Character.objects.create(production=team.production, name="ANNA")
    SceneCharacter.objects.create(scene=scene, character=anna)
    return scene


@pytest.fixture
def location(team) -> Location:
    return Location.objects.create(production=team.production, name="Hartley House")


def test_scene_detail_etag_304_and_stale_if_match_412(api_client, team, scene):
    url = f"{_base(team)}/scenes/{scene.pk}/"
    api_client.force_authenticate(team.ad)
    first = api_client.get(url)
    etag = first["ETag"]

    not_modified = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
    updated = api_client.patch(url, {"synopsis": "Anna burns the toast."}, HTTP_IF_MATCH=etag)
    stale = api_client.patch(url, {"synopsis": "Clobbered."}, HTTP_IF_MATCH=etag)
    stale_delete = api_client.delete(url, HTTP_IF_MATCH=etag)
    after = api_client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert first.status_code == 200
    assert etag.startswith('"')
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert updated.status_code == 200
    assert updated["ETag"] != etag
    assert stale.status_code == 412
    assert stale.json()["detail"].startswith("This changed since you read it")
    assert stale_delete.status_code == 412
    assert after.status_code == 200
    assert after["ETag"] == updated["ETag"]
    scene.refresh_from_db()
    assert scene.synopsis == "Anna burns the toast."


def test_location_detail_etag_304_and_stale_if_match_412(api_client, team, location):
    url = f"{_base(team)}/locations/{location.pk}/"
    api_client.force_authenticate(team.producer)
    etag = api_client.get(url)["ETag"]

    not_modified = api_client.get(url, HTTP_IF_NONE_MATCH=f'W/{etag}, "other"')
    updated = api_client.patch(url, {"parking_notes": "Lay-by on the B4526."}, HTTP_IF_MATCH=etag)
    stale = api_client.patch(url, {"parking_notes": "Clobbered."}, HTTP_IF_MATCH=etag)
    stale_delete = api_client.delete(url, HTTP_IF_MATCH=etag)
    deleted = api_client.delete(url, HTTP_IF_MATCH=updated["ETag"])

    assert not_modified.status_code == 304
    assert not_modified["ETag"] == etag
    assert updated.status_code == 200
    assert stale.status_code == 412
    assert stale.json()["errors"] == {}
    assert stale_delete.status_code == 412
    assert deleted.status_code == 204
    assert not Location.objects.filter(pk=location.pk).exists()


def test_a_change_another_user_made_is_412_and_changes_nothing(api_client, team, scene):
    url = f"{_base(team)}/scenes/{scene.pk}/"
    api_client.force_authenticate(team.ad)
    etag = api_client.get(url)["ETag"]
    api_client.force_authenticate(team.producer)
    assert api_client.patch(url, {"eighths": 5}).status_code == 200

    api_client.force_authenticate(team.ad)
    stale = api_client.patch(url, {"eighths": 9}, HTTP_IF_MATCH=etag)

    assert stale.status_code == 412
    scene.refresh_from_db()
    assert scene.eighths == 5


def test_a_stale_if_match_is_412_before_bad_input_is_400(api_client, team, location):
    url = f"{_base(team)}/locations/{location.pk}/"
    api_client.force_authenticate(team.ad)

    response = api_client.patch(url, {"latitude": "north"}, HTTP_IF_MATCH='"0000"')

    assert response.status_code == 412


def test_etags_follow_the_viewer_role_rules(api_client, team, scene):
    """Who may not read the breakdown gets 403, not a 304 for a tag they guessed."""
    url = f"{_base(team)}/scenes/{scene.pk}/"
    api_client.force_authenticate(team.ad)
    etag = api_client.get(url)["ETag"]

    api_client.force_authenticate(team.crew)
    assert api_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 403
    api_client.force_authenticate(team.hod)
    assert api_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api_client.patch(url, {"eighths": 1}, HTTP_IF_MATCH=etag).status_code == 403


@pytest.mark.parametrize("path", ["locations/", "sets/", "scenes/", "elements/"])
def test_lists_send_etags(api_client, team, scene, location, path):
    api_client.force_authenticate(team.ad)
    etag = api_client.get(f"{_base(team)}/{path}")["ETag"]

    assert api_client.get(f"{_base(team)}/{path}", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_element_list_etag_changes_when_an_element_is_added(api_client, team, scene):
    element_categories_ensure(production=team.production)
    props = ElementCategory.objects.get(production=team.production, name="Props")
    url = f"{_base(team)}/elements/"
    api_client.force_authenticate(team.ad)
    etag = api_client.get(url)["ETag"]

    Element.objects.create(production=team.production, category=props, name="Toaster")

    assert api_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200

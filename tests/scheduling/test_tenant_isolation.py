"""Every breakdown page and API route that takes an id: another production's member gets 404
(even through their own production's URL), crew get 403, department heads read but not write."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from crew.models import Character
from scheduling.breakdown.importing import screenplay_import_preview
from scheduling.breakdown.models import (
    Element,
    ElementCategory,
    Location,
    Scene,
    SceneCharacter,
    SceneElement,
    ScreenplayImport,
    Set,
)
from scheduling.breakdown.services import element_categories_ensure
from scheduling.stripboard.models import Schedule, ShootDay, Strip, Unit
from scheduling.stripboard.services import schedule_create, shoot_day_save, strip_move


@dataclass
class World:
    scene: int
    set: int
    location: int
    scene_element: int
    scene_character: int
    screenplay: int
    element: int
    category: int
    schedule: int
    unit: int
    shoot_day: int
    revision: int


@pytest.fixture
def world(team) -> World:
    production = team.production
    element_categories_ensure(production=production)
    location = Location.objects.create(production=production, name="Hartley House")
    set_ = Set.objects.create(production=production, name="KITCHEN", location=location)
    scene = Scene.objects.create(production=production, number="1", set=set_, eighths=3)
    props = ElementCategory.objects.get(production=production, name="Props")
    element = Element.objects.create(production=production, category=props, name="Cup")
    scene_element = SceneElement.objects.create(scene=scene, element=element)
    anna = Character.objects.create(production=production, name="ANNA")
    link = SceneCharacter.objects.create(scene=scene, character=anna)
    screenplay = screenplay_import_preview(
        access=team.access(), file_name="a.fountain", data=b"INT. HALL - DAY\n\nA hall.\n"
    )
    # An applied draft: revision 1 of the script (set here, so the world's scenes stay).
    revision = screenplay_import_preview(
        access=team.access(), file_name="w.fountain", data=b"INT. HALL - DAY\n\nA hall.\n"
    )
    ScreenplayImport.objects.filter(pk=revision.pk).update(
        status="applied", applied_at=timezone.now(), revision=1, revision_colour="White"
    )
    schedule = schedule_create(production=production, name="White")
    unit = Unit.objects.get(production=production)
    day = shoot_day_save(day=ShootDay(schedule=schedule), unit=unit, date="2027-03-01")
    strip_move(schedule=schedule, scene=scene, to_day=day, position=0, seen_version=1)
    return World(
        scene.pk, set_.pk, location.pk, scene_element.pk, link.pk, screenplay.pk, element.pk,
        props.pk, schedule.pk, unit.pk, day.pk, revision.pk,
    )  # fmt: skip


# (url name, kwargs from the world, method); writes are POSTs.
PAGES = [
    ("scene-list", {}, "get"),
    ("scene-detail", {"scene_id": "scene"}, "get"),
    ("scene-edit", {"scene_id": "scene"}, "post"),
    ("scene-element-add", {"scene_id": "scene"}, "post"),
    (
        "scene-element-remove",
        {"scene_id": "scene", "scene_element_id": "scene_element"},
        "post",
    ),
    (
        "scene-character-remove",
        {"scene_id": "scene", "scene_character_id": "scene_character"},
        "post",
    ),
    ("screenplay-upload", {}, "post"),
    ("screenplay-preview", {"import_id": "screenplay"}, "get"),
    ("screenplay-apply", {"import_id": "screenplay"}, "post"),
    ("location-list", {}, "get"),
    ("location-list", {}, "post"),
    ("location-detail", {"location_id": "location"}, "get"),
    ("location-detail", {"location_id": "location"}, "post"),
    ("set-list", {}, "get"),
    ("set-list", {}, "post"),
    ("set-detail", {"set_id": "set"}, "get"),
    ("set-detail", {"set_id": "set"}, "post"),
    ("schedule-list", {}, "get"),
    ("schedule-list", {}, "post"),
    ("schedule-import", {}, "post"),
    ("board-settings", {}, "get"),
    ("board-settings", {}, "post"),
    ("board", {"schedule_id": "schedule"}, "get"),
    ("schedule-publish", {"schedule_id": "schedule"}, "post"),
    ("schedule-copy", {"schedule_id": "schedule"}, "post"),
    ("schedule-delete", {"schedule_id": "schedule"}, "post"),
    ("day-add", {"schedule_id": "schedule"}, "get"),
    ("day-add", {"schedule_id": "schedule"}, "post"),
    ("day-edit", {"schedule_id": "schedule", "day_id": "shoot_day"}, "get"),
    ("day-edit", {"schedule_id": "schedule", "day_id": "shoot_day"}, "post"),
    ("day-delete", {"schedule_id": "schedule", "day_id": "shoot_day"}, "post"),
    ("dood", {"schedule_id": "schedule"}, "get"),
    ("dood-mark", {"schedule_id": "schedule"}, "post"),
    ("compare", {"schedule_id": "schedule"}, "get"),
    ("print", {"schedule_id": "schedule"}, "get"),
]
PAGES_WITH_IDS = [page for page in PAGES if page[1]]

API = [
    ("locations/{location}/", "get"),
    ("locations/{location}/", "patch"),
    ("locations/{location}/", "delete"),
    ("sets/{set}/", "get"),
    ("sets/{set}/", "patch"),
    ("scenes/{scene}/", "get"),
    ("scenes/{scene}/", "patch"),
    ("scenes/{scene}/", "delete"),
    ("element-categories/{category}/", "get"),
    ("element-categories/{category}/", "patch"),
    ("elements/{element}/", "get"),
    ("elements/{element}/", "patch"),
    ("elements/{element}/", "delete"),
    ("screenplays/{screenplay}/", "get"),
    ("screenplays/{screenplay}/apply/", "post"),
    ("script-revisions/{revision}/", "get"),
    ("units/{unit}/", "get"),
    ("units/{unit}/", "patch"),
    ("units/{unit}/", "delete"),
    ("schedules/{schedule}/", "get"),
    ("schedules/{schedule}/", "patch"),
    ("schedules/{schedule}/", "delete"),
    ("schedules/{schedule}/board/", "get"),
    ("schedules/{schedule}/dood/", "get"),
    ("schedules/{schedule}/conflicts/", "get"),
    ("schedules/{schedule}/copy/", "post"),
    ("schedules/{schedule}/publish/", "post"),
    ("schedules/{schedule}/moves/", "post"),
    ("schedules/{schedule}/export/", "get"),
    ("schedules/{schedule}/dood-marks/", "post"),
    ("schedules/{schedule}/estimates/", "post"),
    ("schedules/{schedule}/shoot-days/{shoot_day}/", "get"),
    ("schedules/{schedule}/shoot-days/{shoot_day}/", "patch"),
    ("schedules/{schedule}/shoot-days/{shoot_day}/", "delete"),
]
API_LISTS = [
    ("locations/", "get"),
    ("sets/", "get"),
    ("scenes/", "get"),
    ("element-categories/", "get"),
    ("elements/", "get"),
    ("screenplays/", "get"),
    ("script-revisions/", "get"),
    ("scenes/", "post"),
    ("screenplays/", "post"),
    ("units/", "get"),
    ("units/", "post"),
    ("schedules/", "get"),
    ("schedules/", "post"),
    ("schedules/import/", "post"),
    ("schedules/settings/", "get"),
    ("schedules/settings/", "patch"),
    ("schedules/{schedule}/shoot-days/", "get"),
    ("schedules/{schedule}/shoot-days/", "post"),
]


def _page(world: World, production_id: int, name: str, kwargs: dict[str, str]) -> str:
    values = {key: getattr(world, attr) for key, attr in kwargs.items()}
    return reverse(f"scheduling:{name}", kwargs={"production_id": production_id, **values})


def _api(world: World, production_id: int, path: str) -> str:
    return f"/api/v1/productions/{production_id}/" + path.format(**world.__dict__)


def _unchanged(team) -> tuple[object, ...]:
    return (
        Scene.objects.filter(production=team.production).count(),
        SceneElement.objects.count(),
        SceneCharacter.objects.count(),
        ScreenplayImport.objects.filter(status="preview").count(),
        Location.objects.count(),
        Set.objects.count(),
        tuple(Schedule.objects.values_list("pk", "name", "status", "board_version")),
        tuple(ShootDay.objects.values_list("pk", "date", "kind")),
        tuple(Strip.objects.values_list("pk", "day_id", "position")),
        tuple(Unit.objects.values_list("pk", "name")),
    )


@pytest.mark.parametrize(("name", "kwargs", "method"), PAGES_WITH_IDS)
def test_pages_another_productions_ids_are_404(client, team, world, name, kwargs, method):
    client.force_login(team.outsider)  # producer on their own production
    before = _unchanged(team)
    for production_id in (team.production.pk, team.other_production.pk):
        url = _page(world, production_id, name, kwargs)
        assert getattr(client, method)(url).status_code == 404, url
    assert _unchanged(team) == before


@pytest.mark.parametrize(("name", "kwargs", "method"), PAGES)
def test_pages_refuse_crew(client, team, world, name, kwargs, method):
    client.force_login(team.crew)
    before = _unchanged(team)
    response = getattr(client, method)(_page(world, team.production.pk, name, kwargs))
    assert response.status_code == 403
    assert _unchanged(team) == before


@pytest.mark.parametrize(("name", "kwargs", "method"), PAGES)
def test_pages_department_heads_read_but_do_not_write(client, team, world, name, kwargs, method):
    client.force_login(team.hod)
    before = _unchanged(team)
    response = getattr(client, method)(_page(world, team.production.pk, name, kwargs))
    assert response.status_code == (200 if method == "get" else 403)
    assert _unchanged(team) == before


@pytest.mark.parametrize(("path", "method"), API)
def test_api_another_productions_ids_are_404(api_client, team, world, path, method):
    api_client.force_authenticate(team.outsider)
    before = _unchanged(team)
    for production_id in (team.production.pk, team.other_production.pk):
        response = getattr(api_client, method)(_api(world, production_id, path), {}, format="json")
        assert response.status_code == 404, (production_id, path)
        assert set(response.json()) == {"detail", "errors"}
    assert _unchanged(team) == before


@pytest.mark.parametrize(("path", "method"), API + API_LISTS)
def test_api_refuses_crew(api_client, team, world, path, method):
    api_client.force_authenticate(team.crew)
    before = _unchanged(team)
    response = getattr(api_client, method)(_api(world, team.production.pk, path), {}, format="json")
    assert response.status_code == 403
    assert _unchanged(team) == before


@pytest.mark.parametrize(("path", "method"), API + API_LISTS)
def test_api_department_heads_read_but_do_not_write(api_client, team, world, path, method):
    api_client.force_authenticate(team.hod)
    before = _unchanged(team)
    response = getattr(api_client, method)(_api(world, team.production.pk, path), {}, format="json")
    assert response.status_code == (200 if method == "get" else 403)
    assert _unchanged(team) == before


def test_lists_never_show_another_productions_rows(api_client, client, team, world):
    api_client.force_authenticate(team.outsider)
    own = f"/api/v1/productions/{team.other_production.pk}/"
    for path in ("locations/", "sets/", "scenes/", "elements/", "screenplays/", "schedules/"):
        assert api_client.get(own + path).json()["results"] == [], path
    client.force_login(team.outsider)
    html = client.get(
        reverse("scheduling:scene-list", kwargs={"production_id": team.other_production.pk})
    ).content.decode()
    assert "No scenes yet." in html

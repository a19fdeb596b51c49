"""The breakdown pages, driven the way an AD uses them: import, read, break down, fix sets."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crew.models import Character
from scheduling.breakdown.models import (
    ElementCategory,
    Location,
    Scene,
    SceneCharacter,
    SceneElement,
    ScreenplayImport,
    Set,
    TimeOfDay,
)
from scheduling.breakdown.services import element_categories_ensure
from tests.scheduling.test_import_service import DRAFT_ONE, DRAFT_TWO


def _url(team, name: str, **kwargs) -> str:
    return reverse(f"scheduling:{name}", kwargs={"production_id": team.production.pk, **kwargs})


def swatch_colours(html: str, category: str) -> tuple[str, str]:
    """A category swatch's background and ink: its class, coloured by the page's <style>
    (which carries the CSP nonce: style attributes are refused)."""
    name = re.escape(category)
    swatch = re.search(rf'class="category-swatch category-(\d+)">{name}</span>', html)
    assert swatch, f"no swatch for {category}"
    colour = "(#[0-9a-f]{6})"
    rule = re.search(rf"\.category-{swatch[1]} {{ background: {colour}; color: {colour}; }}", html)
    assert rule, f"no colours for {category}"
    return rule[1], rule[2]


@pytest.fixture
def scenes(team):
    """Three scenes of 3/8, 1 and 1 1/8 pages (2 4/8 in all) plus an omitted one."""
    kitchen = Set.objects.create(production=team.production, name="KITCHEN")
    garden = Set.objects.create(production=team.production, name="GARDEN")
    anna = Character.objects.create(production=team.production, name="ANNA", cast_number=1)
    ben = Character.objects.create(production=team.production, name="BEN")
    rows = [
        ("1", kitchen, TimeOfDay.DAY, 3, [(anna, True)], False),
        ("2", garden, TimeOfDay.NIGHT, 8, [(ben, True), (anna, False)], False),
        ("10", kitchen, TimeOfDay.DAY, 9, [(ben, True)], False),
        ("3", garden, TimeOfDay.DAY, 16, [], True),
    ]
    made = {}
    for number, set_, time, eighths, cast, omitted in rows:
        scene = Scene.objects.create(
            production=team.production,
            number=number,
            heading=f"INT. {set_.name} - {time}",
            int_ext="INT",
            set=set_,
            time_of_day=time,
            eighths=eighths,
            omitted=omitted,
            synopsis=f"Scene {number} happens.",
        )
        for character, speaking in cast:
            SceneCharacter.objects.create(scene=scene, character=character, speaking=speaking)
        made[number] = scene
    return made


def _rows(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html)


def test_scene_list_in_script_order_with_total_pages(client, team, scenes):
    client.force_login(team.hod)  # department heads read the breakdown

    response = client.get(_url(team, "scene-list"))

    assert response.status_code == 200
    assert _rows(response) == ["1", "2", "3", "10"]
    html = response.content.decode()
    assert "<strong data-total-pages>2 4/8</strong>" in html  # omitted scene 3 counts nothing
    assert '<td class="num">3/8</td>' in html
    assert '<td class="num">1 1/8</td>' in html
    assert re.search(r'<tr class="omitted">\s*<th scope="row"><a [^>]+>3</a>', html)
    assert "OMITTED" in html
    assert "Import screenplay" not in html  # not an editor


def test_scene_list_filters(client, team, scenes):
    client.force_login(team.ad)
    garden = Set.objects.get(production=team.production, name="GARDEN")
    anna = Character.objects.get(production=team.production, name="ANNA")

    by_set = client.get(_url(team, "scene-list"), {"set": garden.pk})
    assert _rows(by_set) == ["2", "3"]
    assert "<strong data-total-pages>1</strong>" in by_set.content.decode()

    by_character = client.get(_url(team, "scene-list"), {"character": anna.pk})
    assert _rows(by_character) == ["1", "2"]  # speaking in 1, silent in 2

    by_time = client.get(_url(team, "scene-list"), {"time_of_day": "NIGHT"})
    assert _rows(by_time) == ["2"]

    nothing = client.get(_url(team, "scene-list"), {"time_of_day": "DAWN"})
    assert "No scenes match these filters." in nothing.content.decode()


def test_scene_list_sorts(client, team, scenes):
    client.force_login(team.ad)

    def rows(ordering: str) -> list[str]:
        return _rows(client.get(_url(team, "scene-list"), {"ordering": ordering}))

    assert rows("-pages") == ["3", "10", "2", "1"]
    assert rows("pages") == ["1", "2", "10", "3"]
    assert rows("set") == ["2", "3", "1", "10"]
    assert rows("-number") == ["10", "3", "2", "1"]
    # An unknown sort falls back to script order instead of failing.
    assert rows("eval") == ["1", "2", "3", "10"]


def test_empty_scene_list_points_editors_to_the_import(client, team):
    client.force_login(team.ad)
    html = client.get(_url(team, "scene-list")).content.decode()
    assert "No scenes yet." in html
    assert _url(team, "screenplay-upload") in html


def test_scene_page_shows_the_breakdown_with_category_colours(client, team, scenes):
    client.force_login(team.director)

    response = client.get(_url(team, "scene-detail", scene_id=scenes["2"].pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Scene 2" in html
    assert swatch_colours(html, "Cast") == ("#d32f2f", "#ffffff")
    assert "BEN" in html
    assert re.search(r"ANNA\s*<span class=\"badge\">silent</span>", html)
    assert "Add to the breakdown" not in html  # directors read, ADs and producers write


def test_an_editor_adds_and_removes_elements(client, team, scenes):
    client.force_login(team.ad)
    element_categories_ensure(production=team.production)
    props = ElementCategory.objects.get(production=team.production, name="Props")
    vehicles = ElementCategory.objects.get(production=team.production, name="Vehicles / animals")
    cast = ElementCategory.objects.get(production=team.production, is_cast=True)
    scene = scenes["1"]
    add_url = _url(team, "scene-element-add", scene_id=scene.pk)

    response = client.post(
        add_url, {"category": vehicles.pk, "name": "vintage Porsche", "quantity": 1}
    )
    assert response.status_code == 302
    client.post(add_url, {"category": props.pk, "name": "Coffee cup", "quantity": 2})
    client.post(add_url, {"category": cast.pk, "name": "Ben", "quantity": 1})

    html = client.get(_url(team, "scene-detail", scene_id=scene.pk)).content.decode()
    assert swatch_colours(html, "Vehicles / animals") == ("#ec407a", "#ffffff")
    assert "vintage Porsche" in html
    assert "Coffee cup" in html
    assert "×2" in html
    ben = SceneCharacter.objects.get(scene=scene, character__name="BEN")
    assert ben.speaking is False
    assert Character.objects.filter(production=team.production, name="BEN").count() == 1

    porsche = SceneElement.objects.get(scene=scene, element__name="vintage Porsche")
    response = client.post(
        _url(team, "scene-element-remove", scene_id=scene.pk, scene_element_id=porsche.pk)
    )
    assert response.status_code == 302
    client.post(_url(team, "scene-character-remove", scene_id=scene.pk, scene_character_id=ben.pk))

    assert not SceneElement.objects.filter(pk=porsche.pk).exists()
    assert not SceneCharacter.objects.filter(pk=ben.pk).exists()
    assert Character.objects.filter(name="BEN").exists()  # the character stays on the production


def test_adding_an_element_needs_a_name(client, team, scenes):
    client.force_login(team.producer)
    element_categories_ensure(production=team.production)
    props = ElementCategory.objects.get(production=team.production, name="Props")

    response = client.post(
        _url(team, "scene-element-add", scene_id=scenes["1"].pk),
        {"category": props.pk, "name": "  ", "quantity": 0},
    )

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not SceneElement.objects.exists()


def test_upload_preview_then_apply(client, team):
    client.force_login(team.ad)

    page = client.get(_url(team, "screenplay-upload"))
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()

    response = client.post(
        _url(team, "screenplay-upload"),
        {"file": SimpleUploadedFile("draft.fountain", DRAFT_ONE.encode())},
    )
    screenplay_import = ScreenplayImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url(team, "screenplay-preview", import_id=screenplay_import.pk)
    assert not Scene.objects.exists()

    preview = client.get(response["Location"]).content.decode()
    assert "What applying this draft will change" in preview
    assert "Added scenes" in preview
    assert "KITCHEN" in preview
    assert "ANNA" in preview
    assert "Apply this draft" in preview

    applied = client.post(_url(team, "screenplay-apply", import_id=screenplay_import.pk))
    assert applied.status_code == 302
    assert applied["Location"] == _url(team, "scene-list")
    assert Scene.objects.filter(production=team.production).count() == 4
    listing = client.get(applied["Location"]).content.decode()
    assert "Applied draft.fountain: 4 added, 0 changed, 0 omitted." in listing

    # A second draft: the preview lists what changes, by scene number.
    client.post(
        _url(team, "screenplay-upload"),
        {"file": SimpleUploadedFile("blue.fountain", DRAFT_TWO.encode())},
    )
    second = ScreenplayImport.objects.filter(file_name="blue.fountain").get()
    preview = client.get(_url(team, "screenplay-preview", import_id=second.pk)).content.decode()
    assert "Omitted scenes" in preview
    assert "Changed scenes" in preview
    assert "<del>DUSK</del> → <ins>DAWN</ins>" in preview
    assert "Now speaking: CARL" in preview

    # Applying the first one again is refused politely.
    again = client.post(_url(team, "screenplay-apply", import_id=screenplay_import.pk), follow=True)
    assert "already been applied" in again.content.decode()


def test_reimporting_the_same_draft_shows_no_changes(client, team):
    client.force_login(team.producer)
    for _ in range(2):
        client.post(
            _url(team, "screenplay-upload"),
            {"file": SimpleUploadedFile("draft.fountain", DRAFT_ONE.encode())},
        )
        latest = ScreenplayImport.objects.latest("id")
        html = client.get(_url(team, "screenplay-preview", import_id=latest.pk)).content.decode()
        client.post(_url(team, "screenplay-apply", import_id=latest.pk))
    assert "No changes: the breakdown already matches this draft." in html


def test_locations_list_and_create(client, team):
    client.force_login(team.ad)
    response = client.post(
        _url(team, "location-list"),
        {
            "name": "Hartley House",
            "address": "1 Mill Lane, Wetumpka",
            "latitude": "32.543800",
            "longitude": "-86.211900",
            "time_zone": "America/Chicago",
            "hospital_name": "Community Hospital",
            "hospital_phone": "+1 334 567 4311",
        },
    )
    assert response.status_code == 302
    location = Location.objects.get(production=team.production)
    assert location.effective_time_zone == "America/Chicago"

    html = client.get(_url(team, "location-list")).content.decode()
    assert "Hartley House" in html
    assert "Community Hospital" in html

    duplicate = client.post(_url(team, "location-list"), {"name": "hartley house"})
    assert duplicate.status_code == 400
    assert duplicate.context["form"].errors["name"] == [
        "This production already has a location with that name."
    ]
    half = client.post(_url(team, "location-list"), {"name": "Field", "latitude": "10"})
    assert half.status_code == 400
    assert "Give both latitude" in half.content.decode()
    bad_zone = client.post(_url(team, "location-list"), {"name": "Moon", "time_zone": "Moon/Base"})
    assert "“Moon/Base” is not a time zone" in bad_zone.content.decode()
    assert Location.objects.count() == 1


def test_sets_list_create_and_cast_a_location(client, team, scenes):
    client.force_login(team.producer)
    location = Location.objects.create(production=team.production, name="Hartley House")
    kitchen = Set.objects.get(production=team.production, name="KITCHEN")

    response = client.post(
        _url(team, "set-detail", set_id=kitchen.pk), {"name": "KITCHEN", "location": location.pk}
    )
    assert response.status_code == 302
    kitchen.refresh_from_db()
    assert kitchen.location == location

    created = client.post(_url(team, "set-list"), {"name": "attic", "location": ""})
    assert created.status_code == 302
    assert Set.objects.filter(production=team.production, name="ATTIC").exists()

    html = client.get(_url(team, "set-list")).content.decode()
    assert "Hartley House" in html
    assert "ATTIC" in html
    detail = client.get(_url(team, "set-detail", set_id=kitchen.pk)).content.decode()
    assert "1 4/8" in detail  # scenes 1 (3/8) and 10 (1 1/8)
    location_page = client.get(_url(team, "location-detail", location_id=location.pk))
    assert "KITCHEN" in location_page.content.decode()


def test_a_set_cannot_be_played_by_another_productions_location(client, team, scenes):
    client.force_login(team.producer)
    theirs = Location.objects.create(production=team.other_production, name="Their house")

    response = client.post(_url(team, "set-list"), {"name": "ATTIC", "location": theirs.pk})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Set.objects.filter(name="ATTIC").exists()

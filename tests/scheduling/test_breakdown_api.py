"""The breakdown API as a production's own tools use it (paths and fields from API.md)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from crew.models import Character
from scheduling.breakdown.models import (
    Element,
    ElementCategory,
    Location,
    Scene,
    SceneCharacter,
    SceneElement,
    Set,
)
from tests.scheduling.test_import_service import DRAFT_ONE, DRAFT_TWO


@pytest.fixture
def api(api_client, team):
    api_client.force_authenticate(team.ad)
    return api_client


def _base(team) -> str:
    return f"/api/v1/productions/{team.production.pk}"


def _upload(api, team, text: str, name: str = "draft.fountain"):
    return api.post(
        f"{_base(team)}/screenplays/",
        {"file": SimpleUploadedFile(name, text.encode())},
        format="multipart",
    )


def test_upload_previews_and_apply_imports(api, team):
    response = _upload(api, team, DRAFT_ONE)

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "preview"
    assert body["scene_count"] == 4
    assert [s["number"] for s in body["changes"]["added"]] == ["1", "2", "3", "4"]
    assert not Scene.objects.exists()

    applied = api.post(f"{_base(team)}/screenplays/{body['id']}/apply/")
    assert applied.status_code == 200
    assert applied.json()["status"] == "applied"
    assert Scene.objects.filter(production=team.production).count() == 4

    again = api.post(f"{_base(team)}/screenplays/{body['id']}/apply/")
    assert again.status_code == 409
    assert again.json() == {"detail": "This draft has already been applied.", "errors": {}}

    second = _upload(api, team, DRAFT_TWO).json()["changes"]
    assert [s["number"] for s in second["omitted"]] == ["3"]
    assert [s["number"] for s in second["added"]] == ["3A", "5"]

    listed = api.get(f"{_base(team)}/screenplays/").json()
    assert [item["status"] for item in listed["results"]] == ["preview", "applied"]


@pytest.mark.parametrize(("a", "b"), [("IPEK", "\u0130PEK"), ("KAI", "\u212aAI")])
def test_cues_the_database_folds_to_one_name_still_apply(api, team, a, b):
    """Distinct to Python's upper(), one name to PostgreSQL's lower() (the unique index)."""
    api.raise_request_exception = False
    preview = _upload(api, team, f"INT. A - DAY\n\n{a}\nHi.\n\n{b}\nHello.\n")
    assert preview.status_code == 201
    applied = api.post(f"{_base(team)}/screenplays/{preview.json()['id']}/apply/")
    assert applied.status_code == 200


def test_scene_fields(api, team):
    upload = _upload(api, team, DRAFT_ONE).json()
    api.post(f"{_base(team)}/screenplays/{upload['id']}/apply/")

    body = api.get(f"{_base(team)}/scenes/").json()

    assert set(body) >= {"results", "next", "previous"}
    first = body["results"][0]
    assert {
        "id", "number", "int_ext", "set", "time_of_day", "eighths", "pages", "characters",
        "synopsis", "omitted", "heading", "script_day", "page_start", "page_end", "elements",
    } <= set(first)  # fmt: skip
    assert first["number"] == "1"
    assert first["int_ext"] == "INT"
    assert first["set_name"] == "KITCHEN"
    assert first["set"] == Set.objects.get(name="KITCHEN").pk
    assert first["time_of_day"] == "DAY"
    assert isinstance(first["eighths"], int)
    assert first["eighths"] >= 1
    assert first["pages"] in ("1/8", "2/8", "3/8")
    assert [(c["name"], c["speaking"], c["cast_number"]) for c in first["characters"]] == [
        ("ANNA", True, None),
        ("BEN", True, None),
    ]


def test_scene_filters_and_ordering(api, team):
    _upload_and_apply = _upload(api, team, DRAFT_ONE).json()
    api.post(f"{_base(team)}/screenplays/{_upload_and_apply['id']}/apply/")
    api.post(f"{_base(team)}/screenplays/{_upload(api, team, DRAFT_TWO).json()['id']}/apply/")
    kitchen = Set.objects.get(name="KITCHEN")
    carl = Character.objects.get(name="CARL")

    def numbers(**params):
        return [s["number"] for s in api.get(f"{_base(team)}/scenes/", params).json()["results"]]

    assert numbers() == ["1", "2", "3", "3A", "4", "5"]
    assert numbers(set=kitchen.pk) == ["1", "3"]
    assert numbers(character=carl.pk) == ["2"]
    assert numbers(time_of_day="night") == ["2", "5"]
    assert numbers(omitted="true") == ["3"]
    assert numbers(omitted="false") == ["1", "2", "3A", "4", "5"]
    assert numbers(ordering="-pages")[0] == "2"
    bad = api.get(f"{_base(team)}/scenes/", {"set": "kitchen"})
    assert bad.status_code == 400
    assert bad.json()["errors"] == {"set": ["“kitchen” is not an id."]}


@pytest.mark.parametrize(
    "q", ["scenes/?set=%C2%B2", "scenes/?character=%C2%B2", "elements/?scene=%C2%B2"]
)
def test_a_superscript_digit_as_an_id_filter_is_400(api_client, team, q):
    api_client.force_authenticate(team.producer)
    api_client.raise_request_exception = False
    assert api_client.get(f"{_base(team)}/{q}").status_code == 400


def test_create_and_update_a_scene(api, team):
    kitchen = Set.objects.create(production=team.production, name="KITCHEN")
    anna = Character.objects.create(production=team.production, name="ANNA", cast_number=1)

    created = api.post(
        f"{_base(team)}/scenes/",
        {
            "number": "12a",
            "int_ext": "INT",
            "set": kitchen.pk,
            "time_of_day": "NIGHT",
            "eighths": 20,
            "characters": [{"character": anna.pk, "speaking": False}],
        },
        format="json",
    )

    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["number"], body["eighths"], body["pages"]) == ("12A", 20, "2 4/8")
    assert body["characters"] == [
        {"character": anna.pk, "name": "ANNA", "cast_number": 1, "speaking": False}
    ]

    updated = api.patch(
        f"{_base(team)}/scenes/{body['id']}/", {"omitted": True, "eighths": 3}, format="json"
    )
    assert updated.status_code == 200
    assert (updated.json()["omitted"], updated.json()["pages"]) == (True, "3/8")
    assert updated.json()["characters"][0]["name"] == "ANNA"  # untouched when not sent


def test_scene_validation_errors(api, team):
    Scene.objects.create(production=team.production, number="7", eighths=1)
    theirs = Set.objects.create(production=team.other_production, name="THEIR SET")
    url = f"{_base(team)}/scenes/"

    zero = api.post(url, {"number": "8", "eighths": 0}, format="json")
    assert zero.status_code == 400
    assert "eighths" in zero.json()["errors"]

    taken = api.post(url, {"number": "7", "eighths": 1}, format="json")
    assert taken.status_code == 400
    assert taken.json()["errors"] == {
        "number": ["This production already has a scene with that number."]
    }

    foreign = api.post(url, {"number": "9", "eighths": 1, "set": theirs.pk}, format="json")
    assert foreign.status_code == 400
    assert "set" in foreign.json()["errors"]
    assert Scene.objects.filter(production=team.production).count() == 1


def test_element_categories_are_seeded_with_the_customary_colours(api, team):
    body = api.get(f"{_base(team)}/element-categories/").json()

    names = {c["name"]: c for c in body}
    assert len(body) == 14
    assert names["Cast"] == {**names["Cast"], "colour": "#d32f2f", "is_cast": True}
    assert names["Stunts"]["colour"] == "#f57c00"
    assert names["Extras (silent)"]["colour"] == "#fbc02d"
    assert names["Extras (atmosphere)"]["colour"] == "#388e3c"
    assert names["Special effects"]["colour"] == "#1976d2"
    assert names["Props"]["colour"] == "#7b1fa2"
    assert names["Sound / music"]["colour"] == "#795548"
    assert {"Wardrobe", "Make-up / hair", "Set dressing", "Special equipment", "VFX", "Notes"} <= (
        set(names)
    )

    made = api.post(f"{_base(team)}/element-categories/", {"name": "Weapons", "colour": "#000000"})
    assert made.status_code == 201
    bad = api.post(f"{_base(team)}/element-categories/", {"name": "Blood", "colour": "red"})
    assert bad.status_code == 400
    assert "colour" in bad.json()["errors"]
    cast = api.delete(f"{_base(team)}/element-categories/{names['Cast']['id']}/")
    assert cast.status_code == 400
    assert ElementCategory.objects.filter(production=team.production).count() == 15


def test_elements_with_scenes_and_quantities(api, team):
    api.get(f"{_base(team)}/element-categories/")
    vehicles = ElementCategory.objects.get(production=team.production, name="Vehicles / animals")
    cast = ElementCategory.objects.get(production=team.production, is_cast=True)
    one = Scene.objects.create(production=team.production, number="1", eighths=4)
    two = Scene.objects.create(production=team.production, number="2", eighths=4)

    created = api.post(
        f"{_base(team)}/elements/",
        {
            "category": vehicles.pk,
            "name": "vintage Porsche",
            "scenes": [{"scene": one.pk, "quantity": 1}, {"scene": two.pk, "quantity": 2}],
        },
        format="json",
    )

    assert created.status_code == 201, created.json()
    body = created.json()
    assert [(s["number"], s["quantity"]) for s in body["scenes"]] == [("1", 1), ("2", 2)]
    in_two = api.get(f"{_base(team)}/elements/", {"scene": two.pk}).json()["results"]
    assert [e["name"] for e in in_two] == ["vintage Porsche"]
    scene = api.get(f"{_base(team)}/scenes/{two.pk}/").json()
    assert [(e["name"], e["quantity"]) for e in scene["elements"]] == [("vintage Porsche", 2)]

    api.patch(
        f"{_base(team)}/elements/{body['id']}/",
        {"scenes": [{"scene": two.pk, "quantity": 5}]},
        format="json",
    )
    assert list(SceneElement.objects.values_list("scene__number", "quantity")) == [("2", 5)]

    as_cast = api.post(
        f"{_base(team)}/elements/", {"category": cast.pk, "name": "Edward"}, format="json"
    )
    assert as_cast.status_code == 400
    assert "category" in as_cast.json()["errors"]
    assert Element.objects.count() == 1


def test_an_element_quantity_too_large_is_400_and_saves_nothing(api_client, team):
    api_client.force_authenticate(team.producer)
    api_client.raise_request_exception = False
    base = _base(team)
    props = next(
        c for c in api_client.get(f"{base}/element-categories/").json() if c["name"] == "Props"
    )
    scene = api_client.post(f"{base}/scenes/", {"number": "1"}, format="json").json()
    r = api_client.post(
        f"{base}/elements/",
        {
            "category": props["id"],
            "name": "Porsche",
            "scenes": [{"scene": scene["id"], "quantity": 3_000_000_000}],
        },
        format="json",
    )
    left = Element.objects.filter(production=team.production, name="Porsche").count()
    assert (r.status_code, left) == (400, 0)


def test_locations_and_sets(api, team):
    location = api.post(
        f"{_base(team)}/locations/",
        {"name": "Hartley House", "latitude": "32.5438", "longitude": "-86.2119"},
        format="json",
    )
    assert location.status_code == 201, location.json()
    made = api.post(f"{_base(team)}/sets/", {"name": "Kitchen", "location": location.json()["id"]})
    assert made.status_code == 201
    assert made.json()["name"] == "KITCHEN"
    half = api.post(f"{_base(team)}/locations/", {"name": "Field", "latitude": "1"}, format="json")
    assert half.status_code == 400
    sets = api.get(f"{_base(team)}/sets/").json()["results"]
    assert [(s["name"], s["location"]) for s in sets] == [("KITCHEN", location.json()["id"])]


def test_anonymous_is_401(api_client, team):
    assert api_client.get(f"{_base(team)}/scenes/").status_code == 401


def test_deletes_keep_what_other_rows_need(api, team):
    house = Location.objects.create(production=team.production, name="Hartley House")
    kitchen = Set.objects.create(production=team.production, name="KITCHEN", location=house)
    scene = Scene.objects.create(production=team.production, number="1", set=kitchen)
    anna = Character.objects.create(production=team.production, name="ANNA")
    SceneCharacter.objects.create(scene=scene, character=anna)
    props = ElementCategory.objects.create(production=team.production, name="Props")
    lamp = Element.objects.create(production=team.production, category=props, name="Lamp")
    SceneElement.objects.create(scene=scene, element=lamp)
    base = _base(team)

    in_use = api.delete(f"{base}/sets/{kitchen.pk}/")
    assert in_use.status_code == 409
    assert in_use.json()["detail"] == (
        "This is still used by 1 scene; change or remove those first."
    )

    assert api.delete(f"{base}/elements/{lamp.pk}/").status_code == 204
    assert not SceneElement.objects.filter(scene=scene).exists()
    assert api.delete(f"{base}/scenes/{scene.pk}/").status_code == 204
    assert Character.objects.filter(pk=anna.pk).exists()  # the cast list keeps the part
    assert api.delete(f"{base}/locations/{house.pk}/").status_code == 204
    kitchen.refresh_from_db()
    assert kitchen.location is None
    assert api.delete(f"{base}/sets/{kitchen.pk}/").status_code == 204
    assert not Set.objects.filter(production=team.production).exists()

"""One rule, one place: the breakdown's pages and its API answer every role alike.

Each test runs one breakdown write through the page and through the API, once per role
of the cast (producer, ad, hod, director, crew), and expects an outcome that depends on
the role only: allowed or forbidden, the same error on the same field, the same refusal,
and the same rows afterwards.  Producers and ADs edit the breakdown; nobody else does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crew.models import Character
from scheduling.breakdown.models import (
    Element,
    ElementCategory,
    ImportStatus,
    Location,
    Scene,
    SceneCharacter,
    SceneElement,
    ScreenplayImport,
    Set,
)
from scheduling.breakdown.services import element_categories_ensure
from tests.conftest import Cast
from tests.scheduling.test_import_service import DRAFT_ONE

pytestmark = pytest.mark.django_db

ROLES = ["producer", "ad", "hod", "director", "crew"]
EDITORS = {"producer", "ad"}
SURFACES = ["page", "api"]


@dataclass
class Outcome:
    """What a surface answered, in words both surfaces share."""

    kind: str  # "ok", "forbidden", "invalid", "refused"
    errors: dict[str, Any] = field(default_factory=dict)
    message: str = ""


def _page_outcome(response: Any) -> Outcome:
    """403, a form with errors (400), or a redirect: with a warning it is a refusal."""
    if response.status_code == 403:
        return Outcome("forbidden")
    if response.status_code == 400:
        errors = response.context["form"].errors
        return Outcome(
            "invalid",
            errors={
                ("non_field_errors" if name == NON_FIELD_ERRORS else name): list(messages)
                for name, messages in errors.items()
            },
        )
    assert response.status_code == 302, response.status_code
    notes = [m for m in get_messages(response.wsgi_request) if m.level_tag in ("warning", "error")]
    if notes:
        return Outcome("refused", message=" ".join(str(m) for m in notes))
    return Outcome("ok")


def _api_outcome(response: Any) -> Outcome:
    if response.status_code == 403:
        return Outcome("forbidden")
    if response.status_code == 400:
        return Outcome("invalid", errors=response.json()["errors"])
    if response.status_code == 409:
        return Outcome("refused", message=response.json()["detail"])
    assert response.status_code in (200, 201, 204), (response.status_code, response.content)
    return Outcome("ok")


def _page(cast: Cast, role: str, name: str, data: Any = None, **kwargs: Any) -> Outcome:
    url = reverse(f"scheduling:{name}", kwargs={"production_id": cast.production.pk, **kwargs})
    return _page_outcome(cast.client(role).post(url, data or {}))


def _api(cast: Cast, role: str, method: str, path: str, data: Any = None, **kwargs: Any) -> Outcome:
    url = f"/api/v1/productions/{cast.production.pk}/{path}"
    kwargs.setdefault("format", "json")
    return _api_outcome(getattr(cast.api(role), method)(url, data, **kwargs))


def _expect_role_outcome(role: str, outcome: Outcome) -> None:
    assert outcome.kind == ("ok" if role in EDITORS else "forbidden"), outcome


# Locations ---------------------------------------------------------------------------

LOCATION = {
    "name": "Hartley House",
    "address": "1 Mill Lane",
    "latitude": "32.543800",
    "longitude": "-86.211900",
    "time_zone": "America/Chicago",
    "hospital_name": "Community Hospital",
}


def _locations(cast: Cast) -> list[tuple[Any, ...]]:
    return sorted(
        Location.objects.filter(production=cast.production).values_list(
            "name", "address", "latitude", "longitude", "time_zone", "hospital_name"
        )
    )


def _save_location(
    surface: str, cast: Cast, role: str, data: dict[str, Any], pk: int | None = None
) -> Outcome:
    if surface == "page":
        if pk is None:
            return _page(cast, role, "location-list", data)
        current = Location.objects.values().get(pk=pk)
        form = {k: "" if v is None else v for k, v in current.items() if k in LOCATION}
        return _page(cast, role, "location-detail", {**form, **data}, location_id=pk)
    if pk is None:
        return _api(cast, role, "post", "locations/", data)
    return _api(cast, role, "patch", f"locations/{pk}/", data)


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("role", ROLES)
def test_adding_and_editing_a_location_is_for_editors_on_every_surface(cast, role, surface):
    mill = Location.objects.create(production=cast.production, name="Mill")

    added = _save_location(surface, cast, role, LOCATION)
    edited = _save_location(surface, cast, role, {"name": "Old Mill"}, pk=mill.pk)

    _expect_role_outcome(role, added)
    _expect_role_outcome(role, edited)
    if role in EDITORS:
        assert _locations(cast) == [
            (
                "Hartley House",
                "1 Mill Lane",
                Decimal("32.5438"),
                Decimal("-86.2119"),
                "America/Chicago",
                "Community Hospital",
            ),
            ("Old Mill", "", None, None, "", ""),
        ]
    else:
        assert _locations(cast) == [("Mill", "", None, None, "", "")]


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"name": "mill"},
            {"name": ["This production already has a location with that name."]},
        ),
        (
            {"name": "Field", "latitude": "10"},
            {
                "non_field_errors": [
                    "Give both latitude (-90 to 90) and longitude (-180 to 180), or neither."
                ]
            },
        ),
    ],
    ids=["taken name", "half coordinates"],
)
def test_a_bad_location_is_the_same_field_error_on_every_surface(cast, surface, data, errors):
    Location.objects.create(production=cast.production, name="Mill")

    outcome = _save_location(surface, cast, "ad", data)

    assert (outcome.kind, outcome.errors) == ("invalid", errors)
    assert _locations(cast) == [("Mill", "", None, None, "", "")]


# Sets --------------------------------------------------------------------------------


def _sets(cast: Cast) -> list[tuple[str, str | None]]:
    return sorted(
        Set.objects.filter(production=cast.production).values_list("name", "location__name")
    )


def _save_set(
    surface: str, cast: Cast, role: str, data: dict[str, Any], pk: int | None = None
) -> Outcome:
    if surface == "page":
        form = {"location": "", "notes": "", **data}
        if pk is None:
            return _page(cast, role, "set-list", form)
        return _page(cast, role, "set-detail", form, set_id=pk)
    if pk is None:
        return _api(cast, role, "post", "sets/", data)
    return _api(cast, role, "patch", f"sets/{pk}/", data)


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("role", ROLES)
def test_adding_and_editing_a_set_is_for_editors_on_every_surface(cast, role, surface):
    house = Location.objects.create(production=cast.production, name="Hartley House")
    kitchen = Set.objects.create(production=cast.production, name="KITCHEN")

    added = _save_set(surface, cast, role, {"name": " attic  stairs "})
    edited = _save_set(surface, cast, role, {"name": "Kitchen", "location": house.pk}, kitchen.pk)

    _expect_role_outcome(role, added)
    _expect_role_outcome(role, edited)
    if role in EDITORS:
        assert _sets(cast) == [("ATTIC STAIRS", None), ("KITCHEN", "Hartley House")]
    else:
        assert _sets(cast) == [("KITCHEN", None)]


@pytest.mark.parametrize("surface", SURFACES)
def test_a_taken_set_name_is_the_same_field_error_on_every_surface(cast, surface):
    Set.objects.create(production=cast.production, name="KITCHEN")

    outcome = _save_set(surface, cast, "producer", {"name": "kitchen"})

    assert (outcome.kind, outcome.errors) == (
        "invalid",
        {"name": ["This production already has a set with that name."]},
    )
    assert _sets(cast) == [("KITCHEN", None)]


@pytest.mark.parametrize("surface", SURFACES)
def test_another_productions_location_is_refused_on_every_surface(cast, surface):
    theirs = Location.objects.create(production=cast.other_production, name="Their house")

    outcome = _save_set(surface, cast, "producer", {"name": "ATTIC", "location": theirs.pk})

    # The wording is the page's or the API's own "no such choice"; the field is the same.
    assert outcome.kind == "invalid"
    assert list(outcome.errors) == ["location"]
    assert _sets(cast) == []


# Elements in a scene -----------------------------------------------------------------


@pytest.fixture
def scene(cast) -> Scene:
    """Scene 1, with a lamp (×2) and ANNA (speaking) already in it."""
    element_categories_ensure(production=cast.production)
    scene = Scene.objects.create(production=cast.production, number="1", eighths=3)
    props = ElementCategory.objects.get(production=cast.production, name="Props")
    lamp = Element.objects.create(production=cast.production, category=props, name="Lamp")
    SceneElement.objects.create(scene=scene, element=lamp, quantity=2)
    anna = Character.objects.create(production=cast.production, name="ANNA")
    SceneCharacter.objects.create(scene=scene, character=anna, speaking=True)
    return scene


def _category(cast: Cast, name: str) -> ElementCategory:
    return ElementCategory.objects.get(production=cast.production, name=name)


def _breakdown(scene: Scene) -> list[tuple[str, int]]:
    return sorted(SceneElement.objects.filter(scene=scene).values_list("element__name", "quantity"))


def _add_element(
    surface: str, cast: Cast, role: str, scene: Scene, category: str, name: str, quantity: int
) -> Outcome:
    category_id = _category(cast, category).pk
    if surface == "page":
        data = {"category": category_id, "name": name, "quantity": quantity}
        return _page(cast, role, "scene-element-add", data, scene_id=scene.pk)
    data = {
        "category": category_id,
        "name": name,
        "scenes": [{"scene": scene.pk, "quantity": quantity}],
    }
    return _api(cast, role, "post", "elements/", data)


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("role", ROLES)
def test_adding_a_new_element_to_a_scene_is_for_editors_on_every_surface(
    cast, scene, role, surface
):
    outcome = _add_element(surface, cast, role, scene, "Vehicles / animals", " vintage  Porsche", 3)

    _expect_role_outcome(role, outcome)
    if role in EDITORS:
        assert _breakdown(scene) == [("Lamp", 2), ("vintage Porsche", 3)]
    else:
        assert _breakdown(scene) == [("Lamp", 2)]


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("quantity", [0, 100_001])
def test_a_quantity_out_of_bounds_is_refused_on_every_surface(cast, scene, surface, quantity):
    outcome = _add_element(surface, cast, "ad", scene, "Props", "Cup", quantity)

    assert outcome.kind == "invalid"
    assert not Element.objects.filter(production=cast.production, name="Cup").exists()
    assert _breakdown(scene) == [("Lamp", 2)]


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("role", ROLES)
def test_taking_an_element_out_of_a_scene_is_for_editors_on_every_surface(
    cast, scene, role, surface
):
    link = SceneElement.objects.get(scene=scene)

    if surface == "page":
        outcome = _page(
            cast, role, "scene-element-remove", scene_id=scene.pk, scene_element_id=link.pk
        )
    else:
        outcome = _api(cast, role, "patch", f"elements/{link.element_id}/", {"scenes": []})

    _expect_role_outcome(role, outcome)
    assert _breakdown(scene) == ([] if role in EDITORS else [("Lamp", 2)])
    assert Element.objects.filter(pk=link.element_id).exists()  # still on the breakdown


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("role", ROLES)
def test_taking_a_character_out_of_a_scene_is_for_editors_on_every_surface(
    cast, scene, role, surface
):
    link = SceneCharacter.objects.get(scene=scene)

    if surface == "page":
        outcome = _page(
            cast, role, "scene-character-remove", scene_id=scene.pk, scene_character_id=link.pk
        )
    else:
        outcome = _api(cast, role, "patch", f"scenes/{scene.pk}/", {"characters": []})

    _expect_role_outcome(role, outcome)
    assert SceneCharacter.objects.filter(scene=scene).exists() is (role not in EDITORS)
    assert Character.objects.filter(pk=link.character_id).exists()  # still in the cast list


# Screenplay import -------------------------------------------------------------------


def _upload(surface: str, cast: Cast, role: str, name: str, content: bytes) -> Outcome:
    upload = SimpleUploadedFile(name, content)
    if surface == "page":
        return _page(cast, role, "screenplay-upload", {"file": upload})
    return _api(cast, role, "post", "screenplays/", {"file": upload}, format="multipart")


def _apply(surface: str, cast: Cast, role: str, draft: ScreenplayImport) -> Outcome:
    if surface == "page":
        return _page(cast, role, "screenplay-apply", import_id=draft.pk)
    return _api(cast, role, "post", f"screenplays/{draft.pk}/apply/")


def _scene_numbers(cast: Cast) -> list[str]:
    return list(Scene.objects.filter(production=cast.production).values_list("number", flat=True))


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("role", ROLES)
def test_uploading_and_applying_a_draft_is_for_editors_on_every_surface(cast, role, surface):
    uploaded = _upload(surface, cast, role, "draft.fountain", DRAFT_ONE.encode())

    _expect_role_outcome(role, uploaded)
    drafts = ScreenplayImport.objects.filter(production=cast.production)
    assert drafts.count() == (1 if role in EDITORS else 0)
    assert _scene_numbers(cast) == []  # an upload only previews

    draft = drafts.first() or ScreenplayImport.objects.create(
        production=cast.production,
        file_name="draft.fountain",
        summary={"scenes": []},
        changes={},
    )
    applied = _apply(surface, cast, role, draft)

    _expect_role_outcome(role, applied)
    draft.refresh_from_db()
    if role in EDITORS:
        assert draft.status == ImportStatus.APPLIED
        assert _scene_numbers(cast) == ["1", "2", "3", "4"]
    else:
        assert draft.status == ImportStatus.PREVIEW


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("draft.fountain", b"", "The file is empty."),
        (
            "draft.pdf",
            b"%PDF-1.7\n...",
            "This file is a PDF, not a screenplay. Export the script as Fountain (.fountain) "
            "or Final Draft (.fdx) and upload that.",
        ),
        (
            "draft.fountain",
            b"Just a few words of prose.\n",
            "No scene headings were found in this Fountain file. A scene heading is a line on "
            "its own, after a blank line, that starts with INT., EXT., EST., INT./EXT. or I/E "
            "(or any line forced with a leading '.').",
        ),
    ],
    ids=["empty", "pdf", "no scenes"],
)
def test_an_unreadable_draft_is_the_same_file_error_on_every_surface(
    cast, surface, name, content, message
):
    outcome = _upload(surface, cast, "producer", name, content)

    assert (outcome.kind, outcome.errors) == ("invalid", {"file": [message]})
    assert not ScreenplayImport.objects.exists()


@pytest.mark.parametrize("surface", SURFACES)
def test_a_draft_applied_already_is_refused_alike_on_every_surface(cast, surface):
    assert _upload("api", cast, "ad", "draft.fountain", DRAFT_ONE.encode()).kind == "ok"
    draft = ScreenplayImport.objects.get()
    assert _apply("api", cast, "ad", draft).kind == "ok"
    Scene.objects.filter(production=cast.production, number="1").update(heading="EDITED")

    again = _apply(surface, cast, "producer", draft)

    assert (again.kind, again.message) == ("refused", "This draft has already been applied.")
    assert Scene.objects.get(production=cast.production, number="1").heading == "EDITED"

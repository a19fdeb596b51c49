"""A scene's own fields are edited on its page, through the service the API's PATCH uses,
and the page leads to the scenes before and after it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scheduling.breakdown.models import Scene, Set, TimeOfDay
from scheduling.breakdown.services import scene_save
from tests.scheduling.test_breakdown_pages import scenes  # noqa: F401  (fixture)


def _url(team, name: str, scene: Scene) -> str:
    return reverse(
        f"scheduling:{name}", kwargs={"production_id": team.production.pk, "scene_id": scene.pk}
    )


def _edit(scene: Scene, **changes: object) -> dict[str, object]:
    """The form as the page fills it for ``scene``, with ``changes``."""
    data: dict[str, object] = {
        "int_ext": scene.int_ext,
        "set": scene.set_id or "",
        "time_of_day": scene.time_of_day,
        "synopsis": scene.synopsis,
        "script_day": scene.script_day,
        "notes": scene.notes,
    }
    if scene.omitted:
        data["omitted"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_an_editor_changes_every_part_of_a_scene(client, team, scenes):  # noqa: F811
    scene = scenes["2"]
    cellar = Set.objects.create(production=team.production, name="CELLAR")
    client.force_login(team.ad)
    page = client.get(_url(team, "scene-detail", scene)).content.decode()
    assert 'id="scene-edit"' in page
    assert "Edit the scene" in page

    response = client.post(
        _url(team, "scene-edit", scene),
        _edit(
            scene,
            int_ext="EXT",
            set=cellar.pk,
            time_of_day=TimeOfDay.DUSK,
            synopsis="Ben hides the key.",
            script_day="D4",
            notes="Rain machine.",
            omitted="on",
        ),
    )
    assert response.status_code == 302
    scene.refresh_from_db()
    assert (scene.int_ext, scene.set, scene.time_of_day) == ("EXT", cellar, TimeOfDay.DUSK)
    assert (scene.synopsis, scene.script_day, scene.notes) == (
        "Ben hides the key.",
        "D4",
        "Rain machine.",
    )
    assert scene.omitted
    # The heading follows its parts, so the page never contradicts itself.
    assert scene.heading == "EXT. CELLAR - DUSK"
    page = client.get(response["Location"]).content.decode()
    assert "Saved scene 2." in page
    assert "EXT. CELLAR - DUSK" in page


def test_an_omitted_scene_is_restored_by_unticking(client, team, scenes):  # noqa: F811
    scene = scenes["3"]
    client.force_login(team.producer)
    data = _edit(scene)
    data.pop("omitted")
    assert client.post(_url(team, "scene-edit", scene), data).status_code == 302
    scene.refresh_from_db()
    assert not scene.omitted
    assert scene.heading == "INT. GARDEN - DAY"  # the parts did not change: heading kept


def test_bad_input_is_a_form_error_and_nothing_is_saved(client, team, scenes):  # noqa: F811
    scene = scenes["1"]
    client.force_login(team.ad)
    response = client.post(
        _url(team, "scene-edit", scene),
        _edit(scene, time_of_day="NOON", script_day="D" * 21, synopsis="Changed"),
    )
    assert response.status_code == 400
    form = response.context["scene_form"]
    assert set(form.errors) == {"time_of_day", "script_day"}
    scene.refresh_from_db()
    assert scene.synopsis == "Scene 1 happens."


def test_another_productions_set_is_refused(client, team, scenes):  # noqa: F811
    scene = scenes["1"]
    elsewhere = Set.objects.create(production=team.other_production, name="THEIR SET")
    client.force_login(team.producer)
    response = client.post(_url(team, "scene-edit", scene), _edit(scene, set=elsewhere.pk))
    assert response.status_code == 400
    assert "set" in response.context["scene_form"].errors
    scene.refresh_from_db()
    assert scene.set.name == "KITCHEN"


@pytest.mark.parametrize("member", ["hod", "director", "crew"])
def test_readers_see_no_form_and_may_not_post(client, team, scenes, member):  # noqa: F811
    scene = scenes["1"]
    client.force_login(getattr(team, member))
    page = client.get(_url(team, "scene-detail", scene)).content.decode()
    assert 'id="scene-edit"' not in page
    before = Scene.objects.get(pk=scene.pk).synopsis
    assert (
        client.post(_url(team, "scene-edit", scene), _edit(scene, synopsis="X")).status_code == 403
    )
    assert Scene.objects.get(pk=scene.pk).synopsis == before


def test_another_productions_scene_is_not_found(client, team, scenes):  # noqa: F811
    client.force_login(team.outsider)
    response = client.post(_url(team, "scene-edit", scenes["1"]), _edit(scenes["1"], synopsis="X"))
    assert response.status_code == 404


def test_previous_and_next_scene_in_script_order(client, team, scenes):  # noqa: F811
    # Script order: 1, 2, 3 (omitted, still in its place), 10.
    client.force_login(team.hod)

    def links(number: str) -> tuple[str | None, str | None]:
        page = client.get(_url(team, "scene-detail", scenes[number])).content.decode()
        context = client.get(_url(team, "scene-detail", scenes[number])).context
        neighbours = context["neighbours"]
        assert ("First scene" in page) == (neighbours.previous is None)
        assert ("Last scene" in page) == (neighbours.next is None)
        return (
            neighbours.previous.number if neighbours.previous else None,
            neighbours.next.number if neighbours.next else None,
        )

    assert links("1") == (None, "2")
    assert links("2") == ("1", "3")
    assert links("3") == ("2", "10")
    assert links("10") == ("3", None)
    page = client.get(_url(team, "scene-detail", scenes["2"])).content.decode()
    assert f'rel="next" href="{_url(team, "scene-detail", scenes["3"])}"' in page
    assert f'rel="prev" href="{_url(team, "scene-detail", scenes["1"])}"' in page


def test_the_api_patch_keeps_the_heading_in_step_too(api_client, team, scenes):  # noqa: F811
    """One rule, one place: the API's PATCH calls the same service."""
    api_client.force_authenticate(team.ad)
    scene = scenes["1"]
    garden = Set.objects.get(production=team.production, name="GARDEN")
    url = f"/api/v1/productions/{team.production.pk}/scenes/{scene.pk}/"
    response = api_client.patch(url, {"set": garden.pk}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["heading"] == "INT. GARDEN - DAY"
    scene.refresh_from_db()
    assert scene.heading == "INT. GARDEN - DAY"


def test_a_heading_given_with_the_parts_is_kept(team, scenes):  # noqa: F811
    scene = scenes["1"]
    scene_save(scene=scene, int_ext="EXT", heading="EXT. KITCHEN WINDOW - DAY")
    scene.refresh_from_db()
    assert scene.heading == "EXT. KITCHEN WINDOW - DAY"


def test_a_new_time_of_day_drops_the_scripts_wording_of_the_old(team, scenes):  # noqa: F811
    scene = scenes["2"]
    Scene.objects.filter(pk=scene.pk).update(time_of_day_raw="NIGHT (1973)")
    scene.refresh_from_db()
    scene_save(scene=scene, time_of_day=TimeOfDay.DAY)
    scene.refresh_from_db()
    assert scene.time_of_day_raw == ""
    assert scene.heading == "INT. GARDEN - DAY"

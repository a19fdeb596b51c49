"""The scene list's rows are cached per data version: any write shows at once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crew.models import Character
from scheduling.breakdown.models import Scene, SceneCharacter, Set, scene_number_sort_key

pytestmark = pytest.mark.django_db


def _scene(production, number: str, **fields) -> Scene:
    return Scene.objects.create(
        production=production,
        number=number,
        sort_key=scene_number_sort_key(number),
        heading=f"INT. KITCHEN {number} - DAY",
        **fields,
    )


def _list(client, production, **params: str) -> str:
    url = reverse("scheduling:scene-list", kwargs={"production_id": production.pk})
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_writes_show_at_once(cast):
    client = cast.client("director")
    scene = _scene(cast.production, "1", synopsis="Ann cooks.", eighths=3)
    assert "Ann cooks." in _list(client, cast.production)

    Scene.objects.filter(pk=scene.pk).update(synopsis="Ann burns the toast.", eighths=12)
    html = _list(client, cast.production)
    assert "Ann burns the toast." in html
    assert "1 4/8" in html

    ann = Character.objects.create(production=cast.production, name="ANN", cast_number=4)
    SceneCharacter.objects.create(scene=scene, character=ann, speaking=False)
    assert 'title="ANN (silent)">4</span>' in _list(client, cast.production)


def test_another_production_and_another_order_are_other_tables(cast):
    client = cast.client("producer")
    _scene(cast.production, "1", synopsis="First.")
    _scene(cast.production, "2", synopsis="Second.")
    script_order = _list(client, cast.production)
    reversed_order = _list(client, cast.production, ordering="-number")

    assert script_order.index("First.") < script_order.index("Second.")
    assert reversed_order.index("Second.") < reversed_order.index("First.")
    other = cast.client("outsider")
    assert "First." not in _list(other, cast.other_production)


def test_the_filter_fields_follow_new_sets_and_the_query(cast):
    client = cast.client("producer")
    _scene(cast.production, "1", synopsis="First.")
    assert "ROOFTOP" not in _list(client, cast.production)

    rooftop = Set.objects.create(production=cast.production, name="ROOFTOP")

    assert "ROOFTOP" in _list(client, cast.production)
    chosen = _list(client, cast.production, set=str(rooftop.pk))
    assert f'<option value="{rooftop.pk}" selected>ROOFTOP</option>' in chosen
    assert "No scenes match these filters." in chosen


def test_every_value_on_a_row_is_escaped(cast):
    client = cast.client("producer")
    scene = _scene(cast.production, "1", synopsis="<script>alert(1)</script>")
    Scene.objects.filter(pk=scene.pk).update(heading='INT. "<b>" - DAY', time_of_day_raw="<i>")
    villain = Character.objects.create(production=cast.production, name="<EVIL & CO>")
    SceneCharacter.objects.create(scene=scene, character=villain)

    html = _list(client, cast.production)

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'title="&lt;i&gt;"' in html
    assert "&lt;EVIL &amp; CO&gt;" in html
    assert "<b>" not in html

"""Scene numbers keep their letters and sort the way a script reads; lengths are >= 1/8."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from scheduling.breakdown.models import Scene, scene_number_sort_key


def test_sort_key_orders_inserted_scenes_around_their_number():
    numbers = [
        "13",
        "12B",
        "12A",
        "12",
        "B12",
        "A12",
        "11A",
        "11",
        "9.",
        "2",
        "1A",
        "1",
        "PROLOGUE",
    ]
    assert sorted(numbers, key=scene_number_sort_key) == [
        "1", "1A", "2", "9.", "11", "11A", "A12", "B12", "12", "12A", "12B", "13", "PROLOGUE",
    ]  # fmt: skip


def test_sort_key_counts_letters_like_a_spreadsheet_column():
    assert sorted(["12AA", "12B", "12Z", "12A"], key=scene_number_sort_key) == [
        "12A",
        "12B",
        "12Z",
        "12AA",
    ]


def test_sort_key_ignores_case_spaces_and_punctuation():
    assert scene_number_sort_key(" 12a ") == scene_number_sort_key("12A")
    assert scene_number_sort_key("9.") == scene_number_sort_key("9")


def test_the_database_sorts_by_the_stored_key(team):
    for number in ["10", "2", "A2", "2A", "1", "100"]:
        Scene.objects.create(production=team.production, number=number, eighths=1)

    numbers = list(
        Scene.objects.filter(production=team.production).values_list("number", flat=True)
    )
    assert numbers == ["1", "A2", "2", "2A", "10", "100"]


def test_renumbering_a_scene_moves_its_sort_key(team):
    scene = Scene.objects.create(production=team.production, number="5", eighths=1)
    scene.number = "50"
    scene.save(update_fields=["number"])

    scene.refresh_from_db()
    assert scene.sort_key == scene_number_sort_key("50")


def test_length_is_at_least_one_eighth_in_the_database(team):
    with pytest.raises(IntegrityError), transaction.atomic():
        Scene.objects.create(production=team.production, number="1", eighths=0)


def test_a_number_is_unique_per_production_only(team):
    Scene.objects.create(production=team.production, number="12A", eighths=3)
    Scene.objects.create(production=team.other_production, number="12A", eighths=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Scene.objects.create(production=team.production, number="12A", eighths=3)


@pytest.mark.parametrize(("eighths", "pages"), [(1, "1/8"), (3, "3/8"), (8, "1"), (20, "2 4/8")])
def test_pages_are_written_in_eighths(eighths, pages):
    assert Scene(number="1", eighths=eighths).pages == pages

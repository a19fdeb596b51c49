"""Every real screenplay in ../shared/screenplays imports into the database through the service.

The expected counts are the hand-verified ones from test_screenplay_real_files.py (see its
docstring for how they were counted); the files are read in place, never copied.
"""

from __future__ import annotations

import re

import pytest

from crew.models import Character
from scheduling.breakdown.importing import screenplay_import_apply, screenplay_import_preview
from scheduling.breakdown.models import Scene, SceneCharacter, Set
from tests.scheduling.conftest import SCREENPLAYS, screenplay_path
from tests.scheduling.test_screenplay_real_files import EXPECTED

EIGHTHS_WRITTEN = re.compile(r"^(?:[1-9]\d*|[1-7]/8|[1-9]\d* [1-7]/8)$")


def _import(team, name: str):
    data = screenplay_path(name).read_bytes()
    preview = screenplay_import_preview(access=team.access(), file_name=name, data=data)
    return data, screenplay_import_apply(access=team.access(), screenplay_import=preview)


def test_the_folder_holds_exactly_the_expected_files():
    folder = screenplay_path("SOURCES.md").parent
    found = {p.name for p in folder.iterdir() if p.suffix in (".fountain", ".fdx")}
    assert found == set(EXPECTED), f"update EXPECTED for the files in {SCREENPLAYS}"


@pytest.mark.parametrize(("name", "counts"), sorted(EXPECTED.items()))
def test_real_screenplay_imports(team, name: str, counts: tuple[int, int]) -> None:
    scene_count, character_count = counts
    data, applied = _import(team, name)

    scenes = list(Scene.objects.filter(production=team.production))
    assert len(scenes) == applied.scene_count == scene_count
    assert len(applied.changes["added"]) == scene_count
    assert Character.objects.filter(production=team.production).count() == character_count
    assert all(scene.eighths >= 1 for scene in scenes)  # never less than an eighth
    assert all(EIGHTHS_WRITTEN.match(scene.pages) for scene in scenes)
    assert all(1 <= (s.page_start or 0) <= (s.page_end or 0) for s in scenes)
    assert not any(scene.omitted for scene in scenes)
    assert Set.objects.filter(production=team.production).exists()
    speaking = SceneCharacter.objects.filter(scene__production=team.production, speaking=True)
    assert speaking.values("character").distinct().count() == character_count

    # The same file again: nothing to do, nothing done.
    again = screenplay_import_preview(access=team.access(), file_name=name, data=data)
    assert again.changes["has_changes"] is False
    assert again.changes["unchanged"] == scene_count


def test_big_fish_fdx_lengths_reach_the_database(team):
    _import(team, "Big-Fish.fdx")
    scenes = {s.number: s for s in Scene.objects.filter(production=team.production)}

    assert scenes["1"].pages == "5/8"  # Length="5/8"
    assert scenes["5"].pages == "1 4/8"  # Length="1 4/8"
    assert scenes["2"].heading == "INT. WILL'S BEDROOM - NIGHT (1973)"
    assert scenes["2"].time_of_day_raw == "NIGHT (1973)"
    assert list(scenes)[:12] == [str(n) for n in range(1, 13)]  # 10 after 9, not after 1
    assert any(scene.pages == "1" for scene in scenes.values())  # a whole page is written 1


def test_scene_numbers_excerpt_keeps_its_numbers_in_script_order(team):
    _import(team, "Big-Fish-scene-numbers-excerpt.fountain")

    numbers = list(
        Scene.objects.filter(production=team.production).values_list("number", flat=True)
    )
    # I-1-A has letters before its number, so it sorts before 1 (as A1 would).
    assert numbers == ["I-1-A", "1", "1A", "2", "2A", "9.", "110A"]


def test_the_fountain_draft_then_the_final_draft_file_updates_by_number(team):
    """Big Fish as Fountain (192 scenes, numbered 1..192) then as Final Draft (202 scenes)."""
    _import(team, "Big-Fish.fountain")
    ids = dict(Scene.objects.filter(production=team.production).values_list("number", "pk"))

    _, applied = _import(team, "Big-Fish.fdx")

    scenes = Scene.objects.filter(production=team.production)
    assert scenes.count() == 202  # 192 updated in place, 10 added; none omitted
    assert applied.changes["omitted"] == []
    assert len(applied.changes["added"]) == 10
    assert dict(scenes.filter(number__in=ids).values_list("number", "pk")) == ids

"""Screenplay import through the service: preview first, apply by scene number, idempotent."""

from __future__ import annotations

import pytest

from crew.models import Character
from scheduling.breakdown.importing import (
    ImportAlreadyApplied,
    SceneNumbersInvalid,
    screenplay_import_apply,
    screenplay_import_preview,
)
from scheduling.breakdown.models import (
    ElementCategory,
    ImportStatus,
    Scene,
    SceneCharacter,
    SceneElement,
    ScreenplayImport,
    Set,
    TimeOfDay,
)
from scheduling.breakdown.services import element_categories_ensure, scene_element_add

DRAFT_ONE = """\
Title: Test Draft

INT. KITCHEN - DAY #1#

Anna makes coffee.

ANNA
Morning.

BEN (O.S.)
Morning!

EXT. GARDEN - NIGHT #2#

Ben smokes alone.

INT. KITCHEN - DAY #3#

Anna waits at the table.

ANNA
Where were you?

BEN
Out.

EXT. STREET - DUSK #4#

A car passes.
"""

# Scene 2 grows and Carl speaks in it, 3 is cut, 3A is new, 4 moves to dawn, 5 is new.
DRAFT_TWO = """\
Title: Test Draft (blue pages)

INT. KITCHEN - DAY #1#

Anna makes coffee.

ANNA
Morning.

BEN (O.S.)
Morning!

EXT. GARDEN - NIGHT #2#

Ben smokes alone. {long}

CARL
Got a light?

INT. HALLWAY - DAY #3A#

Anna listens at the door.

EXT. STREET - DAWN #4#

A car passes.

INT. CAR - NIGHT #5#

The DRIVER hums.

DRIVER
Nearly there.
""".replace("{long}", "The smoke curls up into the dark. " * 60)


def _preview(team, text: str, name: str = "draft.fountain") -> ScreenplayImport:
    return screenplay_import_preview(access=team.access(), file_name=name, data=text.encode())


def _import(team, text: str, name: str = "draft.fountain") -> ScreenplayImport:
    return screenplay_import_apply(
        access=team.access(), screenplay_import=_preview(team, text, name)
    )


def _snapshot(production) -> list[tuple[object, ...]]:
    return [
        (
            s.number,
            s.heading,
            s.int_ext,
            s.set.name if s.set else "",
            s.time_of_day,
            s.eighths,
            s.page_start,
            s.page_end,
            s.omitted,
            s.updated_at,
            tuple(sorted((c.character.name, c.speaking) for c in s.scene_characters.all())),
        )
        for s in Scene.objects.filter(production=production)
        .select_related("set")
        .prefetch_related("scene_characters__character")
    ]


def test_preview_stores_the_changes_and_touches_nothing_else(team):
    imported = _preview(team, DRAFT_ONE)

    assert imported.status == ImportStatus.PREVIEW
    assert (imported.source_format, imported.scene_count, imported.title) == (
        "fountain",
        4,
        "Test Draft",
    )
    assert imported.uploaded_by == team.producer
    changes = imported.changes
    assert [s["number"] for s in changes["added"]] == ["1", "2", "3", "4"]
    assert changes["new_characters"] == ["ANNA", "BEN"]
    assert changes["new_sets"] == ["KITCHEN", "GARDEN", "STREET"]
    assert changes["omitted"] == changes["changed"] == []
    assert changes["has_changes"] is True
    assert Scene.objects.count() == Set.objects.count() == 0
    assert not Character.objects.filter(production=team.production).exists()


def test_apply_creates_scenes_sets_and_characters(team):
    applied = _import(team, DRAFT_ONE)

    assert applied.status == ImportStatus.APPLIED
    assert applied.applied_by == team.producer
    scenes = list(Scene.objects.filter(production=team.production).select_related("set"))
    assert [s.number for s in scenes] == ["1", "2", "3", "4"]
    first = scenes[0]
    assert first.set is not None
    assert (first.int_ext, first.set.name, first.time_of_day) == ("INT", "KITCHEN", "DAY")
    assert first.synopsis == "Anna makes coffee."
    assert scenes[3].time_of_day == TimeOfDay.DUSK
    # Scenes 1 and 3 share the KITCHEN set.
    assert scenes[0].set_id == scenes[2].set_id
    assert all(s.eighths >= 1 for s in scenes)
    assert all(s.page_start == 1 for s in scenes)
    characters = Character.objects.filter(production=team.production)
    assert sorted(c.name for c in characters) == ["ANNA", "BEN"]
    assert all(c.cast_number is None for c in characters)
    links = SceneCharacter.objects.filter(scene=first).select_related("character")
    assert sorted((link.character.name, link.speaking) for link in links) == [
        ("ANNA", True),
        ("BEN", True),
    ]
    # The breakdown categories are there from the first import on.
    assert ElementCategory.objects.filter(production=team.production, is_cast=True).count() == 1


def test_the_same_file_twice_changes_nothing(team):
    _import(team, DRAFT_ONE)
    before = _snapshot(team.production)
    counts = (Set.objects.count(), Character.objects.count(), SceneCharacter.objects.count())

    second = _preview(team, DRAFT_ONE)
    assert second.changes["has_changes"] is False
    assert second.changes["unchanged"] == 4
    applied = screenplay_import_apply(access=team.access(), screenplay_import=second)

    assert applied.changes["has_changes"] is False
    assert _snapshot(team.production) == before  # not even updated_at moved
    assert counts == (
        Set.objects.count(),
        Character.objects.count(),
        SceneCharacter.objects.count(),
    )


def test_a_new_draft_updates_scenes_by_number(team):
    _import(team, DRAFT_ONE)
    old = {s.number: s for s in Scene.objects.filter(production=team.production)}

    preview = _preview(team, DRAFT_TWO, "draft-blue.fountain")
    changes = preview.changes
    assert [s["number"] for s in changes["added"]] == ["3A", "5"]
    assert [s["number"] for s in changes["omitted"]] == ["3"]
    changed = {s["number"]: s for s in changes["changed"]}
    assert set(changed) == {"2", "4"}
    assert {f["field"] for f in changed["2"]["fields"]} == {"eighths"}
    assert changed["2"]["characters_added"] == ["CARL"]
    assert changed["4"]["fields"] == [
        {
            "field": "heading",
            "label": "Heading",
            "old": "EXT. STREET - DUSK",
            "new": "EXT. STREET - DAWN",
        },
        {"field": "time_of_day", "label": "Time of day", "old": "DUSK", "new": "DAWN"},
        {
            "field": "time_of_day_raw",
            "label": "Time of day as written",
            "old": "DUSK",
            "new": "DAWN",
        },
    ]
    assert changes["new_characters"] == ["CARL", "DRIVER"]
    assert changes["new_sets"] == ["HALLWAY", "CAR"]
    assert changes["unchanged"] == 1
    # The preview changed nothing yet.
    assert Scene.objects.filter(production=team.production).count() == 4

    screenplay_import_apply(access=team.access(), screenplay_import=preview)

    scenes = {s.number: s for s in Scene.objects.filter(production=team.production)}
    assert list(scenes) == ["1", "2", "3", "3A", "4", "5"]  # script order, 3A after 3
    for number in ("1", "2", "3", "4"):
        assert scenes[number].pk == old[number].pk  # updated in place, never duplicated
    assert scenes["3"].omitted is True
    assert scenes["3"].heading == "INT. KITCHEN - DAY"  # an omitted scene keeps its number
    assert not any(scenes[n].omitted for n in ("1", "2", "3A", "4", "5"))
    assert scenes["2"].eighths > old["2"].eighths
    assert scenes["4"].time_of_day == TimeOfDay.DAWN
    speaking = {
        link.character.name
        for link in SceneCharacter.objects.filter(scene=scenes["2"]).select_related("character")
    }
    assert speaking == {"CARL"}


def test_a_scene_back_in_the_script_is_restored(team):
    _import(team, DRAFT_ONE)
    _import(team, DRAFT_TWO)
    preview = _preview(team, DRAFT_ONE)

    assert [s["number"] for s in preview.changes["restored"]] == ["3"]
    assert sorted(s["number"] for s in preview.changes["omitted"]) == ["3A", "5"]
    screenplay_import_apply(access=team.access(), screenplay_import=preview)

    scenes = {s.number: s for s in Scene.objects.filter(production=team.production)}
    assert scenes["3"].omitted is False
    assert scenes["3A"].omitted
    assert scenes["5"].omitted


def test_breakdown_work_survives_a_new_draft(team):
    _import(team, DRAFT_ONE)
    element_categories_ensure(production=team.production)
    scene = Scene.objects.get(production=team.production, number="2")
    props = ElementCategory.objects.get(production=team.production, name="Props")
    cast = ElementCategory.objects.get(production=team.production, is_cast=True)
    scene_element_add(scene=scene, category=props, name="Cigarette", quantity=3)
    scene_element_add(scene=scene, category=cast, name="Anna")  # silent in scene 2
    Scene.objects.filter(pk=scene.pk).update(synopsis="Ben hides.", script_day="N1", notes="Rain")

    _import(team, DRAFT_TWO)

    scene.refresh_from_db()
    assert (scene.synopsis, scene.script_day, scene.notes) == ("Ben hides.", "N1", "Rain")
    assert SceneElement.objects.get(scene=scene).quantity == 3
    links = {
        link.character.name: link.speaking
        for link in SceneCharacter.objects.filter(scene=scene).select_related("character")
    }
    assert links == {"ANNA": False, "CARL": True}


def test_a_silent_character_who_gets_lines_becomes_speaking(team):
    _import(team, DRAFT_ONE)
    element_categories_ensure(production=team.production)
    scene = Scene.objects.get(production=team.production, number="2")
    cast = ElementCategory.objects.get(production=team.production, is_cast=True)
    scene_element_add(scene=scene, category=cast, name="carl")  # typed in lower case

    preview = _preview(team, DRAFT_TWO)
    assert "CARL" not in preview.changes["new_characters"]
    screenplay_import_apply(access=team.access(), screenplay_import=preview)

    link = SceneCharacter.objects.get(scene=scene, character__name="CARL")
    assert link.speaking is True
    assert Character.objects.filter(production=team.production, name__iexact="carl").count() == 1


def test_applying_twice_is_refused(team):
    preview = _preview(team, DRAFT_ONE)
    screenplay_import_apply(access=team.access(), screenplay_import=preview)

    with pytest.raises(ImportAlreadyApplied):
        screenplay_import_apply(access=team.access(), screenplay_import=preview)
    assert Scene.objects.filter(production=team.production).count() == 4


def test_an_older_preview_is_worked_out_again_when_applied(team):
    stale = _preview(team, DRAFT_ONE)
    _import(team, DRAFT_TWO)

    applied = screenplay_import_apply(access=team.access(), screenplay_import=stale)

    # Applied against the breakdown as it is now, and the report says what really happened.
    assert [s["number"] for s in applied.changes["omitted"]] == ["3A", "5"]
    assert [s["number"] for s in applied.changes["added"]] == ["3"]
    assert stale.changes["added"] != applied.changes["added"]  # the preview said all four


def test_duplicate_scene_numbers_are_flagged_not_refused(team):
    text = "INT. A - DAY #7#\n\nOne.\n\nINT. B - DAY #7#\n\nTwo.\n"
    preview = _preview(team, text)
    assert [(p["number"], p["reason"]) for p in preview.changes["numbering"]] == [
        ("7A", "duplicate")
    ]
    with pytest.raises(SceneNumbersInvalid):
        screenplay_import_apply(access=team.access(), screenplay_import=preview)
    assert not Scene.objects.exists()


def test_a_scene_number_too_long_is_flagged_with_a_proposal(team):
    text = "INT. A - DAY #123456789012345678901#\n\nOne.\n"
    preview = _preview(team, text)
    assert [(p["number"], p["reason"]) for p in preview.changes["numbering"]] == [
        ("A1", "too_long")
    ]
    screenplay_import_apply(access=team.access(), screenplay_import=preview, numbers={"0": "1"})
    assert list(Scene.objects.values_list("number", flat=True)) == ["1"]


def test_imports_do_not_leak_between_productions(team):
    _import(team, DRAFT_ONE)
    other = screenplay_import_preview(
        access=team.other_access(), file_name="draft.fountain", data=DRAFT_ONE.encode()
    )

    assert len(other.changes["added"]) == 4
    assert other.changes["new_characters"] == ["ANNA", "BEN"]
    screenplay_import_apply(access=team.other_access(), screenplay_import=other)
    assert Scene.objects.filter(production=team.other_production).count() == 4
    assert Scene.objects.filter(production=team.production).count() == 4


def test_an_import_of_another_production_cannot_be_applied_here(team):
    other = screenplay_import_preview(
        access=team.other_access(), file_name="draft.fountain", data=DRAFT_ONE.encode()
    )
    with pytest.raises(ScreenplayImport.DoesNotExist):
        screenplay_import_apply(access=team.access(), screenplay_import=other)
    assert not Scene.objects.exists()

"""Reads for the script breakdown, always narrowed to one production with ``for_access``.

List selectors prefetch everything their pages and API rows show, so a list costs the same
number of queries for 10 scenes as for 300.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum

from productions.scoping import Access
from scheduling.breakdown.filters import ElementFilterSet, SceneFilterSet
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


def _cast_order(prefix: str = "") -> list[Any]:
    return [F(f"{prefix}cast_number").asc(nulls_last=True), f"{prefix}name"]


def scene_characters_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "scene_characters",
        queryset=SceneCharacter.objects.select_related("character").order_by(
            *_cast_order("character__"), "id"
        ),
    )


def locations_for(*, access: Access) -> QuerySet[Location]:
    return (
        Location.objects.for_access(access).annotate(set_count=Count("sets")).order_by("name", "id")
    )


def sets_for(*, access: Access) -> QuerySet[Set]:
    return (
        Set.objects.for_access(access)
        .select_related("location")
        .annotate(scene_count=Count("scenes", filter=Q(scenes__omitted=False)))
        .order_by("name", "id")
    )


def scene_list(*, access: Access, filters: SceneFilterSet | None = None) -> QuerySet[Scene]:
    """Scenes with their set and characters, in script order unless ``filters`` sort them.

    The scene list page and the scenes API both read through here with the same
    :class:`~scheduling.breakdown.filters.SceneFilterSet`, so they cannot disagree.
    """
    scenes: QuerySet[Scene] = (
        Scene.objects.for_access(access)
        .select_related("set__location", "revision")
        .prefetch_related(scene_characters_prefetch())
        .in_script_order()
    )
    if filters is not None:
        scenes = filters.filter_queryset(scenes)
    return scenes


def scene_total_eighths(scenes: QuerySet[Scene]) -> int:
    """Total length of the scenes still in the script (omitted ones count nothing)."""
    total = scenes.order_by().filter(omitted=False).aggregate(total=Sum("eighths"))["total"]
    return int(total or 0)


def scene_detail(*, access: Access, scene_id: int) -> Scene:
    """One scene (404 outside the production) with its characters prefetched."""
    return access.get_object_or_404(
        Scene.objects.select_related("set__location", "revision").prefetch_related(
            scene_characters_prefetch()
        ),
        scene_id,
    )


@dataclass(frozen=True)
class SceneNeighbours:
    """The scenes before and after one in script order (omitted ones included: they keep
    their place in the script)."""

    previous: Scene | None
    next: Scene | None


def scene_neighbours(*, access: Access, scene: Scene) -> SceneNeighbours:
    """Two small queries on the (production, sort_key) index, whatever the script's size."""
    scenes = Scene.objects.for_access(access).only("id", "number", "heading", "omitted")
    key, number = scene.sort_key, scene.number
    before = Q(sort_key__lt=key) | Q(sort_key=key, number__lt=number)
    before |= Q(sort_key=key, number=number, id__lt=scene.pk)
    after = Q(sort_key__gt=key) | Q(sort_key=key, number__gt=number)
    after |= Q(sort_key=key, number=number, id__gt=scene.pk)
    return SceneNeighbours(
        previous=scenes.filter(before).order_by("-sort_key", "-number", "-id").first(),
        next=scenes.filter(after).order_by("sort_key", "number", "id").first(),
    )


@dataclass
class BreakdownRow:
    """One category on a scene's breakdown sheet, with what the scene has in it."""

    category: ElementCategory
    characters: list[SceneCharacter] = field(default_factory=list)
    elements: list[SceneElement] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.characters and not self.elements


def scene_breakdown(*, access: Access, scene: Scene) -> list[BreakdownRow]:
    """The scene's breakdown by category; the cast category lists its characters."""
    rows = [BreakdownRow(category) for category in element_categories_for(access=access)]
    by_category = {row.category.pk: row for row in rows}
    scene_elements = (
        SceneElement.objects.for_access(access)
        .filter(scene=scene)
        .select_related("element")
        .order_by("element__name", "id")
    )
    for scene_element in scene_elements:
        row = by_category.get(scene_element.element.category_id)
        if row is not None:
            row.elements.append(scene_element)
    cast = next((row for row in rows if row.category.is_cast), None)
    if cast is not None:
        cast.characters = list(scene.scene_characters.all())
    return rows


def element_categories_for(*, access: Access) -> QuerySet[ElementCategory]:
    return ElementCategory.objects.for_access(access).order_by("order", "name")


def element_list(*, access: Access, filters: ElementFilterSet | None = None) -> QuerySet[Element]:
    """Elements by category, each with the scenes it is in (in script order)."""
    elements: QuerySet[Element] = (
        Element.objects.for_access(access)
        .select_related("category")
        .prefetch_related(
            Prefetch(
                "scene_elements",
                queryset=SceneElement.objects.select_related("scene").order_by(
                    "scene__sort_key", "id"
                ),
            )
        )
        .order_by("category__order", "name", "id")
    )
    if filters is not None:
        elements = filters.filter_queryset(elements)
    return elements


def script_revisions_for(*, access: Access) -> QuerySet[ScreenplayImport]:
    """The script's revisions (applied drafts), newest first, with how many scenes each
    last added, changed or omitted."""
    return (
        ScreenplayImport.objects.for_access(access)
        .filter(revision__isnull=False)
        .select_related("applied_by")
        .annotate(scenes_changed=Count("revised_scenes"))
        .order_by("-revision")
    )


def current_script_revision(*, access: Access) -> ScreenplayImport | None:
    """The last applied draft: its ``revision`` and ``revision_colour`` head the script."""
    return (
        ScreenplayImport.objects.for_access(access)
        .filter(revision__isnull=False)
        .order_by("-revision")
        .first()
    )


def screenplay_imports_for(*, access: Access) -> QuerySet[ScreenplayImport]:
    return ScreenplayImport.objects.for_access(access).select_related("uploaded_by", "applied_by")

"""The scene list's rows, with every value the page shows worked out once per row.

Like the crew list (``crew.list_rows``): the template only places these strings, and the
rendered rows are cached until the production's data changes (``productions.fragments``).
Nothing on a scene row depends on who looks at it beyond their role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from django.template.loader import render_to_string
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.reversing import url_maker
from productions.fragments import cached_fragment
from productions.scoping import Access
from scheduling.breakdown.eighths import format_eighths
from scheduling.breakdown.filters import SceneFilterSet
from scheduling.breakdown.models import Scene, TimeOfDay
from scheduling.breakdown.selectors import scene_list


class CastChip(TypedDict):
    label: str  # the cast ID, or the name for a character without one
    title: str
    silent: bool


class SceneRow(TypedDict):
    url: str
    number: str
    omitted: bool
    heading: str
    int_ext: str
    set_name: str
    time_of_day: str
    time_of_day_raw: str
    pages: str
    cast: list[CastChip]
    synopsis: str


@dataclass(frozen=True)
class SceneTable:
    """The rendered rows, the filter fields (their options are the production's sets and
    characters, their values the query's) and the totals (what the fragment cache keeps)."""

    html: str
    filters_html: str
    total_pages: str
    scene_count: int
    omitted_count: int


def scene_rows(access: Access, scenes: list[Scene]) -> list[SceneRow]:
    scene_url = url_maker("scheduling:scene-detail", access.production.pk)
    times = dict(TimeOfDay.choices)
    rows: list[SceneRow] = []
    for scene in scenes:
        cast: list[CastChip] = []
        for link in scene.scene_characters.all():
            character = link.character
            cast.append(
                {
                    "label": str(character.cast_number or character.name),
                    "title": character.name
                    if link.speaking
                    else _("%(name)s (silent)") % {"name": character.name},
                    "silent": not link.speaking,
                }
            )
        rows.append(
            {
                "url": scene_url(scene.pk),
                "number": scene.number,
                "omitted": scene.omitted,
                "heading": scene.heading,
                "int_ext": scene.int_ext,
                "set_name": scene.set.name if scene.set else "",
                "time_of_day": str(times.get(scene.time_of_day, scene.time_of_day)),
                "time_of_day_raw": scene.time_of_day_raw,
                "pages": format_eighths(scene.eighths),
                "cast": cast,
                "synopsis": Truncator(scene.synopsis).chars(120),
            }
        )
    return rows


def scene_table(access: Access, filters: SceneFilterSet) -> SceneTable:
    scenes = list(scene_list(access=access, filters=filters))
    rows = scene_rows(access, scenes)
    kept = [scene for scene in scenes if not scene.omitted]
    return SceneTable(
        html=render_to_string("scheduling/_scene_rows.html", {"rows": rows}) if rows else "",
        filters_html=render_to_string("scheduling/_scene_filters.html", {"form": filters.form}),
        total_pages=format_eighths(sum(scene.eighths for scene in kept)),
        scene_count=len(kept),
        omitted_count=len(scenes) - len(kept),
    )


def cached_scene_table(
    access: Access, query: tuple[tuple[str, str], ...], filters: SceneFilterSet
) -> SceneTable:
    """The scene rows and filter fields for this query (``filters`` read from it),
    rendered once per data version and role."""
    return cached_fragment(
        access,
        "scheduling.scene_list",
        (query, access.role.value),
        lambda: scene_table(access, filters),
    )

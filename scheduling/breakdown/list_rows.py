"""The scene list's rows, with every value the page shows worked out once per row.

Like the crew list (``crew.list_rows``): the rows' markup is built here from these
strings, every value escaped, and the rendered rows are cached until the production's
data changes (``productions.fragments``).
Nothing on a scene row depends on who looks at it beyond their role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from django.template.loader import render_to_string
from django.utils.html import escape
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


def _row_html(row: SceneRow, omitted: str) -> str:
    """One row's markup, in Python (the template's loop was most of rendering the list).
    Every value is escaped."""
    opening = '<tr class="omitted">' if row["omitted"] else "<tr>"
    number = f'<a href="{escape(row["url"])}">{escape(row["number"])}</a>'
    head = f'{opening}\n  <th scope="row">{number}</th>'
    if row["omitted"]:
        heading = escape(row["heading"])
        cells = f'\n  <td colspan="6">{omitted} <span class="muted">{heading}</span></td>'
    else:
        place = (
            escape(row["set_name"])
            if row["set_name"]
            else f'<span class="muted">{escape(row["heading"])}</span>'
        )
        chips = "".join(
            f'<span class="cast-chip{" silent" if chip["silent"] else ""}" '
            f'title="{escape(chip["title"])}">{escape(chip["label"])}</span>'
            for chip in row["cast"]
        )
        cells = (
            f"\n  <td>{escape(row['int_ext'])}</td>"
            f'\n  <td class="set">{place}</td>'
            f'\n  <td title="{escape(row["time_of_day_raw"])}">{escape(row["time_of_day"])}</td>'
            f'\n  <td class="num">{escape(row["pages"])}</td>'
            f'\n  <td class="cast">{chips}</td>'
            f'\n  <td class="synopsis">{escape(row["synopsis"])}</td>'
        )
    return f"{head}{cells}\n</tr>\n"


def scene_table(access: Access, filters: SceneFilterSet) -> SceneTable:
    scenes = list(scene_list(access=access, filters=filters))
    rows = scene_rows(access, scenes)
    kept = [scene for scene in scenes if not scene.omitted]
    omitted = escape(_("OMITTED"))
    html = "<tbody>\n" + "".join(_row_html(row, omitted) for row in rows) + "</tbody>"
    return SceneTable(
        html=html if rows else "",
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

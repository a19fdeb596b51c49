"""Turn a format-neutral element list into the scenes a breakdown starts from.

Conventions, so Fountain and Final Draft imports of the same script look alike:

* ``heading`` is upper-cased, with straight quotes and single spaces: both Fountain
  (screenplain) and Final Draft's "AllCaps" heading style print headings in capitals, even
  when the file stores ``int.  WILL\u2019s bedroom``.
* Scene numbers come from the file (``#12A#``, ``Number="12A"``) and are kept as written.
  When no heading in the file has one, scenes are numbered 1, 2, 3...; when only some have
  one, the others get proposals that keep every locked number (12A after 12, A1 before 1;
  see :mod:`numbering`), and duplicates are flagged rather than refused.
* ``synopsis`` is the Fountain ``= synopsis`` under the heading or Final Draft's scene
  summary if there is one, otherwise the first action paragraph of the scene, whitespace
  collapsed and cut at a word to 300 characters.
* Lengths and pages from a Final Draft ``<SceneProperties>`` are kept as they are; the page
  model (see :mod:`pagination`) supplies whatever the file does not state.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from scheduling.breakdown.screenplay.errors import ScreenplayError
from scheduling.breakdown.screenplay.headings import clean_text, normalise_cue, split_heading
from scheduling.breakdown.screenplay.model import (
    Element,
    Kind,
    ParsedScene,
    ParsedScreenplay,
    SceneMeta,
)
from scheduling.breakdown.screenplay.numbering import propose_numbers
from scheduling.breakdown.screenplay.pagination import (
    STANDARD_PAGE,
    PageSetup,
    SceneSpan,
    paginate,
)

SYNOPSIS_LIMIT = 300


def _synopsis(meta: SceneMeta, body: Sequence[Element]) -> str:
    if meta.synopsis:
        text = meta.synopsis
    else:
        text = next((clean_text(e.text) for e in body if e.kind in (Kind.ACTION, Kind.GENERAL)), "")
    if len(text) <= SYNOPSIS_LIMIT:
        return text
    cut = text[: SYNOPSIS_LIMIT - 1].rsplit(" ", 1)[0]
    return cut + "…"


def _characters(body: Sequence[Element]) -> tuple[str, ...]:
    names: dict[str, None] = {}
    for element in body:
        if element.kind is Kind.CHARACTER:
            name = normalise_cue(element.text)
            if name:
                names.setdefault(name, None)
    return tuple(names)


def _pages(meta: SceneMeta, span: SceneSpan, next_meta: SceneMeta | None) -> tuple[int, int]:
    """Final Draft states where a scene starts; how many pages it spans comes from the model."""
    if meta.page is None:
        return span.page_start, span.page_end
    page_end = meta.page + (span.page_end - span.page_start)
    if next_meta is not None and next_meta.page is not None:
        page_end = min(page_end, next_meta.page)
    return meta.page, max(meta.page, page_end)


def build_screenplay(
    title: str,
    source_format: str,
    elements: Sequence[Element],
    setup: PageSetup = STANDARD_PAGE,
) -> ParsedScreenplay:
    heading_at = [i for i, element in enumerate(elements) if element.kind is Kind.HEADING]
    if not heading_at:
        raise ScreenplayError(str(_NO_SCENES[source_format]))
    layout = paginate(elements, setup)
    metas = [elements[i].meta or SceneMeta() for i in heading_at]
    headings = [clean_text(elements[i].text).upper() for i in heading_at]
    numbering = propose_numbers([meta.number for meta in metas], headings)
    scenes: list[ParsedScene] = []
    for position, (index, span) in enumerate(zip(heading_at, layout.scenes, strict=True)):
        meta = metas[position]
        next_meta = metas[position + 1] if position + 1 < len(metas) else None
        stop = heading_at[position + 1] if next_meta is not None else len(elements)
        body = elements[index + 1 : stop]
        heading = headings[position]
        parts = split_heading(heading)
        page_start, page_end = _pages(meta, span, next_meta)
        scenes.append(
            ParsedScene(
                number=numbering[position].number,
                number_in_file=numbering[position].in_file,
                number_reason=numbering[position].reason,
                heading=heading,
                int_ext=parts.int_ext,
                set_name=parts.set_name,
                time_of_day=parts.time_of_day,
                time_of_day_raw=parts.time_of_day_raw,
                synopsis=_synopsis(meta, body),
                eighths=meta.eighths if meta.eighths is not None else span.eighths,
                page_start=page_start,
                page_end=page_end,
                characters=_characters(body),
            )
        )
    stated = all(meta.page is not None for meta in metas)
    page_count = max(s.page_end for s in scenes) if stated else layout.page_count
    return ParsedScreenplay(clean_text(title), source_format, tuple(scenes), page_count)


_NO_SCENES: dict[str, StrOrPromise] = {
    "fountain": _(
        "No scene headings were found in this Fountain file. A scene heading is a line on its "
        "own, after a blank line, that starts with INT., EXT., EST., INT./EXT. or I/E "
        "(or any line forced with a leading '.')."
    ),
    "fdx": _(
        "This Final Draft file has no Scene Heading paragraphs, so there are no scenes to "
        "import. Check that scene headings use the Scene Heading element in Final Draft."
    ),
}

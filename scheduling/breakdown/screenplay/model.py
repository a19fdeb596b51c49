"""Shared data shapes: what the parsers hand to the page model, and what import returns.

Both the Fountain and the Final Draft readers reduce a script to the same flat list of
:class:`Element` objects, so pagination, scene splitting and cast extraction are written once
and give the same answers whichever format a writer happened to use.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Kind(enum.Enum):
    """Screenplay element kinds, as far as layout and breakdown need to tell them apart."""

    HEADING = "heading"
    SHOT = "shot"  # laid out like a heading, but does not start a scene
    ACTION = "action"
    GENERAL = "general"  # Final Draft "General": action-width text without space before
    CENTERED = "centered"
    CHARACTER = "character"
    PARENTHETICAL = "parenthetical"
    DIALOGUE = "dialogue"
    TRANSITION = "transition"
    PAGE_BREAK = "page_break"


@dataclass(frozen=True)
class SceneMeta:
    """What a scene heading carries besides its text, when the file states it."""

    number: str = ""
    synopsis: str = ""
    eighths: int | None = None  # Final Draft <SceneProperties Length=...>
    page: int | None = None  # Final Draft <SceneProperties Page=...>


@dataclass(frozen=True)
class Element:
    """One printed paragraph; ``text`` keeps the writer's explicit line breaks as ``\\n``."""

    kind: Kind
    text: str = ""
    dual: int = 0  # 0: normal; 1/2: left/right column of dual dialogue
    meta: SceneMeta | None = None
    style: str = ""  # the file's own element type (Final Draft), to find its layout


@dataclass(frozen=True)
class ParsedScene:
    number: str
    heading: str
    int_ext: str
    set_name: str
    time_of_day: str
    time_of_day_raw: str
    synopsis: str
    eighths: int
    page_start: int
    page_end: int
    characters: tuple[str, ...]
    number_in_file: str = ""  # as written; "" when the draft leaves the scene unnumbered
    number_reason: str = ""  # why ``number`` is a proposal (see :mod:`numbering`); "" if not


@dataclass(frozen=True)
class ParsedScreenplay:
    title: str
    source_format: str
    scenes: tuple[ParsedScene, ...]
    page_count: int

"""Script breakdown: where scenes are shot, the scenes themselves, what each one needs.

* :mod:`.locations`: ``Location`` (a real place) and ``Set`` (the place in the story).
* :mod:`.scenes`: ``Scene`` and ``SceneCharacter`` (who appears in it, speaking or not).
* :mod:`.elements`: ``ElementCategory``, ``Element`` and ``SceneElement``.
* :mod:`.imports`: ``ScreenplayImport``, one uploaded draft with its preview.
"""

from scheduling.breakdown.models.elements import (
    DEFAULT_ELEMENT_CATEGORIES,
    Element,
    ElementCategory,
    SceneElement,
)
from scheduling.breakdown.models.imports import ImportStatus, ScreenplayImport
from scheduling.breakdown.models.locations import Location, Set
from scheduling.breakdown.models.scenes import (
    IntExt,
    Scene,
    SceneCharacter,
    TimeOfDay,
    scene_number_sort_key,
)

__all__ = [
    "DEFAULT_ELEMENT_CATEGORIES",
    "Element",
    "ElementCategory",
    "ImportStatus",
    "IntExt",
    "Location",
    "Scene",
    "SceneCharacter",
    "SceneElement",
    "ScreenplayImport",
    "Set",
    "TimeOfDay",
    "scene_number_sort_key",
]

"""Script revisions: every applied draft is the next revision, in the production's colours.

DOMAIN.md: revised pages are printed on coloured paper in an order each production keeps
(White, Blue, Pink, Yellow, Green, Goldenrod, Buff, Salmon, Cherry, Tan, Gray, Double White by
default; ``Production.revision_colours``).  Revision 1 takes the first colour.  Past the end of
the production's list the colours start again, doubled (``Double Blue``...), then tripled,
skipping any name the list already has, so two revisions never share a colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from productions.models import DEFAULT_REVISION_COLOURS

_MULTIPLES = ("Double", "Triple", "Quadruple")


def revision_colour(colours: Sequence[str], number: int) -> str:
    """The colour of revision ``number`` (1-based) in a production's order."""
    listed = [colour.strip() for colour in colours if colour.strip()] or DEFAULT_REVISION_COLOURS
    if number <= len(listed):
        return listed[max(number, 1) - 1]
    seen = {colour.casefold() for colour in listed}
    plain = [
        c for c in listed if not c.casefold().startswith(tuple(m.casefold() for m in _MULTIPLES))
    ]
    position = len(listed)
    for multiple in _MULTIPLES:
        for colour in plain:
            name = f"{multiple} {colour}"
            if name.casefold() in seen:
                continue
            position += 1
            if position == number:
                return name
    return f"{listed[(number - 1) % len(listed)]} {number}"  # past quadruple: numbered

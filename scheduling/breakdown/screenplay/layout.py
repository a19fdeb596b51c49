"""A Final Draft file's own page layout, read into the page model's :class:`PageSetup`.

A ``.fdx`` file carries the template it was written with, and Final Draft paginates by it:

* ``<PageLayout TopMargin= BottomMargin=>`` (points) and ``<PageSize Height= Width=>``
  (inches) give the height of the text block;
* each ``<ElementSettings Type=...>`` has a ``<FontSpec Size=>`` (points) and a
  ``<ParagraphSpec SpaceBefore= Spacing= LeftIndent= RightIndent=>``: space before in
  points, line spacing as a factor (multi-camera templates double-space dialogue with
  ``Spacing="2"``), indents in inches from the left edge of the page.

From these: a line is ``size × spacing`` points, space before is taken as written, and a line
holds ``(RightIndent − LeftIndent) × 120 / size`` characters (Courier is 10 characters an inch
at 12 points; other fonts are counted as if they were Courier, the nearest guess without
font metrics).  Dialogue and parentheticals get one character more, because Final Draft
fills a line up to its right indent (the standard template's calibration, see
:mod:`pagination`).  The text block holds ``height / 12pt × 55/54`` standard lines: Final
Draft fits 55 lines of Courier 12 into the 9 inches of a Letter page with 1-inch margins.

What is not in the file comes from the standard template (US Letter, 1-inch margins,
Courier 12, the widths in :data:`pagination.STYLES`).  Values outside sane bounds (a page
under 3 inches of text, a font under 6 or over 36 points, spacing over 3) are clamped, so a
damaged or hostile file cannot make the page model loop or divide by zero.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element as XmlElement  # nosec B405  # a type only

from scheduling.breakdown.eighths import LINES_PER_PAGE
from scheduling.breakdown.screenplay.model import Kind
from scheduling.breakdown.screenplay.pagination import LINE, STYLES, PageSetup, Style

# Final Draft's element types, as the page model and the breakdown tell them apart.
FDX_KINDS: dict[str, Kind] = {
    "Scene Heading": Kind.HEADING,
    "Action": Kind.ACTION,
    "General": Kind.GENERAL,
    "Character": Kind.CHARACTER,
    "Parenthetical": Kind.PARENTHETICAL,
    "Dialogue": Kind.DIALOGUE,
    "Singing": Kind.DIALOGUE,
    "Lyrics": Kind.DIALOGUE,
    "Transition": Kind.TRANSITION,
    "Shot": Kind.SHOT,
    "New Act": Kind.CENTERED,
    "End Of Act": Kind.CENTERED,
    "End of Act": Kind.CENTERED,
    "Cold Opening": Kind.CENTERED,
    "Show/Ep. Title": Kind.CENTERED,
}
_FILL_KINDS = frozenset({Kind.DIALOGUE, Kind.PARENTHETICAL})
# The file's element type that defines each kind's style when an element has no type of its own.
_KIND_TYPES: dict[Kind, str] = {
    Kind.HEADING: "Scene Heading",
    Kind.SHOT: "Shot",
    Kind.ACTION: "Action",
    Kind.GENERAL: "General",
    Kind.CHARACTER: "Character",
    Kind.PARENTHETICAL: "Parenthetical",
    Kind.DIALOGUE: "Dialogue",
    Kind.TRANSITION: "Transition",
}


def _number(text: str | None, default: float, low: float, high: float) -> float:
    try:
        value = float(text) if text is not None else default
    except ValueError:
        return default
    if value != value:  # NaN
        return default
    return min(max(value, low), high)


def _style(setting: XmlElement, kind: Kind, base: Style) -> Style:
    paragraph = setting.find("ParagraphSpec")
    font = setting.find("FontSpec")
    size = _number(font.get("Size") if font is not None else None, 12, 6, 36)
    if paragraph is None:
        return Style(base.width, base.space_before, round(size * 2))
    spacing = _number(paragraph.get("Spacing"), 1, 0.5, 3)
    space_before = _number(paragraph.get("SpaceBefore"), base.space_before / 2, 0, 144)
    left = _number(paragraph.get("LeftIndent"), -1, 0, 20)
    right = _number(paragraph.get("RightIndent"), -1, 0, 20)
    width = base.width
    if right > left >= 0 and paragraph.get("LeftIndent") and paragraph.get("RightIndent"):
        width = round((right - left) * 120 / size) + (1 if kind in _FILL_KINDS else 0)
    return Style(max(1, width), round(space_before * 2), max(1, round(size * spacing * 2)))


def _page_units(root: XmlElement) -> int:
    layout = root.find("PageLayout")
    if layout is None:
        return LINES_PER_PAGE * LINE
    size = layout.find("PageSize")
    height = _number(size.get("Height") if size is not None else None, 11, 4, 30)
    top = _number(layout.get("TopMargin"), 72, 0, 720)
    bottom = _number(layout.get("BottomMargin"), 72, 0, 720)
    text = max(3 * 72, height * 72 - top - bottom)
    return round(text * 2)  # half points


def page_setup(root: XmlElement) -> PageSetup:
    """The page model for a Final Draft file (its ``<FinalDraft>`` root)."""
    by_type: dict[str, Style] = {}
    kinds: dict[Kind, Style] = dict(STYLES)
    for setting in root.findall("ElementSettings"):
        name = setting.get("Type", "")
        kind = FDX_KINDS.get(name)
        if kind is None or name in by_type:
            continue
        by_type[name] = _style(setting, kind, STYLES[kind])
    for kind, name in _KIND_TYPES.items():
        if name in by_type:
            kinds[kind] = by_type[name]
    layout = root.find("PageLayout")
    if not by_type and layout is None:
        return PageSetup()
    sentences = layout is not None and layout.get("BreakDialogueAndActionAtSentences") == "Yes"
    return PageSetup(
        page=_page_units(root), styles=kinds, styles_by_type=by_type, sentence_breaks=sentences
    )

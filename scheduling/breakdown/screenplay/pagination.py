"""The standard-page model: where each scene starts and how long it runs, in lines and eighths.

Why a model at all: a Fountain file has no pages, yet a schedule needs every scene's length in
eighths.  Final Draft files carry their own (``<SceneProperties Length= Page=>``) and those win;
this model fills in everything else, so it imitates Final Draft's default screenplay template.
A Final Draft file's own layout (page size, margins, and per element: font size, line
spacing, space before, indents) replaces the template when the file has one; see
:mod:`.layout`.  Heights are counted in half points (``LINE`` = 24 units = one line of
Courier 12), so 1.5 spacing, 10-point fonts and 18-point space before all stay whole.

The page (US Letter, Courier 12pt = 10 characters an inch, 6 lines an inch):

* 55 lines of text a page (``LINES_PER_PAGE``); blank lines that would open a page are dropped.
* Per element: width in characters, blank lines before it, and what it must stay with.

  ==============  =====  ======  ===================================
  element         width  before  page-break rule
  ==============  =====  ======  ===================================
  scene heading   60     1       keeps the next element's first lines
  shot (FDX)      60     1       keeps the next element's first lines
  action          60     1       splits, >= 2 lines on each page
  general (FDX)   60     0       splits, >= 2 lines on each page
  centred text    60     1       never splits
  character cue   38     1       starts a speech (cue + lines below)
  parenthetical   26     0       part of the speech
  dialogue        36     0       part of the speech
  transition      20     1       never splits
  dual dialogue   28/22  1       both columns side by side, never split
  ==============  =====  ======  ===================================

  Action is 1.5in to 7.5in; dialogue and parentheticals are Final Draft's 2.5in and 3.0in
  indents, one character wider than the nominal 3.5in/2.5in because Final Draft fills a line
  up to its right indent (35 characters gave 121 pages for Big Fish, 36 gives 120).
* Words wrap greedily; a word longer than the width is broken; every explicit line break in
  the source starts a new line.  Emphasis markers are not counted (the parsers strip them).
* A speech that does not fit splits when the cue and 2 lines fit with a ``(MORE)`` line under
  them and at least 2 lines go over, where the cue is repeated as ``NAME (CONT'D)``; otherwise
  it moves to the next page whole.
* A scene runs from the first line of its heading to the first line of the next heading, so
  the blank lines and the unused foot of a page before the next scene count towards it.
  Any started eighth counts as a whole one (``lines_to_eighths(..., round_up=True)``): that is
  what Final Draft does, and rounding to the nearest eighth instead doubled the mean
  difference from Final Draft's lengths (0.44 instead of 0.14 eighths a scene).
* A forced page break (``====``) before the first scene heading ends front matter (Big Fish's
  epigraph): pagination restarts so that the first scene is on page 1, as in Final Draft.

Compared with Final Draft on Big Fish (``Big-Fish.fountain`` against the ``SceneProperties``
of ``Big-Fish.fdx``, a different conversion of the same script; checked by
``tests/scheduling/test_screenplay_real_files.py``):

* total: 120 pages by the model, 120 in Final Draft (its last scene is on page 120);
* 192 Fountain headings align with Final Draft headings; for the 184 scenes that cover the
  same text in both files (Final Draft has 10 extra shot headings that split scenes) the
  mean absolute difference is 0.14 eighths a scene: 87 % identical, 99 % within one eighth,
  never more than 2/8; the model is slightly long (+0.13 eighths on average);
* scene start pages agree for 92 % of the aligned scenes and never differ by more than 1;
* the model applied to the Final Draft file's own text (ignoring its ``SceneProperties``)
  gives 120 pages and a mean absolute difference of 0.13 eighths over all 202 scenes.

What is left comes from Final Draft breaking action and dialogue only at sentence ends (the
model does too when a Final Draft file asks for it: ``BreakDialogueAndActionAtSentences``;
the Fountain model is calibrated without it), and from its widow/orphan rules, which this
model only approximates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from scheduling.breakdown.eighths import LINES_PER_PAGE, lines_to_eighths
from scheduling.breakdown.screenplay.model import Element, Kind

MIN_SPLIT_LINES = 2
DUAL_DIALOGUE_WIDTH = 28
DUAL_PARENTHETICAL_WIDTH = 22
# Heights are counted in half points: a line of Courier 12 single-spaced is 24 units, and
# Final Draft's SpaceBefore, line spacing and font sizes (in points, 1.5 spacing) all land on
# whole units.
LINE = 24


@dataclass(frozen=True)
class Style:
    width: int  # characters a line holds
    space_before: int  # units above the element (one blank line: ``LINE``)
    line: int = LINE  # units per printed line (font size × line spacing)


STYLES: dict[Kind, Style] = {
    Kind.HEADING: Style(60, LINE),
    Kind.SHOT: Style(60, LINE),
    Kind.ACTION: Style(60, LINE),
    Kind.GENERAL: Style(60, 0),
    Kind.CENTERED: Style(60, LINE),
    Kind.CHARACTER: Style(38, LINE),
    Kind.PARENTHETICAL: Style(26, 0),
    Kind.DIALOGUE: Style(36, 0),
    Kind.TRANSITION: Style(20, LINE),
}


@dataclass(frozen=True)
class PageSetup:
    """The page and element styles a script is laid out with (see :mod:`.layout`).

    The default is Final Draft's standard screenplay template; a Final Draft file brings its
    own, element type by element type (``styles_by_type``, keyed by the file's type names).
    """

    page: int = LINES_PER_PAGE * LINE  # units of text a page holds
    styles: Mapping[Kind, Style] = field(default_factory=lambda: STYLES)
    styles_by_type: Mapping[str, Style] = field(default_factory=dict)
    # Final Draft's "break dialogue and action at sentences": a paragraph splits across pages
    # only after a sentence (or one of its own lines) ends.
    sentence_breaks: bool = False

    def style(self, element: Element) -> Style:
        if element.style:
            found = self.styles_by_type.get(element.style)
            if found is not None:
                return found
        return self.styles.get(element.kind, STYLES[Kind.ACTION])


STANDARD_PAGE = PageSetup()


@dataclass(frozen=True)
class SceneSpan:
    """Where one scene sits on the modelled pages (offsets in units from the first page)."""

    start_line: int
    end_line: int  # exclusive: first unit of the next scene, or the end of the script
    last_text_line: int  # exclusive end of the scene's own printed text
    per_page: int = LINES_PER_PAGE * LINE

    @property
    def eighths(self) -> int:
        return lines_to_eighths(self.end_line - self.start_line, self.per_page, round_up=True)

    @property
    def page_start(self) -> int:
        return self.start_line // self.per_page + 1

    @property
    def page_end(self) -> int:
        return max(self.page_start, (self.last_text_line - 1) // self.per_page + 1)


@dataclass(frozen=True)
class Layout:
    scenes: tuple[SceneSpan, ...]  # one per HEADING element, in order
    page_count: int


@dataclass(frozen=True)
class _Unit:
    """A piece of the page that moves as one: a paragraph, or a whole speech."""

    height: int
    space_before: int
    line: int = LINE  # units of one of its lines: what a split or a (MORE) line costs
    split: bool = False  # may break between lines (action, speech)
    speech: bool = False  # a break costs (MORE) and a repeated cue line
    keep_with_next: bool = False
    heading: bool = False
    page_break: bool = False
    breaks: tuple[int, ...] | None = None  # where it may split (units from its top); None: anywhere


_SENTENCE_END_RE = re.compile(r"[.?!:]['\")\]\u2019\u201d]*$")


def _wrap(text: str, width: int, breaks: list[int] | None = None, line: int = 1) -> int:
    """Lines for ``text`` at ``width``; appends to ``breaks`` (in lines × ``line``, from the
    first line) every point where a sentence or a source line ends."""
    width = max(1, width)
    total = 0
    for source in text.split("\n"):
        if breaks is None and len(source) <= width:
            total += 1  # fits as it is: words joined by single spaces are no longer
            continue
        lines, used = 1, 0
        for word in source.split():
            size = len(word)
            if used and used + 1 + size <= width:
                used += 1 + size
            else:
                if used:
                    lines += 1
                extra, used = divmod(size, width)
                if used == 0 and extra:
                    extra, used = extra - 1, width
                lines += extra
            if breaks is not None and _SENTENCE_END_RE.search(word):
                breaks.append((total + lines) * line)
        total += lines
        if breaks is not None:
            breaks.append(total * line)
    return total


def wrapped_line_count(text: str, width: int) -> int:
    """Printed lines for ``text`` wrapped at ``width`` characters, one or more per source line."""
    return _wrap(text, width)


def _height(element: Element, setup: PageSetup, dual: bool = False) -> int:
    style = setup.style(element)
    width = style.width
    if dual and element.kind is Kind.DIALOGUE:
        width = min(width, DUAL_DIALOGUE_WIDTH)
    elif dual and element.kind is Kind.PARENTHETICAL:
        width = min(width, DUAL_PARENTHETICAL_WIDTH)
    return wrapped_line_count(element.text, width) * style.line


def _breaks(elements: Sequence[Element], setup: PageSetup) -> tuple[int, ...]:
    """Where a paragraph or a speech may split at a sentence (units from its top)."""
    found: list[int] = []
    offset = 0
    for element in elements:
        style = setup.style(element)
        if element.kind in (Kind.CHARACTER, Kind.PARENTHETICAL):
            offset += wrapped_line_count(element.text, style.width) * style.line
            continue
        points: list[int] = []
        lines = _wrap(element.text, style.width, points, style.line)
        found += [offset + point for point in points]
        offset += lines * style.line
    return tuple(sorted(set(found)))


def _units(elements: Sequence[Element], setup: PageSetup) -> list[_Unit]:
    units: list[_Unit] = []
    index = 0
    speech_kinds = (Kind.PARENTHETICAL, Kind.DIALOGUE)
    while index < len(elements):
        element = elements[index]
        kind = element.kind
        style = setup.style(element)
        if element.dual:
            columns = [0, 0]
            while index < len(elements) and elements[index].dual:
                columns[elements[index].dual - 1] += _height(elements[index], setup, dual=True)
                index += 1
            units.append(_Unit(max(columns), setup.styles[Kind.CHARACTER].space_before))
            continue
        index += 1
        if kind is Kind.PAGE_BREAK:
            units.append(_Unit(0, 0, page_break=True))
        elif kind is Kind.CHARACTER:
            first = index - 1
            height = _height(element, setup)
            line = style.line
            while index < len(elements) and elements[index].kind in speech_kinds:
                if elements[index].dual:
                    break
                height += _height(elements[index], setup)
                line = max(line, setup.style(elements[index]).line)
                index += 1
            breaks = _breaks(elements[first:index], setup) if setup.sentence_breaks else None
            units.append(
                _Unit(height, style.space_before, line, split=True, speech=True, breaks=breaks)
            )
        elif kind in speech_kinds:  # a stray speech line without a cue
            units.append(_Unit(_height(element, setup), style.space_before, style.line, True))
        else:
            split = kind in (Kind.ACTION, Kind.GENERAL)
            units.append(
                _Unit(
                    _height(element, setup),
                    style.space_before,
                    style.line,
                    split=split,
                    keep_with_next=kind in (Kind.HEADING, Kind.SHOT),
                    heading=kind is Kind.HEADING,
                    breaks=_breaks([element], setup) if split and setup.sentence_breaks else None,
                )
            )
    return units


def paginate(elements: Sequence[Element], setup: PageSetup = STANDARD_PAGE) -> Layout:
    """Lay the elements out on pages and measure every scene (see module notes)."""
    per_page = setup.page
    units = _units(elements, setup)
    page, pos = 0, 0
    starts: list[int] = []
    text_ends: list[int] = []
    for number, unit in enumerate(units):
        if unit.page_break:
            if not starts:
                page, pos = 0, 0  # front matter ends: the first scene starts page 1
            elif pos:
                page, pos = page + 1, 0
            continue
        more = unit.line if unit.speech else 0  # the (MORE) / CONT'D line a split costs
        minimum = MIN_SPLIT_LINES * unit.line
        gap = unit.space_before if pos else 0
        needed = unit.height
        if unit.keep_with_next and number + 1 < len(units) and not units[number + 1].page_break:
            follower = units[number + 1]
            first_part = min(
                follower.height,
                MIN_SPLIT_LINES * follower.line + (follower.line if follower.speech else 0),
            )
            needed += follower.space_before + (first_part if follower.split else follower.height)
        remaining = unit.height
        if pos and pos + gap + needed > per_page:
            room = per_page - pos - gap - more
            room -= room % unit.line  # only whole lines fit
            if unit.breaks is not None:  # only after a sentence
                at = bisect_right(unit.breaks, room) - 1
                room = unit.breaks[at] if at >= 0 else 0
            if (
                unit.split
                and not unit.keep_with_next
                and room >= minimum + more
                and remaining - room >= minimum
            ):
                start = page * per_page + pos + gap
                remaining = remaining - room + more
                page += 1
            else:
                page += 1
                start = page * per_page
            pos = 0
        else:
            start = page * per_page + pos + gap
            pos += gap
        while pos + remaining > per_page:  # longer than a page: fill pages one by one
            carried = per_page - pos - more
            carried = max(unit.line, carried - carried % unit.line)
            remaining = remaining - carried + more
            page, pos = page + 1, 0
        pos += remaining
        if unit.heading:
            starts.append(start)
            text_ends.append(page * per_page + pos)
        elif starts:
            text_ends[-1] = page * per_page + pos
    end = page * per_page + pos
    spans = tuple(
        SceneSpan(start, starts[i + 1] if i + 1 < len(starts) else end, text_ends[i], per_page)
        for i, start in enumerate(starts)
    )
    return Layout(spans, page + 1 if pos or not page else page)

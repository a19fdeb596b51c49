"""Fountain import on top of screenplain, with the few fixes real scripts need.

Why screenplain: of the two maintained Fountain parsers in the environment, ``jouvence``
failed the real files (Brick & Steel's mixed LF/CRLF line endings left it with no scenes and no
cues; in Big Fish it dropped every cue with an apostrophe, such as WILL'S DATE, losing 5 of 48
speaking parts), while ``screenplain`` read all four sample Fountain files correctly:
forced headings, ``#12A#`` scene numbers, dual dialogue, title pages, boneyard, transitions,
centred text and mixed line endings.  We use its paragraph classification (the title page we read
ourselves, see :func:`_title_page`) and add, before handing it the text:

* notes (``[[ ]]``) and boneyard (``/* */``) are removed from the whole text first, because
  screenplain only strips notes inside one paragraph and a note spanning a blank line would
  otherwise print as action;
* lines that hold only spaces or tabs count as blank (except Fountain's deliberate two-space
  line), so a stray indent cannot glue a heading to the action under it;
* ``EXT/INT.`` and ``E/I`` headings are accepted.  They are not in the Fountain list, but
  writers use them (Big Fish has two), Final Draft treats them as headings, and for a schedule
  a lost scene is worse than a lenient reading.  Like every heading they need a blank line
  before them, so ``ext/int. garden`` inside a paragraph stays action;
* an upper-case heading that is followed directly by text (no blank line after) is still a
  heading instead of becoming a character cue called ``INT. HOUSE - DAY``.  A heading must
  still be preceded by a blank line, and a lower-case ``int. house`` line is only a heading when
  it stands alone, exactly as the spec says.
"""

from __future__ import annotations

import re
from typing import Any

import screenplain.parsers.fountain as screenplain_fountain
from screenplain.parsers.fountain import parse_body
from screenplain.richstring import _magic_re, parse_emphasis, plain
from screenplain.types import Action, Dialog, DualDialog, PageBreak, Slug, Transition

from scheduling.breakdown.screenplay.headings import clean_text
from scheduling.breakdown.screenplay.model import Element, Kind, SceneMeta

_LINEBREAK_RE = re.compile(r"\r\n|\r|\n")
_STANDARD_HEADING_RE = re.compile(r"^(?:INT|EXT|EST|INT\.?/EXT|I/E)[. ]", re.IGNORECASE)
_LENIENT_HEADING_RE = re.compile(r"^(?:EXT\.?/INT|E/I)[. ]", re.IGNORECASE)
# The spec: a forced heading is a period followed by a letter or digit ("." then a space is
# action, and ".." an ellipsis); screenplain also forces ". text".
_FORCED_HEADING_RE = re.compile(r"^\.[^\W_]")
_TITLE_KEY_RE = re.compile(r"^([A-Za-z][A-Za-z0-9 _-]{0,40}):(.*)$")
_SCENE_NUMBER_RE = re.compile(r"#([\w\-.]+)#\s*$")


def _strip_between(text: str, opener: str, closer: str) -> str:
    """Remove every ``opener … closer`` span in one pass (linear time).

    A regular expression for this is quadratic when an opener is never closed: a few
    kilobytes of ``[[`` kept a worker busy for half a minute. An unclosed opener ends the
    stripping and is defused (its characters split) so that screenplain's own note handling
    cannot hit the same trap.
    """
    out: list[str] = []
    position = 0
    while True:
        start = text.find(opener, position)
        if start < 0:
            out.append(text[position:])
            break
        end = text.find(closer, start + len(opener))
        if end < 0:
            rest = text[position:]
            while opener in rest:  # "[[[[" → "[ [[ [" → "[ [ [ [": twice at most
                rest = rest.replace(opener, " ".join(opener))
            out.append(rest)
            break
        out.append(text[position:start])
        position = end + len(closer)
    return "".join(out)


def _emphasis(line: str) -> Any:
    """screenplain's emphasis parser, skipped for the lines that have no emphasis at all.

    Three regular-expression passes a line made emphasis parsing half of the time spent on a
    5 MB file; a line without ``*``, ``_`` or screenplain's private marker characters comes
    out of it as the same plain text, so it is made plain directly.
    """
    if line and "*" not in line and "_" not in line and not _magic_re.search(line):
        return plain(line)
    return parse_emphasis(line)


# screenplain looks ``parse_emphasis`` up in its module on each call: same result, faster.
screenplain_fountain.parse_emphasis = _emphasis


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    return bool(
        _STANDARD_HEADING_RE.match(stripped)
        or _LENIENT_HEADING_RE.match(stripped)
        or _FORCED_HEADING_RE.match(stripped)
    )


def _preprocess(lines: list[str]) -> list[str]:
    """Apply the heading leniencies described in the module docstring."""
    out: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        previous_blank = not out or out[-1] == ""
        next_blank = index + 1 >= len(lines) or lines[index + 1] == ""
        standard = _STANDARD_HEADING_RE.match(stripped) is not None
        lenient = _LENIENT_HEADING_RE.match(stripped) is not None
        if stripped.startswith(".") and not stripped.startswith("..") and not _is_heading(line):
            out.append("!" + line)  # ". not a heading": forced action, as the spec reads it
            continue
        if previous_blank and (standard or lenient):
            if lenient and (next_blank or stripped.isupper()):
                line = "." + stripped  # force it: screenplain does not know the prefix
            if not next_blank and stripped.isupper():
                out.extend([line, ""])
                continue
        out.append(line)
    return out


def _plain(rich: Any) -> str:
    return str(rich)


def _dialog_elements(dialog: Any, dual: int) -> list[Element]:
    elements = [Element(Kind.CHARACTER, _plain(dialog.character), dual)]
    for is_parenthetical, line in dialog.blocks:
        kind = Kind.PARENTHETICAL if is_parenthetical else Kind.DIALOGUE
        text = _plain(line)
        previous = elements[-1]
        if kind is Kind.DIALOGUE and previous.kind is Kind.DIALOGUE:
            elements[-1] = Element(kind, previous.text + "\n" + text, dual)
        else:
            elements.append(Element(kind, text, dual))
    return elements


class _NumbersAsWritten:
    """Scene numbers with their case: screenplain upper-cases the heading, number included,
    which would merge ``#1a#`` into ``1A``.  Numbers are taken in order from the lines,
    skipping any whose line did not become a heading (one forward walk: linear)."""

    def __init__(self, lines: list[str]) -> None:
        self.numbers = [m.group(1) for line in lines if (m := _SCENE_NUMBER_RE.search(line))]
        self.next = 0

    def find(self, upper: str) -> str:
        for index in range(self.next, len(self.numbers)):
            if self.numbers[index].upper() == upper:
                self.next = index + 1
                return self.numbers[index]
        return upper


def _elements(paragraphs: list[Any], written: _NumbersAsWritten) -> list[Element]:
    elements: list[Element] = []
    for paragraph in paragraphs:
        if isinstance(paragraph, Slug):
            number = written.find(_plain(paragraph.scene_number)) if paragraph.scene_number else ""
            synopsis = clean_text(paragraph.synopsis or "")
            meta = SceneMeta(number=number, synopsis=synopsis)
            elements.append(Element(Kind.HEADING, _plain(paragraph.line), meta=meta))
        elif isinstance(paragraph, Action):
            kind = Kind.CENTERED if paragraph.centered else Kind.ACTION
            elements.append(Element(kind, "\n".join(_plain(x) for x in paragraph.lines)))
        elif isinstance(paragraph, DualDialog):
            elements += _dialog_elements(paragraph.left, 1)
            elements += _dialog_elements(paragraph.right, 2)
        elif isinstance(paragraph, Dialog):
            elements += _dialog_elements(paragraph, 0)
        elif isinstance(paragraph, Transition):
            elements.append(Element(Kind.TRANSITION, _plain(paragraph.line)))
        elif isinstance(paragraph, PageBreak):
            elements.append(Element(Kind.PAGE_BREAK))
        # Sections (and synopses attached to them) are never printed.
    return elements


def _title(title_page: dict[str, list[str]]) -> str:
    values = title_page.get("Title", [])
    return clean_text(" ".join(str(parse_emphasis(value.strip())) for value in values))


def parse_fountain(text: str) -> tuple[str, list[Element]]:
    """Title and elements of a Fountain script (text already decoded)."""
    text = _strip_between(_strip_between(text, "/*", "*/"), "[[", "]]")
    lines = [
        "" if (not line.strip() and line != "  ") else line.expandtabs(4)
        for line in _LINEBREAK_RE.split(text)
    ]
    title_page, body_start = _title_page(lines)
    body = _preprocess(lines[body_start:])
    return _title(title_page), _elements(parse_body(body), _NumbersAsWritten(body))


def _title_page(lines: list[str]) -> tuple[dict[str, list[str]], int]:
    """The title page's keys and where the body starts.

    Leading blank lines (or a note, already stripped to a blank line) do not hide it, and a
    key's further lines count whether indented as the spec asks or not (``Contact:`` then
    the address flush left, as many writers type it): screenplain refuses both.  A script
    that opens on a heading has no title page ("INT. KITCHEN - 7:00 AM" looks like a key).
    """
    start = next((index for index, line in enumerate(lines) if line), len(lines))
    if start == len(lines) or _is_heading(lines[start]) or not _TITLE_KEY_RE.match(lines[start]):
        return {}, 0
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    result: dict[str, list[str]] = {}
    key = ""
    for line in lines[start:end]:
        match = _TITLE_KEY_RE.match(line)
        if match:
            key = match.group(1).strip().capitalize()
            if match.group(2).strip():
                result.setdefault(key, []).append(match.group(2).strip())
        else:
            result.setdefault(key, []).append(line.strip())
    return result, end

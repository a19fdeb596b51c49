"""Reading scene headings and character cues the way a breakdown needs them.

Decisions, so that sets and cast group the same way whichever file they came from:

* Typographic apostrophes and quotes become ASCII and runs of spaces collapse to one, so
  ``WILL\u2019s bedroom`` (curly apostrophe) from Final Draft and ``WILL'S BEDROOM`` from
  Fountain are one set.
* ``INT./EXT.``, ``INT/EXT``, ``I/E``, ``EXT/INT`` and ``E/I`` all become ``INT/EXT``;
  ``EST.`` (establishing shot) is filmed outside and becomes ``EXT``.
* The time of day is the last part of the heading (parts are separated by ``-``, ``--``, an
  en or em dash, a comma or a spaced ``/``) that is made only of time words (``NIGHT``,
  ``DAY 2``, ``LATER THAT MORNING``, ``(PRESENT) DAY``: brackets do not count).  Headings
  in other styles are read too: full stops as separators (``EXT. HARBOUR WALL. NIGHT.
  1952.``, tried only when dashes give no time, so ``ST. PAUL'S - DAY`` keeps its full
  stop), a dash after the prefix (``INT - KITCHEN - DAY``) and no separators at all
  (``INT KITCHEN DAY``: up to four time words at the end, the last a real time word).
  Anything after the time in brackets or from a short list of qualifiers (``(1973)``,
  ``- FLASHBACK``) belongs to the time of day, not to the set:
  ``INT. WILL'S BEDROOM - NIGHT (1973)`` is the set ``WILL'S BEDROOM`` at ``NIGHT``, raw time
  ``NIGHT (1973)``.  Brackets *inside* the set (``CAR (MOVING)``) stay.  A heading with a
  trailing bracket but no time (``INT. GARAGE (1973)``) gets the bracket as its raw time.
  The normalised time is the most concrete word in it, because day/night is what splits a
  shooting schedule: ``LATER THAT MORNING`` is MORNING, ``NIGHT - CONTINUOUS`` is NIGHT, and
  CONTINUOUS, LATER or SAME only when nothing else is given.
* A cue keeps only the name: every bracketed extension (``(V.O.)``, ``(CONT'D)``, even an
  unclosed ``(cont'd`` that Final Draft split across runs) is dropped, as are the Fountain
  ``@`` and dual-dialogue ``^`` markers.  Group cues such as ``EDWARD AND WILL`` are kept as
  written: splitting them is a casting decision, not a parsing one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TYPOGRAPHY = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "}
)

_PREFIX_RE = re.compile(
    r"""^(?P<prefix>
        INT\.?\s*/\s*EXT | EXT\.?\s*/\s*INT | I\s*/\s*E | E\s*/\s*I | INT | EXT | EST
    )(?:\.|\s|$)[.\s]*(?:(?:-{1,2}|\u2013|\u2014)\s+)?""",
    re.IGNORECASE | re.VERBOSE,
)

_SEPARATOR_RE = re.compile(r"\s+(?:-{1,2}|\u2013|\u2014|/)\s+|\s*,\s+")
# Full stops as separators ("HARBOUR WALL. NIGHT. 1952."), tried only when dashes give no time.
_FULL_STOP_RE = re.compile(r"\.(?:\s+|$)")
_BRACKETS_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Words that end a heading written without separators ("INT KITCHEN DAY"): at most this many.
_MAX_TRAILING_TIME_WORDS = 4
_TRAILING_BRACKETS_RE = re.compile(r"(?:\s*(?:\([^()]*\)|\[[^\[\]]*\]))+\s*$")
_WORD_RE = re.compile(r"[A-Z]+|\d+")

# Checked in this order: a real time of day first, because day/night is what splits a shooting
# schedule, so "LATER THAT MORNING" is MORNING and "NIGHT - CONTINUOUS" is NIGHT (the raw text
# keeps the rest); the relative words only when there is nothing else.
_TIME_KEYWORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("DAWN", frozenset({"DAWN", "SUNRISE", "DAYBREAK"})),
    ("DUSK", frozenset({"DUSK", "SUNSET", "TWILIGHT"})),
    ("MORNING", frozenset({"MORNING"})),
    ("AFTERNOON", frozenset({"AFTERNOON", "NOON", "MIDDAY"})),
    ("EVENING", frozenset({"EVENING"})),
    ("NIGHT", frozenset({"NIGHT", "MIDNIGHT", "NIGHTTIME"})),
    ("DAY", frozenset({"DAY", "DAYTIME"})),
    ("CONTINUOUS", frozenset({"CONTINUOUS", "CONTINUED", "CONT", "CONTD"})),
    ("LATER", frozenset({"LATER"})),
    ("SAME", frozenset({"SAME"})),
)
_FILLER_WORDS = frozenset(
    {"A", "AN", "THE", "THAT", "EARLY", "LATE", "MID", "NEXT", "MOMENT", "MOMENTS",
     "SECOND", "SECONDS", "MINUTE", "MINUTES", "HOUR", "HOURS", "DAYS", "WEEK", "WEEKS",
     "MONTH", "MONTHS", "YEAR", "YEARS", "BIT", "WHILE", "LITTLE", "FEW", "SEVERAL", "SHORTLY",
     "TIME", "MAGIC", "AFTER", "BEFORE", "AT", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SOME",
     "PRE", "S"}
)  # fmt: skip
_TIME_WORDS = frozenset().union(*(words for _, words in _TIME_KEYWORDS)) | _FILLER_WORDS
_QUALIFIERS = frozenset(
    {"FLASHBACK", "FLASH BACK", "PRESENT", "PRESENT DAY", "DREAM", "DREAM SEQUENCE",
     "ESTABLISHING", "MONTAGE", "SERIES OF SHOTS", "INTERCUT", "SLOW MOTION", "B&W",
     "BLACK AND WHITE", "BACK TO PRESENT", "END FLASHBACK"}
)  # fmt: skip


@dataclass(frozen=True)
class HeadingParts:
    int_ext: str
    set_name: str
    time_of_day: str
    time_of_day_raw: str


def clean_text(text: str) -> str:
    """Straighten quotes and collapse whitespace; used for headings, cues and synopses."""
    return " ".join(text.translate(_TYPOGRAPHY).split())


def _normalise_int_ext(prefix: str) -> str:
    letters = re.sub(r"[^A-Z/]", "", prefix.upper())
    if "/" in letters:
        return "INT/EXT"
    return "EXT" if letters in ("EXT", "EST") else "INT"


def _time_words(segment: str) -> frozenset[str]:
    """The words of ``segment`` if it is made only of time words, else an empty set."""
    core = _BRACKETS_RE.sub(" ", segment).upper().replace("'", "")
    words = _WORD_RE.findall(core)
    if not words or re.search(r"[^A-Z0-9\s.\-']", core):
        return frozenset()
    if not all(word in _TIME_WORDS or word.isdigit() for word in words):
        return frozenset()
    return frozenset(words)


def _time_keyword(words: frozenset[str]) -> str:
    for name, keywords in _TIME_KEYWORDS:
        if words & keywords:
            return name
    return ""


def _is_qualifier(segment: str) -> bool:
    stripped = _TRAILING_BRACKETS_RE.sub("", segment).strip()
    return not stripped or stripped.upper() in _QUALIFIERS or stripped.isdigit()


def _split_at(text: str, separator: re.Pattern[str]) -> tuple[str, str, frozenset[str]] | None:
    """(set, raw time, time words) when ``separator`` cuts a time of day off ``text``."""
    cuts = [(m.start(), m.end()) for m in separator.finditer(text)]
    starts = [0] + [end for _, end in cuts]
    ends = [start for start, _ in cuts] + [len(text)]
    pieces = [text[a:b] for a, b in zip(starts, ends, strict=True)]
    # Walk back over trailing qualifiers to the last segment that is a time of day, then over
    # any time segments before it ("NIGHT - CONTINUOUS").
    index = len(pieces) - 1
    while (
        index > 0 and _is_qualifier(pieces[index]) and not _time_keyword(_time_words(pieces[index]))
    ):
        index -= 1
    words = _time_words(pieces[index])
    while index > 1 and _time_keyword(_time_words(pieces[index - 1])):
        index -= 1
        words |= _time_words(pieces[index])
    if not _time_keyword(words) or index == 0:
        return None
    raw = text[starts[index] :].strip().rstrip(".").strip()
    return text[: cuts[index - 1][0]], raw, words


def _split_words(text: str) -> tuple[str, str, frozenset[str]] | None:
    """``KITCHEN DAY``: a heading without separators ends in a few time words."""
    bracket = _TRAILING_BRACKETS_RE.search(text)
    after = bracket.group().strip() if bracket and bracket.start() > 0 else ""
    words = (text[: bracket.start()] if after and bracket else text).split()
    count = 0
    while count < min(len(words) - 1, _MAX_TRAILING_TIME_WORDS):
        if not _time_words(words[-1 - count]):
            break
        count += 1
    tail = " ".join(words[len(words) - count :])
    found = _time_words(tail) if count else frozenset()
    if not _time_keyword(found) or not _time_keyword(_time_words(words[-1])):
        return None
    return " ".join(words[: len(words) - count]), f"{tail} {after}".strip(), found


def split_heading(heading: str) -> HeadingParts:
    """Split a heading into INT/EXT, set and time of day (see the module notes)."""
    text = clean_text(heading)
    int_ext = ""
    match = _PREFIX_RE.match(text)
    if match:
        int_ext = _normalise_int_ext(match.group("prefix"))
        text = text[match.end() :]
    split = _split_at(text, _SEPARATOR_RE) or _split_at(text, _FULL_STOP_RE)
    if split is None and int_ext:
        split = _split_words(text)
    if split is not None:
        set_name, raw, words = split
        return HeadingParts(
            int_ext, set_name.strip().rstrip(".").strip().upper(), _time_keyword(words), raw.upper()
        )
    words = _time_words(text)
    if _time_keyword(words) and not int_ext:
        # A forced heading that is only a time ("LATER") is a time cut, not a set.
        return HeadingParts(int_ext, "", _time_keyword(words), text.upper())
    set_name, raw = text, ""
    bracket = _TRAILING_BRACKETS_RE.search(text)
    if bracket and int_ext and bracket.start() > 0:
        # "INT. GARAGE (1973)" with no time of day: the year still describes when, not where.
        set_name, raw = text[: bracket.start()], bracket.group().strip()
    return HeadingParts(int_ext, set_name.strip().upper(), "", raw.upper())


def normalise_cue(cue: str) -> str:
    """The character's name from a dialogue cue, without extensions or Fountain markers."""
    text = clean_text(cue).lstrip("@").rstrip("^").strip()
    text = re.sub(r"\([^()]*\)", " ", text)  # every complete (EXT) group
    text = re.sub(r"\(.*$", " ", text)  # an unclosed "(cont'd" left by split text runs
    text = text.replace("^", " ")
    return " ".join(text.split()).upper()

"""Scene numbers for a partly numbered draft, keeping every locked number (DOMAIN.md).

After lock a scene number never changes: a scene inserted after 12 becomes ``12A`` (then
``12B``; after ``12A`` it is ``12B`` too), a scene inserted before scene 1 becomes ``A1`` (then
``B1``), and a cut scene keeps its number, marked OMITTED, so no number is ever reused.  A
draft is read with those rules instead of being refused:

* a number written in the file is **locked** and kept exactly as written, case included;
* an unnumbered scene gets a **proposed** number from the locked scene before it (or, before
  the first one, from the locked scene after it), skipping every number the draft or the
  breakdown already uses, omitted scenes included.  When the breakdown already has a scene
  with the same heading between the same two locked numbers (an earlier import proposed its
  number), that number is proposed again, so importing the next revision renumbers nothing;
* a number used twice (``#7#`` twice, or ``1A`` and ``1a``, which differ only in case) is a
  **duplicate**: the first keeps it, the others get a proposal and are flagged, because only
  the user knows which is which.  A number that differs only in case from one in the
  breakdown is flagged the same way, with the breakdown's spelling proposed;
* a draft with no number at all (before lock) is numbered 1, 2, 3... by position.

Everything here is one pass over the scenes plus dictionary look-ups: the number of
candidates tried is bounded by the scenes plus the numbers already in use.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

# Why a scene's number is a proposal; "" means it is locked, exactly as the file writes it.
LOCKED = ""
UNNUMBERED = "unnumbered"
DUPLICATE = "duplicate"
CASE = "case"  # differs only in case from another number (in the draft or the breakdown)
TOO_LONG = "too_long"
# Proposals the user must look at before applying; plain unnumbered proposals may be accepted.
FLAGGED = frozenset({DUPLICATE, CASE, TOO_LONG})

_NUMBER_RE = re.compile(r"^(?P<prefix>[^0-9]*?)(?P<digits>[0-9]+)(?P<suffix>.*)$")
_LETTERS_RE = re.compile(r"^[A-Za-z]{1,3}$")


@dataclass(frozen=True)
class Numbering:
    number: str  # the number to use: as written when locked, else the proposal
    in_file: str  # as the file writes it ("" when unnumbered)
    reason: str = LOCKED


def _letters(index: int) -> str:
    """1 → A, 26 → Z, 27 → AA: the letters of inserted scenes."""
    out = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def _letters_index(letters: str) -> int:
    value = 0
    for char in letters.upper():
        value = value * 26 + ord(char) - ord("A") + 1
    return value


def _after(number: str) -> tuple[str, int, bool]:
    """(base, first letter index, lower case) for scenes inserted after ``number``."""
    match = _NUMBER_RE.match(number)
    if match and _LETTERS_RE.match(match["suffix"]):
        suffix = match["suffix"]
        return match["prefix"] + match["digits"], _letters_index(suffix) + 1, suffix.islower()
    return number, 1, False


class _Pool:
    """Numbers in use, compared without case so that ``1a`` can never slip in beside ``1A``."""

    def __init__(self, numbers: Iterable[str]) -> None:
        self.used = {number.casefold() for number in numbers}

    def take_after(self, number: str, max_length: int) -> str:
        base, index, lower = _after(number)
        while True:
            letters = _letters(index)
            candidate = base + (letters.lower() if lower else letters)
            index += 1
            if candidate.casefold() not in self.used and len(candidate) <= max_length:
                self.used.add(candidate.casefold())
                return candidate
            if len(candidate) > max_length:
                return self.take_after("X", max_length)  # a number with no room for letters

    def take_before(self, number: str, max_length: int, count: int) -> list[str]:
        """``count`` numbers for scenes before ``number``: A1, B1, C1... in script order."""
        taken: list[str] = []
        index = 1
        while len(taken) < count:
            candidate = _letters(index) + number
            index += 1
            if len(candidate) > max_length:
                return (
                    taken
                    + [self.take_after(number, max_length) for _ in range(count)][
                        : count - len(taken)
                    ]
                )
            if candidate.casefold() not in self.used:
                self.used.add(candidate.casefold())
                taken.append(candidate)
        return taken


def propose_numbers(
    in_file: Sequence[str],
    headings: Sequence[str] = (),
    existing: Mapping[str, str] | None = None,
    *,
    max_length: int = 20,
    sort_key: Callable[[str], str] | None = None,
) -> list[Numbering]:
    """A number for every scene of a draft (see the module notes).

    ``in_file`` is each scene's number as written ("" when none), ``headings`` each scene's
    heading, ``existing`` the breakdown's scenes (number → heading), omitted ones included,
    and ``sort_key`` how the breakdown orders numbers (needed to find earlier proposals).
    """
    existing = existing or {}
    numbers = [number.strip() for number in in_file]
    if not any(numbers):
        return [Numbering(str(position + 1), "") for position in range(len(numbers))]
    by_fold = {number.casefold(): number for number in existing}
    result: list[Numbering | None] = [None] * len(numbers)
    locked_at: list[int] = []
    seen: dict[str, str] = {}
    for position, number in enumerate(numbers):
        if not number:
            continue
        if len(number) > max_length:
            result[position] = Numbering("", number, TOO_LONG)
            continue
        fold = number.casefold()
        if fold in seen:
            reason = DUPLICATE if seen[fold] == number else CASE
            result[position] = Numbering("", number, reason)
            continue
        seen[fold] = number
        spelled = by_fold.get(fold)
        if spelled is not None and spelled != number:
            result[position] = Numbering(spelled, number, CASE)
        else:
            result[position] = Numbering(number, number)
        locked_at.append(position)
    pool = _Pool([*seen.values(), *existing])
    earlier = _Earlier(existing, set(seen), sort_key) if sort_key and existing else None
    # The locked numbers around each scene, for finding an earlier proposal between them.
    following: list[str] = [""] * len(numbers)
    upcoming = ""
    for position in range(len(numbers) - 1, -1, -1):
        following[position] = upcoming
        item = result[position]
        if item is not None and item.number:
            upcoming = item.number
    again: dict[int, str] = {}
    previous = ""
    for position, current in enumerate(result):
        if current is not None and current.number:
            previous = current.number
        elif earlier is not None:
            found = earlier.claim(
                headings[position] if position < len(headings) else "",
                previous,
                following[position],
            )
            if found:
                again[position] = found
    # Scenes before the first locked one take letters in front of it (A1, B1...).
    first = locked_at[0] if locked_at else len(numbers)
    anchor = numbers[first] if first < len(numbers) else "1"
    before = [p for p in range(first) if not _has_number(result[p])]
    fresh = iter(pool.take_before(anchor, max_length, sum(1 for p in before if p not in again)))
    for position in before:
        proposal = again.get(position) or next(fresh)
        result[position] = _proposal(result[position], numbers[position], proposal)
    previous = anchor
    for position in range(first, len(numbers)):
        current = result[position]
        if current is not None and current.number:
            previous = current.number
            continue
        proposal = again.get(position) or pool.take_after(previous, max_length)
        result[position] = _proposal(current, numbers[position], proposal)
        previous = proposal
    return [item if item is not None else Numbering("", "") for item in result]


def _has_number(item: Numbering | None) -> bool:
    return item is not None and bool(item.number)


def _proposal(current: Numbering | None, in_file: str, proposal: str) -> Numbering:
    reason = current.reason if current is not None else UNNUMBERED
    return Numbering(proposal, in_file, reason or UNNUMBERED)


class _Earlier:
    """Breakdown numbers an earlier import proposed, found again by heading and place.

    An unnumbered scene with heading H between locked numbers P and N takes the first number
    of the breakdown with heading H that sorts between P and N and is not locked by the
    draft, so the hall proposed as 2A stays 2A even once scene 2 before it is cut.  Each
    heading's numbers are sorted once and claimed from a moving start: linear overall.
    """

    def __init__(
        self, existing: Mapping[str, str], locked: set[str], sort_key: Callable[[str], str]
    ) -> None:
        self.sort_key = sort_key
        self.by_heading: dict[str, list[tuple[str, str]]] = {}
        for number, heading in existing.items():
            if number.casefold() not in locked:
                self.by_heading.setdefault(heading, []).append((sort_key(number), number))
        for entries in self.by_heading.values():
            entries.sort()
        self.start: dict[str, int] = {}

    def claim(self, heading: str, after: str, before: str) -> str:
        entries = self.by_heading.get(heading)
        if not entries:
            return ""
        low = self.sort_key(after) if after else ""
        index = max(self.start.get(heading, 0), bisect_right(entries, (low, "\uffff")))
        if index >= len(entries):
            return ""
        key, number = entries[index]
        if before and key >= self.sort_key(before):
            return ""
        self.start[heading] = index + 1
        return number

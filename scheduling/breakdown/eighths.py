"""Scene lengths in eighths of a page.

Schedules, call sheets and breakdowns all quote scene length the way the industry does: whole
pages plus eighths (``2 4/8``), never decimals, because an eighth (about an inch of a printed
page) is the unit a 1st AD estimates shooting time with.  Lengths are stored as a plain count
of eighths so they add up exactly; these helpers are the only place that converts to and from
the written form.
"""

from __future__ import annotations

import re

#: Lines on a standard screenplay page (Courier 12pt, 6 lines an inch, 1in top and bottom
#: margins plus the page-number line).  The pagination model and the line-to-eighths
#: conversion share it so that eight eighths always make one page.
LINES_PER_PAGE = 55

_EIGHTHS_RE = re.compile(
    r"""^\s*(?:
        (?P<whole>\d+)(?:\s+(?P<num>\d+)\s*/\s*(?P<den>\d+))?   # "2", "2 4/8", "2  4/8"
        |
        (?P<fnum>\d+)\s*/\s*(?P<fden>\d+)                       # "3/8", "3 / 8"
    )\s*$""",
    re.VERBOSE,
)


def format_eighths(eighths: int) -> str:
    """Write a length the way a breakdown sheet does: ``3/8``, ``1``, ``2 4/8``."""
    if eighths < 0:
        raise ValueError(f"A scene length cannot be negative (got {eighths} eighths).")
    pages, rest = divmod(eighths, 8)
    if rest == 0:
        return str(pages)
    if pages == 0:
        return f"{rest}/8"
    return f"{pages} {rest}/8"


def parse_eighths(text: str) -> int:
    """Read a written length back, including Final Draft's ``Length="1 3/8"`` values.

    Only eighths are accepted as the fraction: a ``1/2`` or ``3/4`` would mean someone typed a
    length by hand in another convention, and silently converting it would hide the mistake.
    """
    match = _EIGHTHS_RE.match(text)
    if match is None:
        raise ValueError(
            f"{text!r} is not a page length; write it as whole pages and eighths, "
            "e.g. '1', '3/8' or '2 4/8'."
        )
    if match.group("fnum") is not None:
        numerator, denominator = int(match.group("fnum")), int(match.group("fden"))
        whole = 0
    else:
        whole = int(match.group("whole"))
        if match.group("num") is None:
            return whole * 8
        numerator, denominator = int(match.group("num")), int(match.group("den"))
        if numerator >= 8:
            raise ValueError(
                f"{text!r}: the eighths after the whole pages must be 0 to 7 "
                f"(write {whole + numerator // 8} {numerator % 8}/8 instead)."
            )
    if denominator != 8:
        raise ValueError(f"{text!r}: page lengths are counted in eighths, so write n/8.")
    return whole * 8 + numerator


def lines_to_eighths(
    lines: int, lines_per_page: int = LINES_PER_PAGE, *, round_up: bool = False
) -> int:
    """Convert a height in printed lines to eighths, never below one eighth.

    Anything that takes up space on the page costs at least an eighth of a shooting day's
    estimate, which is why a one-line scene still counts as ``1/8``.  By default the result is
    the nearest eighth (half rounds up).  ``round_up=True`` counts any started eighth as a
    whole one, which is what Final Draft does for its scene lengths (its Big Fish lengths add
    up to 129 pages for a 120-page script); the page model uses it to match Final Draft.
    """
    if lines < 0:
        raise ValueError(f"A height in lines cannot be negative (got {lines}).")
    if lines_per_page <= 0:
        raise ValueError(f"lines_per_page must be positive (got {lines_per_page}).")
    if round_up:
        rounded = -(-lines * 8 // lines_per_page)
    else:
        # Integer round-half-up of lines * 8 / lines_per_page, without float drift.
        rounded = (lines * 16 + lines_per_page) // (2 * lines_per_page)
    return max(1, rounded)

"""CSV cells that a spreadsheet opens as text, never as a formula (CSV injection).

Every CSV the app writes (the crew list, the day out of days, the schedule) and the crew
import that reads its own exports back use these two functions.
"""

from __future__ import annotations

# Spreadsheets run a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """``text`` as a cell: a leading quote if a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def spreadsheet_unsafe(text: str) -> str:
    """A cell written by :func:`spreadsheet_safe` read back as the text it was."""
    if text.startswith("'") and text[1:2] in FORMULA_START:
        return text[1:]
    return text

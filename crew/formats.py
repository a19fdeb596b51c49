"""How crew dates read in a sentence: "2 Jun 2025", "2 Jun 2025 – 4 Jun 2025".

In the viewer's language: month names come from Django's catalogue, and the order and
separators are translatable strings.
"""

from __future__ import annotations

from datetime import date

from django.utils import dateformat
from django.utils.translation import gettext, pgettext


def day_label(value: date) -> str:
    # Translators: a date in a sentence, as a Django date format ("2 Jun 2025"): j is the
    # day, M the month's three-letter name, Y the year.
    return dateformat.format(value, pgettext("date in a sentence", "j M Y"))


def period_label(start: date, end: date) -> str:
    """One day, or the first and last days of a period."""
    if start == end:
        return day_label(start)
    return gettext("%(start)s – %(end)s") % {"start": day_label(start), "end": day_label(end)}

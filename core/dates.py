"""The calendar a person may type into: 1900-01-01 to 2200-12-31, everywhere.

Every date and datetime field people fill in (a production's dates, an engagement's,
unavailable days, deadlines) carries :func:`validate_calendar_range` on its model field,
so the services' ``full_clean`` answers a field error on every surface (pages, API, CSV
import) and model serializers pick it up too. Nothing outside the range is meaningful
for a production, and staying far from Python's own limits (years 1 and 9999) keeps
every time-zone conversion and every page safe.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)


def validate_calendar_range(value: date) -> None:
    """Refuse a date, or a datetime whose date (in its own time zone), outside the range."""
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="calendar_range",
            params={"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
        )

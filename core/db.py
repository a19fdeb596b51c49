"""Reading dates the database holds but Python cannot, without a server error.

PostgreSQL keeps dates and timestamps far beyond Python's calendar (years 1 to 9999), and
'infinity'. A deadline typed as 9999-12-31 23:00 on the US west coast is in year 10000
in UTC; one typed as the first hour of year 1 in Asia is in year 0. psycopg2 raises
ValueError on reading such a value, which broke every page and API answer that listed
the row (and turned its own page into a 404), so the row could be neither fixed nor
deleted. Python values at the very edge of its calendar break later, when a page shows
them in a zone east or west of UTC.

Validation keeps new values between 1900 and 2200 (core.dates). For rows stored before
that rule, or written by SQL, these casters read any value beyond a day inside Python's
calendar as that day, so it can be shown in any zone, edited back into range, or deleted.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import psycopg2.extensions

# A day inside Python's calendar at each end: converting to any time zone (UTC±14) stays
# inside it.
EARLIEST_DATE = date(1, 1, 2)
LATEST_DATE = date(9999, 12, 30)
EARLIEST_DATETIME = datetime(1, 1, 2)
LATEST_DATETIME = datetime(9999, 12, 30)

_DATE = psycopg2.extensions.PYDATE
_TIMESTAMP = psycopg2.extensions.PYDATETIME
_TIMESTAMPTZ = psycopg2.extensions.PYDATETIMETZ


def _is_early(text: str) -> bool:
    """True for a value before year 1 (PostgreSQL writes 'BC'), False for one past 9999."""
    return text.endswith(" BC") or text.startswith("-infinity")


def _clamp_date(text: str | None, cursor: Any) -> date | None:
    if text is None:
        return None
    try:
        value: date = _DATE(text, cursor)
    except ValueError:
        return EARLIEST_DATE if _is_early(text) else LATEST_DATE
    return min(max(value, EARLIEST_DATE), LATEST_DATE)


def _clamp_datetime(caster: Any) -> Any:
    def cast(text: str | None, cursor: Any) -> datetime | None:
        if text is None:
            return None
        try:
            value: datetime = caster(text, cursor)
        except ValueError:
            value = EARLIEST_DATETIME if _is_early(text) else LATEST_DATETIME
            return value.replace(tzinfo=UTC) if caster is _TIMESTAMPTZ else value
        earliest, latest = EARLIEST_DATETIME, LATEST_DATETIME
        if value.tzinfo is not None:
            earliest, latest = earliest.replace(tzinfo=UTC), latest.replace(tzinfo=UTC)
        return min(max(value, earliest), latest)

    return cast


# PostgreSQL's array type oids of date, timestamp and timestamptz (pg_type.typarray).
_ARRAY_OIDS = {"PYDATE": (1182,), "PYDATETIME": (1115,), "PYDATETIMETZ": (1185,)}


def register_calendar_casters() -> None:
    """Read date, timestamp and timestamptz columns through the clamps, on every connection."""
    for caster, cast in (
        (_DATE, _clamp_date),
        (_TIMESTAMP, _clamp_datetime(_TIMESTAMP)),
        (_TIMESTAMPTZ, _clamp_datetime(_TIMESTAMPTZ)),
    ):
        scalar = psycopg2.extensions.new_type(caster.values, f"CALLBOARD_{caster.name}", cast)
        psycopg2.extensions.register_type(scalar)
        # Arrays of them too (the data version's clock marks are a timestamptz[]).
        psycopg2.extensions.register_type(
            psycopg2.extensions.new_array_type(
                _ARRAY_OIDS[caster.name], f"CALLBOARD_{caster.name}_ARRAY", scalar
            )
        )

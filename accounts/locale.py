"""Which language and time zone a person sees: one rule for their pages and their e-mails.

A user's profile names a language and a time zone. The language is used when the site
offers it (``settings.LANGUAGES``; a regional variant such as ``fr-ca`` falls back to
``fr``), otherwise the caller keeps what it negotiated. A time zone that is not a known
IANA name means UTC.

Times that belong to a production (shoot days, deadlines, call times) are shown in the
production's or the location's zone instead, by the views that show them: that is the
production's rule, not the user's.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import translation


def user_language(user: object) -> str | None:
    """The offered language code the user asked for, or None when the site has no such one."""
    code = getattr(user, "language", "") or ""
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def user_time_zone(user: object) -> dt.tzinfo:
    name = getattr(user, "time_zone", "") or ""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.UTC

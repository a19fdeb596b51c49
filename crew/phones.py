"""Phone numbers are stored in E.164 (+33612345678), whatever the person typed."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from productions.models import CoProducerRole, Production


def normalise_phone(raw: str, region: str | None = None) -> str:
    """Parse a typed number (national numbers need ``region``) into E.164, or raise."""
    raw = raw.strip()
    if not raw:
        return ""
    text = "+" + raw[2:] if raw.startswith("00") else raw  # 0044… is how many people type +44…
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _(
                "“%(number)s” is not a phone number. Use the international form, "
                "e.g. +44 20 7946 0958."
            )
            % {"number": raw}
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("“%(number)s” is not a valid phone number.") % {"number": raw})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_e164(value: str) -> None:
    if value and normalise_phone(value) != value:
        raise ValidationError(
            _("“%(number)s” is not stored in E.164 form (e.g. +442079460958).") % {"number": value}
        )


@lru_cache(maxsize=8192)
def display_phone(value: str) -> str:
    """A stored number as people read it (+44 7700 900123). Remembered per value: parsing
    and formatting was a fifth of rendering a 300-row crew list."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value)
    except phonenumbers.NumberParseException:
        return value  # stored before validation existed, or typed freely (office phone)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def default_phone_region(production: Production) -> str | None:
    """The country national numbers (no +) are read in: the lead co-producer's."""
    order = list(CoProducerRole.values)
    companies = sorted(production.co_producers.all(), key=lambda c: order.index(c.role))
    return companies[0].country if companies else None

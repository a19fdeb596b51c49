"""Phone numbers are stored in E.164 (+33612345678), whatever the person typed."""

from __future__ import annotations

import zoneinfo
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from phonenumbers import geocoder

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
    """The country national numbers (no +) are read in: the lead co-producer's, else the
    country of the production's time zone (Europe/London: GB), else none (+ required)."""
    order = list(CoProducerRole.values)
    companies = sorted(production.co_producers.all(), key=lambda c: order.index(c.role))
    if companies:
        return companies[0].country
    return time_zone_countries().get(production.time_zone)


def _zone_table() -> str:
    """IANA's zone.tab: the system's copy where zoneinfo reads its zones, else tzdata's."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "zone.tab"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    try:
        return resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return ""


@cache
def time_zone_countries() -> dict[str, str]:
    """Each zone's country (``America/Los_Angeles``: US); zones of no country are absent."""
    countries: dict[str, str] = {}
    for line in _zone_table().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, _coordinates, zone, *_comment = line.split("\t")
        countries[zone] = code
    return countries


def phone_hint(region: str | None) -> str:
    """What the phone fields say under them: how a number from ``region`` is typed."""
    if region is None:
        return _("Include the country code, e.g. +44 20 7946 0958.")
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    if example is None:
        return _("Include the country code, e.g. +44 20 7946 0958.")
    language = (translation.get_language() or "en").split("-")[0]
    return _(
        "Local format for %(country)s: %(example)s. Numbers from elsewhere start with + and "
        "their country code."
    ) % {
        "country": geocoder.country_name_for_number(example, language) or region,
        "example": phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL),
    }

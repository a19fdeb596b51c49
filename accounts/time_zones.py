"""The time-zone field every form uses: a text box that suggests the ~600 IANA names as one
types (an ``<input list>`` with its ``<datalist>``), checked again on the server.

A ``<select>`` of 600 names is unusable on a phone; typing "lond" and picking
Europe/London is not. ``static/js/time-zone.js`` fills an empty box marked
``data-browser-time-zone`` with the browser's own zone.
"""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@cache
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in zoneinfo.available_timezones()}


@cache
def time_zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


class TimeZoneInput(forms.TextInput):
    """A text input followed by the datalist of every zone name it suggests."""

    def __init__(self, *, browser_default: bool = False, attrs: dict[str, Any] | None = None):
        base = {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
        if browser_default:
            base["data-browser-time-zone"] = ""
        super().__init__({**base, **(attrs or {})})

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}-zones"
        attrs["list"] = list_id
        field = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}">', ((z,) for z in time_zone_names()))
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


class TimeZoneField(forms.CharField):
    """An IANA zone name, typed or picked; case and spaces forgiven (``europe/london``)."""

    def __init__(self, *, browser_default: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Time zone"))
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("widget", TimeZoneInput(browser_default=browser_default))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if not text:
            return ""
        name = _zones_by_folded_name().get(text.strip().replace(" ", "_").casefold())
        if name is None:
            raise ValidationError(
                gettext(
                    "“%(zone)s” is not a time zone. Type a city and pick from the list, "
                    "e.g. Europe/Paris."
                )
                % {"zone": text},
                code="invalid_time_zone",
            )
        return name

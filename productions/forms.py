"""Forms for the production pages. They only parse input: every write is a service call."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.time_zones import TimeZoneField
from core.dates import EARLIEST_DATE, LATEST_DATE
from productions.models import (
    CoProducer,
    Production,
    ProductionKind,
    ProductionStatus,
)
from productions.roles import Role
from productions.scoping import Access

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
_M = TypeVar("_M", bound=models.Model)


class _Scoped(Generic[_M]):
    """Choices from one production: ``bind(access)`` sets them; until then there are none.

    ``selector`` (a reader such as ``positions_for``, called with ``access=``) shapes the
    rows (order, joins for the labels); whatever it returns is narrowed with
    ``for_access`` again, so the choices can never reach another production.
    """

    queryset: Any

    def _set_up(
        self, model: type[_M], selector: Callable[..., QuerySet[_M]] | None, kwargs: dict[str, Any]
    ) -> None:
        self.scoped_model = model
        self.selector = selector
        kwargs.setdefault("queryset", model._default_manager.none())

    def bind(self, access: Access) -> None:
        rows: Any = (
            self.selector(access=access)
            if self.selector is not None
            else self.scoped_model._default_manager.all()
        )
        self.queryset = rows.for_access(access)

    def narrow(self, **lookups: Any) -> None:
        """Fewer of the production's rows (a department head's own departments…)."""
        self.queryset = self.queryset.filter(**lookups)


class ScopedModelChoiceField(_Scoped[_M], forms.ModelChoiceField[_M]):
    """One row of the viewer's production; another production's id is an invalid choice."""

    def __init__(
        self,
        model: type[_M],
        *,
        selector: Callable[..., QuerySet[_M]] | None = None,
        **kwargs: Any,
    ) -> None:
        self._set_up(model, selector, kwargs)
        super().__init__(**kwargs)


class ScopedModelMultipleChoiceField(_Scoped[_M], forms.ModelMultipleChoiceField[_M]):
    """Rows of the viewer's production; another production's id is an invalid choice."""

    def __init__(
        self,
        model: type[_M],
        *,
        selector: Callable[..., QuerySet[_M]] | None = None,
        **kwargs: Any,
    ) -> None:
        self._set_up(model, selector, kwargs)
        super().__init__(**kwargs)


class ScopedForm(forms.Form):
    """A form bound to the viewer's access: ``Form(data, access=access)``.

    Every scoped choice field offers the rows of that production only, so no view or form
    narrows a queryset by hand.
    """

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.access = access
        for field in self.fields.values():
            if isinstance(field, _Scoped):
                field.bind(access)

    def scoped_field(self, name: str) -> _Scoped[Any]:
        field = self.fields[name]
        assert isinstance(field, _Scoped)
        return field


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on ``form``: per field where the form has it."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, messages in exc.message_dict.items():
        if field in form.fields:
            form.add_error(field, messages)
        elif field == NON_FIELD_ERRORS:
            form.add_error(None, messages)
        else:
            label = field.replace("_", " ").capitalize()
            form.add_error(
                None,
                [
                    gettext("%(field)s: %(message)s") % {"field": label, "message": m}
                    for m in messages
                ],
            )


# The browser's date pickers offer the range the models accept (core.dates).
_CALENDAR_RANGE = {"min": EARLIEST_DATE.isoformat(), "max": LATEST_DATE.isoformat()}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({**_CALENDAR_RANGE, **(attrs or {})}, format="%Y-%m-%d")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        attrs = {"min": f"{EARLIEST_DATE}T00:00", "max": f"{LATEST_DATE}T23:59", **(attrs or {})}
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class ProductionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ProductionKind.choices, initial=ProductionKind.FEATURE
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ProductionStatus.choices, initial=ProductionStatus.DEVELOPMENT
    )
    logline = forms.CharField(
        label=_("Logline"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    time_zone = TimeZoneField(
        browser_default=True,
        help_text=_("Where the shoot happens: call times are in this zone. Type a city."),
    )
    prep_start = forms.DateField(label=_("Prep starts"), required=False, widget=DateInput())
    shoot_start = forms.DateField(label=_("Shoot starts"), required=False, widget=DateInput())
    shoot_end = forms.DateField(label=_("Shoot ends"), required=False, widget=DateInput())
    wrap_date = forms.DateField(label=_("Wrap"), required=False, widget=DateInput())
    office_address = forms.CharField(
        label=_("Production office address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    office_phone = forms.CharField(
        label=_("Production office phone"), max_length=32, required=False
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        prep, start = data.get("prep_start"), data.get("shoot_start")
        end, wrap = data.get("shoot_end"), data.get("wrap_date")
        if prep and start and prep > start:
            self.add_error(
                "prep_start", gettext("Prep must start on or before the first shoot day.")
            )
        if start and end and end < start:
            self.add_error("shoot_end", gettext("The shoot cannot end before it starts."))
        if end and wrap and wrap < end:
            self.add_error("wrap_date", gettext("Wrap cannot come before the last shoot day."))
        return data


class ProductionSettingsForm(ProductionForm):
    """Everything on a production, including its per-production lists."""

    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        help_text=_("Languages spoken on set, as ISO codes separated by commas: en, fr, de."),
    )
    revision_colours = forms.CharField(
        label=_("Script revision colours"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One colour per line, in the order revisions are issued."),
    )

    @staticmethod
    def initial_for(production: Production) -> dict[str, Any]:
        initial = {name: getattr(production, name) for name in ProductionForm.base_fields}
        initial["languages"] = ", ".join(production.languages)
        initial["revision_colours"] = "\n".join(production.revision_colours)
        return initial

    def clean_languages(self) -> list[str]:
        codes: list[str] = []
        for raw in re.split(r"[,\s]+", self.cleaned_data["languages"]):
            code = raw.strip().lower()
            if not code:
                continue
            if not _LANGUAGE_CODE.match(code) or len(code) > 10:
                raise ValidationError(
                    gettext("“%(code)s” is not a language code; use ISO codes like en, fr.")
                    % {"code": raw}
                )
            if code not in codes:
                codes.append(code)
        return codes

    def clean_revision_colours(self) -> list[str]:
        colours: list[str] = []
        for line in self.cleaned_data["revision_colours"].splitlines():
            colour = line.strip()
            if not colour:
                continue
            if len(colour) > 30:
                raise ValidationError(
                    gettext("“%(colour)s…” is too long (30 characters at most).")
                    % {"colour": colour[:30]}
                )
            if colour.lower() in (c.lower() for c in colours):
                raise ValidationError(gettext("“%(colour)s” is listed twice.") % {"colour": colour})
            colours.append(colour)
        return colours


class CoProducerForm(forms.ModelForm[CoProducer]):
    class Meta:
        model = CoProducer
        fields = ["name", "country", "role", "share_percent"]
        labels = {
            "name": _("Name"),
            "country": _("Country"),
            "role": _("Role"),
            "share_percent": _("Share (%)"),
        }

    def clean_country(self) -> str:
        return str(self.cleaned_data["country"]).strip().upper()


class MemberInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        help_text=_("How the list of invitations names them until they accept."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.CREW)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class InvitationAccountForm(SetPasswordForm):  # type: ignore[type-arg]
    """A new account for an invited address: a name and a password (checked against the
    site's password rules, as on every set-password page)."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    field_order = ["name", "new_password1", "new_password2"]

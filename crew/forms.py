"""Forms for the crew pages. They parse and check input; services do the writing."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.time_zones import TimeZoneField
from crew.csv_io import MAX_BYTES as CSV_MAX_BYTES
from crew.models import (
    Deadline,
    DeadlineStatus,
    Department,
    Engagement,
    EngagementStatus,
    Person,
    Position,
)
from crew.phones import normalise_phone, phone_hint
from crew.selectors import cast_candidates_for, positions_for
from productions.forms import (
    DateInput,
    DateTimeLocalInput,
    ScopedForm,
    ScopedModelChoiceField,
    ScopedModelMultipleChoiceField,
)
from productions.roles import Role

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class PhoneField(forms.CharField):
    """Takes a number as typed (+44 20 7946 0958, 020 7946 0958…) and cleans it to E.164."""

    def __init__(self, *, region: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "help_text",
            _("Any format; include the country code (+44…) for numbers from abroad."),
        )
        super().__init__(**kwargs)
        self.region = region

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        return normalise_phone(text, self.region) if text else ""


class _RegionMixin:
    """Tell the phone fields which country national numbers belong to."""

    fields: dict[str, forms.Field]

    def set_phone_region(self, region: str | None) -> None:
        hint = phone_hint(region)
        for form_field in self.fields.values():
            if isinstance(form_field, PhoneField):
                form_field.region = region
                form_field.help_text = hint


class OwnContactForm(_RegionMixin, forms.Form):
    """What anyone may change on their own record: contact details and sharing."""

    pronouns = forms.CharField(label=_("Pronouns"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = PhoneField(label=_("Phone"))
    address = forms.CharField(
        label=_("Home address"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    time_zone = TimeZoneField(
        required=False, help_text=_("Leave empty to follow the production's time zone.")
    )
    emergency_contact_name = forms.CharField(
        label=_("Emergency contact name"), max_length=150, required=False
    )
    emergency_contact_phone = PhoneField(label=_("Emergency contact phone"))
    dietary_notes = forms.CharField(label=_("Dietary notes"), max_length=300, required=False)
    share_email = forms.BooleanField(label=_("Show my e-mail to the whole team"), required=False)
    share_phone = forms.BooleanField(label=_("Show my phone to the whole team"), required=False)

    def __init__(self, *args: Any, region: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_phone_region(region)


class PersonForm(OwnContactForm):
    """Everything on a person (producers)."""

    name = forms.CharField(label=_("Name"), max_length=150)
    field_order = ["name"]


class PositionChoiceField(ScopedModelChoiceField[Position]):
    """Positions named with their department: several departments have an 'Assistant'."""

    def label_from_instance(self, obj: Position) -> str:
        return f"{obj.title} · {obj.department.name}" if obj.department else obj.title


class EngagementFieldsMixin(ScopedForm):
    """Position, department, dates and status of an engagement, on the viewer's production.

    ``only_departments``: the departments the viewer may engage people in (a department
    head's own); then a department is required and only those positions are offered.
    """

    position = PositionChoiceField(Position, selector=positions_for, label=_("Position"))
    department = ScopedModelChoiceField(
        Department,
        label=_("Department"),
        required=False,
        help_text=_("Leave empty for the position's own department."),
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("End date"), required=False, widget=DateInput())
    call_offset_minutes = forms.IntegerField(
        label=_("Call offset (minutes)"),
        initial=0,
        required=False,
        min_value=-720,
        max_value=720,
        help_text=_("Before (negative) or after general call; 0 = at general call."),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=EngagementStatus.choices, initial=EngagementStatus.OFFERED
    )

    def __init__(
        self, *args: Any, only_departments: Collection[int] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if only_departments is not None:
            self.scoped_field("position").narrow(department_id__in=only_departments)
            self.scoped_field("department").narrow(pk__in=only_departments)
            self.fields["department"].required = True
            self.fields["department"].help_text = ""

    def clean_call_offset_minutes(self) -> int:
        return self.cleaned_data["call_offset_minutes"] or 0

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", gettext("The end date cannot be before the start date."))
        return data


class EngagementForm(EngagementFieldsMixin):
    notes = forms.CharField(
        label=_("Department notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class CrewAddForm(_RegionMixin, EngagementFieldsMixin):
    NO_ACCOUNT = "none"
    INVITE = "invite"

    name = forms.CharField(label=_("Name"), max_length=150)
    pronouns = forms.CharField(label=_("Pronouns"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = PhoneField(label=_("Phone"))
    account = forms.ChoiceField(
        label=_("Log-in"),
        choices=[
            (NO_ACCOUNT, _("No account: they get their calls by e-mail or text")),
            (INVITE, _("Invite to log in: send an e-mail with a link to accept and join")),
        ],
        initial=NO_ACCOUNT,
        widget=forms.RadioSelect,
    )
    role = forms.ChoiceField(
        label=_("Role on the production"),
        choices=Role.choices,
        initial=Role.CREW,
        help_text=_("What they may see and do once logged in."),
    )
    field_order = ["name", "pronouns", "email", "phone", "position", "department"]

    def __init__(
        self,
        *args: Any,
        roles: Sequence[tuple[str, StrOrPromise]],
        region: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = roles
        self.set_phone_region(region)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("account") == self.INVITE and not data.get("email"):
            self.add_error("email", gettext("An invitation needs an e-mail address."))
        return data

    def person_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("name", "pronouns", "email", "phone")}

    def engagement_fields(self) -> dict[str, Any]:
        names = ("position", "department", "start_date", "end_date", "call_offset_minutes")
        return {name: self.cleaned_data[name] for name in (*names, "status")}


class CrewImportForm(forms.Form):
    MAX_BYTES = CSV_MAX_BYTES

    # Empty files reach the importer, which explains what it expected.
    file = forms.FileField(
        label=_("CSV file"),
        allow_empty_file=True,
        help_text=_("UTF-8, one row per person and position."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError(
                gettext("The file is larger than 2 MB; split it into smaller files.")
            )
        return upload


class UnavailabilityForm(forms.Form):
    """Dates a person cannot work. The reason is seen only by producers and the person."""

    start_date = forms.DateField(label=_("From"), widget=DateInput())
    end_date = forms.DateField(
        label=_("To"), required=False, widget=DateInput(), help_text=_("Leave empty for one day.")
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        required=False,
        help_text=_("Optional. Only producers and the person themself see it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", gettext("The end date cannot be before the start date."))
        return data


class EngagementChoiceField(ScopedModelChoiceField[Engagement]):
    """Who plays a part: a person and the position they are engaged in."""

    def label_from_instance(self, obj: Engagement) -> str:
        department = f" ({obj.department.name})" if obj.department else ""
        return f"{obj.person.name} · {obj.position.title}{department}"


class CharacterForm(ScopedForm):
    name = forms.CharField(
        label=_("Name"), max_length=120, help_text=_("As in the script; saved in capitals.")
    )
    cast_number = forms.IntegerField(
        label=_("Cast ID"),
        required=False,
        min_value=1,
        max_value=32767,
        help_text=_("1 is the lead. Leave empty for a part without a cast ID yet."),
    )
    engagement = EngagementChoiceField(
        Engagement,
        selector=cast_candidates_for,
        label=_("Played by"),
        required=False,
        empty_label=_("Not cast yet"),
        help_text=_("Anyone engaged on this production; the cast department comes first."),
    )


class DepartmentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    order = forms.IntegerField(
        label=_("Order"),
        required=False,
        min_value=0,
        max_value=32767,
        help_text=_("List order: lower numbers come first. Leave empty to put it last."),
    )

    def __init__(self, *args: Any, new: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not new:
            self.fields["order"].help_text = gettext("List order: lower numbers come first.")


class PositionForm(ScopedForm):
    title = forms.CharField(label=_("Title"), max_length=80)
    department = ScopedModelChoiceField(
        Department, label=_("Department"), required=False, empty_label=_("No department")
    )
    is_head_of_department = forms.BooleanField(label=_("Head of department"), required=False)
    order = forms.IntegerField(
        label=_("Order"),
        required=False,
        min_value=0,
        max_value=32767,
        help_text=_(
            "Order within the department: lower numbers come first. Leave empty to put it last."
        ),
    )

    def __init__(self, *args: Any, new: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not new:
            self.fields["order"].help_text = gettext(
                "Order within the department: lower comes first."
            )


class DeadlineForm(ScopedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    due = forms.DateTimeField(
        label=_("Due"), widget=DateTimeLocalInput(), help_text=_("In the production's time.")
    )
    department = ScopedModelChoiceField(Department, label=_("Department"), required=False)
    owners = ScopedModelMultipleChoiceField(
        Person,
        label=_("Owners"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=DeadlineStatus.choices, initial=DeadlineStatus.OPEN
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    @staticmethod
    def initial_for(deadline: Deadline) -> dict[str, Any]:
        return {
            "title": deadline.title,
            "due": deadline.due,
            "department": deadline.department_id,
            "owners": [owner.pk for owner in deadline.owners.all()],
            "status": deadline.status,
            "notes": deadline.notes,
        }

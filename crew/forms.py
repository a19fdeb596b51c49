"""Forms for the crew pages. They parse and check input; services do the writing."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from accounts.models import time_zone_choices
from crew.models import (
    Deadline,
    DeadlineStatus,
    Department,
    Engagement,
    EngagementStatus,
    Person,
    Position,
)
from crew.phones import normalise_phone
from crew.selectors import cast_candidates_for, positions_for
from productions.forms import (
    DateInput,
    DateTimeLocalInput,
    ScopedForm,
    ScopedModelChoiceField,
    ScopedModelMultipleChoiceField,
)
from productions.roles import Role


class PhoneField(forms.CharField):
    """Takes a number as typed (+44 20 7946 0958, 020 7946 0958…) and cleans it to E.164."""

    def __init__(self, *, region: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "help_text",
            "Any format; include the country code (+44…) for numbers from abroad.",
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
        for form_field in self.fields.values():
            if isinstance(form_field, PhoneField):
                form_field.region = region


def _time_zones() -> list[tuple[str, str]]:
    return [("", "Same as the production"), *time_zone_choices()]


class OwnContactForm(_RegionMixin, forms.Form):
    """What anyone may change on their own record: contact details and sharing."""

    pronouns = forms.CharField(max_length=30, required=False)
    email = forms.EmailField(label="E-mail", required=False)
    phone = PhoneField()
    address = forms.CharField(
        label="Home address", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    language = forms.ChoiceField(label="Preferred language", choices=settings.LANGUAGES)
    time_zone = forms.ChoiceField(choices=_time_zones, required=False)
    emergency_contact_name = forms.CharField(max_length=150, required=False)
    emergency_contact_phone = PhoneField()
    dietary_notes = forms.CharField(max_length=300, required=False)
    share_email = forms.BooleanField(label="Show my e-mail to the whole team", required=False)
    share_phone = forms.BooleanField(label="Show my phone to the whole team", required=False)

    def __init__(self, *args: Any, region: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_phone_region(region)


class PersonForm(OwnContactForm):
    """Everything on a person (producers)."""

    name = forms.CharField(max_length=150)
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

    position = PositionChoiceField(Position, selector=positions_for)
    department = ScopedModelChoiceField(
        Department,
        required=False,
        help_text="Leave empty for the position's own department.",
    )
    start_date = forms.DateField(required=False, widget=DateInput())
    end_date = forms.DateField(required=False, widget=DateInput())
    call_offset_minutes = forms.IntegerField(
        label="Call offset (minutes)",
        initial=0,
        required=False,
        min_value=-720,
        max_value=720,
        help_text="Before (negative) or after general call; 0 = at general call.",
    )
    status = forms.ChoiceField(choices=EngagementStatus.choices, initial=EngagementStatus.OFFERED)

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
            self.add_error("end_date", "The end date cannot be before the start date.")
        return data


class EngagementForm(EngagementFieldsMixin):
    notes = forms.CharField(
        label="Department notes", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class CrewAddForm(_RegionMixin, EngagementFieldsMixin):
    NO_ACCOUNT = "none"
    INVITE = "invite"

    name = forms.CharField(max_length=150)
    pronouns = forms.CharField(max_length=30, required=False)
    email = forms.EmailField(label="E-mail", required=False)
    phone = PhoneField()
    account = forms.ChoiceField(
        label="Log-in",
        choices=[
            (NO_ACCOUNT, "No account: they get their calls by e-mail or text"),
            (INVITE, "Invite to log in: send an e-mail with a link to choose a password"),
        ],
        initial=NO_ACCOUNT,
        widget=forms.RadioSelect,
    )
    role = forms.ChoiceField(
        label="Role on the production",
        choices=Role.choices,
        initial=Role.CREW,
        help_text="What they may see and do once logged in.",
    )
    field_order = ["name", "pronouns", "email", "phone", "position", "department"]

    def __init__(
        self,
        *args: Any,
        roles: list[tuple[str, str]],
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
            self.add_error("email", "An invitation needs an e-mail address.")
        return data

    def person_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("name", "pronouns", "email", "phone")}

    def engagement_fields(self) -> dict[str, Any]:
        names = ("position", "department", "start_date", "end_date", "call_offset_minutes")
        return {name: self.cleaned_data[name] for name in (*names, "status")}


class CrewImportForm(forms.Form):
    MAX_BYTES = 2 * 1024 * 1024

    # Empty files reach the importer, which explains what it expected.
    file = forms.FileField(
        label="CSV file",
        allow_empty_file=True,
        help_text="UTF-8, one row per person and position.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError("The file is larger than 2 MB; split it into smaller files.")
        return upload


class UnavailabilityForm(forms.Form):
    """Dates a person cannot work. The reason is seen only by producers and the person."""

    start_date = forms.DateField(label="From", widget=DateInput())
    end_date = forms.DateField(
        label="To", required=False, widget=DateInput(), help_text="Leave empty for one day."
    )
    reason = forms.CharField(
        max_length=200,
        required=False,
        help_text="Optional. Only producers and the person themself see it.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date cannot be before the start date.")
        return data


class EngagementChoiceField(ScopedModelChoiceField[Engagement]):
    """Who plays a part: a person and the position they are engaged in."""

    def label_from_instance(self, obj: Engagement) -> str:
        department = f" ({obj.department.name})" if obj.department else ""
        return f"{obj.person.name} · {obj.position.title}{department}"


class CharacterForm(ScopedForm):
    name = forms.CharField(max_length=120, help_text="As in the script; saved in capitals.")
    cast_number = forms.IntegerField(
        label="Cast ID",
        required=False,
        min_value=1,
        max_value=32767,
        help_text="1 is the lead. Leave empty for a part without a cast ID yet.",
    )
    engagement = EngagementChoiceField(
        Engagement,
        selector=cast_candidates_for,
        label="Played by",
        required=False,
        empty_label="Not cast yet",
        help_text="Anyone engaged on this production; the cast department comes first.",
    )


class DepartmentForm(forms.Form):
    name = forms.CharField(max_length=80)
    order = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=32767,
        help_text="Call-sheet order: lower numbers come first. Leave empty to put it last.",
    )

    def __init__(self, *args: Any, new: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not new:
            self.fields["order"].help_text = "Call-sheet order: lower numbers come first."


class PositionForm(ScopedForm):
    title = forms.CharField(max_length=80)
    department = ScopedModelChoiceField(Department, required=False, empty_label="No department")
    is_head_of_department = forms.BooleanField(label="Head of department", required=False)
    order = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=32767,
        help_text="Order within the department: lower numbers come first. "
        "Leave empty to put it last.",
    )

    def __init__(self, *args: Any, new: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not new:
            self.fields["order"].help_text = "Order within the department: lower comes first."


class DeadlineForm(ScopedForm):
    title = forms.CharField(max_length=200)
    due = forms.DateTimeField(widget=DateTimeLocalInput(), help_text="In the production's time.")
    department = ScopedModelChoiceField(Department, required=False)
    owners = ScopedModelMultipleChoiceField(
        Person,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    status = forms.ChoiceField(choices=DeadlineStatus.choices, initial=DeadlineStatus.OPEN)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

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

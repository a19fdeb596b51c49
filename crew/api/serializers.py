"""Shapes of crew, departments, positions, characters and unavailability in the REST API.

Contact and private fields follow crew.privacy: a field the viewer may not see is left
out of the row (the key is absent), never sent blank. Those fields are declared
optional so the schema says they may be missing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import SkipField

from crew.models import (
    Character,
    Department,
    Engagement,
    EngagementStatus,
    Position,
    Unavailability,
)
from crew.policies import can_see_engagement_notes, can_see_share_flags
from crew.privacy import CONTACT_FIELDS, PRIVATE_FIELDS, visible_fields
from productions.api.base import ScopedPrimaryKeyField
from productions.api.serializers import DateOrder, require_date_order
from productions.scoping import Access

_DATES: DateOrder = (("start_date", "end_date", _("End date cannot be before start date.")),)
_SHARE_FLAGS = ("share_email", "share_phone")


class DepartmentSerializer(serializers.ModelSerializer[Department]):
    class Meta:
        model = Department
        fields = ["id", "name", "order"]
        read_only_fields = ["id"]


class PositionSerializer(serializers.ModelSerializer[Position]):
    department = ScopedPrimaryKeyField(Department, allow_null=True, required=False)

    class Meta:
        model = Position
        fields = ["id", "title", "department", "is_head_of_department", "order"]
        read_only_fields = ["id"]


def _hideable(**kwargs: Any) -> serializers.CharField:
    """Optional (not read-only) so the schema does not promise the key is present."""
    return serializers.CharField(required=False, **kwargs)


class _FromContext(serializers.CharField):
    """A value ``to_representation`` adds from the context (never read off the row)."""

    def get_attribute(self, instance: Any) -> Any:
        raise SkipField


class CrewMemberSerializer(serializers.ModelSerializer[Engagement]):
    """One engagement with the person's details, as the viewer may see them."""

    person = serializers.IntegerField(source="person_id", read_only=True)
    name = serializers.CharField(source="person.name", read_only=True)
    pronouns = serializers.CharField(source="person.pronouns", read_only=True)
    language = serializers.CharField(source="person.language", read_only=True)
    time_zone = serializers.CharField(source="person.time_zone", read_only=True)
    email = _hideable(source="person.email")
    phone = _hideable(source="person.phone", help_text=_("E.164."))
    address = _hideable(source="person.address")
    emergency_contact_name = _hideable(source="person.emergency_contact_name")
    emergency_contact_phone = _hideable(source="person.emergency_contact_phone")
    dietary_notes = _hideable(source="person.dietary_notes")
    email_pending = _FromContext(
        required=False,
        help_text=_(
            "An address waiting for its owner's confirmation before it becomes email; "
            "present only with one, for those who see email."
        ),
    )
    share_email = serializers.BooleanField(
        source="person.share_email", required=False, help_text=_("Self and managers only.")
    )
    share_phone = serializers.BooleanField(
        source="person.share_phone", required=False, help_text=_("Self and managers only.")
    )
    position_title = serializers.CharField(source="position.title", read_only=True)
    department_name = serializers.CharField(
        source="department.name", read_only=True, allow_null=True
    )
    notes = _hideable(help_text=_("Department notes; for those who manage the engagement."))

    class Meta:
        model = Engagement
        fields = [
            "id",
            "person",
            "name",
            "pronouns",
            "language",
            "time_zone",
            "email",
            "phone",
            "address",
            "emergency_contact_name",
            "emergency_contact_phone",
            "dietary_notes",
            "email_pending",
            "share_email",
            "share_phone",
            "position",
            "position_title",
            "department",
            "department_name",
            "start_date",
            "end_date",
            "call_offset_minutes",
            "status",
            "notes",
        ]
        read_only_fields = [
            "id",
            "position",
            "department",
            "start_date",
            "end_date",
            "call_offset_minutes",
            "status",
        ]

    def to_representation(self, instance: Engagement) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        access: Access = self.context["access"]
        person = instance.person
        departments: dict[int, frozenset[int]] = self.context.get("person_departments", {})
        department_ids = departments.get(person.pk, frozenset())
        if instance.department_id:
            department_ids = department_ids | {instance.department_id}
        visible = visible_fields(access, person, department_ids)
        for field in (*CONTACT_FIELDS, *PRIVATE_FIELDS):
            if field not in visible:
                del data[field]
        pending = self.context.get("pending_emails", {}).get(person.pk)
        if pending is not None and "email" in visible:
            data["email_pending"] = pending.email
        if not can_see_share_flags(access, instance):
            for field in _SHARE_FLAGS:
                del data[field]
        if not can_see_engagement_notes(access, instance):
            del data["notes"]
        return data


class CrewMemberInput(serializers.Serializer[Any]):
    """A person and their engagement in one body; PATCH may send any subset."""

    name = serializers.CharField(max_length=150)
    pronouns = serializers.CharField(max_length=30, allow_blank=True, required=False)
    email = serializers.EmailField(allow_blank=True, required=False)
    phone = serializers.CharField(
        max_length=40, allow_blank=True, required=False, help_text=_("International form.")
    )
    address = serializers.CharField(allow_blank=True, required=False)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    time_zone = serializers.CharField(max_length=64, allow_blank=True, required=False)
    emergency_contact_name = serializers.CharField(max_length=150, allow_blank=True, required=False)
    emergency_contact_phone = serializers.CharField(max_length=40, allow_blank=True, required=False)
    dietary_notes = serializers.CharField(max_length=300, allow_blank=True, required=False)
    share_email = serializers.BooleanField(required=False)
    share_phone = serializers.BooleanField(required=False)
    position = ScopedPrimaryKeyField(Position)
    department = ScopedPrimaryKeyField(
        Department, allow_null=True, required=False, help_text=_("Default: the position's.")
    )
    start_date = serializers.DateField(allow_null=True, required=False)
    end_date = serializers.DateField(allow_null=True, required=False)
    call_offset_minutes = serializers.IntegerField(
        required=False, min_value=-720, max_value=720, help_text=_("Relative to general call.")
    )
    status = serializers.ChoiceField(choices=EngagementStatus.choices, required=False)
    notes = serializers.CharField(allow_blank=True, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        require_date_order(attrs, self.instance, _DATES)
        return attrs


class CharacterSerializer(serializers.ModelSerializer[Character]):
    engagement = ScopedPrimaryKeyField(
        Engagement, allow_null=True, required=False, help_text=_("The cast member (crew id).")
    )
    actor = serializers.CharField(source="engagement.person.name", read_only=True, allow_null=True)

    class Meta:
        model = Character
        fields = ["id", "name", "cast_number", "engagement", "actor"]
        read_only_fields = ["id", "actor"]
        # Uniqueness is the service's (and the database's) to enforce.
        validators: list[Any] = []


class UnavailabilitySerializer(serializers.ModelSerializer[Unavailability]):
    reason = serializers.CharField(
        max_length=200,
        allow_blank=True,
        required=False,
        help_text=_("Present for producers and the person themself only."),
    )

    class Meta:
        model = Unavailability
        fields = ["id", "start_date", "end_date", "reason"]
        read_only_fields = ["id"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        require_date_order(attrs, self.instance, _DATES)
        return attrs

    def to_representation(self, instance: Unavailability) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if not self.context.get("show_reason", False):
            del data["reason"]
        return data

"""Shapes of productions, co-producers, members and deadlines in the REST API.

Read serializers describe responses; the ``…Input`` serializers only parse and type-check
a request body. Rules (dates in order, one producer at least, owners on the production)
live in the services, which the views call with the parsed values.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise
from rest_framework import serializers

from productions.models import (
    CoProducer,
    CoProducerRole,
    Invitation,
    InvitationStatus,
    Production,
    ProductionKind,
    ProductionStatus,
)
from productions.roles import Role

#: (earlier field, later field, the error when the later one comes first)
DateOrder = tuple[tuple[str, str, StrPromise], ...]

_PRODUCTION_DATES: DateOrder = (
    ("prep_start", "shoot_start", _("Shoot start cannot be before prep start.")),
    ("shoot_start", "shoot_end", _("Shoot end cannot be before shoot start.")),
    ("shoot_end", "wrap_date", _("Wrap date cannot be before shoot end.")),
)


class CoProducerSerializer(serializers.ModelSerializer[CoProducer]):
    class Meta:
        model = CoProducer
        fields = ["id", "name", "country", "role", "share_percent"]
        read_only_fields = fields


class CoProducerInput(serializers.Serializer[None]):
    name = serializers.CharField(max_length=200)
    country = serializers.RegexField(
        r"^[A-Za-z]{2}$",
        help_text=_("ISO 3166 code, e.g. FR."),
        error_messages={"invalid": _("Use a two-letter ISO country code, e.g. FR.")},
    )
    role = serializers.ChoiceField(choices=CoProducerRole.choices, required=False)
    share_percent = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(100),
        allow_null=True,
        required=False,
    )


class ProductionSerializer(serializers.ModelSerializer[Production]):
    co_producers = CoProducerSerializer(many=True, read_only=True)
    role = serializers.SerializerMethodField(help_text=_("Your role on this production."))
    crew_count = serializers.IntegerField(read_only=True, help_text=_("Engagements."))

    class Meta:
        model = Production
        fields = [
            "id",
            "title",
            "kind",
            "status",
            "logline",
            "time_zone",
            "prep_start",
            "shoot_start",
            "shoot_end",
            "wrap_date",
            "languages",
            "revision_colours",
            "office_address",
            "office_phone",
            "co_producers",
            "role",
            "crew_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_role(self, production: Production) -> str:
        roles: dict[int, str] = self.context["roles"]
        return roles[production.pk]


class ProductionInput(serializers.Serializer[Production]):
    """Fields a producer sets; only ``title`` is needed to create a production."""

    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=ProductionKind.choices, required=False)
    status = serializers.ChoiceField(choices=ProductionStatus.choices, required=False)
    logline = serializers.CharField(allow_blank=True, required=False)
    time_zone = serializers.CharField(max_length=64, required=False, help_text=_("IANA name."))
    prep_start = serializers.DateField(allow_null=True, required=False)
    shoot_start = serializers.DateField(allow_null=True, required=False)
    shoot_end = serializers.DateField(allow_null=True, required=False)
    wrap_date = serializers.DateField(allow_null=True, required=False)
    languages = serializers.ListField(
        child=serializers.CharField(max_length=10), required=False, help_text=_("ISO codes.")
    )
    revision_colours = serializers.ListField(
        child=serializers.CharField(max_length=30), required=False
    )
    office_address = serializers.CharField(allow_blank=True, required=False)
    office_phone = serializers.CharField(max_length=32, allow_blank=True, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        require_date_order(attrs, self.instance, _PRODUCTION_DATES)
        return attrs


class MemberInput(serializers.Serializer[None]):
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=Role.choices)
    name = serializers.CharField(max_length=150, required=False, allow_blank=True)


class InvitationSerializer(serializers.ModelSerializer[Invitation]):
    """What the inviter typed, and where the invitation stands: nothing from any account."""

    status = serializers.ChoiceField(
        source="current_status",
        choices=InvitationStatus.choices,
        read_only=True,
        help_text=_("A waiting invitation past expires_at is expired."),
    )
    invited_by = serializers.IntegerField(
        source="invited_by_id", read_only=True, allow_null=True, help_text=_("A user id.")
    )

    class Meta:
        model = Invitation
        fields = [
            "id",
            "email",
            "name",
            "role",
            "status",
            "invited_by",
            "sent_at",
            "expires_at",
            "created_at",
        ]
        read_only_fields = fields


class MemberRoleInput(serializers.Serializer[None]):
    role = serializers.ChoiceField(choices=Role.choices)


def require_date_order(attrs: dict[str, Any], instance: Any, pairs: DateOrder) -> None:
    """Name the field when dates are out of order (the models' constraints only say why).

    ``instance`` supplies the values a partial update leaves unchanged.
    """
    errors: dict[str, list[str]] = {}
    for earlier, later, message in pairs:
        first = attrs.get(earlier, getattr(instance, earlier, None))
        second = attrs.get(later, getattr(instance, later, None))
        if first is not None and second is not None and second < first:
            field = later if later in attrs else earlier
            errors.setdefault(field, []).append(str(message))
    if errors:
        raise serializers.ValidationError(errors)

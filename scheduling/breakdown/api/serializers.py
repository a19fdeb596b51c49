"""Breakdown serializers. Related ids are looked up inside the request's production only."""

from __future__ import annotations

from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from crew.models import Character
from productions.api.base import ScopedPrimaryKeyField
from scheduling.breakdown.models import (
    Element,
    ElementCategory,
    Location,
    Scene,
    SceneElement,
    ScreenplayImport,
    Set,
)
from scheduling.breakdown.screenplay import MAX_SCREENPLAY_BYTES
from scheduling.breakdown.services import MAX_QUANTITY


class LocationSerializer(serializers.ModelSerializer[Location]):
    set_count = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Location
        fields = [
            "id",
            "name",
            "address",
            "latitude",
            "longitude",
            "time_zone",
            "hospital_name",
            "hospital_address",
            "hospital_phone",
            "parking_notes",
            "basecamp_notes",
            "notes",
            "set_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        validators: list[Any] = []  # the model's constraints are checked by the service


class SetSerializer(serializers.ModelSerializer[Set]):
    location = ScopedPrimaryKeyField(Location, allow_null=True, required=False)
    scene_count = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Set
        fields = ["id", "name", "location", "notes", "scene_count"]
        read_only_fields = ["id"]
        validators: list[Any] = []


class SceneCharacterSerializer(serializers.Serializer[Any]):
    character = ScopedPrimaryKeyField(Character)
    name = serializers.CharField(source="character.name", read_only=True)
    cast_number = serializers.IntegerField(
        source="character.cast_number", read_only=True, allow_null=True
    )
    speaking = serializers.BooleanField(default=True)


class SceneElementSerializer(serializers.ModelSerializer[SceneElement]):
    name = serializers.CharField(source="element.name", read_only=True)
    category = serializers.IntegerField(source="element.category_id", read_only=True)

    class Meta:
        model = SceneElement
        fields = ["id", "element", "name", "category", "quantity"]
        read_only_fields = fields


class SceneSerializer(serializers.ModelSerializer[Scene]):
    set = ScopedPrimaryKeyField(Set, allow_null=True, required=False)
    set_name = serializers.CharField(source="set.name", read_only=True, allow_null=True)
    pages = serializers.CharField(read_only=True, help_text=_("The length written as 2 4/8."))
    characters = SceneCharacterSerializer(many=True, required=False, source="scene_characters")
    elements = SceneElementSerializer(many=True, read_only=True, source="scene_elements")
    revision = serializers.IntegerField(
        source="revision.revision",
        read_only=True,
        default=None,
        allow_null=True,
        help_text=_("The script revision that last added or changed the scene."),
    )
    revision_colour = serializers.CharField(
        source="revision.revision_colour", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Scene
        fields = [
            "id",
            "number",
            "heading",
            "int_ext",
            "set",
            "set_name",
            "time_of_day",
            "time_of_day_raw",
            "eighths",
            "pages",
            "script_day",
            "page_start",
            "page_end",
            "synopsis",
            "notes",
            "omitted",
            "characters",
            "elements",
            "revision",
            "revision_colour",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        extra_kwargs = {"eighths": {"min_value": 1}}
        validators: list[Any] = []


class ElementCategorySerializer(serializers.ModelSerializer[ElementCategory]):
    class Meta:
        model = ElementCategory
        fields = ["id", "name", "colour", "order", "is_cast"]
        read_only_fields = ["id", "is_cast"]
        validators: list[Any] = []


class ElementSceneSerializer(serializers.Serializer[Any]):
    scene = ScopedPrimaryKeyField(Scene)
    number = serializers.CharField(source="scene.number", read_only=True)
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_QUANTITY, default=1)


class ElementSerializer(serializers.ModelSerializer[Element]):
    category = ScopedPrimaryKeyField(ElementCategory)
    scenes = ElementSceneSerializer(many=True, required=False, source="scene_elements")

    class Meta:
        model = Element
        fields = ["id", "category", "name", "notes", "scenes"]
        read_only_fields = ["id"]
        validators: list[Any] = []


class ScreenplayUploadSerializer(serializers.Serializer[Any]):
    file = serializers.FileField(
        allow_empty_file=True,
        help_text=format_lazy(
            _("A Fountain or Final Draft (.fdx) file, up to {bytes} bytes."),
            bytes=MAX_SCREENPLAY_BYTES,
        ),
    )


class ScreenplayApplySerializer(serializers.Serializer[Any]):
    numbers = serializers.DictField(
        child=serializers.CharField(max_length=200, allow_blank=True, trim_whitespace=True),
        required=False,
        help_text=_(
            "The numbers accepted for the scenes the preview proposes numbers for, keyed by "
            "the index given in changes.numbering. Proposals left out are taken as proposed; "
            "flagged ones (duplicates) must be given."
        ),
    )

    def validate_numbers(self, value: dict[str, str]) -> dict[str, str]:
        if len(value) > MAX_APPLY_NUMBERS:
            raise serializers.ValidationError(_("Too many scene numbers."))
        return value


MAX_APPLY_NUMBERS = 10_000


class ScreenplayImportSerializer(serializers.ModelSerializer[ScreenplayImport]):
    # Null once the account is gone (uploaded_by) and until the draft is applied (applied_by).
    uploaded_by = serializers.CharField(
        source="uploaded_by.name", read_only=True, default=None, allow_null=True
    )
    applied_by = serializers.CharField(
        source="applied_by.name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = ScreenplayImport
        fields = [
            "id",
            "file_name",
            "title",
            "source_format",
            "page_count",
            "scene_count",
            "status",
            "changes",
            "uploaded_by",
            "created_at",
            "applied_by",
            "applied_at",
            "revision",
            "revision_colour",
        ]
        read_only_fields = fields


class ScriptRevisionSerializer(serializers.ModelSerializer[ScreenplayImport]):
    """An applied draft as the script revision it brought in: number and paper colour."""

    number = serializers.IntegerField(source="revision")
    colour = serializers.CharField(source="revision_colour")
    applied_by = serializers.CharField(
        source="applied_by.name", read_only=True, default=None, allow_null=True
    )
    scenes_changed = serializers.IntegerField(
        read_only=True, help_text=_("Scenes this revision last added, changed or omitted.")
    )

    class Meta:
        model = ScreenplayImport
        fields = [
            "id",
            "number",
            "colour",
            "file_name",
            "title",
            "page_count",
            "scene_count",
            "scenes_changed",
            "applied_by",
            "applied_at",
        ]
        read_only_fields = fields

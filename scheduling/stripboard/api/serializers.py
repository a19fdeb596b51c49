"""Stripboard API shapes: units, schedules, shoot days, the board, moves, DOOD, conflicts."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.dates import validate_calendar_range
from crew.models import Character
from productions.api.base import ScopedPrimaryKeyField
from scheduling.breakdown.models import Location, Scene
from scheduling.stripboard.models import (
    MARKABLE_CODES,
    BoardSettings,
    DayKind,
    Schedule,
    ShootDay,
    Unit,
)
from scheduling.stripboard.selectors import BoardDay, BoardStrip, day_time_zone, local_instant

HH_MM = "%H:%M"


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^([01]\d|2[0-3]):[0-5]\d$",
        "example": "06:30",
        "description": "Local wall-clock time, HH:MM (no offset: the day's time zone applies).",
    }
)
class WallClockField(serializers.TimeField):
    """A call time as people write it: ``HH:MM`` (``HH:MM:SS`` read, seconds dropped)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=HH_MM, input_formats=["%H:%M", "%H:%M:%S"], **kwargs)


class UnitSerializer(serializers.ModelSerializer[Unit]):
    class Meta:
        model = Unit
        fields = ["id", "name", "kind", "order"]
        read_only_fields = ["id"]


class ScheduleSerializer(serializers.ModelSerializer[Schedule]):
    class Meta:
        model = Schedule
        fields = [
            "id",
            "name",
            "status",
            "notes",
            "copied_from",
            "board_version",
            "created_at",
            "updated_at",
            "published_at",
        ]
        read_only_fields = [
            "id",
            "status",
            "copied_from",
            "board_version",
            "created_at",
            "updated_at",
            "published_at",
        ]


class ScheduleCopySerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=120)


class ShootDaySerializer(serializers.ModelSerializer[ShootDay]):
    """Call times are local wall-clock ``HH:MM`` in ``local_time_zone``; the ``…_at``
    fields are the same instants in ISO 8601 with their offset."""

    unit = ScopedPrimaryKeyField(Unit)
    location = ScopedPrimaryKeyField(Location, allow_null=True, required=False)
    crew_call = WallClockField(allow_null=True, required=False)
    shooting_call = WallClockField(allow_null=True, required=False)
    estimated_wrap = WallClockField(allow_null=True, required=False)
    day_number = serializers.SerializerMethodField()
    day_count = serializers.SerializerMethodField()
    local_time_zone = serializers.SerializerMethodField()
    crew_call_at = serializers.SerializerMethodField()
    shooting_call_at = serializers.SerializerMethodField()
    estimated_wrap_at = serializers.SerializerMethodField()

    class Meta:
        model = ShootDay
        fields = [
            "id",
            "unit",
            "date",
            "kind",
            "day_number",
            "day_count",
            "location",
            "time_zone",
            "local_time_zone",
            "crew_call",
            "shooting_call",
            "estimated_wrap",
            "crew_call_at",
            "shooting_call_at",
            "estimated_wrap_at",
            "notes",
        ]
        read_only_fields = ["id"]

    def _numbers(self, day: ShootDay) -> tuple[int | None, int | None]:
        numbers: dict[int, tuple[int, int]] = self.context.get("day_numbers", {})
        return numbers.get(day.pk, (None, None))

    def get_day_number(self, day: ShootDay) -> int | None:
        return self._numbers(day)[0]

    def get_day_count(self, day: ShootDay) -> int | None:
        return self._numbers(day)[1]

    def get_local_time_zone(self, day: ShootDay) -> str:
        return day_time_zone(day)

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_crew_call_at(self, day: ShootDay) -> str | None:
        instant = local_instant(day, day.crew_call)
        return instant.isoformat() if instant else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_shooting_call_at(self, day: ShootDay) -> str | None:
        instant = local_instant(day, day.shooting_call, after=day.crew_call)
        return instant.isoformat() if instant else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_estimated_wrap_at(self, day: ShootDay) -> str | None:
        instant = local_instant(day, day.estimated_wrap, after=day.crew_call)
        return instant.isoformat() if instant else None


class StripSerializer(serializers.Serializer[BoardStrip]):
    scene = serializers.IntegerField(source="scene.pk")
    number = serializers.CharField(source="scene.number")
    int_ext = serializers.CharField(source="scene.int_ext")
    set = serializers.CharField(source="scene.set.name", default="")
    time_of_day = serializers.CharField(source="scene.time_of_day")
    eighths = serializers.IntegerField(source="scene.eighths")
    pages = serializers.CharField(source="scene.pages")
    cast_ids = serializers.ListField(child=serializers.CharField())
    minutes = serializers.IntegerField()
    estimated_minutes = serializers.IntegerField(allow_null=True)
    colour = serializers.CharField(source="colour_key")
    omitted = serializers.BooleanField(source="scene.omitted")


class BoardDaySerializer(serializers.Serializer[BoardDay]):
    id = serializers.IntegerField(source="day.pk")
    date = serializers.DateField(source="day.date")
    unit = serializers.IntegerField(source="day.unit_id")
    kind = serializers.ChoiceField(source="day.kind", choices=DayKind.choices)
    day_number = serializers.IntegerField(source="number", allow_null=True)
    day_count = serializers.IntegerField(source="of", allow_null=True)
    local_time_zone = serializers.CharField(source="time_zone")
    crew_call = WallClockField(source="day.crew_call", allow_null=True)
    crew_call_at = serializers.DateTimeField(allow_null=True)
    eighths = serializers.IntegerField()
    pages = serializers.CharField()
    minutes = serializers.IntegerField()
    company_moves = serializers.ListField(child=serializers.IntegerField())
    strips = StripSerializer(many=True)


class BoardSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField()
    colours = serializers.DictField(child=serializers.CharField())
    days = BoardDaySerializer(many=True)
    boneyard = StripSerializer(many=True)


class MoveSerializer(serializers.Serializer[Any]):
    scene = ScopedPrimaryKeyField(Scene)
    to_day = serializers.IntegerField(allow_null=True)
    position = serializers.IntegerField(min_value=0, max_value=100_000)
    version = serializers.IntegerField(
        min_value=1, help_text=_("The board version the move was made on (from the board).")
    )


class MovedSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField()


class BoardChangeSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField()
    scene = serializers.IntegerField(source="scene_id")
    number = serializers.CharField(source="scene.number")
    from_day = serializers.IntegerField(source="from_day_id", allow_null=True)
    from_date = serializers.DateField(source="from_day.date", default=None)
    to_day = serializers.IntegerField(source="to_day_id", allow_null=True)
    to_date = serializers.DateField(source="to_day.date", default=None)
    position = serializers.IntegerField()
    moved_at = serializers.DateTimeField()


class DoodTotalsSerializer(serializers.Serializer[Any]):
    work = serializers.IntegerField()
    hold = serializers.IntegerField()
    travel = serializers.IntegerField()
    rehearsal = serializers.IntegerField()
    fitting = serializers.IntegerField()
    holiday = serializers.IntegerField()
    drops = serializers.IntegerField()
    start = serializers.DateField(allow_null=True)
    finish = serializers.DateField(allow_null=True)


class ConflictSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField()
    date = serializers.DateField()
    message = serializers.CharField()
    day_ids = serializers.ListField(child=serializers.IntegerField())


class BoardSettingsSerializer(serializers.ModelSerializer[BoardSettings]):
    strip_colours = serializers.DictField(child=serializers.RegexField(r"^#[0-9a-f]{6}$"))

    class Meta:
        model = BoardSettings
        fields = [
            "strip_colours",
            "drop_threshold_days",
            "page_target_eighths",
            "hour_target_minutes",
            "minutes_per_page",
        ]


class DoodMarkSerializer(serializers.Serializer[Any]):
    character = ScopedPrimaryKeyField(Character)
    date = serializers.DateField(validators=[validate_calendar_range])
    code = serializers.ChoiceField(choices=[code.value for code in MARKABLE_CODES], allow_null=True)


class EstimateSerializer(serializers.Serializer[Any]):
    scene = ScopedPrimaryKeyField(Scene)
    estimated_minutes = serializers.IntegerField(min_value=1, max_value=24 * 60, allow_null=True)

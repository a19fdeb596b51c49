"""The shooting schedule: versions of a stripboard, the units that shoot it, their days.

A **schedule** is one version of the stripboard (the 1st AD keeps several: the published
one the crew works to and drafts to try alternatives); the database allows one published
schedule per production.  A **shoot day** belongs to one unit of one schedule and is a
shooting day or a day with a strip of its own (off, holiday, travel).  A **strip** is one
scene's place on the board: on a shoot day at a position, or in the boneyard (no day).
Every move is kept in the **move log** with the board version it produced, so a client
holding an older version can be told exactly what changed.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.models import validate_time_zone
from core.dates import validate_calendar_range
from productions.models import Production, ScopedQuerySet
from scheduling.breakdown.models import Location, Scene

# DOMAIN.md, "The schedule": day interior white, day exterior yellow, night interior blue,
# night exterior green; day break black, week break orange, holiday red.
DEFAULT_STRIP_COLOURS: dict[str, str] = {
    "day_int": "#ffffff",
    "day_ext": "#fff176",
    "night_int": "#90caf9",
    "night_ext": "#a5d6a7",
    "day_break": "#000000",
    "week_break": "#ff9800",
    "holiday": "#e53935",
}

# US union rule (DOMAIN.md): a drop/pick-up needs a gap of more than 10 days.
DEFAULT_DROP_THRESHOLD_DAYS = 10
MAX_MINUTES_PER_DAY = 24 * 60
COLOUR = re.compile(r"#[0-9a-f]{6}")


def default_strip_colours() -> dict[str, str]:
    return dict(DEFAULT_STRIP_COLOURS)


class BoardSettings(models.Model):
    """How one production schedules: strip colours, the drop rule and daily targets."""

    production = models.OneToOneField(
        Production, on_delete=models.CASCADE, related_name="board_settings"
    )
    strip_colours = models.JSONField(default=default_strip_colours)
    drop_threshold_days = models.PositiveSmallIntegerField(
        _("drop/pick-up threshold (days)"),
        default=DEFAULT_DROP_THRESHOLD_DAYS,
        validators=[MaxValueValidator(90)],
        help_text=_(
            "A cast member may be dropped and picked up only when the gap between two work "
            "days is longer than this; shorter gaps count as hold days."
        ),
    )
    page_target_eighths = models.PositiveIntegerField(
        _("daily page target (eighths)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(8 * 200)],
    )
    hour_target_minutes = models.PositiveIntegerField(
        _("daily shooting time target (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MINUTES_PER_DAY)],
    )
    minutes_per_page = models.PositiveSmallIntegerField(
        _("estimated minutes per page"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MINUTES_PER_DAY)],
        help_text=_("Used for a scene's estimated time when its strip has none of its own."),
    )

    objects = ScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return str(self.production)

    def clean(self) -> None:
        colours = self.strip_colours
        if not isinstance(colours, dict) or any(
            key not in DEFAULT_STRIP_COLOURS
            or not isinstance(value, str)
            or not COLOUR.fullmatch(value)
            for key, value in colours.items()
        ):
            raise ValidationError(
                {
                    "strip_colours": _(
                        "Give colours as #rrggbb for day_int, day_ext, night_int, night_ext, "
                        "day_break, week_break and holiday."
                    )
                }
            )


class UnitKind(models.TextChoices):
    MAIN = "main", _("Main unit")
    SECOND = "second", _("Second unit")
    SPLINTER = "splinter", _("Splinter unit")


class Unit(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=10, choices=UnitKind.choices, default=UnitKind.MAIN)
    order = models.PositiveSmallIntegerField(default=100)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                "production",
                Lower("name"),
                name="unit_unique_name",
                violation_error_message=_("This production already has a unit with that name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class ScheduleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Schedule(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="schedules")
    name = models.CharField(max_length=120)
    status = models.CharField(
        max_length=10, choices=ScheduleStatus.choices, default=ScheduleStatus.DRAFT
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    board_version = models.PositiveIntegerField(
        default=1, editable=False, help_text=_("Rises with every change to the board.")
    )
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-status", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["production"],
                condition=Q(status="published"),
                name="schedule_one_published",
                violation_error_message=_("Only one schedule can be published at a time."),
            ),
            models.UniqueConstraint(
                "production",
                Lower("name"),
                name="schedule_unique_name",
                violation_error_message=_("This production already has a schedule with that name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.status == ScheduleStatus.PUBLISHED


class DayKind(models.TextChoices):
    SHOOT = "shoot", _("Shoot day")
    OFF = "off", _("Day off")
    HOLIDAY = "holiday", _("Holiday")
    TRAVEL = "travel", _("Travel day")


class ShootDayQuerySet(ScopedQuerySet["ShootDay"]):
    production_field = "schedule__production"


class ShootDay(models.Model):
    """One date of one unit in one schedule.

    Call times are local wall-clock times in the time zone of the day's location (the
    production office's when the day has no location): a 06:00 call in Reykjavik is 06:00
    there whatever the office's clock says.  An estimated wrap earlier than the call is
    the next morning (a night shoot).
    """

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="days")
    unit = models.ForeignKey(Unit, on_delete=models.RESTRICT, related_name="days")
    date = models.DateField(validators=[validate_calendar_range])
    kind = models.CharField(max_length=10, choices=DayKind.choices, default=DayKind.SHOOT)
    location = models.ForeignKey(
        Location,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shoot_days",
        help_text=_("Where the unit reports; its time zone sets the day's clock."),
    )
    crew_call = models.TimeField(_("general crew call"), null=True, blank=True)
    shooting_call = models.TimeField(null=True, blank=True)
    estimated_wrap = models.TimeField(null=True, blank=True)
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("IANA name; blank: the location's, else the production's."),
    )
    notes = models.TextField(blank=True)

    objects = ShootDayQuerySet.as_manager()

    class Meta:
        ordering = ["date", "unit__order", "unit_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "unit", "date"],
                name="shoot_day_unique_date",
                violation_error_message=_("This unit already has a day on that date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.unit_id}"


class StripQuerySet(ScopedQuerySet["Strip"]):
    production_field = "schedule__production"


class Strip(models.Model):
    """A scene's place on one schedule's board: a day and a position, or the boneyard.

    Positions order the strips of one day (or of the boneyard); the move service renumbers
    a day's strips under the schedule's row lock, and readers order by ``(position, id)``.
    """

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="strips")
    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="strips")
    day = models.ForeignKey(
        ShootDay, on_delete=models.SET_NULL, null=True, blank=True, related_name="strips"
    )
    position = models.PositiveIntegerField(default=0)
    estimated_minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MINUTES_PER_DAY)],
        help_text=_("Blank: estimated from the scene's length."),
    )

    objects = StripQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "scene"],
                name="strip_unique_scene",
                violation_error_message=_("A scene has one strip per schedule."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scene_id}@{self.day_id}:{self.position}"


class StripMoveQuerySet(ScopedQuerySet["StripMove"]):
    production_field = "schedule__production"


class StripMove(models.Model):
    """One move on a board, with the board version it produced; the board's history."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="moves")
    version = models.PositiveIntegerField()
    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="+")
    from_day = models.ForeignKey(
        ShootDay, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_day = models.ForeignKey(
        ShootDay, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveIntegerField()
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moved_at = models.DateTimeField(auto_now_add=True)

    objects = StripMoveQuerySet.as_manager()

    class Meta:
        ordering = ["schedule_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "version"], name="strip_move_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version}: {self.scene_id} → {self.to_day_id}"


class DoodCode(models.TextChoices):
    """Day-out-of-days codes (DOMAIN.md)."""

    START_WORK = "SW", _("Start work")
    WORK = "W", _("Work")
    WORK_FINISH = "WF", _("Work finish")
    START_WORK_FINISH = "SWF", _("Start, work and finish")
    HOLD = "H", _("Hold")
    TRAVEL = "T", _("Travel")
    REHEARSAL = "R", _("Rehearsal")
    FITTING = "FT", _("Fitting")
    DROP = "D", _("Drop")
    PICK_UP_WORK = "PW", _("Pick-up work")
    HOLIDAY = "/", _("Holiday")


# What the office marks by hand on a person's day; work days come from the strips.
MARKABLE_CODES = (DoodCode.TRAVEL, DoodCode.REHEARSAL, DoodCode.FITTING, DoodCode.HOLD)


class DoodMarkQuerySet(ScopedQuerySet["DoodMark"]):
    production_field = "schedule__production"


class DoodMark(models.Model):
    """A day a cast member is travelling, rehearsing, at a fitting or held, set by hand."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="dood_marks")
    character = models.ForeignKey(
        "crew.Character", on_delete=models.CASCADE, related_name="dood_marks"
    )
    date = models.DateField(validators=[validate_calendar_range])
    code = models.CharField(
        max_length=3, choices=[(code.value, code.label) for code in MARKABLE_CODES]
    )

    objects = DoodMarkQuerySet.as_manager()

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "character", "date"],
                name="dood_mark_unique_day",
                violation_error_message=_("That day already has a mark for this person."),
            ),
            models.CheckConstraint(
                condition=Q(code__in=[code.value for code in MARKABLE_CODES]),
                name="dood_mark_code_markable",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.code}"


__all__ = [
    "DEFAULT_DROP_THRESHOLD_DAYS",
    "DEFAULT_STRIP_COLOURS",
    "MARKABLE_CODES",
    "BoardSettings",
    "DayKind",
    "DoodCode",
    "DoodMark",
    "Schedule",
    "ScheduleStatus",
    "ShootDay",
    "Strip",
    "StripMove",
    "Unit",
    "UnitKind",
]

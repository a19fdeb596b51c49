"""Writes for the schedule: versions, units, shoot days, strip moves and DOOD marks.

Every function takes objects already fetched through ``for_access`` (the page and the API
both do); the checks here are about the data.  A move is the one write the board makes
often, from two people at once: it runs under the schedule's row lock, checks the board
version the client saw, renumbers the day it lands on and logs itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from crew.models import Character
from productions.models import Production
from scheduling.breakdown.models import Location, Scene
from scheduling.stripboard.models import (
    BoardSettings,
    DayKind,
    DoodMark,
    Schedule,
    ScheduleStatus,
    ShootDay,
    Strip,
    StripMove,
    Unit,
    UnitKind,
)

User = AbstractBaseUser | AnonymousUser | None


def _user(user: User) -> Any:
    return user if user is not None and user.is_authenticated else None


def _same_production(production: Production, **objects: Any) -> None:
    errors = {
        name: [gettext("That belongs to another production.")]
        for name, obj in objects.items()
        if obj is not None and obj.production_id != production.pk
    }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def board_settings_save(*, production: Production, **fields: Any) -> BoardSettings:
    """Change the production's schedule settings; the first change saves its row (until
    then readers get the defaults from ``selectors.board_settings``)."""
    settings, _created = BoardSettings.objects.select_for_update().get_or_create(
        production=production
    )
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.full_clean()
    settings.save()
    return settings


# Units ----------------------------------------------------------------------------------


def units_ensure(production: Production) -> list[Unit]:
    """The production's units; a main unit is made the first time a schedule needs one."""
    units = list(Unit.objects.filter(production=production))
    if not units:
        units = [
            Unit.objects.create(
                production=production, name=gettext("Main unit"), kind=UnitKind.MAIN, order=1
            )
        ]
    return units


def unit_save(*, unit: Unit, **fields: Any) -> Unit:
    for name, value in fields.items():
        setattr(unit, name, value)
    _clean_named(unit)
    unit.save()
    return unit


def unit_delete(*, unit: Unit) -> None:
    if unit.days.exists():
        raise ValidationError(
            gettext("This unit has shoot days in a schedule; delete or move them first.")
        )
    unit.delete()


# Schedules ------------------------------------------------------------------------------


def _clean_named(obj: Schedule | Unit) -> None:
    """``full_clean``, with the case-insensitive unique name's clash filed under ``name``."""
    try:
        obj.full_clean()
    except ValidationError as error:
        errors = error.message_dict
        clashes = errors.pop("__all__", [])
        if clashes:
            errors.setdefault("name", []).extend(clashes)
        raise ValidationError(errors) from error


def schedule_create(*, production: Production, name: str, user: User = None) -> Schedule:
    schedule = Schedule(production=production, name=name, created_by=_user(user))
    _clean_named(schedule)
    schedule.save()
    units_ensure(production)
    return schedule


def schedule_update(
    *, schedule: Schedule, name: str | None = None, notes: str | None = None
) -> Schedule:
    if name is not None:
        schedule.name = name
    if notes is not None:
        schedule.notes = notes
    _clean_named(schedule)
    schedule.save(update_fields=["name", "notes", "updated_at"])
    return schedule


@transaction.atomic
def schedule_copy(*, schedule: Schedule, name: str, user: User = None) -> Schedule:
    """A draft copy of ``schedule`` with the same days, strips and marks, to try something."""
    copy = Schedule(
        production_id=schedule.production_id,
        name=name,
        copied_from=schedule,
        notes=schedule.notes,
        created_by=_user(user),
    )
    _clean_named(copy)
    copy.save()
    day_map: dict[int, ShootDay] = {}
    for day in schedule.days.all().order_by("id"):
        old_id = day.pk
        day.pk = None
        day.schedule = copy
        day_map[old_id] = day
    ShootDay.objects.bulk_create(day_map.values())
    Strip.objects.bulk_create(
        Strip(
            schedule=copy,
            scene_id=strip.scene_id,
            day=day_map[strip.day_id] if strip.day_id else None,
            position=strip.position,
            estimated_minutes=strip.estimated_minutes,
        )
        for strip in schedule.strips.all()
    )
    DoodMark.objects.bulk_create(
        DoodMark(schedule=copy, character_id=mark.character_id, date=mark.date, code=mark.code)
        for mark in schedule.dood_marks.all()
    )
    return copy


@transaction.atomic
def schedule_publish(*, schedule: Schedule) -> Schedule:
    """Make ``schedule`` the one the production works to; the one before becomes a draft."""
    # Lock the production's schedules so two publishes queue instead of both failing.
    list(
        Schedule.objects.select_for_update()
        .filter(production_id=schedule.production_id)
        .values_list("pk", flat=True)
    )
    Schedule.objects.filter(
        production_id=schedule.production_id, status=ScheduleStatus.PUBLISHED
    ).exclude(pk=schedule.pk).update(status=ScheduleStatus.DRAFT, updated_at=timezone.now())
    schedule.status = ScheduleStatus.PUBLISHED
    schedule.published_at = timezone.now()
    schedule.save(update_fields=["status", "published_at", "updated_at"])
    return schedule


def schedule_delete(*, schedule: Schedule) -> None:
    if schedule.is_published:
        raise ValidationError(
            gettext("The published schedule cannot be deleted; publish another one first.")
        )
    schedule.delete()


# Shoot days -----------------------------------------------------------------------------


CALL_TIMES = ("crew_call", "shooting_call", "estimated_wrap")


def shoot_day_save(*, day: ShootDay, **fields: Any) -> ShootDay:
    """Save a day; call times are kept to the minute, as call sheets write them."""
    for name, value in fields.items():
        if name in CALL_TIMES and isinstance(value, time):
            value = value.replace(second=0, microsecond=0)
        setattr(day, name, value)
    production = day.schedule.production
    unit: Unit | None = getattr(day, "unit", None) if day.unit_id else None
    location: Location | None = day.location if day.location_id else None
    _same_production(production, unit=unit, location=location)
    if day.pk and day.kind != DayKind.SHOOT and day.strips.exists():
        raise ValidationError(
            {"kind": [gettext("This day has scenes on it; move them off before changing it.")]}
        )
    day.full_clean(exclude=["schedule"])
    try:
        with transaction.atomic():
            day.save()
    except IntegrityError as error:
        raise ValidationError(
            {"date": [gettext("This unit already has a day on that date.")]}
        ) from error
    return day


@transaction.atomic
def shoot_day_delete(*, day: ShootDay) -> None:
    """Delete a day; its scenes go back to the end of the boneyard, nothing is lost."""
    schedule = Schedule.objects.select_for_update().get(pk=day.schedule_id)
    strips = list(day.strips.order_by("position", "id"))
    end = _boneyard_end(schedule)
    for offset, strip in enumerate(strips):
        strip.day = None
        strip.position = end + offset
    Strip.objects.bulk_update(strips, ["day", "position"])
    day.delete()
    _bump(schedule)


# Moves ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaleBoard(Exception):
    """The client moved a strip on a board that has changed since it loaded it."""

    schedule: Schedule
    seen_version: int

    @property
    def moves_since(self) -> list[StripMove]:
        return list(
            self.schedule.moves.filter(version__gt=self.seen_version)
            .select_related("scene", "from_day", "to_day")
            .order_by("version")
        )


def _boneyard_end(schedule: Schedule) -> int:
    last = schedule.strips.filter(day__isnull=True).aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def _bump(schedule: Schedule) -> None:
    schedule.board_version += 1
    schedule.save(update_fields=["board_version", "updated_at"])


@transaction.atomic
def strip_move(
    *,
    schedule: Schedule,
    scene: Scene,
    to_day: ShootDay | None,
    position: int,
    seen_version: int,
    user: User = None,
) -> Schedule:
    """Put ``scene`` on ``to_day`` (None: the boneyard) at ``position`` (0 is first).

    ``seen_version`` is the board version the client's view was built from; if anyone has
    moved anything since, :class:`StaleBoard` is raised and nothing changes.  Returns the
    schedule with its new version.
    """
    locked = Schedule.objects.select_for_update().get(pk=schedule.pk)
    if locked.board_version != seen_version:
        raise StaleBoard(schedule=locked, seen_version=seen_version)
    if scene.production_id != locked.production_id:
        raise ValidationError({"scene": [gettext("That scene belongs to another production.")]})
    if to_day is not None:
        if to_day.schedule_id != locked.pk:
            raise ValidationError({"to_day": [gettext("That day belongs to another schedule.")]})
        if to_day.kind != DayKind.SHOOT:
            raise ValidationError(
                {
                    "to_day": [
                        gettext("Scenes go on shoot days, not on %(kind)s.")
                        % {"kind": to_day.get_kind_display().lower()}
                    ]
                }
            )
    if position < 0:
        raise ValidationError({"position": [gettext("The position is 0 or more.")]})
    strip, _created = Strip.objects.get_or_create(
        schedule=locked, scene=scene, defaults={"position": _boneyard_end(locked)}
    )
    from_day_id = strip.day_id
    siblings = list(
        Strip.objects.filter(schedule=locked, day=to_day)
        .exclude(pk=strip.pk)
        .order_by("position", "id")
    )
    position = min(position, len(siblings))
    siblings.insert(position, strip)
    strip.day = to_day
    for index, sibling in enumerate(siblings):
        sibling.position = index
    Strip.objects.bulk_update(siblings, ["day", "position"])
    _bump(locked)
    StripMove.objects.create(
        schedule=locked,
        version=locked.board_version,
        scene=scene,
        from_day_id=from_day_id,
        to_day=to_day,
        position=position,
        moved_by=_user(user),
    )
    return locked


# Day-out-of-days marks ------------------------------------------------------------------


def dood_mark_set(*, schedule: Schedule, character: Character, day: Any, code: str | None) -> None:
    """Set (or with ``code=None`` clear) a hand-set mark on one person's day."""
    _same_production(schedule.production, character=character)
    if code is None:
        DoodMark.objects.filter(schedule=schedule, character=character, date=day).delete()
        return
    mark = DoodMark(schedule=schedule, character=character, date=day, code=code)
    mark.full_clean(
        exclude=["schedule", "character"], validate_unique=False, validate_constraints=False
    )
    DoodMark.objects.update_or_create(
        schedule=schedule, character=character, date=day, defaults={"code": code}
    )


@transaction.atomic
def strip_estimate_set(*, schedule: Schedule, scene: Scene, minutes: int | None) -> None:
    """A strip's own estimated time (None: estimate from the scene's length)."""
    if scene.production_id != schedule.production_id:
        raise ValidationError({"scene": [gettext("That scene belongs to another production.")]})
    locked = Schedule.objects.select_for_update().get(pk=schedule.pk)
    strip, _created = Strip.objects.get_or_create(
        schedule=locked, scene=scene, defaults={"position": _boneyard_end(locked)}
    )
    strip.estimated_minutes = minutes
    strip.full_clean(exclude=["schedule", "scene", "day"])
    strip.save(update_fields=["estimated_minutes"])

"""The demo's shooting schedule: the breakdown's scenes on six weeks of shoot days.

Made through the schedule services, as the stripboard page and the API make one: a
version, its shoot days (weekdays, with the Easter holidays as holiday strips), scenes
grouped by location about five pages a day, a few left in the boneyard, published.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from accounts.models import User
from productions.models import Production
from scheduling.breakdown.models import Scene
from scheduling.stripboard.models import DayKind, Schedule, ShootDay
from scheduling.stripboard.services import (
    schedule_create,
    schedule_publish,
    shoot_day_save,
    strip_move,
    units_ensure,
)

DEMO_SCHEDULE = "White"
_HOLIDAYS = {dt.date(2027, 3, 26), dt.date(2027, 3, 29)}  # Good Friday, Easter Monday
_PAGES_PER_DAY = 5 * 8
_LEFT_IN_BONEYARD = 6


def seed_demo_schedule(*, production: Production, producer: User) -> Schedule:
    schedule = schedule_create(production=production, name=DEMO_SCHEDULE, user=producer)
    unit = units_ensure(production)[0]
    assert production.shoot_start is not None
    assert production.shoot_end is not None
    dates = []
    on = production.shoot_start
    while on <= production.shoot_end:
        if on.weekday() < 5:
            dates.append(on)
        on += dt.timedelta(days=1)
    days = [
        shoot_day_save(
            day=ShootDay(schedule=schedule),
            unit=unit,
            date=on,
            kind=DayKind.HOLIDAY if on in _HOLIDAYS else DayKind.SHOOT,
            crew_call=None if on in _HOLIDAYS else dt.time(7, 0),
            shooting_call=None if on in _HOLIDAYS else dt.time(8, 0),
            estimated_wrap=None if on in _HOLIDAYS else dt.time(19, 0),
        )
        for on in dates
    ]
    shoot_days = [day for day in days if day.kind == DayKind.SHOOT]
    scenes = list(
        Scene.objects.filter(production=production, omitted=False)
        .select_related("set__location")
        .order_by("set__location__name", "sort_key")
    )[:-_LEFT_IN_BONEYARD]
    version, index, filled = schedule.board_version, 0, 0
    placed: list[Scene] = []
    for scene in scenes:
        if index >= len(shoot_days):
            break
        day = shoot_days[index]
        version = strip_move(
            schedule=schedule,
            scene=scene,
            to_day=day,
            position=len(placed),
            seen_version=version,
            user=producer,
        ).board_version
        placed.append(scene)
        filled += scene.eighths
        if filled >= _PAGES_PER_DAY:
            _locate(day, placed)
            index, filled, placed = index + 1, 0, []
    if placed:
        _locate(shoot_days[index], placed)
    return schedule_publish(schedule=Schedule.objects.get(pk=schedule.pk))


def _locate(day: ShootDay, scenes: list[Scene]) -> None:
    """The day reports to where most of its scenes are shot."""
    counts = Counter(s.set.location for s in scenes if s.set is not None and s.set.location)
    if counts:
        shoot_day_save(day=day, location=counts.most_common(1)[0][0])

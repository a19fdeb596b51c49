"""Conflicts on a board: shown on the board and on each day, never blocking a save.

- someone called on a day they said they are unavailable (cast through their scenes,
  crew through a confirmed engagement that covers the date);
- a cast member on two units on the same date;
- a location used by two units on the same date;
- a day over the production's daily page or shooting-time target.

Unavailability reasons are not shown here: the board is read by roles that may not see
them (``Action.VIEW_UNAVAILABILITY_REASONS``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from crew.models import Engagement, EngagementStatus, Unavailability
from productions.scoping import Access
from scheduling.breakdown.eighths import format_eighths
from scheduling.stripboard.selectors import Board, BoardDay


class ConflictKind:
    UNAVAILABLE = "unavailable"
    TWO_UNITS = "cast_on_two_units"
    LOCATION_SHARED = "location_on_two_units"
    OVER_PAGES = "over_page_target"
    OVER_HOURS = "over_hour_target"


@dataclass(frozen=True)
class Conflict:
    kind: str
    date: date
    message: str
    day_ids: tuple[int, ...] = field(default_factory=tuple)


def _when(on: date) -> str:
    return date_format(on, "SHORT_DATE_FORMAT")


def _called_cast(days: list[BoardDay]) -> dict[int, dict[date, set[int]]]:
    """{engagement id: {date: {day ids}}} for cast called through their scenes."""
    called: dict[int, dict[date, set[int]]] = defaultdict(lambda: defaultdict(set))
    for day in days:
        for strip in day.strips:
            for link in strip.scene.scene_characters.all():
                if link.character.engagement_id is not None:
                    called[link.character.engagement_id][day.day.date].add(day.day.pk)
    return called


def _unavailable(
    access: Access, board: Board, cast: dict[int, dict[date, set[int]]]
) -> list[Conflict]:
    shoot_days = [day for day in board.days if day.strips or day.day.kind == "shoot"]
    if not shoot_days:
        return []
    first, last = min(d.day.date for d in shoot_days), max(d.day.date for d in shoot_days)
    away: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for person_id, start, end in (
        Unavailability.objects.for_access(access)
        .filter(start_date__lte=last, end_date__gte=first)
        .values_list("person_id", "start_date", "end_date")
    ):
        away[person_id].append((start, end))
    if not away:
        return []
    engagements = (
        Engagement.objects.for_access(access)
        .filter(person_id__in=away)
        .filter(Q(pk__in=cast) | Q(status=EngagementStatus.CONFIRMED, characters__isnull=True))
        .select_related("person")
        .distinct()
    )
    by_date: dict[date, list[BoardDay]] = defaultdict(list)
    for day in shoot_days:
        by_date[day.day.date].append(day)
    found: dict[tuple[int, date], Conflict] = {}
    for engagement in engagements:
        if engagement.pk in cast:
            dates = {on: tuple(sorted(ids)) for on, ids in cast[engagement.pk].items()}
        else:
            dates = {
                on: tuple(d.day.pk for d in days)
                for on, days in by_date.items()
                if (engagement.start_date is None or engagement.start_date <= on)
                and (engagement.end_date is None or on <= engagement.end_date)
            }
        for on, day_ids in dates.items():
            key = (engagement.person_id, on)
            if key in found or not any(s <= on <= e for s, e in away[engagement.person_id]):
                continue
            found[key] = Conflict(
                ConflictKind.UNAVAILABLE,
                on,
                gettext("%(name)s is called on %(date)s but is unavailable.")
                % {"name": engagement.person.name, "date": _when(on)},
                day_ids,
            )
    return list(found.values())


def _two_units(board: Board) -> list[Conflict]:
    conflicts = []
    units: dict[tuple[int, date], dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    names: dict[int, str] = {}
    for day in board.days:
        for strip in day.strips:
            for link in strip.scene.scene_characters.all():
                names[link.character_id] = link.character.name
                units[(link.character_id, day.day.date)][day.day.unit_id].add(day.day.pk)
    for (character_id, on), by_unit in units.items():
        if len(by_unit) > 1:
            conflicts.append(
                Conflict(
                    ConflictKind.TWO_UNITS,
                    on,
                    gettext("%(name)s is in scenes on two units on %(date)s.")
                    % {"name": names[character_id], "date": _when(on)},
                    tuple(sorted(pk for ids in by_unit.values() for pk in ids)),
                )
            )
    return conflicts


def _shared_locations(board: Board) -> list[Conflict]:
    used: dict[tuple[int, date], dict[int, int]] = defaultdict(dict)
    names: dict[int, str] = {}
    for day in board.days:
        locations = {day.day.location_id: day.day.location} if day.day.location_id else {}
        for strip in day.strips:
            if strip.scene.set is not None and strip.scene.set.location_id is not None:
                locations[strip.scene.set.location_id] = strip.scene.set.location
        for location_id, location in locations.items():
            names[location_id] = str(location)
            used[(location_id, day.day.date)][day.day.unit_id] = day.day.pk
    return [
        Conflict(
            ConflictKind.LOCATION_SHARED,
            on,
            gettext("%(location)s is used by two units on %(date)s.")
            % {"location": names[location_id], "date": _when(on)},
            tuple(sorted(by_unit.values())),
        )
        for (location_id, on), by_unit in used.items()
        if len(by_unit) > 1
    ]


def _over_targets(board: Board) -> list[Conflict]:
    conflicts = []
    pages, minutes = board.settings.page_target_eighths, board.settings.hour_target_minutes
    for day in board.days:
        if pages is not None and day.eighths > pages:
            conflicts.append(
                Conflict(
                    ConflictKind.OVER_PAGES,
                    day.day.date,
                    gettext("%(date)s has %(pages)s pages, over the target of %(target)s.")
                    % {
                        "date": _when(day.day.date),
                        "pages": day.pages,
                        "target": format_eighths(pages),
                    },
                    (day.day.pk,),
                )
            )
        if minutes is not None and day.minutes > minutes:
            hours, rest = divmod(day.minutes, 60)
            conflicts.append(
                Conflict(
                    ConflictKind.OVER_HOURS,
                    day.day.date,
                    ngettext(
                        "%(date)s is estimated at %(hours)d:%(minutes)02d, over the target of "
                        "%(target)d minute.",
                        "%(date)s is estimated at %(hours)d:%(minutes)02d, over the target of "
                        "%(target)d minutes.",
                        minutes,
                    )
                    % {
                        "date": _when(day.day.date),
                        "hours": hours,
                        "minutes": rest,
                        "target": minutes,
                    },
                    (day.day.pk,),
                )
            )
    return conflicts


def conflicts(*, access: Access, board: Board) -> list[Conflict]:
    """Every conflict on ``board`` (from :func:`~scheduling.stripboard.selectors.board`),
    by date, then kind."""
    found = [
        *_unavailable(access, board, _called_cast(board.days)),
        *_two_units(board),
        *_shared_locations(board),
        *_over_targets(board),
    ]
    return sorted(found, key=lambda c: (c.date, c.kind, c.message))

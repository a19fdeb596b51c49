"""Reads for the schedule, always narrowed to one production with ``for_access``.

``board()`` is what the stripboard page, its API and the exports read: a fixed number of
queries whatever the size of the board (asserted in the tests at two sizes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from html import escape
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, pgettext

from crew.models import Character
from productions.scoping import Access
from scheduling.breakdown.eighths import format_eighths
from scheduling.breakdown.models import Element, ElementCategory, IntExt, Scene, TimeOfDay
from scheduling.breakdown.selectors import scene_list
from scheduling.stripboard.dood import DoodLine, dood_line
from scheduling.stripboard.models import (
    DEFAULT_STRIP_COLOURS,
    BoardSettings,
    DayKind,
    DoodMark,
    Schedule,
    ShootDay,
    Strip,
    Unit,
)


def schedules_for(*, access: Access) -> QuerySet[Schedule]:
    return Schedule.objects.for_access(access).order_by("-status", "-created_at", "-id")


def units_for(*, access: Access) -> QuerySet[Unit]:
    return Unit.objects.for_access(access).order_by("order", "name", "id")


def shoot_days_for(*, access: Access, schedule: Schedule) -> QuerySet[ShootDay]:
    return (
        ShootDay.objects.for_access(access)
        .filter(schedule=schedule)
        .select_related("unit", "location", "schedule__production")
        .order_by("date", "unit__order", "unit_id", "id")
    )


def board_settings(*, access: Access) -> BoardSettings:
    found = BoardSettings.objects.for_access(access).first()
    return found or BoardSettings(production=access.production)


def strip_colour_key(scene: Scene) -> str:
    """``day_int``, ``day_ext``, ``night_int`` or ``night_ext``: the strip's colour."""
    night = scene.time_of_day == TimeOfDay.NIGHT
    exterior = scene.int_ext in (IntExt.EXT, IntExt.INT_EXT)
    return f"{'night' if night else 'day'}_{'ext' if exterior else 'int'}"


def day_time_zone(day: ShootDay) -> str:
    """The day's clock: its own zone, else its location's, else the production office's."""
    if day.time_zone:
        return day.time_zone
    if day.location is not None and day.location.time_zone:
        return day.location.time_zone
    return day.schedule.production.time_zone


def local_instant(
    day: ShootDay, wall_clock: time | None, *, after: time | None = None
) -> datetime | None:
    """The instant of a wall-clock time on the day, in the day's zone.

    A time earlier than ``after`` (a wrap before the call) falls on the next morning.
    """
    if wall_clock is None:
        return None
    on = day.date
    if after is not None and wall_clock < after:
        on += timedelta(days=1)
    return datetime.combine(on, wall_clock, tzinfo=ZoneInfo(day_time_zone(day)))


def time_of_day_labels() -> dict[str, str]:
    """D/N labels in the current language (a strip reads them hundreds of times a page)."""
    language = get_language()
    labels = _TIME_OF_DAY_LABELS.get(language)
    if labels is None:
        labels = _TIME_OF_DAY_LABELS[language] = {v: str(label) for v, label in TimeOfDay.choices}
    return labels


_TIME_OF_DAY_LABELS: dict[str | None, dict[str, str]] = {}


@dataclass
class BoardStrip:
    """One strip, with what the board shows of it worked out once (the board renders
    hundreds: the template only reads plain values)."""

    scene: Scene
    minutes: int
    colour_key: str
    estimated_minutes: int | None = None
    cast_ids: list[str] = field(init=False)
    set_label: str = field(init=False)
    time_of_day_label: str = field(init=False)

    def __post_init__(self) -> None:
        scene = self.scene
        self.time_of_day_label = time_of_day_labels().get(scene.time_of_day, scene.time_of_day)
        self.cast_ids = [
            str(link.character.cast_number) if link.character.cast_number else link.character.name
            for link in scene.scene_characters.all()
        ]
        self.set_label = scene.set.name if scene.set is not None else scene.heading

    def html(self, *, movable: bool, labels: StripLabels) -> str:
        """The strip as the board shows it: a list item the page's script can move.

        Every value is escaped here (``escape``); the caller marks the joined list safe.
        """
        scene = self.scene
        omitted = f" <strong>{escape(labels.omitted)}</strong>" if scene.omitted else ""
        focus = ' tabindex="0" aria-describedby="board-keys"' if movable else ""
        number = escape(scene.number)
        return (
            f'<li class="strip {self.colour_key}{" omitted" if scene.omitted else ""}" '
            f'data-scene="{scene.pk}" data-number="{number}" data-eighths="{scene.eighths}" '
            f'data-minutes="{self.minutes}"{focus}><span class="sc">{number}</span> '
            f'<span class="ie">{escape(scene.int_ext)}</span> '
            f'<span class="set">{escape(self.set_label)}{omitted}</span> '
            f'<span class="dn">{escape(self.time_of_day_label)}</span> '
            f'<span class="pg">{scene.pages}</span> '
            f'<span class="cast">{escape(", ".join(self.cast_ids))}</span> '
            f'<span class="est">{self.minutes} {escape(labels.minutes)}</span></li>'
        )


@dataclass(frozen=True)
class StripLabels:
    """The words every strip repeats, translated once per page."""

    minutes: str
    omitted: str


def strips_html(strips: list[BoardStrip], *, movable: bool) -> SafeString:
    """A list's strips as HTML, built in Python: the board shows hundreds, and a template
    per strip costs more than the rest of the page (``bench/bench_stripboard.py``)."""
    labels = StripLabels(minutes=pgettext("minutes", "min"), omitted=gettext("OMITTED"))
    html = "".join(strip.html(movable=movable, labels=labels) for strip in strips)
    return mark_safe(html)  # nosec B308 B703  # each value is escaped in BoardStrip.html


@dataclass
class BoardDay:
    day: ShootDay
    number: int | None = None
    of: int | None = None
    strips: list[BoardStrip] = field(default_factory=list)
    company_moves: list[int] = field(default_factory=list)  # moves before these strip indexes

    @property
    def eighths(self) -> int:
        return sum(strip.scene.eighths for strip in self.strips)

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)

    @property
    def minutes(self) -> int:
        return sum(strip.minutes for strip in self.strips)

    @property
    def time_zone(self) -> str:
        return day_time_zone(self.day)

    @property
    def crew_call_at(self) -> datetime | None:
        return local_instant(self.day, self.day.crew_call)

    @property
    def shooting_call_at(self) -> datetime | None:
        return local_instant(self.day, self.day.shooting_call, after=self.day.crew_call)

    @property
    def estimated_wrap_at(self) -> datetime | None:
        return local_instant(self.day, self.day.estimated_wrap, after=self.day.crew_call)


@dataclass
class Board:
    schedule: Schedule
    settings: BoardSettings
    days: list[BoardDay]
    boneyard: list[BoardStrip]

    @property
    def version(self) -> int:
        return self.schedule.board_version

    @property
    def colours(self) -> dict[str, str]:
        return {**DEFAULT_STRIP_COLOURS, **(self.settings.strip_colours or {})}

    @property
    def scheduled_eighths(self) -> int:
        return sum(day.eighths for day in self.days)

    @property
    def boneyard_eighths(self) -> int:
        return sum(strip.scene.eighths for strip in self.boneyard)

    @property
    def dates(self) -> list[date]:
        return sorted({day.day.date for day in self.days})


def number_shoot_days(days: Iterable[tuple[int, int, str]]) -> dict[int, tuple[int, int]]:
    """ "Day 12 of 40": ``{day id: (number, of)}`` for ``(id, unit id, kind)`` in date
    order; shoot days are counted per unit, other days get no number."""
    by_unit: dict[int, list[int]] = defaultdict(list)
    for pk, unit_id, kind in days:
        if kind == DayKind.SHOOT:
            by_unit[unit_id].append(pk)
    return {
        pk: (index, len(unit_days))
        for unit_days in by_unit.values()
        for index, pk in enumerate(unit_days, start=1)
    }


def _number_days(days: list[BoardDay]) -> None:
    numbers = number_shoot_days((d.day.pk, d.day.unit_id, d.day.kind) for d in days)
    for day in days:
        day.number, day.of = numbers.get(day.day.pk, (None, None))


def _company_moves(strips: list[BoardStrip]) -> list[int]:
    moves = []
    previous = None
    for index, strip in enumerate(strips):
        current = strip.scene.set.location_id if strip.scene.set is not None else None
        if current is not None:
            if previous is not None and current != previous:
                moves.append(index)
            previous = current
    return moves


def board(*, access: Access, schedule: Schedule) -> Board:
    """The whole board of ``schedule``: days in date order with their strips, then the
    boneyard (strips put there, then every scene not yet on the board, in script order).

    Omitted scenes appear only where a strip still holds them (to be taken off).
    """
    settings = board_settings(access=access)
    days = [BoardDay(day) for day in shoot_days_for(access=access, schedule=schedule)]
    by_id = {day.day.pk: day for day in days}
    scenes = {scene.pk: scene for scene in scene_list(access=access)}
    per_page = settings.minutes_per_page

    def strip_for(scene: Scene, estimated: int | None) -> BoardStrip:
        minutes = estimated if estimated is not None else round(scene.eighths * per_page / 8)
        return BoardStrip(scene, minutes, strip_colour_key(scene), estimated)

    boneyard: list[BoardStrip] = []
    placed: set[int] = set()
    rows = (
        Strip.objects.for_access(access)
        .filter(schedule=schedule)
        .order_by("position", "id")
        .values_list("scene_id", "day_id", "estimated_minutes")
    )
    for scene_id, day_id, estimated in rows:
        scene = scenes.get(scene_id)
        if scene is None:
            continue
        placed.add(scene_id)
        target = by_id.get(day_id) if day_id is not None else None
        (target.strips if target is not None else boneyard).append(strip_for(scene, estimated))
    boneyard.extend(
        strip_for(scene, None)
        for scene in scenes.values()
        if scene.pk not in placed and not scene.omitted
    )
    _number_days(days)
    for day in days:
        day.company_moves = _company_moves(day.strips)
    return Board(schedule=schedule, settings=settings, days=days, boneyard=boneyard)


# Day out of days --------------------------------------------------------------------------


@dataclass(frozen=True)
class DoodColumn:
    date: date
    kind: str  # a DayKind: "shoot" when any unit shoots that date
    numbers: tuple[int, ...] = ()  # the shoot-day numbers that fall on the date


@dataclass(frozen=True)
class DoodRowView:
    key: int
    label: str
    cast_number: int | None
    line: DoodLine[int]

    def codes_for(self, columns: list[DoodColumn]) -> list[str]:
        return [self.line.code(column.date) for column in columns]


@dataclass(frozen=True)
class DoodGrid:
    schedule: Schedule
    category: str
    columns: list[DoodColumn]
    rows: list[DoodRowView]
    threshold_days: int


CAST = "cast"


def _dood_columns(access: Access, schedule: Schedule) -> list[DoodColumn]:
    kinds: dict[date, set[str]] = defaultdict(set)
    numbers: dict[date, list[int]] = defaultdict(list)
    days = [BoardDay(day) for day in shoot_days_for(access=access, schedule=schedule)]
    _number_days(days)
    for day in days:
        kinds[day.day.date].add(day.day.kind)
        if day.number is not None:
            numbers[day.day.date].append(day.number)
    order = (DayKind.SHOOT, DayKind.TRAVEL, DayKind.HOLIDAY, DayKind.OFF)
    return [
        DoodColumn(
            on, next(kind for kind in order if kind in kinds[on]), tuple(sorted(numbers[on]))
        )
        for on in sorted(kinds)
    ]


def dood(*, access: Access, schedule: Schedule, category: str = CAST) -> DoodGrid:
    """Day out of days for the cast (``category="cast"``) or one element category (its id).

    Raises ``ElementCategory.DoesNotExist`` for a category of another production.
    """
    settings = board_settings(access=access)
    columns = _dood_columns(access, schedule)
    holidays = frozenset(c.date for c in columns if c.kind == DayKind.HOLIDAY)
    off_days = frozenset(c.date for c in columns if c.kind == DayKind.OFF)
    strips = Strip.objects.for_access(access).filter(
        schedule=schedule, day__isnull=False, day__kind=DayKind.SHOOT
    )
    work: dict[int, set[date]] = defaultdict(set)
    labels: dict[int, tuple[str, int | None]] = {}
    marks: dict[int, dict[date, str]] = defaultdict(dict)
    if category == CAST:
        for key, on in strips.filter(scene__scene_characters__isnull=False).values_list(
            "scene__scene_characters__character_id", "day__date"
        ):
            work[key].add(on)
        for mark in DoodMark.objects.for_access(access).filter(schedule=schedule):
            marks[mark.character_id][mark.date] = mark.code
        people = Character.objects.for_access(access).filter(pk__in={*work, *marks})
        labels = {c.pk: (c.name, c.cast_number) for c in people}
    else:
        element_category = ElementCategory.objects.for_access(access).get(pk=int(category))
        for key, on in strips.filter(
            scene__scene_elements__element__category=element_category
        ).values_list("scene__scene_elements__element_id", "day__date"):
            work[key].add(on)
        elements = Element.objects.for_access(access).filter(pk__in=work)
        labels = {e.pk: (e.name, None) for e in elements}
    dates = [c.date for c in columns]
    rows = [
        DoodRowView(
            key=key,
            label=label,
            cast_number=number,
            line=dood_line(
                key,
                dates,
                work.get(key, ()),
                marks=marks.get(key),
                holidays=holidays,
                off_days=off_days,
                threshold_days=settings.drop_threshold_days,
            ),
        )
        for key, (label, number) in labels.items()
    ]
    rows.sort(key=lambda row: (row.cast_number is None, row.cast_number or 0, row.label.lower()))
    return DoodGrid(schedule, category, columns, rows, settings.drop_threshold_days)


def day_numbers(*, access: Access, schedule: Schedule) -> dict[int, tuple[int, int]]:
    """{day id: (number, of)} for the shoot days of ``schedule``, counted per unit."""
    return number_shoot_days(
        ShootDay.objects.for_access(access)
        .filter(schedule=schedule, kind=DayKind.SHOOT)
        .order_by("date", "id")
        .values_list("pk", "unit_id", "kind")
    )


# Comparing two versions -----------------------------------------------------------------


@dataclass(frozen=True)
class SceneShift:
    """A scene that is on another day (or in or out of the boneyard) in the other version."""

    scene: Scene
    before: ShootDay | None
    after: ShootDay | None


def _placements(board: Board) -> dict[int, tuple[Scene, ShootDay | None]]:
    placed: dict[int, tuple[Scene, ShootDay | None]] = {}
    for day in board.days:
        for strip in day.strips:
            placed[strip.scene.pk] = (strip.scene, day.day)
    for strip in board.boneyard:
        placed[strip.scene.pk] = (strip.scene, None)
    return placed


def compare(*, access: Access, schedule: Schedule, other: Schedule) -> list[SceneShift]:
    """Which scenes are on another date or unit in ``other`` than in ``schedule``."""
    before = _placements(board(access=access, schedule=schedule))
    after = _placements(board(access=access, schedule=other))

    def where(day: ShootDay | None) -> tuple[date, int] | None:
        return (day.date, day.unit_id) if day is not None else None

    shifts = [
        SceneShift(scene, day, after.get(scene_id, (scene, None))[1])
        for scene_id, (scene, day) in before.items()
        if where(day) != where(after.get(scene_id, (scene, None))[1])
    ]
    return sorted(shifts, key=lambda shift: shift.scene.sort_key)


def dood_marks_for(*, access: Access, schedule: Schedule) -> QuerySet[DoodMark]:
    return (
        DoodMark.objects.for_access(access)
        .filter(schedule=schedule)
        .select_related("character")
        .order_by("date", "character__cast_number", "id")
    )

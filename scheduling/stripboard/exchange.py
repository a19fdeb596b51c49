"""Open data: a schedule out as JSON or CSV, and a JSON export back in as a new version.

The JSON names things the way people do (scene numbers, unit and location names), not by
database ids, so it survives a trip through another tool and can be read back into any
production that has those scenes.  Reading it back is all or nothing: every problem is
reported with where it is (``days[3].strips[0].scene``) and nothing is saved.
"""

from __future__ import annotations

import csv
import io
from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from accounts.models import validate_time_zone
from core.dates import validate_calendar_range
from core.spreadsheets import spreadsheet_safe
from crew.models import Character
from productions.scoping import Access
from scheduling.breakdown.models import Location, Scene
from scheduling.stripboard.models import (
    MARKABLE_CODES,
    DayKind,
    DoodMark,
    Schedule,
    ShootDay,
    Strip,
    Unit,
    UnitKind,
)
from scheduling.stripboard.selectors import Board, BoardStrip
from scheduling.stripboard.services import schedule_create

FORMAT = "callboard.schedule"
FORMAT_VERSION = 1
# Bounds on what an import may hold (a feature schedule has ~60 days and a few hundred
# scenes; a long series a few hundred days).
MAX_DAYS = 2_000
MAX_STRIPS = 20_000
MAX_MARKS = 20_000


def _hhmm(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _strip(strip: BoardStrip) -> dict[str, Any]:
    scene = strip.scene
    return {
        "scene": scene.number,
        "int_ext": scene.int_ext,
        "set": scene.set.name if scene.set else "",
        "time_of_day": scene.time_of_day,
        "eighths": scene.eighths,
        "pages": scene.pages,
        "cast_ids": strip.cast_ids,
        "estimated_minutes": strip.estimated_minutes,
        "minutes": strip.minutes,
    }


def export_json(*, board: Board, units: list[Unit], marks: list[DoodMark]) -> dict[str, Any]:
    schedule = board.schedule
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "name": schedule.name,
        "status": schedule.status,
        "notes": schedule.notes,
        "board_version": schedule.board_version,
        "units": [{"name": u.name, "kind": u.kind, "order": u.order} for u in units],
        "days": [
            {
                "unit": day.day.unit.name,
                "date": day.day.date.isoformat(),
                "kind": day.day.kind,
                "day_number": day.number,
                "day_count": day.of,
                "location": day.day.location.name if day.day.location else None,
                "time_zone": day.day.time_zone,
                "local_time_zone": day.time_zone,
                "crew_call": _hhmm(day.day.crew_call),
                "shooting_call": _hhmm(day.day.shooting_call),
                "estimated_wrap": _hhmm(day.day.estimated_wrap),
                "crew_call_at": day.crew_call_at.isoformat() if day.crew_call_at else None,
                "notes": day.day.notes,
                "eighths": day.eighths,
                "pages": day.pages,
                "strips": [_strip(strip) for strip in day.strips],
            }
            for day in board.days
        ],
        "boneyard": [_strip(strip) for strip in board.boneyard],
        "dood_marks": [
            {
                "character": mark.character.name,
                "cast_number": mark.character.cast_number,
                "date": mark.date.isoformat(),
                "code": mark.code,
            }
            for mark in marks
        ],
    }


CSV_HEADER = [
    "unit", "date", "day_number", "kind", "position", "scene", "int_ext", "set",
    "time_of_day", "eighths", "pages", "cast_ids", "estimated_minutes", "location",
]  # fmt: skip


def _cell(value: Any) -> str:
    return spreadsheet_safe("" if value is None else str(value))


def export_csv(*, board: Board) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)

    def row(day: Any, position: int, strip: BoardStrip) -> list[str]:
        scene = strip.scene
        return [
            _cell(value)
            for value in (
                day.day.unit.name if day else "",
                day.day.date.isoformat() if day else "",
                day.number if day else "",
                day.day.kind if day else "boneyard",
                position,
                scene.number,
                scene.int_ext,
                scene.set.name if scene.set else "",
                scene.time_of_day,
                scene.eighths,
                scene.pages,
                " ".join(strip.cast_ids),
                strip.estimated_minutes,
                day.day.location.name if day and day.day.location else "",
            )
        ]

    for day in board.days:
        if not day.strips:
            writer.writerow(
                [
                    _cell(v)
                    for v in (
                        day.day.unit.name,
                        day.day.date.isoformat(),
                        day.number or "",
                        day.day.kind,
                    )
                ]
                + [""] * 10
            )
        for position, strip in enumerate(day.strips, start=1):
            writer.writerow(row(day, position, strip))
    for position, strip in enumerate(board.boneyard, start=1):
        writer.writerow(row(None, position, strip))
    return out.getvalue()


# Import ------------------------------------------------------------------------------------


class _Errors:
    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def add(self, where: str, message: str) -> None:
        if len(self.found) < 50:  # the first fifty are enough to fix a file
            self.found.setdefault(where, []).append(message)

    def raise_any(self) -> None:
        if self.found:
            raise ValidationError(self.found)


def _text(raw: Any, where: str, errors: _Errors, *, limit: int, blank: bool = True) -> str:
    if raw is None and blank:
        return ""
    if not isinstance(raw, str) or len(raw) > limit or (not blank and not raw.strip()):
        errors.add(where, gettext("Give text of at most %(limit)d characters.") % {"limit": limit})
        return ""
    return raw.strip()


def _date(raw: Any, where: str, errors: _Errors) -> date | None:
    try:
        value = date.fromisoformat(raw) if isinstance(raw, str) and len(raw) == 10 else None
        if value is None:
            raise ValueError
        validate_calendar_range(value)
    except (ValueError, ValidationError):
        errors.add(where, gettext("Give a date as YYYY-MM-DD between 1900 and 2200."))
        return None
    return value


def _time(raw: Any, where: str, errors: _Errors) -> time | None:
    if raw is None or raw == "":
        return None
    try:
        if not isinstance(raw, str) or len(raw) != 5:
            raise ValueError
        return time.fromisoformat(raw)
    except ValueError:
        errors.add(where, gettext("Give a time as HH:MM."))
        return None


def _list(raw: Any, where: str, errors: _Errors, limit: int) -> list[Any]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        errors.add(where, gettext("Give a list."))
        return []
    if len(raw) > limit:
        errors.add(where, gettext("At most %(limit)d entries.") % {"limit": limit})
        return []
    return raw


def _object(raw: Any, where: str, errors: _Errors) -> dict[str, Any]:
    if not isinstance(raw, dict):
        errors.add(where, gettext("Give an object."))
        return {}
    return raw


@transaction.atomic
def import_json(
    *, access: Access, data: Any, name: str | None = None, user: Any = None
) -> Schedule:
    """A new draft schedule from an export; ``name`` overrides the file's."""
    errors = _Errors()
    document = _object(data, "non_field_errors", errors)
    errors.raise_any()
    if document.get("format") != FORMAT or document.get("format_version") != FORMAT_VERSION:
        errors.add(
            "format",
            gettext(
                "This is not a Callboard schedule export (format %(format)s, version %(version)d)."
            )
            % {"format": FORMAT, "version": FORMAT_VERSION},
        )
        errors.raise_any()
    production = access.production
    title = (
        name
        if name is not None
        else _text(document.get("name"), "name", errors, limit=120, blank=False)
    )
    scenes = {s.number.upper(): s for s in Scene.objects.for_access(access)}
    locations = {place.name.lower(): place for place in Location.objects.for_access(access)}
    units = {u.name.lower(): u for u in Unit.objects.for_access(access)}
    new_units: dict[str, Unit] = {}
    for index, raw in enumerate(_list(document.get("units"), "units", errors, 50)):
        item = _object(raw, f"units[{index}]", errors)
        unit_name = _text(item.get("name"), f"units[{index}].name", errors, limit=80, blank=False)
        kind = item.get("kind", UnitKind.MAIN)
        if kind not in UnitKind.values:
            errors.add(f"units[{index}].kind", gettext("Unknown kind of unit."))
        if unit_name and unit_name.lower() not in units:
            new_units[unit_name.lower()] = Unit(
                production=production,
                name=unit_name,
                kind=kind if kind in UnitKind.values else UnitKind.MAIN,
            )

    placed: set[str] = set()
    strip_count = 0

    def read_strips(raw_strips: Any, where: str) -> list[tuple[Scene, int | None]]:
        nonlocal strip_count
        found: list[tuple[Scene, int | None]] = []
        for index, raw in enumerate(_list(raw_strips, where, errors, MAX_STRIPS)):
            strip_count += 1
            item = _object(raw, f"{where}[{index}]", errors)
            number = item.get("scene")
            scene = scenes.get(number.strip().upper()) if isinstance(number, str) else None
            if scene is None:
                errors.add(
                    f"{where}[{index}].scene",
                    gettext("No scene numbered %(number)s in this production.")
                    % {"number": str(number)[:20]},
                )
                continue
            if scene.number.upper() in placed:
                errors.add(
                    f"{where}[{index}].scene",
                    gettext("Scene %(number)s is on the board twice.") % {"number": scene.number},
                )
                continue
            placed.add(scene.number.upper())
            minutes = item.get("estimated_minutes")
            if minutes is not None and (
                not isinstance(minutes, int)
                or isinstance(minutes, bool)
                or not 1 <= minutes <= 24 * 60
            ):
                errors.add(
                    f"{where}[{index}].estimated_minutes",
                    gettext("Give whole minutes from 1 to 1440, or null."),
                )
                minutes = None
            found.append((scene, minutes))
        return found

    days: list[tuple[ShootDay, str, list[tuple[Scene, int | None]]]] = []
    seen_days: set[tuple[str, date]] = set()
    for index, raw in enumerate(_list(document.get("days"), "days", errors, MAX_DAYS)):
        where = f"days[{index}]"
        item = _object(raw, where, errors)
        unit_name = _text(item.get("unit"), f"{where}.unit", errors, limit=80, blank=False)
        if unit_name and unit_name.lower() not in units and unit_name.lower() not in new_units:
            errors.add(
                f"{where}.unit",
                gettext("No unit named %(name)s here or in the file's units.")
                % {"name": unit_name},
            )
        on = _date(item.get("date"), f"{where}.date", errors)
        if on is not None and (unit_name.lower(), on) in seen_days:
            errors.add(f"{where}.date", gettext("This unit already has a day on that date."))
        if on is not None:
            seen_days.add((unit_name.lower(), on))
        kind = item.get("kind", DayKind.SHOOT)
        if kind not in DayKind.values:
            errors.add(f"{where}.kind", gettext("Unknown kind of day."))
        location = None
        location_name = item.get("location")
        if location_name is not None:
            location = (
                locations.get(location_name.lower()) if isinstance(location_name, str) else None
            )
            if location is None:
                errors.add(
                    f"{where}.location",
                    gettext("No location named %(name)s in this production.")
                    % {"name": str(location_name)[:200]},
                )
        zone = _text(item.get("time_zone"), f"{where}.time_zone", errors, limit=64)
        if zone:
            try:
                validate_time_zone(zone)
            except ValidationError:
                errors.add(f"{where}.time_zone", gettext("Unknown time zone."))
        strips = read_strips(item.get("strips"), f"{where}.strips")
        if strips and kind != DayKind.SHOOT:
            errors.add(f"{where}.strips", gettext("Scenes go on shoot days only."))
        day = ShootDay(
            date=on or date(2000, 1, 1),
            kind=kind if kind in DayKind.values else DayKind.SHOOT,
            location=location,
            time_zone=zone,
            crew_call=_time(item.get("crew_call"), f"{where}.crew_call", errors),
            shooting_call=_time(item.get("shooting_call"), f"{where}.shooting_call", errors),
            estimated_wrap=_time(item.get("estimated_wrap"), f"{where}.estimated_wrap", errors),
            notes=_text(item.get("notes"), f"{where}.notes", errors, limit=10_000),
        )
        days.append((day, unit_name.lower(), strips))
    boneyard = read_strips(document.get("boneyard"), "boneyard")
    if strip_count > MAX_STRIPS:
        errors.add("days", gettext("At most %(limit)d strips.") % {"limit": MAX_STRIPS})
    characters = {c.cast_number: c for c in Character.objects.for_access(access) if c.cast_number}
    by_name = {c.name.upper(): c for c in Character.objects.for_access(access)}
    marks: list[DoodMark] = []
    for index, raw in enumerate(_list(document.get("dood_marks"), "dood_marks", errors, MAX_MARKS)):
        where = f"dood_marks[{index}]"
        item = _object(raw, where, errors)
        number, character_name = item.get("cast_number"), item.get("character")
        character = characters.get(number) if isinstance(number, int) else None
        if character is None and isinstance(character_name, str):
            character = by_name.get(character_name.upper())
        if character is None:
            errors.add(f"{where}.character", gettext("No such character in this production."))
        on = _date(item.get("date"), f"{where}.date", errors)
        code = item.get("code")
        if code not in {c.value for c in MARKABLE_CODES}:
            errors.add(f"{where}.code", gettext("Marks are T, R, FT or H."))
        if character is not None and on is not None and code in {c.value for c in MARKABLE_CODES}:
            marks.append(DoodMark(character=character, date=on, code=code))
    errors.raise_any()

    schedule = schedule_create(production=production, name=title, user=user)
    schedule.notes = _text(document.get("notes"), "notes", errors, limit=10_000)
    schedule.save(update_fields=["notes"])
    Unit.objects.bulk_create(new_units.values())
    units.update(new_units)
    for day, unit_key, _strips in days:
        day.schedule = schedule
        day.unit = units[unit_key]
    ShootDay.objects.bulk_create(day for day, _unit, _strips in days)
    Strip.objects.bulk_create(
        [
            Strip(
                schedule=schedule,
                scene=scene,
                day=day,
                position=position,
                estimated_minutes=minutes,
            )
            for day, _unit, strips in days
            for position, (scene, minutes) in enumerate(strips)
        ]
        + [
            Strip(
                schedule=schedule,
                scene=scene,
                day=None,
                position=position,
                estimated_minutes=minutes,
            )
            for position, (scene, minutes) in enumerate(boneyard)
        ]
    )
    for mark in marks:
        mark.schedule = schedule
    DoodMark.objects.bulk_create(marks, ignore_conflicts=True)
    return schedule

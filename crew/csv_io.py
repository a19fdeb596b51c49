"""The crew list as CSV: export (privacy-filtered) and all-or-nothing import.

The columns are documented in docs/crew-csv.md; keep the two in step. Column names and
status values are the file format, the same in every language; the import's messages are
in the importer's.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.spreadsheets import spreadsheet_safe, spreadsheet_unsafe
from crew.models import Department, Engagement, EngagementStatus, Person, Position
from crew.phones import default_phone_region, normalise_phone
from crew.policies import can_see_engagement_notes
from crew.privacy import (
    CONTACT_FIELDS,
    PRIVATE_FIELDS,
    fields_visible_on_anyone,
    visible_fields_by_person,
)
from crew.services import PERSON_FIELDS, crew_member_add, crew_member_update
from productions.roles import Action
from productions.scoping import Access

COLUMNS: tuple[str, ...] = (
    "name",
    "pronouns",
    "email",
    "phone",
    "department",
    "position",
    "status",
    "start_date",
    "end_date",
    "call_offset_minutes",
    "notes",
    "address",
    "emergency_contact_name",
    "emergency_contact_phone",
    "dietary_notes",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("name", "position")
PERSON_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c in PERSON_FIELDS)
PHONE_COLUMNS: tuple[str, ...] = ("phone", "emergency_contact_phone")
MAX_ROWS = 5000
# Every check on an upload is linear in its size, and these caps keep the size small: a
# crew file needs 15 columns, and no cell (an address, notes) needs 10,000 characters.
MAX_BYTES = 2 * 1024 * 1024
MAX_COLUMNS = 100
MAX_CELL_CHARS = 10_000
_UNESCAPED_COLUMNS = {"phone", "emergency_contact_phone", "call_offset_minutes"}


class _Writer(Protocol):
    def write(self, content: str, /) -> Any: ...


# Export -------------------------------------------------------------------------------


def _escape(column: str, value: str) -> str:
    return value if column in _UNESCAPED_COLUMNS else spreadsheet_safe(value)


def _export_value(column: str, engagement: Engagement) -> str:
    person = engagement.person
    value: Any
    if column in PERSON_COLUMNS:
        value = getattr(person, column)
    elif column == "department":
        value = engagement.department.name if engagement.department else ""
    elif column == "position":
        value = engagement.position.title
    else:
        value = getattr(engagement, column)
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return _escape(column, str(value))


def crew_csv_export(*, access: Access, engagements: Iterable[Engagement], out: _Writer) -> None:
    """Write one row per engagement, with only the columns the viewer may see.

    A private column appears when the viewer's role shows it on everyone, or when at
    least one exported row shows it (someone shared their phone); on the other rows its
    cell is blank. Notes appear to those who manage the row's department.
    """
    rows = list(engagements)
    visible = visible_fields_by_person(access, rows)
    notes = {e.pk: can_see_engagement_notes(access, e) for e in rows}
    # Columns the role shows on anyone (notes: of an engagement in no department).
    on_anyone = fields_visible_on_anyone(access) | (
        {"notes"} if can_see_engagement_notes(access, Engagement()) else set()
    )

    def shown(column: str) -> bool:
        if column == "notes":
            return column in on_anyone or any(notes.values())
        if column in CONTACT_FIELDS + PRIVATE_FIELDS:
            return column in on_anyone or any(column in fields for fields in visible.values())
        return True

    columns = [column for column in COLUMNS if shown(column)]
    writer = csv.writer(out)
    writer.writerow(columns)
    for engagement in rows:
        allowed = visible[engagement.person_id]
        cells = []
        for column in columns:
            hidden = (column == "notes" and not notes[engagement.pk]) or (
                column in CONTACT_FIELDS + PRIVATE_FIELDS and column not in allowed
            )
            cells.append("" if hidden else _export_value(column, engagement))
        writer.writerow(cells)


# Import -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    line: int | None  # None: the file as a whole
    field: str | None
    message: str


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class CsvFileError(Exception):
    """The file cannot be read as a crew list; ``line`` and ``column`` say where, if known."""

    def __init__(self, message: str, *, line: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def _cell_too_long(length: int | None, *, line: int, column: str | None = None) -> CsvFileError:
    if length is None:
        message = _("A cell holds at most %(max)d characters.") % {"max": MAX_CELL_CHARS}
    else:
        message = _("A cell holds at most %(max)d characters; this one has %(length)d.") % {
            "max": MAX_CELL_CHARS,
            "length": length,
        }
    return CsvFileError(message, line=line, column=column)


def _check_cells(cells: list[str], *, line: int, header: list[str] | None) -> None:
    """At most MAX_COLUMNS cells, none longer than MAX_CELL_CHARS (one pass over the line)."""
    if len(cells) > MAX_COLUMNS:
        if header is None:
            message = ngettext(
                "The header names %(count)d column; a crew file has at most %(max)d.",
                "The header names %(count)d columns; a crew file has at most %(max)d.",
                len(cells),
            )
        else:
            message = ngettext(
                "This line has %(count)d cell; a crew file has at most %(max)d columns.",
                "This line has %(count)d cells; a crew file has at most %(max)d columns.",
                len(cells),
            )
        raise CsvFileError(message % {"count": len(cells), "max": MAX_COLUMNS}, line=line)
    for index, cell in enumerate(cells):
        if len(cell) > MAX_CELL_CHARS:
            column = header[index] if header is not None and index < len(header) else None
            raise _cell_too_long(len(cell), line=line, column=column)


def _decode(data: bytes) -> str:
    if not data.strip():
        raise CsvFileError(_("The file is empty."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvFileError(
            _(
                "This file is not UTF-8 text. Save it as “CSV UTF-8” (Excel) or with the "
                "“Unicode (UTF-8)” character set (LibreOffice, Numbers), then try again."
            )
        ) from None
    if "\x00" in text:
        raise CsvFileError(_("This is not a CSV text file. Export the sheet as CSV UTF-8."))
    return text


def _header_key(raw: str) -> str:
    key = re.sub(r"[\s\-]+", "_", raw.strip().lower())
    return {"e_mail": "email"}.get(key, key)


def _read(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (normalised) and the non-blank rows, each with its first line number.

    Stops at the first problem with the file as a whole (too wide, a cell too long, not
    CSV, a bad header), naming its line, so a hostile file costs one linear pass at most.
    """
    lines = text.lstrip("\ufeff\r\n").splitlines()
    if not lines:
        raise CsvFileError(
            _("The file is empty: export the crew list from your spreadsheet again.")
        )
    delimiter = _delimiter(lines[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            _check_cells(cells, line=start, header=header)
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [_header_key(cell) for cell in cells]
                _check_header(header)
                continue
            rows.append((start, cells))
            if len(rows) > MAX_ROWS:
                raise CsvFileError(
                    ngettext(
                        "The file has more than %(count)d row; split it.",
                        "The file has more than %(count)d rows; split it.",
                        MAX_ROWS,
                    )
                    % {"count": MAX_ROWS}
                )
    except csv.Error as exc:
        if _FIELD_LIMIT in str(exc):
            raise _cell_too_long(None, line=line) from None
        # Translators: error is Python's description of the problem, in English.
        message = _("Line %(line)d: the file is not valid CSV (%(error)s).")
        raise CsvFileError(message % {"line": line, "error": exc}) from None
    if header is None:
        raise CsvFileError(_("The file is empty."))
    if not rows:
        raise CsvFileError(_("The file has a header but no rows."))
    return header, rows


# Python's csv module refuses a field over csv.field_size_limit() (131,072 characters,
# process-wide, left alone) with this message.
_FIELD_LIMIT = "field larger than field limit"


def _delimiter(first_line: str) -> str:
    """Comma, or the semicolon or tab some spreadsheets save, told from the header line."""
    for candidate in (",", ";", "\t"):
        try:
            cells = next(csv.reader([first_line], delimiter=candidate))
        except csv.Error:
            return ","  # the reader reports the problem with its line
        if "name" in {_header_key(cell) for cell in cells[: MAX_COLUMNS + 1]}:
            return candidate
    return ","


def _check_header(header: list[str]) -> None:
    expected = ", ".join(COLUMNS)
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise CsvFileError(
            _(
                "The first line must name the columns, and it lacks %(missing)s. "
                "Known columns: %(known)s."
            )
            % {"missing": ", ".join(missing), "known": expected}
        )
    unknown = [column for column in header if column not in COLUMNS]
    if unknown:
        raise CsvFileError(
            ngettext(
                "Unknown column %(unknown)s. Known columns: %(known)s.",
                "Unknown columns %(unknown)s. Known columns: %(known)s.",
                len(unknown),
            )
            % {"unknown": ", ".join(f"“{c}”" for c in unknown), "known": expected}
        )
    repeated = sorted(column for column, count in Counter(header).items() if count > 1)
    if repeated:
        raise CsvFileError(
            ngettext(
                "Column %(columns)s appears more than once.",
                "Columns %(columns)s appear more than once.",
                len(repeated),
            )
            % {"columns": ", ".join(repeated)}
        )


def _unescape(value: str) -> str:
    return spreadsheet_unsafe(value.strip())


@dataclass
class _Lookups:
    region: str | None
    departments: dict[str, Department]
    department_names: str  # for the unknown-department message, joined once
    positions: dict[str, Position]
    people_by_email: dict[str, Person]
    people_by_name: dict[str, list[Person]]  # people without an e-mail
    engagements: dict[tuple[int, int], Engagement]


def _lookups(access: Access) -> _Lookups:
    people = list(Person.objects.for_access(access))
    by_name: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        if not person.email:
            by_name[person.name.strip().lower()].append(person)
    departments = {d.name.lower(): d for d in Department.objects.for_access(access)}
    return _Lookups(
        region=default_phone_region(access.production),
        departments=departments,
        department_names=", ".join(d.name for d in departments.values()),
        positions={p.title.lower(): p for p in Position.objects.for_access(access)},
        people_by_email={p.email.lower(): p for p in people if p.email},
        people_by_name=by_name,
        engagements={
            (e.person_id, e.position_id): e for e in Engagement.objects.for_access(access)
        },
    )


@dataclass
class _Row:
    line: int
    values: dict[str, str]
    person_fields: dict[str, Any] = field(default_factory=dict)
    engagement_fields: dict[str, Any] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)

    def error(self, column: str | None, message: str) -> None:
        self.errors.append(RowError(self.line, column, message))


def _parse(row: _Row, lookups: _Lookups) -> None:
    """Turn one row's cells into service arguments, noting every problem found."""
    values = row.values
    if not values.get("name"):
        row.error("name", _("A name is required."))
    for column in PERSON_COLUMNS:
        if column not in values:
            continue
        value = values[column]
        if column in PHONE_COLUMNS and value:
            try:
                value = normalise_phone(value, lookups.region)
            except ValidationError as exc:
                row.error(column, " ".join(exc.messages))
                continue
        row.person_fields[column] = value.lower() if column == "email" else value

    position_title = values.get("position", "")
    position = lookups.positions.get(position_title.lower())
    if not position_title:
        row.error("position", _("A position is required."))
    elif position is None:
        row.error(
            "position",
            _("Unknown position “%(position)s”. Add it first, or fix the spelling.")
            % {"position": position_title},
        )
    else:
        row.engagement_fields["position"] = position

    if "department" in values:
        name = values["department"]
        department = lookups.departments.get(name.lower()) if name else None
        if name and department is None:
            row.error(
                "department",
                _("Unknown department “%(department)s”. This production has: %(known)s.")
                % {"department": name, "known": lookups.department_names},
            )
        else:
            # Blank: the position's own department (engagement_save fills it in).
            row.engagement_fields["department"] = department

    if "status" in values:
        status = _status(values["status"])
        if status is None:
            choices = ", ".join(EngagementStatus.values)
            row.error(
                "status",
                _("Unknown status “%(status)s”; use one of %(choices)s.")
                % {"status": values["status"], "choices": choices},
            )
        else:
            row.engagement_fields["status"] = status

    for column in ("start_date", "end_date"):
        if column in values:
            raw = values[column]
            try:
                row.engagement_fields[column] = date.fromisoformat(raw) if raw else None
            except ValueError:
                row.error(
                    column, _("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": raw}
                )
    start, end = row.engagement_fields.get("start_date"), row.engagement_fields.get("end_date")
    if start and end and end < start:
        row.error("end_date", _("The end date cannot be before the start date."))

    if "call_offset_minutes" in values:
        raw = values["call_offset_minutes"]
        try:
            row.engagement_fields["call_offset_minutes"] = int(raw) if raw else 0
        except ValueError:
            row.error(
                "call_offset_minutes",
                _("“%(value)s” is not a whole number of minutes.") % {"value": raw},
            )
    if "notes" in values:
        row.engagement_fields["notes"] = values["notes"]


def _status(raw: str) -> str | None:
    if not raw:
        return EngagementStatus.OFFERED.value
    for value, label in EngagementStatus.choices:
        if raw.lower() in (value, str(label).lower()):
            return str(value)
    return None


def _match_person(row: _Row, lookups: _Lookups) -> Person | None:
    email = row.person_fields.get("email", "")
    if email:
        return lookups.people_by_email.get(email)
    same_name = lookups.people_by_name.get(row.values.get("name", "").lower(), [])
    return same_name[0] if len(same_name) == 1 else None


def _save(row: _Row, access: Access, lookups: _Lookups) -> bool:
    """Write one parsed row; True if it created a person. Raises ValidationError.

    The same services as the pages and the API: a new person with their engagement, or
    an existing person with a new or changed engagement.
    """
    person = _match_person(row, lookups)
    created = person is None
    position: Position = row.engagement_fields["position"]
    if person is None:
        engagement = crew_member_add(
            production=access.production,
            person_fields=row.person_fields,
            engagement_fields=row.engagement_fields,
            access=access,
        )
        person = engagement.person
    else:
        engagement = lookups.engagements.get((person.pk, position.pk)) or Engagement(
            production=access.production, person=person
        )
        crew_member_update(
            engagement=engagement,
            person_fields=row.person_fields,
            engagement_fields=row.engagement_fields,
            access=access,
        )
    if created:
        if person.email:
            lookups.people_by_email[person.email] = person
        else:
            lookups.people_by_name[person.name.lower()].append(person)
    lookups.engagements[(person.pk, position.pk)] = engagement
    return created


def _duplicates(rows: list[_Row]) -> None:
    seen: dict[tuple[str, str], int] = {}
    names: dict[str, tuple[str, int]] = {}
    for row in rows:
        email = row.values.get("email", "").lower()
        name = row.values.get("name", "")
        who = email or f"name:{name.lower()}"
        key = (who, row.values.get("position", "").lower())
        if key in seen:
            row.error(
                "email" if email else "name",
                _("Duplicate of line %(line)d: the same person and position twice.")
                % {"line": seen[key]},
            )
        else:
            seen[key] = row.line
        if email:
            if email in names and names[email][0].lower() != name.lower():
                first_name, first_line = names[email]
                row.error(
                    "email",
                    _("Line %(line)d gives this e-mail to “%(name)s”.")
                    % {"line": first_line, "name": first_name},
                )
            names.setdefault(email, (name, row.line))


def _service_errors(row: _Row, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            row.error(None, message)
        return
    for column, messages in exc.message_dict.items():
        for message in messages:
            row.error(None if column == NON_FIELD_ERRORS else column, message)


def crew_csv_import(*, access: Access, data: bytes) -> ImportReport:
    """Add or update crew from a CSV file: every row valid, or nothing saved.

    A row whose e-mail matches someone on the production updates that person (and
    their engagement in the row's position) instead of adding a duplicate.
    """
    access.require(Action.MANAGE_CREW)
    report = ImportReport()
    try:
        if len(data) > MAX_BYTES:
            raise CsvFileError(_("The file is larger than 2 MB; split it into smaller files."))
        header, raw_rows = _read(_decode(data))
    except CsvFileError as exc:
        report.errors.append(RowError(exc.line, exc.column, str(exc)))
        return report
    rows: list[_Row] = []
    for line, cells in raw_rows:
        row = _Row(
            line, {column: _unescape(cell) for column, cell in zip(header, cells, strict=False)}
        )
        if len(cells) > len(header):
            message = ngettext(
                # Translators: columns is the message below ("3 columns").
                "%(cells)d cell, but the header names %(columns)s.",
                "%(cells)d cells, but the header names %(columns)s.",
                len(cells),
            )
            columns = ngettext("%(count)d column", "%(count)d columns", len(header))
            row.error(
                None,
                message % {"cells": len(cells), "columns": columns % {"count": len(header)}},
            )
        rows.append(row)
    report.rows = len(rows)
    lookups = _lookups(access)
    for row in rows:
        _parse(row, lookups)
    _duplicates(rows)
    with transaction.atomic():
        for row in rows:
            # Keep going after a bad row so the report lists every problem in the file.
            if not row.errors:
                try:
                    with transaction.atomic():
                        created = _save(row, access, lookups)
                except ValidationError as exc:
                    _service_errors(row, exc)
                else:
                    report.created += created
                    report.updated += not created
            report.errors.extend(row.errors)
        if report.errors:
            # Validated every row, saved none: the import is one transaction.
            transaction.set_rollback(True)
            report.created = report.updated = 0
    return report

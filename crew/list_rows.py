"""The crew list's rows, with every value the page shows worked out once per row.

The list page renders hundreds of rows; the template only places these strings (no URL
reversal, date filter or phone formatting per row, no lookups through related objects),
and the rendered table is cached until the production's data changes
(``productions.fragments``), per viewer visibility class (``crew.privacy``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from django.template.loader import render_to_string
from django.utils import dateformat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.reversing import url_maker
from crew.models import Engagement, EngagementStatus
from crew.phones import display_phone
from crew.policies import can_edit_engagement
from crew.privacy import visibility_class, visible_fields_by_person
from productions.fragments import cached_fragment
from productions.scoping import Access


def call_label(minutes: int) -> str:
    """A call offset as a crew member reads it: 'General call', '30 min before'."""
    if minutes == 0:
        return _("General call")
    hours, mins = divmod(abs(minutes), 60)
    if hours and mins:
        # Translators: h and min are the units' symbols, without plural: "1 h 30 min".
        amount = _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": mins}
    elif hours:
        amount = _("%(hours)d h") % {"hours": hours}
    else:
        amount = _("%(minutes)d min") % {"minutes": mins}
    if minutes < 0:
        # Translators: a call time relative to the general call: "1 h 30 min before".
        return _("%(amount)s before") % {"amount": amount}
    return _("%(amount)s after") % {"amount": amount}


def dates_label(start: date | None, end: date | None) -> str:
    """An engagement's dates as the list shows them: "2 Jun – 4 Jul 2025"."""
    first = dateformat.format(start, "j M") if start else ""
    last = dateformat.format(end, "j M Y") if end else ""
    return f"{first} – {last}" if start or end else ""


class CrewRow(TypedDict):
    """One engagement as the list shows it; contact values only where the viewer may see
    them (``crew.privacy.visible_fields``), empty otherwise."""

    id: int
    person_url: str
    name: str
    pronouns: str
    position: str
    edit_url: str
    edit_label: str
    email: str
    phone: str
    phone_href: str
    dates: str
    call: str
    status: str
    status_class: str


class CrewGroup(TypedDict):
    name: str
    rows: list[CrewRow]
    rows_html: str  # filled by crew_table


_BADGE: dict[str, str] = {EngagementStatus.CONFIRMED: "ok", EngagementStatus.OFFERED: "warn"}


@dataclass(frozen=True)
class CrewTable:
    """The rendered table and the counts above it (what the fragment cache keeps)."""

    html: str
    engagement_count: int
    people_count: int


def crew_groups(access: Access, engagements: list[Engagement]) -> tuple[list[CrewGroup], bool]:
    """Rows by department, in the engagements' order, and whether any shows a contact."""
    visible = visible_fields_by_person(access, engagements)
    production_id = access.production.pk
    person_url = url_maker("crew:person", production_id)
    edit_url = url_maker("crew:engagement-edit", production_id)
    no_department = _("No department")
    statuses = dict(EngagementStatus.choices)
    calls: dict[int, str] = {}
    groups: list[CrewGroup] = []
    department_id: object = object()
    show_contact = False
    for engagement in engagements:
        person = engagement.person
        fields = visible[person.pk]
        email = person.email if "email" in fields else ""
        phone = person.phone if "phone" in fields else ""
        show_contact = show_contact or bool({"email", "phone"} & fields)
        minutes = engagement.call_offset_minutes
        if minutes not in calls:
            calls[minutes] = call_label(minutes)
        editable = can_edit_engagement(access, engagement)
        row: CrewRow = {
            "id": engagement.pk,
            "person_url": person_url(person.pk),
            "name": person.name,
            "pronouns": person.pronouns,
            "position": engagement.position.title if engagement.position else "",
            "edit_url": edit_url(engagement.pk) if editable else "",
            "edit_label": _("Edit %(name)s's engagement") % {"name": person.name}
            if editable
            else "",
            "email": email,
            "phone": display_phone(phone),
            "phone_href": phone,
            "dates": dates_label(engagement.start_date, engagement.end_date),
            "call": calls[minutes],
            "status": str(statuses.get(engagement.status, engagement.status)),
            "status_class": _BADGE.get(engagement.status, ""),
        }
        if engagement.department_id != department_id:
            department_id = engagement.department_id
            name = (engagement.department.name if engagement.department else "") or no_department
            groups.append({"name": name, "rows": [], "rows_html": ""})
        groups[-1]["rows"].append(row)
    return groups, show_contact


def _row_html(row: CrewRow, show_contact: bool, edit: str) -> str:
    """One row's markup: the template's loop, in Python (it was half of rendering the
    list). Every value is escaped; contact values are empty unless the viewer may see them."""
    name = f'<a href="{escape(row["person_url"])}">{escape(row["name"])}</a>'
    if row["pronouns"]:
        name += f' <span class="muted">({escape(row["pronouns"])})</span>'
    position: str = escape(row["position"])
    if row["edit_url"]:
        position += (
            f' <a class="muted" href="{escape(row["edit_url"])}" '
            f'aria-label="{escape(row["edit_label"])}">{edit}</a>'
        )
    contact = ""
    if show_contact:
        links = []
        if row["email"]:
            email = escape(row["email"])
            links.append(f'<a href="mailto:{email}">{email}</a>')
        if row["phone_href"]:
            links.append(f'<a href="tel:{escape(row["phone_href"])}">{escape(row["phone"])}</a>')
        contact = f"\n      <td>{'<br>'.join(links)}</td>"
    badge = f"badge {row['status_class']}" if row["status_class"] else "badge"
    return (
        f'\n    <tr id="engagement-{row["id"]}">'
        f"\n      <td>{name}</td>"
        f"\n      <td>{position}</td>{contact}"
        f"\n      <td>{escape(row['dates'])}</td>"
        f"\n      <td>{escape(row['call'])}</td>"
        f'\n      <td><span class="{badge}">{escape(row["status"])}</span></td>'
        "\n    </tr>"
    )


def crew_table(access: Access, engagements: list[Engagement]) -> CrewTable:
    groups, show_contact = crew_groups(access, engagements)
    edit = escape(_("Edit"))
    for group in groups:
        rows = "".join(_row_html(row, show_contact, edit) for row in group["rows"])
        group["rows_html"] = mark_safe(rows)  # nosec B308 B703  # every value escaped above
    html = ""
    if groups:
        html = render_to_string(
            "crew/_table.html", {"groups": groups, "show_contact": show_contact}
        )
    return CrewTable(
        html=html,
        engagement_count=len(engagements),
        people_count=len({e.person_id for e in engagements}),
    )


def cached_crew_table(
    access: Access, query: tuple[tuple[str, str], ...], engagements: Callable[[], list[Engagement]]
) -> CrewTable:
    """The crew table for this query, rendered once per data version and viewer class."""
    return cached_fragment(
        access,
        "crew.list",
        (query, visibility_class(access)),
        lambda: crew_table(access, engagements()),
    )

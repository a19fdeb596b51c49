"""The role table: what each membership role may do on its production.

This is the single source of truth; docs/permissions.md renders the same table and a
test checks the two agree.
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrPromise


class Role(models.TextChoices):
    PRODUCER = "producer", _("Producer / production office")
    ASSISTANT_DIRECTOR = "ad", _("Assistant director")
    DEPARTMENT_HEAD = "hod", _("Department head")
    DIRECTOR = "director", _("Director / creator")
    CREW = "crew", _("Crew / cast")


class Action(StrEnum):
    VIEW_PRODUCTION = "view_production"
    MANAGE_PRODUCTION = "manage_production"  # settings, co-producers, delete
    MANAGE_MEMBERS = "manage_members"
    VIEW_ALL_CONTACTS = "view_all_contacts"  # e-mail and phone of everyone
    VIEW_DEPARTMENT_CONTACTS = "view_department_contacts"  # … of one's own department
    VIEW_PRIVATE_DETAILS = "view_private_details"  # address, emergency contact, diet
    VIEW_UNAVAILABILITY_REASONS = "view_unavailability_reasons"
    MANAGE_CREW = "manage_crew"  # any engagement, people, CSV import
    MANAGE_DEPARTMENT_CREW = "manage_department_crew"  # engagements of one's own department
    MANAGE_DEPARTMENTS = "manage_departments"  # departments, positions, characters
    VIEW_SCHEDULE = "view_schedule"
    EDIT_SCHEDULE = "edit_schedule"
    DRAFT_CALL_SHEETS = "draft_call_sheets"
    APPROVE_CALL_SHEETS = "approve_call_sheets"
    PUBLISH_CALL_SHEETS = "publish_call_sheets"
    MANAGE_DEADLINES = "manage_deadlines"
    EDIT_BREAKDOWN = "edit_breakdown"


# How a refusal names each action: "As director / creator on this production you may not
# <label>." Lower case: the label completes that sentence (its context says so).
ACTION_LABELS: dict[Action, StrPromise] = {
    Action.VIEW_PRODUCTION: pgettext_lazy("you may not …", "view production"),
    Action.MANAGE_PRODUCTION: pgettext_lazy("you may not …", "manage production"),
    Action.MANAGE_MEMBERS: pgettext_lazy("you may not …", "manage members"),
    Action.VIEW_ALL_CONTACTS: pgettext_lazy("you may not …", "view all contacts"),
    Action.VIEW_DEPARTMENT_CONTACTS: pgettext_lazy("you may not …", "view department contacts"),
    Action.VIEW_PRIVATE_DETAILS: pgettext_lazy("you may not …", "view private details"),
    Action.VIEW_UNAVAILABILITY_REASONS: pgettext_lazy(
        "you may not …", "view unavailability reasons"
    ),
    Action.MANAGE_CREW: pgettext_lazy("you may not …", "manage crew"),
    Action.MANAGE_DEPARTMENT_CREW: pgettext_lazy("you may not …", "manage department crew"),
    Action.MANAGE_DEPARTMENTS: pgettext_lazy("you may not …", "manage departments"),
    Action.VIEW_SCHEDULE: pgettext_lazy("you may not …", "view schedule"),
    Action.EDIT_SCHEDULE: pgettext_lazy("you may not …", "edit schedule"),
    Action.DRAFT_CALL_SHEETS: pgettext_lazy("you may not …", "draft call sheets"),
    Action.APPROVE_CALL_SHEETS: pgettext_lazy("you may not …", "approve call sheets"),
    Action.PUBLISH_CALL_SHEETS: pgettext_lazy("you may not …", "publish call sheets"),
    Action.MANAGE_DEADLINES: pgettext_lazy("you may not …", "manage deadlines"),
    Action.EDIT_BREAKDOWN: pgettext_lazy("you may not …", "edit breakdown"),
}

_EVERYONE = {Action.VIEW_PRODUCTION}
_READ_ALL = _EVERYONE | {Action.VIEW_SCHEDULE}

ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.PRODUCER: frozenset(Action),
    Role.ASSISTANT_DIRECTOR: frozenset(
        _READ_ALL
        | {
            Action.VIEW_ALL_CONTACTS,
            Action.VIEW_PRIVATE_DETAILS,
            Action.EDIT_SCHEDULE,
            Action.DRAFT_CALL_SHEETS,
            Action.EDIT_BREAKDOWN,
        }
    ),
    Role.DEPARTMENT_HEAD: frozenset(
        _READ_ALL | {Action.VIEW_DEPARTMENT_CONTACTS, Action.MANAGE_DEPARTMENT_CREW}
    ),
    Role.DIRECTOR: frozenset(_READ_ALL | {Action.APPROVE_CALL_SHEETS}),
    # Crew and cast see the schedule through their call sheets, not the whole board.
    Role.CREW: frozenset(_EVERYONE),
}


def role_allows(role: str, action: Action) -> bool:
    return action in ROLE_ACTIONS[Role(role)]

"""Crew permissions that combine the role table with facts about the object.

Every page, API view, CSV import/export and template asks these functions (templates
through the page context: ``page_abilities`` for the production-wide ones, per-object
flags computed here for the rest), so a role sees exactly the buttons it may use and
every surface answers it alike. Which contact fields a viewer sees is crew.privacy's.
"""

from __future__ import annotations

from crew.access import head_of_department_ids, own_person_ids, person_department_ids
from crew.models import Deadline, Engagement, Person
from crew.services import PERSON_FIELDS
from productions.roles import Action
from productions.scoping import Access

# What a person may change on their own record: everything but their name, which is the
# production's (it is how call sheets and the cast list name them).
OWN_DETAIL_FIELDS: frozenset[str] = frozenset(PERSON_FIELDS) - {"name"}


def _is_self(access: Access, person: Person) -> bool:
    return person.pk in own_person_ids(access)


# Engagements ----------------------------------------------------------------------------


def can_manage_department(access: Access, department_id: int | None) -> bool:
    """Engage people in, and edit engagements of, this department."""
    if access.can(Action.MANAGE_CREW):
        return True
    return (
        access.can(Action.MANAGE_DEPARTMENT_CREW)
        and department_id is not None
        and department_id in head_of_department_ids(access)
    )


def engagement_department_ids(access: Access) -> frozenset[int] | None:
    """The departments (and their positions) the viewer may engage people in.

    None: every department, and positions without one (producers); otherwise the
    departments a department head runs (empty for everyone else).
    """
    if access.can(Action.MANAGE_CREW):
        return None
    if access.can(Action.MANAGE_DEPARTMENT_CREW):
        return head_of_department_ids(access)
    return frozenset()


def can_add_crew(access: Access) -> bool:
    """Add a person to the team: producers, and department heads (to their department)."""
    return engagement_department_ids(access) != frozenset()


def can_place_engagement(access: Access, engagement: Engagement) -> bool:
    """Engage someone as the engagement's position in its department (as they would be saved).

    A department head only in a department they run, and only with a position of one:
    the page offers no other, and the API refuses the same.
    """
    allowed = engagement_department_ids(access)
    if allowed is None:
        return True
    position_department = engagement.position.department_id if engagement.position_id else None
    return engagement.department_id in allowed and position_department in allowed


def can_edit_engagement(access: Access, engagement: Engagement) -> bool:
    """Change (or remove) this engagement, its dates, call, status and notes."""
    return can_manage_department(access, engagement.department_id)


def can_see_engagement_notes(access: Access, engagement: Engagement) -> bool:
    """Department notes are for those who manage the engagement (not the person)."""
    return can_edit_engagement(access, engagement)


def can_engage_person(access: Access, person: Person) -> bool:
    """Give someone already on the team another engagement.

    Producers anyone; a department head only people already in their department, since
    engaging someone would show them that person's contacts (new people come through
    "Add a person").
    """
    allowed = engagement_department_ids(access)
    if allowed is None:
        return True
    departments = person_department_ids(access, [person.pk]).get(person.pk, frozenset())
    return bool(allowed & departments)


# People ---------------------------------------------------------------------------------


def editable_person_fields(access: Access, person: Person) -> frozenset[str]:
    """The fields of ``person`` the viewer may change (empty: none).

    Producers everything; anyone their own contact details, private details and what
    they share. A department head manages engagements, not people.
    """
    if access.can(Action.MANAGE_CREW):
        return frozenset(PERSON_FIELDS)
    if _is_self(access, person):
        return OWN_DETAIL_FIELDS
    return frozenset()


def can_edit_person(access: Access, person: Person) -> bool:
    return bool(editable_person_fields(access, person))


def can_see_share_flags(access: Access, engagement: Engagement) -> bool:
    """What the person chose to share: the person, and whoever manages the engagement."""
    return _is_self(access, engagement.person) or can_edit_engagement(access, engagement)


# Unavailability -------------------------------------------------------------------------


def can_see_unavailability(access: Access, person: Person) -> bool:
    """The dates: the person, and the roles that build or read the schedule."""
    return _is_self(access, person) or access.can(Action.VIEW_SCHEDULE)


def can_see_unavailability_reason(access: Access, person: Person) -> bool:
    """Why they are unavailable: the person and producers."""
    return _is_self(access, person) or access.can(Action.VIEW_UNAVAILABILITY_REASONS)


def can_change_unavailability(access: Access, person: Person) -> bool:
    """Add and remove their dates: the person and producers."""
    return _is_self(access, person) or access.can(Action.MANAGE_CREW)


# Cast -----------------------------------------------------------------------------------


def can_edit_characters(access: Access) -> bool:
    """Add, renumber, recast, rename and delete characters: producers and ADs.

    ADs because they break the script down (characters come from the screenplay import).
    """
    return access.can(Action.MANAGE_DEPARTMENTS) or access.can(Action.EDIT_BREAKDOWN)


# Deadlines ------------------------------------------------------------------------------


def can_complete_deadline(access: Access, deadline: Deadline) -> bool:
    """Mark a deadline done: whoever manages deadlines, and the deadline's owners.

    Reads ``deadline.owners.all()``, so a list should prefetch the owners.
    """
    if access.can(Action.MANAGE_DEADLINES):
        return True
    own = own_person_ids(access)
    return any(owner.pk in own for owner in deadline.owners.all())


def page_abilities(access: Access) -> dict[str, bool]:
    """What production page templates ask of crew rules (``{% if can.add_crew %}``)."""
    return {"add_crew": can_add_crew(access), "edit_characters": can_edit_characters(access)}

"""Crew permissions that combine the role table with facts about the object.

Every page, API view, CSV export and template asks these functions (templates through
the page context), so a role sees exactly the buttons it may use.
"""

from __future__ import annotations

from crew.access import head_of_department_ids, own_person_ids
from crew.models import Deadline
from productions.roles import Action
from productions.scoping import Access


def can_manage_department(access: Access, department_id: int | None) -> bool:
    """Engage people in, and edit engagements of, this department."""
    if access.can(Action.MANAGE_CREW):
        return True
    return (
        access.can(Action.MANAGE_DEPARTMENT_CREW)
        and department_id is not None
        and department_id in head_of_department_ids(access)
    )


def can_add_crew(access: Access) -> bool:
    """Add a person to the team: producers, and department heads (to their department)."""
    return access.can(Action.MANAGE_CREW) or (
        access.can(Action.MANAGE_DEPARTMENT_CREW) and bool(head_of_department_ids(access))
    )


def can_complete_deadline(access: Access, deadline: Deadline) -> bool:
    """Mark a deadline done: whoever manages deadlines, and the deadline's owners.

    Reads ``deadline.owners.all()``, so a list should prefetch the owners.
    """
    if access.can(Action.MANAGE_DEADLINES):
        return True
    own = own_person_ids(access)
    return any(owner.pk in own for owner in deadline.owners.all())


def can_edit_characters(access: Access) -> bool:
    """Add, renumber, recast, rename and delete characters: producers and ADs.

    ADs because they break the script down (characters come from the screenplay import).
    """
    return access.can(Action.MANAGE_DEPARTMENTS) or access.can(Action.EDIT_BREAKDOWN)


def page_abilities(access: Access) -> dict[str, bool]:
    """What production page templates ask of crew rules (``{% if can.add_crew %}``)."""
    return {"add_crew": can_add_crew(access), "edit_characters": can_edit_characters(access)}

"""Who may see a person's contact details. Applied by every page, API, CSV, PDF and feed.

- Contact fields (e-mail, phone): the person themself, producers and ADs, and the head
  of the person's department; everyone else on the production only when the person
  chose to share that field.
- Private fields (home address, emergency contact, dietary notes): the person themself,
  producers and ADs.
Fields a viewer may not see are left out entirely, never sent blank.
"""

from __future__ import annotations

from productions.roles import Action
from productions.scoping import Access

CONTACT_FIELDS: tuple[str, ...] = ("email", "phone")
PRIVATE_FIELDS: tuple[str, ...] = (
    "address",
    "emergency_contact_name",
    "emergency_contact_phone",
    "dietary_notes",
)
_SHARE_FLAGS = {"email": "share_email", "phone": "share_phone"}


class PersonLike:
    """What the rules need of a person (a crew.Person, or an annotated row)."""

    pk: int
    share_email: bool
    share_phone: bool


def visible_fields(
    access: Access, person: PersonLike, department_ids: frozenset[int] | set[int] = frozenset()
) -> frozenset[str]:
    """The contact and private fields of ``person`` that ``access`` may see.

    ``department_ids``: the departments the person works in on this production (a
    department head sees the contacts of their own department).
    """
    own = person.pk in access.own_person_ids
    heads_their_department = access.can(Action.VIEW_DEPARTMENT_CONTACTS) and bool(
        access.head_of_department_ids & set(department_ids)
    )
    if own or access.can(Action.VIEW_ALL_CONTACTS) or heads_their_department:
        contact = set(CONTACT_FIELDS)
    else:
        contact = {field for field, flag in _SHARE_FLAGS.items() if getattr(person, flag)}
    private = set(PRIVATE_FIELDS) if own or access.can(Action.VIEW_PRIVATE_DETAILS) else set()
    return frozenset(contact | private)


def can_see_unavailability_reason(access: Access, person: PersonLike) -> bool:
    return person.pk in access.own_person_ids or access.can(Action.VIEW_UNAVAILABILITY_REASONS)

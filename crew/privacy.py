"""Who may see a person's contact details. Applied by every page, API, CSV, PDF and feed.

- Contact fields (e-mail, phone): the person themself, producers and ADs, and the head
  of the person's department; everyone else on the production only when the person
  chose to share that field.
- Private fields (home address, emergency contact, dietary notes): the person themself,
  producers and ADs.
- The login e-mail of a member (their account's, not their crew record's): the member,
  and those who see their contacts whatever they chose to share.
- A taken e-mail: no answer may tell a viewer that an address they may not see is on the
  production. A clash is reported (naming the holder) only to a viewer who may see the
  holder's e-mail. Anyone who does not see everyone's e-mail has an address they type
  for a crew record (their own, or a new person's) confirmed by its owner before it is
  saved, whether or not someone has it; so the answer cannot depend on that.
Fields a viewer may not see are left out entirely, never sent blank. What a viewer may
*do* (edit, engage, change dates) is crew.policies'.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from crew.access import head_of_department_ids, own_person_ids, person_department_ids
from crew.models import Engagement, Person
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


class PersonLike(Protocol):
    """What the rules need of a person (a crew.Person, or an annotated row)."""

    @property
    def pk(self) -> int: ...

    @property
    def share_email(self) -> bool: ...

    @property
    def share_phone(self) -> bool: ...


def visible_fields(
    access: Access, person: PersonLike, department_ids: frozenset[int] | set[int] = frozenset()
) -> frozenset[str]:
    """The contact and private fields of ``person`` that ``access`` may see.

    ``department_ids``: the departments the person works in on this production (a
    department head sees the contacts of their own department).
    """
    own = person.pk in own_person_ids(access)
    heads_their_department = access.can(Action.VIEW_DEPARTMENT_CONTACTS) and bool(
        head_of_department_ids(access) & set(department_ids)
    )
    if own or access.can(Action.VIEW_ALL_CONTACTS) or heads_their_department:
        contact = set(CONTACT_FIELDS)
    else:
        contact = {field for field, flag in _SHARE_FLAGS.items() if getattr(person, flag)}
    private = set(PRIVATE_FIELDS) if own or access.can(Action.VIEW_PRIVATE_DETAILS) else set()
    return frozenset(contact | private)


@dataclass(frozen=True)
class _Unshared:
    pk: int
    share_email: bool = False
    share_phone: bool = False


def sees_contacts_unshared(
    access: Access, person: PersonLike, department_ids: frozenset[int] | set[int] = frozenset()
) -> bool:
    """Whether the viewer sees this person's contacts whatever the person chose to share.

    For details the person never offered to the team, such as their login e-mail: sharing
    the e-mail on their crew record does not share the one they log in with.
    """
    return "email" in visible_fields(access, _Unshared(pk=person.pk), department_ids)


def person_visible_fields(access: Access, person: PersonLike) -> frozenset[str]:
    """``visible_fields`` for one person, looking up their departments if it matters."""
    departments = person_department_ids(access, [person.pk]).get(person.pk, frozenset())
    return visible_fields(access, person, departments)


def fields_visible_on_anyone(access: Access) -> frozenset[str]:
    """The fields the viewer's role shows on every person, whoever they are and share."""
    return visible_fields(access, _Unshared(pk=0))


def can_see_login_email(
    access: Access,
    member_user_id: int,
    person: PersonLike | None,
    department_ids: frozenset[int] | set[int] = frozenset(),
) -> bool:
    """A member's login e-mail: their own, or as their crew record's contacts allow.

    Sharing the crew record's e-mail does not share the login; a member without a crew
    record is shown to those who see everyone's contacts.
    """
    if member_user_id == access.user.pk:
        return True
    if person is None:
        return access.can(Action.VIEW_ALL_CONTACTS)
    return sees_contacts_unshared(access, person, department_ids)


def sees_everyones_contacts(access: Access) -> bool:
    return access.can(Action.VIEW_ALL_CONTACTS)


def sees_every_login_email(access: Access) -> bool:
    """Whether the viewer may be told that an address is already a member's login (or
    already invited): those who see everyone's contacts. Others' invitations are made
    without saying so (productions.invitations, ``reveal_membership``)."""
    return sees_everyones_contacts(access)


def email_waits_for_its_owner(access: Access | None) -> bool:
    """Whether an address this viewer types for a crew record is saved only once its owner
    confirms it: for everyone who does not see every e-mail on the production.

    Writing it at once would answer "taken" or "saved" depending on whether someone they
    may not see has it. Writes with no viewer (the demo) and by those who see every
    e-mail are saved at once.
    """
    return access is not None and not sees_everyones_contacts(access)


def may_be_told_email_holder(access: Access | None, holder: Person) -> bool:
    """Whether a write that clashes with ``holder``'s e-mail may say so, naming them: to a
    viewer who may see that e-mail anyway, and to writes with no viewer."""
    return access is None or "email" in person_visible_fields(access, holder)


def email_holder_name(access: Access | None, person: Person) -> str | None:
    """Whether "that e-mail is taken" names who has it: their name only to a viewer who may
    see that person's e-mail anyway, else None ("Someone…": only writes with no viewer,
    such as the demo, get that far without the right to know)."""
    if access is not None and may_be_told_email_holder(access, person):
        return person.name
    return None


def sees_email_clash(access: Access) -> bool:
    """Whether the viewer is told that an address confirmed by its owner could not be
    saved because another crew record has it (producers resolve it). Anyone else sees it
    still waiting for confirmation until it expires, as an unanswered one would."""
    return sees_everyones_contacts(access)


def visible_fields_by_person(
    access: Access, engagements: Iterable[Engagement]
) -> dict[int, frozenset[str]]:
    """``visible_fields`` for every person in a list, with one extra query at most."""
    engagements = list(engagements)
    departments = person_department_ids(access, {e.person_id for e in engagements})
    visible: dict[int, frozenset[str]] = {}
    for engagement in engagements:
        person = engagement.person
        if person.pk not in visible:
            visible[person.pk] = visible_fields(
                access, person, departments.get(person.pk, frozenset())
            )
    return visible


def visibility_class(access: Access) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """Everything about the viewer that ``visible_fields`` and the crew edit policies read.

    Two viewers with the same class see the same fields and may edit the same rows of any
    crew list, so a list rendered for one may be shown to the other
    (``productions.fragments``): the role (what it may see and manage), the viewer's own
    crew records, and the departments they head. Change this with ``visible_fields``.
    """
    return (
        access.role.value,
        tuple(sorted(own_person_ids(access))),
        tuple(sorted(head_of_department_ids(access))),
    )

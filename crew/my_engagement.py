"""A crew member's own engagement, as their production's home page shows it first.

What they look for on a phone: what they are hired as and when, who runs their department
and how to reach them (the head's contacts only as crew.privacy allows), and the office.
"""

from __future__ import annotations

from dataclasses import dataclass

from crew import selectors
from crew.models import Engagement
from crew.phones import display_phone
from crew.privacy import visible_fields_by_person
from productions.roles import Role
from productions.scoping import Access


@dataclass(frozen=True)
class HeadContact:
    name: str
    position: str
    email: str  # empty where the viewer may not see it
    phone: str  # formatted; empty where the viewer may not see it
    phone_e164: str


@dataclass(frozen=True)
class MyEngagement:
    engagement: Engagement
    heads: list[HeadContact]


def my_engagements(access: Access) -> list[MyEngagement]:
    """The viewer's engagements with their department heads, for crew members; else none.

    Three queries whatever the crew's size: own engagements, the heads, their departments
    (for a head's contact rule; none for the crew role).
    """
    if access.role != Role.CREW:
        return []
    own = list(selectors.own_engagements(access=access))
    if not own:
        return []
    department_ids = {e.department_id for e in own if e.department_id is not None}
    heads = [
        head
        for head in selectors.department_heads(access=access, department_ids=department_ids)
        if head.person_id not in {e.person_id for e in own}
    ]
    visible = visible_fields_by_person(access, heads)
    contacts: dict[int | None, list[HeadContact]] = {}
    seen: set[tuple[int | None, int]] = set()
    for head in heads:
        if (head.department_id, head.person_id) in seen:
            continue
        seen.add((head.department_id, head.person_id))
        fields = visible[head.person_id]
        phone = head.person.phone if "phone" in fields else ""
        contacts.setdefault(head.department_id, []).append(
            HeadContact(
                name=head.person.name,
                position=head.position.title,
                email=head.person.email if "email" in fields else "",
                phone=display_phone(phone),
                phone_e164=phone,
            )
        )
    return [MyEngagement(e, contacts.get(e.department_id, [])) for e in own]

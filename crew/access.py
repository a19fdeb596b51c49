"""What the crew records say about the viewer: facts the crew rules are built on.

They live here, not on :class:`productions.scoping.Access`, because productions sits
below crew; each is computed once per request and remembered on the access object.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from crew.models import Engagement, Person
from productions.roles import Role
from productions.scoping import Access


def own_person_ids(access: Access) -> frozenset[int]:
    """The viewer's own crew record(s) on this production (usually one, or none)."""
    return access.memo(
        "crew.own_person_ids",
        lambda: frozenset(
            Person.objects.for_access(access).filter(user=access.user).values_list("pk", flat=True)
        ),
    )


def head_of_department_ids(access: Access) -> frozenset[int]:
    """Departments a department head runs: those of their own engagements."""
    if access.role != Role.DEPARTMENT_HEAD:
        return frozenset()
    return access.memo(
        "crew.head_of_department_ids",
        lambda: frozenset(
            Engagement.objects.for_access(access)
            .filter(person__user=access.user, department__isnull=False)
            .values_list("department_id", flat=True)
        ),
    )


def person_department_ids(
    access: Access, person_ids: Iterable[int] | None = None
) -> dict[int, frozenset[int]]:
    """Each person's departments, which only a department head's view depends on.

    One query, and none at all for other roles.
    """
    if not head_of_department_ids(access):
        return {}
    pairs = Engagement.objects.for_access(access).filter(department__isnull=False)
    if person_ids is not None:
        pairs = pairs.filter(person_id__in=set(person_ids))
    mapping: dict[int, set[int]] = defaultdict(set)
    for person_id, department_id in pairs.values_list("person_id", "department_id"):
        mapping[person_id].add(department_id)
    return {person_id: frozenset(ids) for person_id, ids in mapping.items()}

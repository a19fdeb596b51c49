"""The one scoping helper: every production-scoped page and API route starts here.

``production_access(user, production_id)`` answers 404 to anyone who is not a member
(so another production's ids reveal nothing) and returns an :class:`Access`; querysets
are then narrowed with ``Model.objects.for_access(access)``. Role checks go through
``access.require(action)``, which answers 403 to members who may not do that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from productions.models import Membership, Production
from productions.roles import Action, Role, role_allows


@dataclass
class Access:
    user: Any
    membership: Membership
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def production(self) -> Production:
        return self.membership.production

    @property
    def role(self) -> Role:
        return Role(self.membership.role)

    def can(self, action: Action) -> bool:
        return role_allows(self.membership.role, action)

    def require(self, action: Action) -> None:
        if not self.can(action):
            role = self.role.label.lower()
            what = action.value.replace("_", " ")
            raise PermissionDenied(f"As {role} on this production you may not {what}.")

    @cached_property
    def own_person_ids(self) -> frozenset[int]:
        """The viewer's own crew record(s) on this production (usually one, or none)."""
        from crew.models import Person

        return frozenset(
            Person.objects.filter(production=self.production, user=self.user).values_list(
                "pk", flat=True
            )
        )

    @cached_property
    def head_of_department_ids(self) -> frozenset[int]:
        """Departments a department head runs: those of their own engagements."""
        if self.role != Role.DEPARTMENT_HEAD:
            return frozenset()
        from crew.models import Engagement

        return frozenset(
            Engagement.objects.filter(
                production=self.production, person__user=self.user, department__isnull=False
            ).values_list("department_id", flat=True)
        )

    def can_manage_department(self, department_id: int | None) -> bool:
        if self.can(Action.MANAGE_CREW):
            return True
        return (
            self.can(Action.MANAGE_DEPARTMENT_CREW)
            and department_id is not None
            and department_id in self.head_of_department_ids
        )


def production_access(user: Any, production_id: int | str) -> Access:
    try:
        pk = int(production_id)
    except (TypeError, ValueError):
        raise Http404("No such production.") from None
    if not getattr(user, "is_authenticated", False):
        raise Http404("No such production.")
    membership = (
        Membership.objects.select_related("production").filter(user=user, production_id=pk).first()
    )
    if membership is None:
        raise Http404("No such production.")
    return Access(user=user, membership=membership)

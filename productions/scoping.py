"""The one scoping helper: every production-scoped page and API route starts here.

``production_access(user, production_id)`` answers 404 to anyone who is not a member
(so another production's ids reveal nothing) and returns an :class:`Access`; querysets
are then narrowed with ``Model.objects.for_access(access)``. Role checks go through
``access.require(action)``, which answers 403 to members who may not do that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from productions.models import Membership, Production, ProductionDataVersion
from productions.roles import ACTION_LABELS, Action, Role, role_allows

_T = TypeVar("_T")
_M = TypeVar("_M", bound=models.Model)


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

    @property
    def data_version(self) -> ProductionDataVersion | None:
        """The production's data version (read with the membership, in the same query)."""
        try:
            return self.production.data_version
        except ProductionDataVersion.DoesNotExist:
            return None

    def can(self, action: Action) -> bool:
        return role_allows(self.membership.role, action)

    def require(self, action: Action) -> None:
        if not self.can(action):
            # Translators: role is a role's name in lower case ("assistant director"), action
            # one of the labels that complete "you may not …" ("edit schedule").
            message = _("As %(role)s on this production you may not %(action)s.")
            raise PermissionDenied(
                message % {"role": self.role.label.lower(), "action": ACTION_LABELS[action]}
            )

    def memo(self, key: str, compute: Callable[[], _T]) -> _T:
        """Remember a fact about the viewer for this request (higher layers add theirs)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return cast(_T, self._cache[key])

    def get_object_or_404(
        self, model_or_queryset: type[_M] | QuerySet[_M], pk: Any, *, action: Action | None = None
    ) -> _M:
        """One row of this production, or 404; with ``action``, 403 if the role may not.

        The row is looked up through the model's ``for_access`` scoping, so another
        production's id is simply "not found".
        """
        if action is not None:
            self.require(action)
        queryset: Any = (
            model_or_queryset._default_manager.all()
            if isinstance(model_or_queryset, type)
            else model_or_queryset
        )
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            raise Http404(_("Not found.")) from None
        # Only the id's own errors are a 404: a row that cannot be read is a server error.
        try:
            return cast(_M, queryset.for_access(self).get(pk=pk))
        except queryset.model.DoesNotExist:
            raise Http404(_("Not found.")) from None


def production_access(user: Any, production_id: int | str) -> Access:
    try:
        pk = int(production_id)
    except (TypeError, ValueError):
        raise Http404(_("No such production.")) from None
    if not getattr(user, "is_authenticated", False):
        raise Http404(_("No such production."))
    try:
        # get(): unique (user, production), so no ORDER BY to build or to run.
        membership = Membership.objects.select_related(
            "production", "production__data_version"
        ).get(user=user, production_id=pk)
    except Membership.DoesNotExist:
        raise Http404(_("No such production.")) from None
    return Access(user=user, membership=membership)

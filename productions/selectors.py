"""Reads for productions. Everything goes through the scoping helpers."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.db.models.functions import Lower

from productions.models import Invitation, InvitationStatus, Membership, Production
from productions.roles import Role
from productions.scoping import Access


def memberships_for_user(*, user: Any) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("production")
        .order_by("production__title", "production_id")
    )


def memberships_for(*, access: Access) -> QuerySet[Membership]:
    """The production's members for the members page and the API alike: by role
    (producers first), then by name, those without a name last, then by id.

    Never by the login e-mail: most members may not see it, and the order would tell
    them whose address comes first.
    """
    role_order = Case(
        *(When(role=value, then=Value(index)) for index, value in enumerate(Role.values)),
        output_field=IntegerField(),
    )
    nameless_last = Case(When(user__name="", then=Value(1)), default=Value(0))
    return (
        Membership.objects.for_access(access)
        .select_related("user")
        .order_by(role_order, nameless_last, Lower("user__name"), "id")
    )


def invitations_waiting(*, access: Access) -> QuerySet[Invitation]:
    """Invitations nobody has answered yet (expired ones too: they can be sent again),
    newest first. The invitees are neither members nor on the crew list until they accept."""
    return (
        Invitation.objects.for_access(access)
        .filter(status__in=[InvitationStatus.PENDING, InvitationStatus.EXPIRED])
        .select_related("invited_by")
        .order_by("-sent_at", "id")
    )


def productions_for_user(*, user: Any) -> QuerySet[Production]:
    return (
        Production.objects.for_user(user)
        .annotate(crew_count=Count("engagements", distinct=True))
        .order_by("title", "id")
    )

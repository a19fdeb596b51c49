"""Reads for productions. Everything goes through the scoping helpers."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from productions.models import Deadline, DeadlineStatus, Membership, Production
from productions.scoping import Access


def memberships_for_user(*, user: Any) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("production")
        .order_by("production__title", "production_id")
    )


def productions_for_user(*, user: Any) -> QuerySet[Production]:
    return (
        Production.objects.for_user(user)
        .annotate(crew_count=Count("engagements", distinct=True))
        .order_by("title", "id")
    )


def deadlines_for_access(
    *, access: Access, mine: bool = False, status: str | None = None
) -> QuerySet[Deadline]:
    """Deadlines, overdue first, then by due date. ``mine``: owned by the viewer."""
    now = timezone.now()
    deadlines = (
        Deadline.objects.for_access(access)
        .select_related("department")
        .prefetch_related("owners")
        .annotate(
            overdue=ExpressionWrapper(
                Q(status=DeadlineStatus.OPEN, due__lt=now), output_field=BooleanField()
            )
        )
        .order_by("-overdue", "due", "id")
    )
    if mine:
        deadlines = deadlines.filter(owners__in=access.own_person_ids).distinct()
    if status:
        deadlines = deadlines.filter(status=status)
    return deadlines

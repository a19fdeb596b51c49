"""Reads for productions. Everything goes through the scoping helpers."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from productions.models import Membership, Production


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

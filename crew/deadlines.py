"""Deadlines: the milestones people own (script lock, location contracts, final cut…).

The one selector and the writes behind the deadline pages, the API and the overview.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from crew.filters import DeadlineFilter
from crew.models import Deadline, DeadlineStatus, Person
from productions.scoping import Access


def deadlines_for_access(
    *, access: Access, filters: DeadlineFilter | None = None
) -> QuerySet[Deadline]:
    """Deadlines, overdue first, then by due date, narrowed by ``filters`` (mine, status)."""
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
    if filters is not None:
        deadlines = filters.filter_queryset(deadlines)
    return deadlines


@transaction.atomic
def deadline_save(
    *,
    deadline: Deadline,
    owner_ids: list[int] | None = None,
) -> Deadline:
    """Create or update a deadline; owners must be people on the same production."""
    department = deadline.department
    if department is not None and department.production_id != deadline.production_id:
        raise ValidationError({"department": [_("That department belongs to another production.")]})
    if deadline.status == DeadlineStatus.DONE and deadline.completed_at is None:
        deadline.completed_at = timezone.now()
    elif deadline.status != DeadlineStatus.DONE:
        deadline.completed_at = None
    deadline.full_clean()
    deadline.save()
    if owner_ids is not None:
        owners = list(Person.objects.filter(production_id=deadline.production_id, pk__in=owner_ids))
        if len(owners) != len(set(owner_ids)):
            raise ValidationError({"owners": [_("Owners must be people on this production.")]})
        deadline.owners.set(owners)
    return deadline


def deadline_complete(*, deadline: Deadline, at: datetime | None = None) -> Deadline:
    deadline.status = DeadlineStatus.DONE
    deadline.completed_at = at or timezone.now()
    deadline.save(update_fields=["status", "completed_at"])
    return deadline


def deadline_delete(*, deadline: Deadline) -> None:
    deadline.delete()

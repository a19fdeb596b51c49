"""Writes the API needs that crew/services.py does not offer yet.

Kept apart so they are easy to move into crew/services.py (and to spot until then).
Each validates with the model's own rules before saving, like the real services.
"""

from __future__ import annotations

from django.db import transaction

from crew.models import Character, Department, Engagement, Position, Unavailability


def department_save(*, department: Department) -> Department:
    department.name = department.name.strip()
    department.full_clean()
    department.save()
    return department


def department_delete(*, department: Department) -> None:
    """Raises ProtectedError while engagements still use the department."""
    department.delete()


def position_save(*, position: Position) -> Position:
    position.title = position.title.strip()
    position.full_clean()
    position.save()
    return position


def position_delete(*, position: Position) -> None:
    """Raises ProtectedError while engagements still use the position."""
    position.delete()


@transaction.atomic
def engagement_delete(*, engagement: Engagement) -> None:
    """Remove an engagement; a person left with none and no account goes with it.

    Otherwise their contact details would linger where no list shows them, and adding
    them again would collide with their own e-mail.
    """
    person = engagement.person
    engagement.delete()
    if person.user_id is None and not person.engagements.exists():
        person.delete()


def character_delete(*, character: Character) -> None:
    character.delete()


def unavailability_delete(*, unavailability: Unavailability) -> None:
    unavailability.delete()

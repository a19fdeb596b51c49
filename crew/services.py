"""Writes for crew: departments, people, engagements, characters, unavailability."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from crew.defaults import DEFAULT_DEPARTMENTS
from crew.models import Character, Department, Engagement, Person, Position, Unavailability
from crew.phones import normalise_phone
from productions.models import Production

PERSON_FIELDS = (
    "name",
    "pronouns",
    "email",
    "phone",
    "address",
    "language",
    "time_zone",
    "emergency_contact_name",
    "emergency_contact_phone",
    "dietary_notes",
    "share_email",
    "share_phone",
)
ENGAGEMENT_FIELDS = (
    "position",
    "department",
    "start_date",
    "end_date",
    "call_offset_minutes",
    "status",
    "notes",
)


def departments_seed(*, production: Production) -> None:
    """Give a new production the customary departments and positions (DOMAIN.md)."""
    for dept_order, (dept_name, positions) in enumerate(DEFAULT_DEPARTMENTS, start=1):
        department = Department.objects.create(
            production=production, name=dept_name, order=dept_order * 10
        )
        Position.objects.bulk_create(
            Position(
                production=production,
                department=department,
                title=title,
                is_head_of_department=is_head,
                order=dept_order * 100 + index,
            )
            for index, (title, is_head) in enumerate(positions)
        )


def person_for_user(*, production: Production, user: User) -> Person:
    """The user's record on this production, created from their account if missing."""
    person = Person.objects.filter(production=production, user=user).first()
    if person is not None:
        return person
    person = Person.objects.filter(
        production=production, email__iexact=user.email, user__isnull=True
    ).first()
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
        return person
    return Person.objects.create(
        production=production,
        user=user,
        name=user.name or user.email.split("@")[0],
        email=user.email,
        language=user.language,
        time_zone=user.time_zone,
    )


def _normalise_person(person: Person) -> None:
    errors: dict[str, list[str]] = {}
    for field in ("phone", "emergency_contact_phone"):
        try:
            setattr(person, field, normalise_phone(getattr(person, field) or ""))
        except ValidationError as exc:
            errors[field] = exc.messages
    if errors:
        raise ValidationError(errors)
    person.email = (person.email or "").strip().lower()
    person.name = person.name.strip()


def person_save(*, person: Person, **fields: Any) -> Person:
    for name, value in fields.items():
        if name in PERSON_FIELDS:
            setattr(person, name, value)
    _normalise_person(person)
    person.full_clean()
    person.save()
    return person


def _check_same_production(engagement: Engagement) -> None:
    errors: dict[str, list[str]] = {}
    production_id = engagement.production_id
    if engagement.person_id and engagement.person.production_id != production_id:
        errors["person"] = ["That person belongs to another production."]
    if engagement.position_id and engagement.position.production_id != production_id:
        errors["position"] = ["That position belongs to another production."]
    if engagement.department is not None and engagement.department.production_id != production_id:
        errors["department"] = ["That department belongs to another production."]
    if errors:
        raise ValidationError(errors)


def engagement_save(*, engagement: Engagement, **fields: Any) -> Engagement:
    for name, value in fields.items():
        if name in ENGAGEMENT_FIELDS:
            setattr(engagement, name, value)
    if (
        engagement.department_id is None
        and engagement.position_id
        and engagement.position.department_id
    ):
        engagement.department_id = engagement.position.department_id
    _check_same_production(engagement)
    engagement.full_clean()
    engagement.save()
    return engagement


@transaction.atomic
def crew_member_add(
    *,
    production: Production,
    person_fields: dict[str, Any],
    engagement_fields: dict[str, Any],
) -> Engagement:
    """Add a person and their engagement in one go; nothing is saved if either is invalid."""
    person = Person(production=production)
    errors: dict[str, list[str]] = {}
    try:
        person_save(person=person, **person_fields)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    engagement = Engagement(production=production, person=person if person.pk else None)
    try:
        if errors:
            # Still validate the engagement so the form shows every problem at once.
            for name, value in engagement_fields.items():
                setattr(engagement, name, value)
            engagement.full_clean(exclude=["person"])
        else:
            engagement_save(engagement=engagement, **engagement_fields)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return engagement


def character_save(*, character: Character) -> Character:
    if (
        character.engagement is not None
        and character.engagement.production_id != character.production_id
    ):
        raise ValidationError({"engagement": ["That cast member belongs to another production."]})
    character.name = character.name.strip().upper()
    character.full_clean()
    character.save()
    return character


def unavailability_save(*, unavailability: Unavailability) -> Unavailability:
    unavailability.full_clean()
    unavailability.save()
    return unavailability


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

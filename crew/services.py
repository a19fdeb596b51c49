"""Writes for crew: people, engagements, characters, unavailability, departments.

One service per write, called alike by the pages, the REST API, the CSV import and the
demo seed: what may be saved, and the message that explains a refusal, live here once.
Who may call them is crew.policies'; services check data, not roles.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError, Q, RestrictedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from crew.defaults import DEFAULT_DEPARTMENTS
from crew.email_confirmation import (
    email_confirmation_claim,
    email_confirmation_request,
    email_confirmations_replace,
)
from crew.formats import period_label
from crew.models import Character, Department, Engagement, Person, Position, Unavailability
from crew.phones import default_phone_region, normalise_phone
from crew.privacy import email_holder_name, email_waits_for_its_owner, may_be_told_email_holder
from productions.models import Production
from productions.scoping import Access


class InUseError(Exception):
    """A row cannot be deleted while others use it; the message says what uses it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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


# A new production and its members ----------------------------------------------------


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
    person = email_confirmation_claim(production=production, user=user)
    if person is not None:
        return person
    return Person.objects.create(
        production=production,
        user=user,
        name=user.name or user.email.split("@")[0],
        email=user.email,
        language=user.language,
        time_zone=user.time_zone,
    )


# People and engagements --------------------------------------------------------------


_PHONE_FIELDS = ("phone", "emergency_contact_phone")


def _normalise_person(person: Person) -> dict[str, list[str]]:
    """Tidy the typed values in place; returns the phone fields that are no number.

    A national number (no +) is read in the production's country (its lead co-producer's),
    whichever surface it was typed on.
    """
    errors: dict[str, list[str]] = {}
    region: str | None = None
    for name in _PHONE_FIELDS:
        raw = (getattr(person, name) or "").strip()
        if raw and region is None and not raw.startswith(("+", "00")):
            region = default_phone_region(person.production)
        try:
            setattr(person, name, normalise_phone(raw, region))
        except ValidationError as exc:
            errors[name] = exc.messages
    person.email = (person.email or "").strip().lower()
    person.name = (person.name or "").strip()
    return errors


def _email_holder(person: Person, email: str) -> Person | None:
    if not email:
        return None
    return (
        Person.objects.filter(production_id=person.production_id, email__iexact=email)
        .exclude(pk=person.pk)
        .first()
    )


def _email_taken(person: Person, access: Access | None) -> list[str]:
    holder = _email_holder(person, person.email)
    if holder is None:
        return []
    name = email_holder_name(access, holder)
    if name is None:
        return [_("Someone on this production already has that e-mail.")]
    return [_("%(name)s on this production already has that e-mail.") % {"name": name}]


def _email_for_its_owner(
    person: Person, access: Access | None, fields: dict[str, Any]
) -> str | None:
    """The address typed, when it must wait for its owner's confirmation (crew.privacy):
    a new address from a viewer who does not see every e-mail, unless someone they may
    see has it (then it is reported as taken, naming them)."""
    if "email" not in fields or not email_waits_for_its_owner(access):
        return None
    email = str(fields["email"] or "").strip().lower()
    if not email or email == (person.email or "").strip().lower():
        return None
    holder = _email_holder(person, email)
    if holder is not None and may_be_told_email_holder(access, holder):
        return None
    return email


def person_save(*, person: Person, access: Access | None = None, **fields: Any) -> Person:
    """Create or change a person; every bad field is reported at once, on that field.

    ``access``: the viewer, if any. A taken e-mail names its holder only to a viewer who
    may see their e-mail; a viewer who does not see every e-mail has a new address
    confirmed by its owner before it is saved (``crew.email_confirmation``), whether or
    not someone has it, so that the answer does not tell (crew.privacy). Compare the
    address asked for with ``person.email`` afterwards to know which happened.
    """
    waiting = _email_for_its_owner(person, access, fields)
    previous_email = (person.email or "").strip().lower()
    for name, value in fields.items():
        if name in PERSON_FIELDS and not (name == "email" and waiting is not None):
            setattr(person, name, value)
    errors = _normalise_person(person)
    if waiting is not None:
        try:
            Person._meta.get_field("email").run_validators(waiting)
            validate_email(waiting)
        except ValidationError as exc:
            errors["email"] = exc.messages
    elif taken := _email_taken(person, access):
        errors["email"] = taken
    try:
        # Fields already found wrong are left out: their checks would only repeat the
        # error (a taken e-mail's constraint, without naming the field).
        person.full_clean(exclude=list(errors) or None)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    email_changed = person.pk is not None and person.email != previous_email
    person.save()
    if waiting is not None:
        email_confirmation_request(
            person=person, email=waiting, requested_by=access.user if access else None
        )
    elif email_changed:
        email_confirmations_replace(person=person)
    return person


def _check_same_production(engagement: Engagement) -> None:
    errors: dict[str, list[str]] = {}
    production_id = engagement.production_id
    if engagement.person_id and engagement.person.production_id != production_id:
        errors["person"] = [_("That person belongs to another production.")]
    if engagement.position_id and engagement.position.production_id != production_id:
        errors["position"] = [_("That position belongs to another production.")]
    if engagement.department is not None and engagement.department.production_id != production_id:
        errors["department"] = [_("That department belongs to another production.")]
    if errors:
        raise ValidationError(errors)


def engagement_apply(*, engagement: Engagement, **fields: Any) -> Engagement:
    """Set an engagement's fields as saving would, without saving (policies check this).

    A new position without a department moves the engagement to that position's
    department; no department at all means the position's own.
    """
    previous_position_id = engagement.position_id
    for name, value in fields.items():
        if name in ENGAGEMENT_FIELDS:
            setattr(engagement, name, value)
    position = engagement.position if engagement.position_id else None
    moved = position is not None and position.pk != previous_position_id
    if position is not None and moved and "department" not in fields:
        engagement.department = position.department or engagement.department
    if engagement.department_id is None and position is not None and position.department_id:
        engagement.department_id = position.department_id
    return engagement


def engagement_save(*, engagement: Engagement, **fields: Any) -> Engagement:
    engagement_apply(engagement=engagement, **fields)
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
    access: Access | None = None,
) -> Engagement:
    """Add a person and their engagement in one go; nothing is saved if either is invalid."""
    person = Person(production=production)
    errors: dict[str, list[str]] = {}
    try:
        person_save(person=person, access=access, **person_fields)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    engagement = Engagement(production=production, person=person if person.pk else None)
    try:
        if errors:
            # Still validate the engagement so the form shows every problem at once.
            engagement_apply(engagement=engagement, **engagement_fields)
            engagement.full_clean(exclude=["person"])
        else:
            engagement_save(engagement=engagement, **engagement_fields)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return engagement


@transaction.atomic
def crew_member_update(
    *,
    engagement: Engagement,
    person_fields: dict[str, Any] | None = None,
    engagement_fields: dict[str, Any] | None = None,
    access: Access | None = None,
) -> Engagement:
    """Change a person and one of their engagements together, reporting every bad field."""
    errors: dict[str, list[str]] = {}
    if person_fields:
        try:
            person_save(person=engagement.person, access=access, **person_fields)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if engagement_fields:
        try:
            engagement_save(engagement=engagement, **engagement_fields)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return engagement


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


# Characters --------------------------------------------------------------------------


def character_edit(
    *,
    character: Character,
    name: str,
    cast_number: int | None,
    engagement: Engagement | None,
) -> Character:
    """Create or change a character; a taken name or cast ID is an error on that field."""
    name = name.strip().upper()
    others = Character.objects.filter(production_id=character.production_id)
    if character.pk is not None:
        others = others.exclude(pk=character.pk)
    errors: dict[str, list[str]] = {}
    if name and others.filter(name__iexact=name).exists():
        errors["name"] = [_("There is already a character called %(name)s.") % {"name": name}]
    holder = others.filter(cast_number=cast_number).first() if cast_number else None
    if holder is not None:
        errors["cast_number"] = [
            _(
                "Cast ID %(number)s is already %(name)s. Give %(name)s another ID first, "
                "or choose a free one."
            )
            % {"number": cast_number, "name": holder.name}
        ]
    if errors:
        raise ValidationError(errors)
    character.name = name
    character.cast_number = cast_number
    character.engagement = engagement
    try:
        with transaction.atomic():
            return character_save(character=character)
    except IntegrityError:
        # Someone took the name or the cast ID between the check and the save.
        raise ValidationError(
            _(
                "Someone else just gave that name or cast ID to another character. "
                "Reload the cast list and try again."
            )
        ) from None


def character_save(*, character: Character) -> Character:
    """Store a character as given (name in capitals); ``character_edit`` checks first.

    The screenplay import and the breakdown create characters by name through this,
    having looked the name up themselves.
    """
    if (
        character.engagement is not None
        and character.engagement.production_id != character.production_id
    ):
        raise ValidationError(
            {"engagement": [_("That cast member belongs to another production.")]}
        )
    character.name = character.name.strip().upper()
    character.full_clean()
    character.save()
    return character


def characters_ensure(*, production: Production, names: Iterable[str]) -> None:
    """Give ``production`` a character (in capitals, no cast ID yet) for each new name.

    For the screenplay import, which brings a draft's new speaking parts in at once: one
    insert for all of them. A name the production already has, in any case, is left as it
    is (the unique constraint decides, so two imports at once cannot clash).
    """
    wanted = dict.fromkeys(name.strip().upper() for name in names)
    Character.objects.bulk_create(
        [Character(production=production, name=name) for name in wanted if name],
        ignore_conflicts=True,
    )


def character_delete(*, character: Character) -> None:
    character.delete()


# Unavailability ----------------------------------------------------------------------


@transaction.atomic
def unavailability_add(
    *, person: Person, start_date: date, end_date: date | None = None, reason: str = ""
) -> Unavailability:
    """Add dates a person cannot work (one day when ``end_date`` is None).

    Refuses a period that overlaps another of the same person's: two rows for one day
    would be counted twice as a conflict, and removing one would leave the other.
    """
    end_date = end_date or start_date
    unavailability = Unavailability(
        person=person, start_date=start_date, end_date=end_date, reason=reason.strip()
    )
    # The fields first (each date in range), then the order, then the overlap.
    unavailability.clean_fields()
    if end_date < start_date:
        raise ValidationError({"end_date": [_("The end date cannot be before the start date.")]})
    # One add at a time per person, so two overlapping adds cannot both pass the check.
    list(Person.objects.select_for_update().filter(pk=person.pk).values_list("pk", flat=True))
    overlapping = (
        Unavailability.objects.filter(
            person=person, start_date__lte=end_date, end_date__gte=start_date
        )
        .order_by("start_date")
        .first()
    )
    if overlapping is not None:
        raise ValidationError(
            _(
                "%(name)s is already unavailable %(existing)s, which overlaps %(new)s. "
                "Change the dates, or remove that period first."
            )
            % {
                "name": person.name,
                "existing": period_label(overlapping.start_date, overlapping.end_date),
                "new": period_label(start_date, end_date),
            }
        )
    return unavailability_save(unavailability=unavailability)


def unavailability_save(*, unavailability: Unavailability) -> Unavailability:
    """Store a period as given; pages and the API add through ``unavailability_add``."""
    unavailability.full_clean()
    unavailability.save()
    return unavailability


def unavailability_delete(*, unavailability: Unavailability) -> None:
    unavailability.delete()


# Departments and positions -----------------------------------------------------------


def department_create(*, production: Production, name: str, order: int | None = None) -> Department:
    """A new department; without an order it goes last."""
    if order is None:
        highest = Department.objects.filter(production=production).aggregate(Max("order"))
        order = min((highest["order__max"] or 0) + 10, 32767)
    return department_save(department=Department(production=production, name=name, order=order))


def department_save(*, department: Department) -> Department:
    department.name = department.name.strip()
    department.full_clean()
    department.save()
    return department


def department_delete(*, department: Department) -> int:
    """Delete a department nobody is engaged in, with its positions; returns how many.

    While any engagement is in the department, or holds one of its positions, raises
    :class:`InUseError` saying how many (a page shows it, the API answers 409).
    """
    in_use = (
        Engagement.objects.filter(Q(department=department) | Q(position__department=department))
        .distinct()
        .count()
    )
    if in_use:
        raise InUseError(
            ngettext(
                "%(count)d engagement still uses %(department)s. Move them to another "
                "department or position first.",
                "%(count)d engagements still use %(department)s. Move them to another "
                "department or position first.",
                in_use,
            )
            % {"count": in_use, "department": department.name}
        )
    try:
        with transaction.atomic():
            positions, _ = Position.objects.filter(department=department).delete()
            department.delete()
    except (ProtectedError, RestrictedError, IntegrityError):
        raise InUseError(
            _("Someone was just engaged in %(department)s; it cannot be deleted.")
            % {"department": department.name}
        ) from None
    return positions


def position_create(
    *,
    production: Production,
    title: str,
    department: Department | None,
    is_head_of_department: bool = False,
    order: int | None = None,
) -> Position:
    """A new position; without an order it goes after its department's other positions."""
    if order is None:
        highest = Position.objects.filter(production=production, department=department).aggregate(
            Max("order")
        )["order__max"]
        start = (department.order * 100) if department is not None else 0
        order = min((highest if highest is not None else start) + 1, 32767)
    return position_save(
        position=Position(
            production=production,
            title=title,
            department=department,
            is_head_of_department=is_head_of_department,
            order=order,
        )
    )


def position_save(*, position: Position) -> Position:
    department = position.department
    if department is not None and department.production_id != position.production_id:
        raise ValidationError({"department": [_("That department belongs to another production.")]})
    position.title = position.title.strip()
    position.full_clean()
    position.save()
    return position


def position_delete(*, position: Position) -> None:
    """Delete a position nobody holds; :class:`InUseError` says how many still do."""
    in_use = position.engagements.count()
    if in_use:
        raise InUseError(
            ngettext(
                "%(count)d engagement still uses %(position)s. Give them another position first.",
                "%(count)d engagements still use %(position)s. Give them another position first.",
                in_use,
            )
            % {"count": in_use, "position": position.title}
        )
    try:
        with transaction.atomic():
            position.delete()
    except (ProtectedError, RestrictedError, IntegrityError):
        raise InUseError(
            _("Someone was just engaged as %(position)s; it cannot be deleted.")
            % {"position": position.title}
        ) from None

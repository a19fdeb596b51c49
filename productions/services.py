"""Writes for productions: create, update, co-producers, members."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from productions.models import (
    CoProducer,
    Membership,
    Production,
)
from productions.roles import Role
from productions.signals import production_created

PRODUCTION_FIELDS = (
    "title",
    "kind",
    "status",
    "logline",
    "time_zone",
    "prep_start",
    "shoot_start",
    "shoot_end",
    "wrap_date",
    "languages",
    "revision_colours",
    "office_address",
    "office_phone",
)


def _full_clean(instance: Any, exclude: list[str] | None = None) -> None:
    """Run field validation and the model's constraints before touching the database."""
    instance.full_clean(exclude=exclude)


@transaction.atomic
def production_create(*, by: User, title: str, **fields: Any) -> Production:
    """A new production with its creator as producer (and, through the
    ``production_created`` hook, the default departments and the creator's crew record).
    """
    production = Production(
        title=title, **{k: v for k, v in fields.items() if k in PRODUCTION_FIELDS}
    )
    _full_clean(production)
    production.save()
    Membership.objects.create(user=by, production=production, role=Role.PRODUCER)
    production_created.send(sender=Production, production=production, by=by)
    return production


@transaction.atomic
def production_update(*, production: Production, **fields: Any) -> Production:
    for name, value in fields.items():
        if name in PRODUCTION_FIELDS:
            setattr(production, name, value)
    _full_clean(production)
    production.save()
    return production


def production_delete(*, production: Production) -> None:
    production.delete()


def co_producer_save(*, co_producer: CoProducer) -> CoProducer:
    co_producer.country = co_producer.country.upper()
    _full_clean(co_producer)
    co_producer.save()
    return co_producer


@transaction.atomic
def membership_add(*, production: Production, user: User, role: str) -> Membership:
    if role not in Role.values:
        message = _("Unknown role %(role)s; use one of %(roles)s.") % {
            "role": repr(role),
            "roles": ", ".join(Role.values),
        }
        raise ValidationError({"role": [message]})
    if Membership.objects.filter(production=production, user=user).exists():
        raise ValidationError({"email": [already_member_message(user.email)]})
    try:
        with transaction.atomic():
            membership = Membership.objects.create(production=production, user=user, role=role)
    except IntegrityError:
        raise ValidationError({"email": [already_member_message(user.email)]}) from None
    return membership


def already_member_message(email: str) -> str:
    return _("%(email)s is already a member of this production.") % {"email": email}


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": [_("Unknown role %(role)s.") % {"role": repr(role)}]})
    if membership.role == Role.PRODUCER and role != Role.PRODUCER:
        _ensure_another_producer(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    if membership.role == Role.PRODUCER:
        _ensure_another_producer(membership)
    membership.delete()


def _ensure_another_producer(membership: Membership) -> None:
    """Refuse to leave a production without a producer.

    The production's row is locked first, so two producers stepping down at the same
    moment are checked one after the other (inside the caller's transaction).
    """
    list(Production.objects.select_for_update().filter(pk=membership.production_id).values("pk"))
    others = Membership.objects.filter(
        production_id=membership.production_id, role=Role.PRODUCER
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError({"role": [_("A production needs at least one producer.")]})


def co_producer_delete(*, co_producer: CoProducer) -> None:
    co_producer.delete()

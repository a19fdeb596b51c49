"""Addresses that wait for their owner before a crew record takes them (crew.privacy).

Who does not see every e-mail on a production (everyone but producers and ADs) cannot
learn from an answer whether an address they typed is someone else's: their address is
not written, a link goes to it (through the worker), and it is saved when its owner
confirms it, if no other crew record has it by then. Accepting an invitation sent to
the same address confirms it too (``email_confirmation_claim``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User, hash_token
from core.background import enqueue_after_commit
from core.tasks import send_email
from crew.models import EmailConfirmation, EmailConfirmationStatus, Person
from crew.privacy import sees_email_clash
from productions.models import Production
from productions.scoping import Access

VALID_DAYS = 7
_OPEN = (EmailConfirmationStatus.PENDING, EmailConfirmationStatus.TAKEN)


class ConfirmationClosed(Exception):
    """The link can no longer be used; ``message`` says why (for a 410)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def confirmation_url(raw_token: str) -> str:
    return f"{settings.SITE_URL}{reverse('email-confirm', kwargs={'token': raw_token})}"


def _email(confirmation: EmailConfirmation, raw_token: str) -> tuple[str, str]:
    """The message to the address, in the crew record's language."""
    person = confirmation.person
    requester = confirmation.requested_by
    with translation.override(person.language or settings.LANGUAGE_CODE):
        names = {
            "requester": requester.get_full_name() if requester is not None else person.name,
            "name": person.name,
            "production": person.production.title,
            "url": confirmation_url(raw_token),
        }
        body = (
            _(
                "%(requester)s gave this address as the e-mail of %(name)s on %(production)s, "
                "in Callboard.\n"
                "\n"
                "If that is you, confirm it here:\n"
                "%(url)s\n"
            )
            % names
        )
        body += "\n" + ngettext(
            "The link works for %(days)d day. If this is not you, ignore this e-mail: the "
            "address is saved only once it is confirmed.\n",
            "The link works for %(days)d days. If this is not you, ignore this e-mail: the "
            "address is saved only once it is confirmed.\n",
            VALID_DAYS,
        ) % {"days": VALID_DAYS}
        subject = _("Confirm your e-mail address for %(production)s") % names
    return subject, body


def email_confirmations_replace(*, person: Person) -> None:
    """Whatever was waiting for this record is superseded (a new address, or one written)."""
    EmailConfirmation.objects.filter(person=person, status__in=_OPEN).update(
        status=EmailConfirmationStatus.REPLACED
    )


def email_confirmation_request(
    *, person: Person, email: str, requested_by: User | None
) -> EmailConfirmation:
    """Send ``email`` a link that saves it as ``person``'s address (after commit)."""
    email_confirmations_replace(person=person)
    raw = secrets.token_urlsafe(32)
    confirmation = EmailConfirmation.objects.create(
        production_id=person.production_id,
        person=person,
        email=email.strip().lower(),
        token_hash=hash_token(raw),
        requested_by=requested_by,
        expires_at=timezone.now() + dt.timedelta(days=VALID_DAYS),
    )
    subject, body = _email(confirmation, raw)
    enqueue_after_commit(send_email, subject=subject, body=body, to=[confirmation.email])
    return confirmation


def email_confirmation_for_token(raw_token: str) -> EmailConfirmation | None:
    return (
        EmailConfirmation.objects.select_related("person", "production")
        .filter(token_hash=hash_token(raw_token))
        .first()
    )


def confirmation_closed_reason(confirmation: EmailConfirmation) -> str | None:
    if confirmation.status != EmailConfirmationStatus.PENDING:
        return _("This link was already used, or a newer address replaced it.")
    if confirmation.is_expired:
        return _("This link has expired. The address can be entered again.")
    return None


def _taken(person: Person, email: str) -> bool:
    return (
        Person.objects.filter(production_id=person.production_id, email__iexact=email)
        .exclude(pk=person.pk)
        .exists()
    )


def _apply(confirmation: EmailConfirmation, person: Person) -> bool:
    """Save the address on the (locked) record unless another record has it."""
    confirmation.answered_at = timezone.now()
    saved = False
    if not _taken(person, confirmation.email):
        person.email = confirmation.email
        try:
            with transaction.atomic():
                person.save(update_fields=["email"])
            saved = True
        except IntegrityError:
            saved = False
    confirmation.status = (
        EmailConfirmationStatus.CONFIRMED if saved else EmailConfirmationStatus.TAKEN
    )
    confirmation.save(update_fields=["status", "answered_at"])
    return saved


@transaction.atomic
def email_confirmation_confirm(*, confirmation: EmailConfirmation) -> bool:
    """The owner confirms: True if the address was saved, False if another crew record of
    the production has it (the owner, who holds the address, may be told; producers see
    it on the record, to resolve)."""
    confirmation = (
        EmailConfirmation.objects.select_for_update()
        .select_related("person")
        .get(pk=confirmation.pk)
    )
    reason = confirmation_closed_reason(confirmation)
    if reason is not None:
        raise ConfirmationClosed(reason)
    person = Person.objects.select_for_update().get(pk=confirmation.person_id)
    return _apply(confirmation, person)


def email_confirmation_claim(*, production: Production, user: User) -> Person | None:
    """A record waiting for ``user``'s address (no account linked yet): accepting an
    invitation sent there proves the address, so it is saved (if free) and linked."""
    confirmation = (
        EmailConfirmation.objects.select_for_update()
        .filter(
            production=production,
            email__iexact=user.email,
            status=EmailConfirmationStatus.PENDING,
            expires_at__gt=timezone.now(),
            person__user__isnull=True,
        )
        .first()
    )
    if confirmation is None:
        return None
    person = Person.objects.select_for_update().get(pk=confirmation.person_id)
    _apply(confirmation, person)
    person.user = user
    person.save(update_fields=["user"])
    return person


@dataclass(frozen=True)
class PendingEmail:
    email: str
    taken: bool  # confirmed by its owner, but another record has it (told to producers)


def pending_emails(access: Access, person_ids: set[int] | list[int]) -> dict[int, PendingEmail]:
    """The address waiting for each person's confirmation, as the viewer may know it.

    Callers show it only where the viewer sees the person's e-mail. A clash found at
    confirmation is shown as such to those who see every e-mail; anyone else sees the
    address still waiting until it expires, as if unanswered.
    """
    if not person_ids:
        return {}
    now = timezone.now()
    told = sees_email_clash(access)
    rows = (
        EmailConfirmation.objects.for_access(access)
        .filter(person_id__in=person_ids, status__in=_OPEN)
        .only("person_id", "email", "status", "expires_at")
        .order_by("person_id", "-created_at")
    )
    pending: dict[int, PendingEmail] = {}
    for row in rows:
        if row.person_id in pending:
            continue
        taken = row.status == EmailConfirmationStatus.TAKEN
        if taken and told:
            pending[row.person_id] = PendingEmail(row.email, taken=True)
        elif row.expires_at > now:
            pending[row.person_id] = PendingEmail(row.email, taken=False)
    return pending

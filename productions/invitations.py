"""Invitations: being added to a production is an offer that only the invitee accepts.

- ``invitation_create`` stores what the inviter typed (e-mail, name, role) and e-mails a
  link. It does the same work and gives the same answer whether the address has a
  Callboard account or not: the inviter learns nothing about accounts (no name from one,
  no "already has an account"), and nobody is added or e-mailed as a member without
  consent. The members page, ``POST …/members/`` and "add someone to the crew" with a
  log-in all come here.
- The link's token is 256 random bits, stored only as its SHA-256 hash, single use, and
  valid for ``INVITATION_VALID_DAYS``; a resend replaces it.
- ``invitation_accept``: signed in as the invited address, or with a new account
  (``invitation_accept_new_account``, for an address with none). Only then is the
  Membership made, and through the ``member_added`` hook the crew record. Declining or
  letting it expire makes nothing.

The e-mail is in the invitee's language (their account's when they have one, as for the
password-reset e-mail), not in the language of whoever invited them.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.locale import user_language
from accounts.models import User, hash_token
from core.background import enqueue_after_commit
from core.links import absolute_url
from core.tasks import send_email
from productions.models import Invitation, InvitationStatus, Membership, Production
from productions.roles import Role
from productions.services import already_member_message, membership_add
from productions.signals import member_added


class InvitationClosed(Exception):
    """The invitation can no longer be answered; ``message`` says why (for a 410)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AccountExists(Exception):
    """A new account was asked for an address that has one: log in instead."""


def _valid_for() -> dt.timedelta:
    return dt.timedelta(days=settings.INVITATION_VALID_DAYS)


def invitation_url(raw_token: str) -> str:
    return absolute_url(reverse("invitation", kwargs={"token": raw_token}))


def _clean_email(email: str) -> str:
    email = email.strip().lower()
    max_length = Invitation._meta.get_field("email").max_length or 254
    if len(email) > max_length:
        too_long = ngettext(
            "An e-mail address has at most %(count)d character.",
            "An e-mail address has at most %(count)d characters.",
            max_length,
        ) % {"count": max_length}
        raise ValidationError({"email": [too_long]})
    try:
        validate_email(email)
    except ValidationError:
        invalid = _("“%(email)s” is not a valid e-mail address.") % {"email": email}
        raise ValidationError({"email": [invalid]}) from None
    return email


def _check_role(role: str) -> None:
    if role not in Role.values:
        message = _("Unknown role %(role)s; use one of %(roles)s.") % {
            "role": repr(role),
            "roles": ", ".join(Role.values),
        }
        raise ValidationError({"role": [message]})


def invitation_email(*, invitation: Invitation, raw_token: str) -> tuple[str, str]:
    """The invitation's subject and body, in the invitee's language.

    An address with an account gets that account's language when the site offers it
    (otherwise the current one); an address without gets the site's default, as a new
    account would. Either way the same one query is made, whatever its answer.
    """
    account = User.objects.filter(email__iexact=invitation.email).first()
    if account is None:
        language = settings.LANGUAGE_CODE
    else:
        language = user_language(account) or translation.get_language() or settings.LANGUAGE_CODE
    inviter = invitation.invited_by
    days = settings.INVITATION_VALID_DAYS
    with translation.override(language):
        names = {
            "inviter": inviter.get_full_name() if inviter is not None else _("A producer"),
            "production": invitation.production.title,
            "role": str(Role(invitation.role).label),
            "url": invitation_url(raw_token),
        }
        body = (
            _(
                "%(inviter)s invited you to %(production)s on Callboard.\n"
                "\n"
                "You would join as: %(role)s.\n"
                "\n"
                "To accept or decline, open this link:\n"
                "%(url)s\n"
            )
            % names
        )
        body += "\n" + ngettext(
            "The link works for %(days)d day. If you did not expect this invitation, ignore "
            "this e-mail: nothing happens unless you accept.\n",
            "The link works for %(days)d days. If you did not expect this invitation, ignore "
            "this e-mail: nothing happens unless you accept.\n",
            days,
        ) % {"days": days}
        subject = _("Invitation to %(production)s") % names
    return subject, body


def _issue_and_send(invitation: Invitation) -> Invitation:
    """A fresh token (the old link stops working), a fresh date, and the e-mail."""
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = hash_token(raw)
    invitation.sent_at = now
    invitation.expires_at = now + _valid_for()
    invitation.status = InvitationStatus.PENDING
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        raise ValidationError({"email": [_pending_message(invitation.email)]}) from None
    subject, body = invitation_email(invitation=invitation, raw_token=raw)
    enqueue_after_commit(send_email, subject=subject, body=body, to=[invitation.email])
    return invitation


def _pending_message(email: str) -> str:
    return _(
        "An invitation to %(email)s is already waiting for an answer; resend it from the "
        "list of invitations."
    ) % {"email": email}


@transaction.atomic
def invitation_create(
    *,
    production: Production,
    email: str,
    role: str,
    invited_by: User,
    name: str = "",
    reveal_membership: bool = True,
) -> Invitation:
    """Invite ``email`` to ``production`` as ``role``: nothing more until they accept.

    ``reveal_membership``: whether the inviter may be told that the address is already a
    member, or already has an invitation waiting (producers see every member's login
    e-mail). Without it, such an invitation is made (or the waiting one sent again) as
    for anyone else, and the answer does not differ.
    """
    email = _clean_email(email)
    _check_role(role)
    # One invitation at a time per production: concurrent ones queue on this lock.
    list(Production.objects.select_for_update().filter(pk=production.pk).values("pk"))
    if (
        reveal_membership
        and Membership.objects.filter(production=production, user__email__iexact=email).exists()
    ):
        raise ValidationError({"email": [already_member_message(email)]})
    waiting = (
        Invitation.objects.filter(
            production=production, email__iexact=email, status=InvitationStatus.PENDING
        )
        .select_for_update()
        .first()
    )
    if waiting is not None and not waiting.is_expired:
        if reveal_membership:
            raise ValidationError({"email": [_pending_message(email)]})
        return _issue_and_send(waiting)
    if waiting is not None:
        waiting.status = InvitationStatus.EXPIRED
        waiting.save(update_fields=["status"])
    invitation = Invitation(
        production=production,
        email=email,
        name=name.strip()[:150],
        role=role,
        invited_by=invited_by,
    )
    return _issue_and_send(invitation)


def _locked(invitation: Invitation) -> Invitation:
    return Invitation.objects.select_for_update().select_related("production").get(pk=invitation.pk)


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> Invitation:
    """Send a waiting (or expired) invitation again, with a new link."""
    invitation = _locked(invitation)
    if invitation.status not in (InvitationStatus.PENDING, InvitationStatus.EXPIRED):
        raise ValidationError(_("This invitation was already answered or cancelled."))
    return _issue_and_send(invitation)


@transaction.atomic
def invitation_cancel(*, invitation: Invitation) -> Invitation:
    """Withdraw an invitation that has no answer: its link stops working."""
    invitation = _locked(invitation)
    if invitation.status not in (InvitationStatus.PENDING, InvitationStatus.EXPIRED):
        raise ValidationError(_("This invitation was already answered or cancelled."))
    invitation.status = InvitationStatus.CANCELLED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    return invitation


def invitation_for_token(raw_token: str) -> Invitation | None:
    """The invitation a link's token belongs to (whatever its status), or None."""
    return (
        Invitation.objects.select_related("production", "invited_by")
        .filter(token_hash=hash_token(raw_token))
        .first()
    )


def closed_reason(invitation: Invitation) -> str | None:
    """Why the invitation can no longer be answered, or None while it can."""
    if invitation.is_expired:
        return _("This invitation has expired. Ask whoever invited you to send it again.")
    if invitation.status == InvitationStatus.ACCEPTED:
        return _("This invitation was already accepted.")
    if invitation.status == InvitationStatus.DECLINED:
        return _("This invitation was declined.")
    if invitation.status == InvitationStatus.CANCELLED:
        return _("This invitation was withdrawn.")
    return None


def is_invitee(invitation: Invitation, user: User) -> bool:
    return user.email.strip().lower() == invitation.email.strip().lower()


def invitation_expire_if_due(invitation: Invitation) -> None:
    """Mark a pending invitation past its date as expired (committed on its own, before
    the refusal that follows it)."""
    if invitation.status == InvitationStatus.PENDING and invitation.is_expired:
        Invitation.objects.filter(pk=invitation.pk, status=InvitationStatus.PENDING).update(
            status=InvitationStatus.EXPIRED
        )


def _open_or_raise(invitation: Invitation) -> Invitation:
    """The invitation, locked, if it can still be answered; else InvitationClosed.

    Callers run ``invitation_expire_if_due`` first, outside their transaction."""
    locked = _locked(invitation)
    reason = closed_reason(locked)
    if reason is not None:
        raise InvitationClosed(reason)
    return locked


def _not_yours() -> PermissionDenied:
    return PermissionDenied(
        _(
            "This invitation was sent to another e-mail address. Log out, then open the "
            "link again and log in with the address it was sent to."
        )
    )


def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """``user`` (who must have the invited address) joins the production.

    Someone already on the production keeps their role. The crew record is made (or
    linked) by the ``member_added`` hook, in the same transaction.
    """
    invitation_expire_if_due(invitation)
    with transaction.atomic():
        invitation = _open_or_raise(invitation)
        if not is_invitee(invitation, user):
            raise _not_yours()
        production = invitation.production
        membership = Membership.objects.filter(production=production, user=user).first()
        if membership is None:
            membership = membership_add(production=production, user=user, role=invitation.role)
        member_added.send(sender=Membership, production=production, user=user)
        invitation.status = InvitationStatus.ACCEPTED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at"])
        return membership


def invitation_accept_new_account(*, invitation: Invitation, name: str, password: str) -> User:
    """A new account for the invited address, with this password, and the invitation
    accepted. AccountExists when the address has an account (log in to accept)."""
    invitation_expire_if_due(invitation)
    with transaction.atomic():
        invitation = _open_or_raise(invitation)
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise AccountExists
        user = User.objects.create_user(
            invitation.email, password=password, name=(name.strip() or invitation.name)[:150]
        )
        invitation_accept(invitation=invitation, user=user)
        return user


def invitation_decline(*, invitation: Invitation, user: User | None) -> Invitation:
    """The invitee says no (signed in as the invited address, or not signed in)."""
    invitation_expire_if_due(invitation)
    with transaction.atomic():
        invitation = _open_or_raise(invitation)
        if user is not None and not is_invitee(invitation, user):
            raise _not_yours()
        invitation.status = InvitationStatus.DECLINED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at"])
        return invitation

"""Inviting someone to a production: an account (if new), a membership, an e-mail."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from core.background import enqueue_after_commit
from core.tasks import send_email
from productions.models import Membership, Production
from productions.services import membership_add
from productions.signals import member_added


def set_password_url(user: User) -> str:
    """A one-time link to choose a password (Django's password-reset token)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


@transaction.atomic
def member_invite(
    *, production: Production, email: str, role: str, invited_by: User, name: str = ""
) -> Membership:
    """Give ``email`` a role on ``production``, creating their account if they have none.

    New accounts get a link to set their password; existing ones a note that they were
    added. The e-mail leaves from a worker once this transaction commits.
    """
    email = email.strip().lower()
    max_length = User._meta.get_field("email").max_length or 254
    if len(email) > max_length:
        too_long = f"An e-mail address has at most {max_length} characters."
        raise ValidationError({"email": [too_long]})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": [f"“{email}” is not a valid e-mail address."]}) from None
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        user = User.objects.create_user(email, password=None, name=name.strip())
    membership = membership_add(production=production, user=user, role=role)
    member_added.send(sender=Membership, production=production, user=user)
    inviter = invited_by.get_full_name()
    if created:
        body = (
            f"{inviter} invited you to {production.title} on Callboard.\n\n"
            f"Choose your password here:\n{set_password_url(user)}\n\n"
            "Then log in with this e-mail address to see your calls and call sheets.\n"
        )
    else:
        body = (
            f"{inviter} added you to {production.title} on Callboard.\n\n"
            f"Log in to see it: {settings.SITE_URL}{reverse('login')}\n"
        )
    enqueue_after_commit(
        send_email, subject=f"You're on {production.title}", body=body, to=[user.email]
    )
    return membership

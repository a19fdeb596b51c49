"""Inviting someone to a production: an account (if new), a membership, an e-mail.

The e-mail is in the invitee's language (their account's, as for the password-reset
e-mail), not in the language of whoever invited them.
"""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.locale import user_language
from accounts.models import User
from core.background import enqueue_after_commit
from core.links import absolute_url
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
    return absolute_url(path)


def invitation_email(
    *, user: User, production: Production, invited_by: User, created: bool
) -> tuple[str, str]:
    """The invitation's subject and body, in ``user``'s language when the site offers it
    (otherwise in the current one)."""
    with translation.override(user_language(user) or translation.get_language()):
        names = {"inviter": invited_by.get_full_name(), "production": production.title}
        if created:
            body = _(
                "%(inviter)s invited you to %(production)s on Callboard.\n"
                "\n"
                "Choose your password here:\n"
                "%(url)s\n"
                "\n"
                "Then log in with this e-mail address to see your calls and call sheets.\n"
            ) % {**names, "url": set_password_url(user)}
        else:
            body = _(
                "%(inviter)s added you to %(production)s on Callboard.\n"
                "\n"
                "Log in to see it: %(url)s\n"
            ) % {**names, "url": absolute_url(reverse("login"))}
        subject = _("You're on %(production)s") % names
    return subject, body


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
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        user = User.objects.create_user(email, password=None, name=name.strip())
    membership = membership_add(production=production, user=user, role=role)
    member_added.send(sender=Membership, production=production, user=user)
    subject, body = invitation_email(
        user=user, production=production, invited_by=invited_by, created=created
    )
    enqueue_after_commit(send_email, subject=subject, body=body, to=[user.email])
    return membership

"""Writes for accounts: tokens and profile settings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ApiToken, User, hash_token


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its raw value, which is never stored."""
    name = name.strip()
    if not name:
        raise ValidationError(
            {"name": [_("Give the token a name, e.g. the tool that will use it.")]}
        )
    raw = ApiToken.generate()
    try:
        with transaction.atomic():
            token = ApiToken.objects.create(
                user=user, name=name[:100], key_hash=hash_token(raw), hint=raw[:8]
            )
    except IntegrityError:
        message = _("You already have a token called %(name)r.") % {"name": name}
        raise ValidationError({"name": [message]}) from None
    return token, raw


def api_token_revoke(*, token: ApiToken) -> None:
    token.delete()


def api_tokens_revoke_all(*, user: User) -> None:
    ApiToken.objects.filter(user=user).delete()


def api_token_authenticate(*, raw: str) -> ApiToken | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Touch at most once a minute: a busy client must not turn every read into a write.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts import lockout
from accounts.locale import user_language
from accounts.models import User
from accounts.services import api_tokens_revoke_all
from accounts.time_zones import TimeZoneField
from core.background import enqueue_after_commit
from core.links import absolute_url
from core.tasks import send_email


class _Lockout:
    """The "login" lockout (accounts.lockout) for a Django authentication form.

    A locked-out attempt is refused before the password is checked, so even the right
    password waits for the lockout to end. ``refusal`` holds it, for the view's 429 and
    Retry-After.
    """

    refusal: lockout.Attempt | None = None
    request: HttpRequest | None
    cleaned_data: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if not email or not password or self.request is None:
            return super().clean()  # type: ignore[misc,no-any-return]
        attempt = lockout.attempt("login", request=self.request, account=email)
        if not attempt.allowed:
            self.refusal = attempt
            raise ValidationError(attempt.message(), code="locked")
        try:
            cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        except ValidationError:
            attempt.failed()
            raise
        attempt.succeeded()
        return cleaned


class LockoutAuthenticationForm(_Lockout, AuthenticationForm):
    """The login form."""


class LockoutAdminAuthenticationForm(_Lockout, AdminAuthenticationForm):
    """The admin's login form: the same lockout, or it would be a way around it."""


class QueuedPasswordResetForm(PasswordResetForm):
    """Sends the reset e-mail from a worker, after the request's transaction commits.

    Unlike Django's form it also serves active accounts with no password yet: people who
    were invited and whose set-password link expired before they used it. The e-mail is
    in the account holder's language, whoever asked for it, and its link is on SITE_URL
    (core.links), never on the Host header of the request that asked for it.

    Requests are limited per address typed and per client (accounts.lockout,
    "password_reset"): every request counts, whether the address has an account or not.
    """

    refusal: lockout.Attempt | None = None

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        email = cleaned.get("email")
        if email and self.request is not None:
            attempt = lockout.attempt("password_reset", request=self.request, account=email)
            if not attempt.allowed:
                self.refusal = attempt
                raise ValidationError(attempt.message("requests"), code="locked")
        return cleaned

    def get_users(self, email: str) -> Any:
        return User.objects.filter(email__iexact=email.strip(), is_active=True)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Django would take the domain and protocol from the request.
        site = urlsplit(settings.SITE_URL)
        kwargs["domain_override"] = site.netloc
        kwargs["use_https"] = site.scheme == "https"
        super().save(*args, **kwargs)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from django.template import loader

        site = urlsplit(settings.SITE_URL)
        path = reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        context = {
            **context,
            "domain": site.netloc,
            "site_name": site.netloc,
            "protocol": site.scheme,
            "reset_url": absolute_url(path),
        }
        with translation.override(user_language(context["user"]) or translation.get_language()):
            subject_lines = loader.render_to_string(subject_template_name, context)
            body = loader.render_to_string(email_template_name, context)
        subject = "".join(subject_lines.splitlines())
        enqueue_after_commit(send_email, subject=subject, body=body, to=[to_email])


class ProfileForm(forms.ModelForm[User]):
    time_zone = TimeZoneField()

    class Meta:
        model = User
        fields = ["name", "language", "time_zone"]
        labels = {"name": _("Name"), "language": _("Language")}


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What will use it, e.g. “payroll export”.")
    )


class _RevokesTokens:
    """A new password ends every API token: a stolen one must not outlive the change."""

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)  # type: ignore[misc]
        if commit:
            api_tokens_revoke_all(user=user)
        return user


class TokenRevokingPasswordChangeForm(_RevokesTokens, PasswordChangeForm):
    pass


class TokenRevokingSetPasswordForm(_RevokesTokens, SetPasswordForm):  # type: ignore[type-arg]
    pass

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import lockout
from accounts.forms import (
    LockoutAuthenticationForm,
    ProfileForm,
    QueuedPasswordResetForm,
    TokenForm,
    TokenRevokingSetPasswordForm,
)
from accounts.models import User
from accounts.services import api_token_create, api_token_revoke


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def profile(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Profile saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "token_form": TokenForm(), "tokens": user.tokens.all()},
    )


@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = TokenForm(request.POST)
    new_token = None
    if form.is_valid():
        try:
            _token, new_token = api_token_create(user=user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error("name", exc.message_dict["name"])
    return render(
        request,
        "accounts/profile.html",
        {
            "form": ProfileForm(instance=user),
            "token_form": form if new_token is None else TokenForm(),
            "tokens": user.tokens.all(),
            "new_token": new_token,
        },
        status=200 if form.is_valid() and new_token else 400,
    )


@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(_user(request).tokens, pk=token_id)
    api_token_revoke(token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("accounts:profile")


# The ways in, each behind a lockout (accounts.lockout) --------------------------------


def _with_lockout(response: HttpResponse, form: BaseForm) -> HttpResponse:
    """A form refused by a lockout answers 429 with Retry-After (the form shows why)."""
    attempt: lockout.Attempt | None = getattr(form, "refusal", None)
    if attempt is not None and not attempt.allowed:
        response.status_code = 429
        response["Retry-After"] = str(attempt.retry_after)
    return response


def locked_out(request: HttpRequest, attempt: lockout.Attempt) -> HttpResponse:
    """The page for a link opened while its lockout lasts."""
    response = render(
        request, "registration/locked_out.html", {"message": attempt.message()}, status=429
    )
    response["Retry-After"] = str(attempt.retry_after)
    return response


class LoginView(auth_views.LoginView):
    authentication_form = LockoutAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form: Any) -> HttpResponse:
        return _with_lockout(super().form_invalid(form), form)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form: Any) -> HttpResponse:
        return _with_lockout(super().form_invalid(form), form)


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A set-password link; links that do not work count against the account and client."""

    form_class = TokenRevokingSetPasswordForm

    def dispatch(self, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if kwargs.get("token") == self.reset_url_token:
            # The link was already checked (and its token moved into the session).
            return super().dispatch(*args, **kwargs)
        user = self.get_user(kwargs.get("uidb64", ""))
        account = f"user:{user.pk}" if user is not None else str(kwargs.get("uidb64", ""))
        attempt = lockout.attempt("link", request=self.request, account=account)
        if not attempt.allowed:
            return locked_out(self.request, attempt)
        response = super().dispatch(*args, **kwargs)
        if self.validlink:
            attempt.succeeded()
        else:
            attempt.failed()
        return response

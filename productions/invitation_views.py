"""The page behind an invitation's link: accept (signed in, or with a new account) or decline.

It is public (the invitee may have no account yet); the link's token is the proof that
whoever opens it received the e-mail. Links that do not work count towards the "link"
lockout (accounts.lockout) of the client and of the signed-in account, if any.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import lockout
from accounts.models import User
from accounts.views import locked_out
from productions.forms import InvitationAccountForm
from productions.invitations import (
    AccountExists,
    InvitationClosed,
    closed_reason,
    invitation_accept,
    invitation_accept_new_account,
    invitation_decline,
    invitation_expire_if_due,
    invitation_for_token,
    is_invitee,
)
from productions.models import Invitation


def _signed_in(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _closed(request: HttpRequest, invitation: Invitation, reason: str) -> HttpResponse:
    return render(
        request,
        "productions/invitation_closed.html",
        {"invitation": invitation, "reason": reason},
        status=410,
    )


@login_not_required
def invitation_page(request: HttpRequest, token: str) -> HttpResponse:
    user = _signed_in(request)
    attempt = lockout.attempt("link", request=request, account=user.email if user else None)
    if not attempt.allowed:
        return locked_out(request, attempt)
    invitation = invitation_for_token(token)
    if invitation is None:
        attempt.failed()
        raise Http404(_("This invitation link does not exist. Check that you copied all of it."))
    attempt.succeeded()

    reason = closed_reason(invitation)
    if reason is not None:
        invitation_expire_if_due(invitation)
        return _closed(request, invitation, reason)
    if user is not None and not is_invitee(invitation, user):
        # Not whose it is: the page does not repeat the invited address either.
        raise PermissionDenied(
            _(
                "This invitation was sent to another e-mail address. Log out, then open the "
                "link again and log in with the address it was sent to."
            )
        )
    # Whoever holds the link received the e-mail: telling them whether their own address
    # has an account is what they need to answer.
    has_account = user is not None or User.objects.filter(email__iexact=invitation.email).exists()
    form = InvitationAccountForm(User(email=invitation.email), initial={"name": invitation.name})
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "decline":
                invitation_decline(invitation=invitation, user=user)
                return render(
                    request, "productions/invitation_declined.html", {"invitation": invitation}
                )
            if action == "accept" and user is not None:
                invitation_accept(invitation=invitation, user=user)
                return _welcome(request, invitation)
            if action == "create" and not has_account:
                form = InvitationAccountForm(User(email=invitation.email), request.POST)
                if form.is_valid():
                    new_user = invitation_accept_new_account(
                        invitation=invitation,
                        name=form.cleaned_data["name"],
                        password=form.cleaned_data["new_password1"],
                    )
                    login(request, new_user)
                    return _welcome(request, invitation)
        except InvitationClosed as exc:
            return _closed(request, invitation, exc.message)
        except AccountExists:
            has_account = True
        status = 400
    context: dict[str, Any] = {
        "invitation": invitation,
        "signed_in": user is not None,
        "has_account": has_account,
        "form": form,
    }
    return render(request, "productions/invitation.html", context, status=status)


def _welcome(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    messages.success(
        request,
        _("Welcome to %(production)s.") % {"production": invitation.production.title},
    )
    return redirect("productions:overview", production_id=invitation.production_id)

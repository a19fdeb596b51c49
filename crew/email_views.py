"""The page behind an address-confirmation link (crew.email_confirmation).

Public: the link is the proof that whoever opens it reads the address. Confirming is a
POST, so a mail scanner that fetches the link confirms nothing. Links that do not work
count towards the "link" lockout (accounts.lockout).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts import lockout
from accounts.models import User
from accounts.views import locked_out
from crew.email_confirmation import (
    ConfirmationClosed,
    confirmation_closed_reason,
    email_confirmation_confirm,
    email_confirmation_for_token,
)


@login_not_required
def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    user = request.user if isinstance(request.user, User) else None
    attempt = lockout.attempt("link", request=request, account=user.email if user else None)
    if not attempt.allowed:
        return locked_out(request, attempt)
    confirmation = email_confirmation_for_token(token)
    if confirmation is None:
        attempt.failed()
        raise Http404(_("This link does not exist. Check that you copied all of it."))
    attempt.succeeded()
    context = {"confirmation": confirmation, "production": confirmation.production}
    reason = confirmation_closed_reason(confirmation)
    if reason is None and request.method == "POST":
        try:
            saved = email_confirmation_confirm(confirmation=confirmation)
        except ConfirmationClosed as exc:
            reason = exc.message
        else:
            return render(request, "crew/email_confirmed.html", {**context, "saved": saved})
    if reason is not None:
        return render(request, "crew/email_confirm.html", {**context, "reason": reason}, status=410)
    return render(request, "crew/email_confirm.html", context)

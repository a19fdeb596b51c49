"""Production pages: list, create, overview, settings, members, deadlines.

Every page that takes a production id starts with ``production_access`` (404 for
non-members) and checks its action with ``access.require`` (403).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from productions.forms import (
    CoProducerForm,
    MemberInviteForm,
    MemberRoleForm,
    ProductionForm,
    ProductionSettingsForm,
    add_service_errors,
)
from productions.invitations import invitation_cancel, invitation_create, invitation_resend
from productions.models import CoProducer, Invitation, Membership, Production
from productions.pages import page_context
from productions.roles import Action, Role
from productions.scoping import Access, production_access
from productions.selectors import (
    invitations_waiting,
    memberships_for,
    memberships_for_user,
    productions_for_user,
)
from productions.services import (
    co_producer_save,
    membership_change_role,
    membership_remove,
    production_create,
    production_update,
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def posted(request: HttpRequest) -> Any:
    """The POST data to bind a form to (even an empty POST), or None on GET."""
    return request.POST if request.method == "POST" else None


def posted_files(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None


def production_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    roles = {m.production_id: m.get_role_display() for m in memberships_for_user(user=user)}
    productions = list(productions_for_user(user=user))
    for production in productions:
        production.role_label = roles.get(production.pk, "")  # type: ignore[attr-defined]
    return render(request, "productions/list.html", {"productions": productions})


def production_new(request: HttpRequest) -> HttpResponse:
    form = ProductionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            production = production_create(by=_user(request), **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("“%(title)s” created. You are its producer.") % {"title": production.title},
            )
            return redirect("productions:overview", production_id=production.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "productions/new.html", {"form": form}, status=status)


# Settings ---------------------------------------------------------------------------


def _settings_page(
    request: HttpRequest,
    access: Access,
    *,
    form: ProductionSettingsForm | None = None,
    co_producer_form: CoProducerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    production = access.production
    return render(
        request,
        "productions/settings.html",
        page_context(
            access,
            "settings",
            form=form
            or ProductionSettingsForm(initial=ProductionSettingsForm.initial_for(production)),
            co_producer_form=co_producer_form or CoProducerForm(prefix="co"),
            co_producers=list(production.co_producers.all()),
        ),
        status=status,
    )


def production_settings(request: HttpRequest, production_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    access.require(Action.MANAGE_PRODUCTION)
    if request.method != "POST":
        return _settings_page(request, access)
    form = ProductionSettingsForm(request.POST)
    if form.is_valid():
        # Work on a fresh copy so a rejected save leaves nothing half-applied on the page.
        production = Production.objects.get(pk=access.production.pk)
        try:
            production_update(production=production, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("productions:settings", production_id=production.pk)
    return _settings_page(request, access, form=form, status=400)


@require_POST
def co_producer_add(request: HttpRequest, production_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    access.require(Action.MANAGE_PRODUCTION)
    form = CoProducerForm(
        request.POST, prefix="co", instance=CoProducer(production=access.production)
    )
    if form.is_valid():
        try:
            co_producer = co_producer_save(co_producer=form.instance)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(company)s added.") % {"company": co_producer})
            return redirect("productions:settings", production_id=access.production.pk)
    return _settings_page(request, access, co_producer_form=form, status=400)


@require_POST
def co_producer_remove(
    request: HttpRequest, production_id: int, co_producer_id: int
) -> HttpResponse:
    access = production_access(request.user, production_id)
    co_producer = access.get_object_or_404(
        CoProducer, co_producer_id, action=Action.MANAGE_PRODUCTION
    )
    co_producer.delete()
    messages.success(request, _("%(company)s removed.") % {"company": co_producer})
    return redirect("productions:settings", production_id=access.production.pk)


# Members ----------------------------------------------------------------------------


def _members_page(
    request: HttpRequest,
    access: Access,
    *,
    invite_form: MemberInviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    memberships = list(memberships_for(access=access))
    return render(
        request,
        "productions/members.html",
        page_context(
            access,
            "members",
            memberships=memberships,
            invitations=list(invitations_waiting(access=access)),
            invite_form=invite_form or MemberInviteForm(),
            role_choices=Role.choices,
            producer_count=sum(m.role == Role.PRODUCER for m in memberships),
        ),
        status=status,
    )


def member_list(request: HttpRequest, production_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    access.require(Action.MANAGE_MEMBERS)
    return _members_page(request, access)


@require_POST
def member_add(request: HttpRequest, production_id: int) -> HttpResponse:
    """Invite someone: the answer is the same whether their address has an account."""
    access = production_access(request.user, production_id)
    access.require(Action.MANAGE_MEMBERS)
    form = MemberInviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitation_create(
                production=access.production,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=_user(request),
                name=form.cleaned_data["name"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s as %(role)s. They join once they accept it.")
                % {"email": invitation.email, "role": invitation.get_role_display()},
            )
            return redirect("productions:members", production_id=access.production.pk)
    return _members_page(request, access, invite_form=form, status=400)


def _invitation(access: Access, invitation_id: int) -> Invitation:
    return access.get_object_or_404(Invitation, invitation_id, action=Action.MANAGE_MEMBERS)


@require_POST
def invitation_resend_view(
    request: HttpRequest, production_id: int, invitation_id: int
) -> HttpResponse:
    access = production_access(request.user, production_id)
    invitation = _invitation(access, invitation_id)
    try:
        invitation_resend(invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Invitation sent again to %(email)s.") % {"email": invitation.email}
        )
    return redirect("productions:members", production_id=access.production.pk)


@require_POST
def invitation_cancel_view(
    request: HttpRequest, production_id: int, invitation_id: int
) -> HttpResponse:
    access = production_access(request.user, production_id)
    invitation = _invitation(access, invitation_id)
    try:
        invitation_cancel(invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email},
        )
    return redirect("productions:members", production_id=access.production.pk)


def _membership(access: Access, membership_id: int) -> Membership:
    """The membership (404 outside the production), for those who manage members (403)."""
    return access.get_object_or_404(
        Membership.objects.select_related("user"), membership_id, action=Action.MANAGE_MEMBERS
    )


def _after_own_change(request: HttpRequest, access: Access) -> HttpResponse:
    """Where to go once a change touched the viewer's own membership."""
    fresh = Membership.objects.for_access(access).filter(user=_user(request)).first()
    if fresh is None:
        return redirect("productions:list")
    if Role(fresh.role) == Role.PRODUCER:
        return redirect("productions:members", production_id=access.production.pk)
    return redirect("productions:overview", production_id=access.production.pk)


@require_POST
def member_role(request: HttpRequest, production_id: int, membership_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    membership = _membership(access, membership_id)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed roles."))
        return redirect("productions:members", production_id=access.production.pk)
    try:
        membership_change_role(membership=membership, role=form.cleaned_data["role"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("productions:members", production_id=access.production.pk)
    messages.success(
        request,
        _("%(member)s is now %(role)s.")
        % {"member": membership.user, "role": membership.get_role_display()},
    )
    if membership.user_id == request.user.pk:
        return _after_own_change(request, access)
    return redirect("productions:members", production_id=access.production.pk)


@require_POST
def member_remove(request: HttpRequest, production_id: int, membership_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    membership = _membership(access, membership_id)
    try:
        membership_remove(membership=membership)
    except ValidationError as exc:
        messages.error(
            request,
            _(
                # Translators: reason is the rule that refused ("A production needs at
                # least one producer.").
                "%(member)s is the last producer and cannot be removed. %(reason)s "
                "Make someone else a producer first."
            )
            % {"member": membership.user, "reason": " ".join(exc.messages)},
        )
        return redirect("productions:members", production_id=access.production.pk)
    messages.success(
        request,
        _("%(member)s no longer has access to this production.") % {"member": membership.user},
    )
    if membership.user_id == request.user.pk:
        return _after_own_change(request, access)
    return redirect("productions:members", production_id=access.production.pk)

"""Production pages built from crew data: the overview and the deadlines."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crew.deadlines import deadline_complete, deadline_save, deadlines_for_access
from crew.filters import DeadlineFilter
from crew.forms import DeadlineForm
from crew.models import Deadline, DeadlineStatus, Engagement
from crew.my_engagement import my_engagements
from crew.policies import can_complete_deadline
from productions.forms import add_service_errors
from productions.pages import page_context
from productions.roles import Action
from productions.scoping import Access, production_access
from productions.views import posted


def production_overview(request: HttpRequest, production_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    production = access.production
    by_department = list(
        Engagement.objects.for_access(access)
        .values("department__name", "department__order")
        .annotate(people=Count("person", distinct=True))
        .order_by("department__order", "department__name")
    )
    open_only = DeadlineFilter({"status": DeadlineStatus.OPEN}, access=access)
    upcoming = list(deadlines_for_access(access=access, filters=open_only)[:5])
    with timezone.override(production.time_zone):
        return render(
            request,
            "productions/overview.html",
            page_context(
                access,
                "overview",
                co_producers=list(production.co_producers.all()),
                by_department=by_department,
                crew_total=sum(row["people"] for row in by_department),
                deadlines=upcoming,
                my_engagements=my_engagements(access),
            ),
        )


def deadline_list(request: HttpRequest, production_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    # Those who do not manage deadlines open on their own; a bad parameter is left out.
    filters = DeadlineFilter(
        request.GET, access=access, mine_by_default=not access.can(Action.MANAGE_DEADLINES)
    )
    deadlines = list(deadlines_for_access(access=access, filters=filters))
    for deadline in deadlines:
        deadline.can_complete = (  # type: ignore[attr-defined]
            deadline.status != DeadlineStatus.DONE and can_complete_deadline(access, deadline)
        )
    with timezone.override(access.production.time_zone):
        return render(
            request,
            "productions/deadlines.html",
            page_context(
                access,
                "deadlines",
                deadlines=deadlines,
                tab=filters.shown_tab,
                status=filters.cleaned.get("status") or "",
                status_choices=DeadlineStatus.choices,
            ),
        )


def _deadline_form_page(
    request: HttpRequest, access: Access, deadline: Deadline | None
) -> HttpResponse:
    """Create (``deadline`` None) or edit a deadline, in the production's time zone."""
    access.require(Action.MANAGE_DEADLINES)
    production = access.production
    with timezone.override(production.time_zone):
        form = DeadlineForm(
            posted(request),
            initial=DeadlineForm.initial_for(deadline) if deadline else None,
            access=access,
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            target = deadline or Deadline(production=production)
            target.title = data["title"]
            target.due = data["due"]
            target.department = data["department"]
            target.status = data["status"]
            target.notes = data["notes"]
            try:
                deadline_save(deadline=target, owner_ids=[p.pk for p in data["owners"]])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Deadline “%(title)s” saved.") % {"title": target.title}
                )
                return redirect("productions:deadlines", production_id=production.pk)
        return render(
            request,
            "productions/deadline_form.html",
            page_context(access, "deadlines", form=form, deadline=deadline),
            status=400 if request.method == "POST" else 200,
        )


def deadline_new(request: HttpRequest, production_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    return _deadline_form_page(request, access, None)


def deadline_edit(request: HttpRequest, production_id: int, deadline_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    deadline = access.get_object_or_404(Deadline, deadline_id, action=Action.MANAGE_DEADLINES)
    return _deadline_form_page(request, access, deadline)


@require_POST
def deadline_done(request: HttpRequest, production_id: int, deadline_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    deadline = access.get_object_or_404(Deadline, deadline_id)
    if not can_complete_deadline(access, deadline):
        access.require(Action.MANAGE_DEADLINES)
    if deadline.status == DeadlineStatus.DONE:
        messages.info(request, _("“%(title)s” was already done.") % {"title": deadline.title})
    else:
        deadline_complete(deadline=deadline)
        messages.success(request, _("“%(title)s” marked done.") % {"title": deadline.title})
    # Back to the same tab and filter (validated, so never an open redirect).
    params = DeadlineFilter(request.POST, access=access).as_query()
    url = reverse("productions:deadlines", kwargs={"production_id": access.production.pk})
    return redirect(f"{url}?{params}" if params else url)

"""Unavailable dates on a person's page: producers and the person themself add and remove.

Who sees the dates, their reason, and who changes them: crew.policies.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from crew.formats import period_label
from crew.forms import UnavailabilityForm
from crew.models import Person, Unavailability
from crew.policies import can_change_unavailability, can_see_unavailability_reason
from crew.selectors import unavailability_for
from crew.services import unavailability_add, unavailability_delete
from productions.forms import add_service_errors
from productions.pages import page_context
from productions.scoping import Access, production_access
from productions.views import posted


def _editable_person(access: Access, person_id: int) -> Person:
    """The person (404 outside the production) if the viewer may change their dates."""
    person = access.get_object_or_404(Person, person_id)
    if not can_change_unavailability(access, person):
        raise PermissionDenied(_("Only producers and the person themself change their dates."))
    return person


def _when(period: Unavailability) -> str:
    return period_label(period.start_date, period.end_date)


@require_http_methods(["GET", "HEAD", "POST"])
def unavailability_add_view(
    request: HttpRequest, production_id: int, person_id: int
) -> HttpResponse:
    """The add form (also inline on the person page); errors come back here."""
    access = production_access(request.user, production_id)
    person = _editable_person(access, person_id)
    form = UnavailabilityForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            period = unavailability_add(person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s: unavailable %(period)s.")
                % {"name": person.name, "period": _when(period)},
            )
            return redirect("crew:person", production_id=access.production.pk, person_id=person.pk)
    return render(
        request,
        "crew/unavailability_form.html",
        page_context(
            access,
            "crew",
            person=person,
            form=form,
            unavailabilities=list(unavailability_for(access=access, person=person)),
            show_reasons=can_see_unavailability_reason(access, person),
        ),
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def unavailability_delete_view(
    request: HttpRequest, production_id: int, person_id: int, unavailability_id: int
) -> HttpResponse:
    access = production_access(request.user, production_id)
    person = _editable_person(access, person_id)
    period = access.get_object_or_404(
        unavailability_for(access=access, person=person), unavailability_id
    )
    unavailability_delete(unavailability=period)
    messages.success(
        request,
        _("%(name)s is no longer marked unavailable %(period)s.")
        % {"name": person.name, "period": _when(period)},
    )
    return redirect("crew:person", production_id=access.production.pk, person_id=person.pk)

"""Crew pages: the list (grouped by department), a person, adding and editing, CSV.

Contact and private fields reach a template only through ``visible_fields``: what a
viewer may not see is never rendered, not even as an empty cell.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from accounts.models import User
from crew import selectors
from crew.access import own_person_ids
from crew.csv_io import (
    COLUMNS,
    REQUIRED_COLUMNS,
    ImportReport,
    RowError,
    crew_csv_export,
    crew_csv_import,
)
from crew.email_confirmation import pending_emails
from crew.filters import CrewFilter
from crew.forms import CrewAddForm, CrewImportForm, EngagementForm, OwnContactForm, PersonForm
from crew.list_rows import cached_crew_table, call_label
from crew.models import (
    Character,
    Engagement,
    EngagementStatus,
    Person,
)
from crew.phones import default_phone_region, display_phone
from crew.policies import (
    can_add_crew,
    can_change_unavailability,
    can_edit_engagement,
    can_engage_person,
    can_place_engagement,
    can_see_engagement_notes,
    can_see_unavailability,
    can_see_unavailability_reason,
    editable_person_fields,
    engagement_department_ids,
)
from crew.privacy import sees_every_login_email, visible_fields
from crew.services import crew_member_add, engagement_apply, engagement_save, person_save
from productions.forms import add_service_errors
from productions.invitations import invitation_create
from productions.pages import page_context
from productions.roles import Action, Role
from productions.scoping import Access, production_access
from productions.selectors import invitations_waiting
from productions.views import posted, posted_files


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


# The list -----------------------------------------------------------------------------


def _team_signposts(access: Access) -> dict[str, Any]:
    """For those who manage members (producers): who is invited or logs in but is not on
    the crew list yet, so members and crew never look like two unrelated lists."""
    if not access.can(Action.MANAGE_MEMBERS):
        return {"invitations_waiting": 0, "members_not_engaged": []}
    return {
        "invitations_waiting": invitations_waiting(access=access).count(),
        "members_not_engaged": list(selectors.members_not_engaged(access=access)),
    }


def crew_list(request: HttpRequest, production_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    # A bad parameter is left out: the page shows the list without that filter.
    filters = CrewFilter(request.GET, access=access)
    query = tuple(sorted((name, value) for name, values in request.GET.lists() for value in values))
    table = cached_crew_table(
        access, query, lambda: list(selectors.crew_list(access=access, filters=filters))
    )
    context = page_context(
        access,
        "crew",
        table=mark_safe(table.html),  # nosec B308 B703  # rendered by crew/_table.html
        filters=filters,
        departments=list(selectors.departments_for(access=access)),
        positions=list(selectors.positions_for(access=access)),
        status_choices=EngagementStatus.choices,
        engagement_count=table.engagement_count,
        people_count=table.people_count,
    )
    htmx = request.headers.get("HX-Request") == "true"
    if not htmx:  # the header above the results, which a search does not redraw
        context.update(_team_signposts(access))
    response = render(request, "crew/_results.html" if htmx else "crew/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# A person -----------------------------------------------------------------------------


def person_page(request: HttpRequest, production_id: int, person_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    person = selectors.person_detail(access=access, person_id=person_id)
    engagements = list(person.engagements.all())
    department_ids = {e.department_id for e in engagements if e.department_id}
    fields = visible_fields(access, person, department_ids)
    is_self = person.pk in own_person_ids(access)
    characters = list(
        Character.objects.for_access(access)
        .filter(engagement__person=person)
        .select_related("engagement__position")
    )
    editable = editable_person_fields(access, person)
    return render(
        request,
        "crew/person.html",
        page_context(
            access,
            "crew",
            person=person,
            fields=fields,
            phone=display_phone(person.phone) if "phone" in fields else "",
            emergency_phone=display_phone(person.emergency_contact_phone)
            if "emergency_contact_phone" in fields
            else "",
            engagements=[
                {
                    "engagement": engagement,
                    "call": call_label(engagement.call_offset_minutes),
                    "can_edit": can_edit_engagement(access, engagement),
                    "show_notes": can_see_engagement_notes(access, engagement),
                }
                for engagement in engagements
            ],
            pending_email=pending_emails(access, [person.pk]).get(person.pk)
            if "email" in fields
            else None,
            show_unavailability=can_see_unavailability(access, person),
            unavailabilities=list(person.unavailabilities.all()),
            show_reasons=can_see_unavailability_reason(access, person),
            can_change_unavailability=can_change_unavailability(access, person),
            characters=characters,
            is_self=is_self,
            can_edit_person=bool(editable),
            own_details_only=bool(editable) and "name" not in editable,
            can_add_engagement=can_engage_person(access, person),
        ),
    )


def person_edit(request: HttpRequest, production_id: int, person_id: int) -> HttpResponse:
    """Producers edit everything; anyone edits their own contact details and sharing."""
    access = production_access(request.user, production_id)
    person = access.get_object_or_404(Person, person_id)
    editable = editable_person_fields(access, person)
    if not editable:
        raise PermissionDenied(_("Only producers and the person themself edit these details."))
    form_class: type[OwnContactForm] = PersonForm if "name" in editable else OwnContactForm
    initial = {name: getattr(person, name) for name in form_class.base_fields}
    form = form_class(
        posted(request), initial=initial, region=default_phone_region(access.production)
    )
    if request.method == "POST" and form.is_valid():
        try:
            person_save(
                person=person,
                access=access,
                **{k: v for k, v in form.cleaned_data.items() if k in editable},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            asked = str(form.cleaned_data.get("email") or "").strip().lower()
            if "email" in editable and asked and asked != person.email:
                # The same words whether or not someone else has the address (crew.privacy).
                saved = _(
                    "Details saved. We sent a link to %(email)s: the address is saved once "
                    "it is confirmed from there."
                ) % {"email": asked}
            else:
                saved = _("Details saved.")
            messages.success(request, saved)
            return redirect("crew:person", production_id=access.production.pk, person_id=person.pk)
    return render(
        request,
        "crew/person_edit.html",
        page_context(
            access,
            "crew",
            person=Person.objects.for_access(access).get(pk=person.pk),
            form=form,
            own_details_only="name" not in editable,
        ),
        status=400 if request.method == "POST" else 200,
    )


# Engagements --------------------------------------------------------------------------


def _engagement_page(
    request: HttpRequest, access: Access, person: Person, engagement: Engagement
) -> HttpResponse:
    is_new = engagement.pk is None
    initial = None
    if not is_new:
        initial = {name: getattr(engagement, name) for name in EngagementForm.base_fields}
    form = EngagementForm(
        posted(request),
        initial=initial,
        access=access,
        only_departments=engagement_department_ids(access),
    )
    if request.method == "POST" and form.is_valid():
        engagement_apply(engagement=engagement, **form.cleaned_data)
        if not can_place_engagement(access, engagement):
            raise PermissionDenied(_("You may manage only your own department's crew."))
        try:
            engagement_save(engagement=engagement, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s: %(position)s saved.")
                % {"name": person.name, "position": engagement.position},
            )
            return redirect("crew:person", production_id=access.production.pk, person_id=person.pk)
    return render(
        request,
        "crew/engagement_form.html",
        page_context(
            access, "crew", person=person, engagement=engagement, form=form, is_new=is_new
        ),
        status=400 if request.method == "POST" else 200,
    )


def engagement_edit(request: HttpRequest, production_id: int, engagement_id: int) -> HttpResponse:
    """Producers edit any engagement; department heads those of their department."""
    access = production_access(request.user, production_id)
    engagement = access.get_object_or_404(
        Engagement.objects.select_related("person", "position", "department"), engagement_id
    )
    if not can_edit_engagement(access, engagement):
        raise PermissionDenied(_("You manage only your own department's engagements."))
    return _engagement_page(request, access, engagement.person, engagement)


def engagement_add(request: HttpRequest, production_id: int, person_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    person = access.get_object_or_404(Person, person_id)
    if not can_engage_person(access, person):
        raise PermissionDenied(
            _("Producers engage anyone; department heads only people already in their department.")
        )
    engagement = Engagement(production=access.production, person=person)
    return _engagement_page(request, access, person, engagement)


def crew_add(request: HttpRequest, production_id: int) -> HttpResponse:
    """Add a person with an engagement, and optionally invite them to log in."""
    access = production_access(request.user, production_id)
    if not can_add_crew(access):
        raise PermissionDenied(_("Only producers and department heads add people."))
    roles = (
        list(Role.choices)
        if access.can(Action.MANAGE_MEMBERS)
        else [(Role.CREW.value, Role.CREW.label)]
    )
    form = CrewAddForm(
        posted(request),
        roles=roles,
        region=default_phone_region(access.production),
        access=access,
        only_departments=engagement_department_ids(access),
    )
    if request.method == "POST" and form.is_valid():
        placed = engagement_apply(
            engagement=Engagement(production=access.production), **form.engagement_fields()
        )
        if not can_place_engagement(access, placed):
            raise PermissionDenied(_("You may manage only your own department's crew."))
        try:
            engagement = _add_and_invite(request, access, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            person = engagement.person
            names = {
                "name": person.name,
                "position": engagement.position,
                "email": str(form.cleaned_data["email"] or "").strip().lower(),
            }
            waiting = bool(names["email"]) and person.email != names["email"]
            if form.cleaned_data["account"] == CrewAddForm.INVITE:
                added = _(
                    "%(name)s added as %(position)s; an invitation is on its way to %(email)s."
                )
            elif waiting:
                # The same words whether or not someone else has the address (crew.privacy).
                added = _(
                    "%(name)s added as %(position)s. We sent a link to %(email)s: the address "
                    "is saved once it is confirmed from there."
                )
            else:
                added = _("%(name)s added as %(position)s.")
            messages.success(request, added % names)
            return redirect("crew:person", production_id=access.production.pk, person_id=person.pk)
    return render(
        request,
        "crew/add.html",
        page_context(access, "crew", form=form),
        status=400 if request.method == "POST" else 200,
    )


@transaction.atomic
def _add_and_invite(request: HttpRequest, access: Access, form: CrewAddForm) -> Engagement:
    """Both or neither: a failed invitation leaves no half-added person behind.

    The log-in is the members page's invitation: they join (and their account is linked
    to this crew record) only when they accept it.
    """
    engagement = crew_member_add(
        production=access.production,
        person_fields=form.person_fields(),
        engagement_fields=form.engagement_fields(),
        access=access,
    )
    if form.cleaned_data["account"] == CrewAddForm.INVITE:
        invitation_create(
            production=access.production,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=_user(request),
            name=form.cleaned_data["name"],
            reveal_membership=sees_every_login_email(access),
        )
    return engagement


# CSV ----------------------------------------------------------------------------------


def _errors_by_line(report: ImportReport) -> list[tuple[int | None, list[RowError]]]:
    """The report's errors grouped by line, problems with the whole file first."""
    grouped: dict[int | None, list[RowError]] = {}
    for error in report.errors:
        grouped.setdefault(error.line, []).append(error)
    return sorted(grouped.items(), key=lambda item: -1 if item[0] is None else item[0])


@require_GET
def crew_export(request: HttpRequest, production_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    engagements = selectors.crew_list(access=access, filters=CrewFilter(request.GET, access=access))
    filename = (
        f"{slugify(access.production.title) or 'production'}-crew-{date.today():%Y-%m-%d}.csv"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # a BOM, so spreadsheets open the file as UTF-8
    crew_csv_export(access=access, engagements=engagements, out=response)
    return response


def crew_import(request: HttpRequest, production_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    access.require(Action.MANAGE_CREW)
    form = CrewImportForm(posted(request), posted_files(request))
    report = None
    if request.method == "POST" and form.is_valid():
        report = crew_csv_import(access=access, data=form.cleaned_data["file"].read())
        if report.ok:
            imported = ngettext(
                # Translators: added and updated are the two messages below ("2 people
                # added", "0 updated").
                "Imported %(rows)d row: %(added)s, %(updated)s.",
                "Imported %(rows)d rows: %(added)s, %(updated)s.",
                report.rows,
            )
            added = ngettext("%(count)d person added", "%(count)d people added", report.created) % {
                "count": report.created
            }
            # Translators: how many people an import changed ("3 updated").
            updated = ngettext("%(count)d updated", "%(count)d updated", report.updated) % {
                "count": report.updated
            }
            messages.success(
                request, imported % {"rows": report.rows, "added": added, "updated": updated}
            )
            return redirect("crew:list", production_id=access.production.pk)
    return render(
        request,
        "crew/import.html",
        page_context(
            access,
            "crew",
            form=form,
            report=report,
            error_lines=_errors_by_line(report) if report else [],
            columns=COLUMNS,
            required_columns=REQUIRED_COLUMNS,
        ),
        status=400 if request.method == "POST" else 200,
    )

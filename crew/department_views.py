"""Departments and positions: the production's own lists, in call-sheet order.

Producers only (MANAGE_DEPARTMENTS). A department or position is deleted only while
nobody is engaged in it; otherwise the page says how many still are.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from crew.forms import DepartmentForm, PositionForm
from crew.models import Department, Position
from crew.selectors import departments_for, positions_for
from crew.services import (
    InUseError,
    department_create,
    department_delete,
    department_save,
    position_create,
    position_delete,
    position_save,
)
from productions.forms import add_service_errors
from productions.pages import page_context
from productions.roles import Action
from productions.scoping import Access, production_access
from productions.views import posted


def _access(request: HttpRequest, production_id: int) -> Access:
    access = production_access(request.user, production_id)
    access.require(Action.MANAGE_DEPARTMENTS)
    return access


def _department(access: Access, department_id: int) -> Department:
    return access.get_object_or_404(
        departments_for(access=access), department_id, action=Action.MANAGE_DEPARTMENTS
    )


def _position(access: Access, position_id: int) -> Position:
    return access.get_object_or_404(
        positions_for(access=access), position_id, action=Action.MANAGE_DEPARTMENTS
    )


def _list_url(access: Access) -> str:
    return reverse("crew:departments", kwargs={"production_id": access.production.pk})


@dataclass
class DepartmentGroup:
    department: Department | None
    positions: list[Position]


def _groups(access: Access) -> list[DepartmentGroup]:
    """Each department with its positions and how many engagements use each (2 queries)."""
    departments = departments_for(access=access).annotate(
        engagement_count=Count("engagements", distinct=True)
    )
    positions = positions_for(access=access).annotate(
        engagement_count=Count("engagements", distinct=True)
    )
    by_department: dict[int | None, list[Position]] = {}
    for position in positions:
        by_department.setdefault(position.department_id, []).append(position)
    groups = [DepartmentGroup(d, by_department.get(d.pk, [])) for d in departments]
    if None in by_department:
        groups.append(DepartmentGroup(None, by_department[None]))
    return groups


def _page(
    request: HttpRequest,
    access: Access,
    *,
    department_form: DepartmentForm | None = None,
    position_form: PositionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "crew/departments.html",
        page_context(
            access,
            "departments",
            groups=_groups(access),
            department_form=department_form or DepartmentForm(prefix="department"),
            position_form=position_form or PositionForm(prefix="position", access=access),
        ),
        status=status,
    )


@require_http_methods(["GET", "HEAD"])
def department_list(request: HttpRequest, production_id: int) -> HttpResponse:
    return _page(request, _access(request, production_id))


# Departments ----------------------------------------------------------------------------


@require_POST
def department_add(request: HttpRequest, production_id: int) -> HttpResponse:
    access = _access(request, production_id)
    form = DepartmentForm(request.POST, prefix="department")
    if form.is_valid():
        try:
            department = department_create(production=access.production, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Department %(name)s added.") % {"name": department.name})
            return redirect(_list_url(access))
    return _page(request, access, department_form=form, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def department_edit(request: HttpRequest, production_id: int, department_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    department = _department(access, department_id)
    form = DepartmentForm(
        posted(request), initial={"name": department.name, "order": department.order}, new=False
    )
    if request.method == "POST" and form.is_valid():
        department.name = form.cleaned_data["name"]
        if form.cleaned_data["order"] is not None:
            department.order = form.cleaned_data["order"]
        try:
            department_save(department=department)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Department %(name)s saved.") % {"name": department.name})
            return redirect(_list_url(access))
    return render(
        request,
        "crew/department_form.html",
        page_context(
            access,
            "departments",
            department=_department(access, department_id),
            form=form,
        ),
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def department_delete_view(
    request: HttpRequest, production_id: int, department_id: int
) -> HttpResponse:
    access = production_access(request.user, production_id)
    department = _department(access, department_id)
    try:
        positions = department_delete(department=department)
    except InUseError as exc:
        messages.error(request, exc.message)
    else:
        if positions:
            deleted = ngettext(
                "Department %(name)s deleted with its %(count)d position.",
                "Department %(name)s deleted with its %(count)d positions.",
                positions,
            ) % {"name": department.name, "count": positions}
        else:
            deleted = _("Department %(name)s deleted.") % {"name": department.name}
        messages.success(request, deleted)
    return redirect(_list_url(access))


# Positions ------------------------------------------------------------------------------


@require_POST
def position_add(request: HttpRequest, production_id: int) -> HttpResponse:
    access = _access(request, production_id)
    form = PositionForm(request.POST, prefix="position", access=access)
    if form.is_valid():
        try:
            position = position_create(production=access.production, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Position %(title)s added.") % {"title": position.title})
            return redirect(_list_url(access))
    return _page(request, access, position_form=form, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
def position_edit(request: HttpRequest, production_id: int, position_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    position = _position(access, position_id)
    form = PositionForm(
        posted(request),
        initial={
            "title": position.title,
            "department": position.department_id,
            "is_head_of_department": position.is_head_of_department,
            "order": position.order,
        },
        access=access,
        new=False,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        position.title = data["title"]
        position.department = data["department"]
        position.is_head_of_department = data["is_head_of_department"]
        if data["order"] is not None:
            position.order = data["order"]
        try:
            position_save(position=position)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Position %(title)s saved.") % {"title": position.title})
            return redirect(_list_url(access))
    return render(
        request,
        "crew/position_form.html",
        page_context(
            access,
            "departments",
            position=_position(access, position_id),
            form=form,
        ),
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def position_delete_view(
    request: HttpRequest, production_id: int, position_id: int
) -> HttpResponse:
    access = production_access(request.user, production_id)
    position = _position(access, position_id)
    try:
        position_delete(position=position)
    except InUseError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Position %(title)s deleted.") % {"title": position.title})
    return redirect(_list_url(access))

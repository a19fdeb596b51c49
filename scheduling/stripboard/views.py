"""Schedule pages: the versions, the stripboard, days, day out of days, exports, printables.

Reading needs VIEW_SCHEDULE, writing EDIT_SCHEDULE.  Every object is fetched with
``access.get_object_or_404``; every write is the service the API calls too (the board's
moves go to the API's ``moves`` route from ``static/js/stripboard.js``).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from core.spreadsheets import spreadsheet_safe
from productions.forms import add_service_errors
from productions.fragments import cached_fragment
from productions.pages import page_context
from productions.roles import Action
from productions.scoping import Access, production_access
from productions.views import posted
from scheduling.breakdown.eighths import format_eighths
from scheduling.breakdown.models import ElementCategory
from scheduling.breakdown.selectors import element_categories_for
from scheduling.stripboard.conflicts import conflicts
from scheduling.stripboard.exchange import import_json
from scheduling.stripboard.forms import (
    BoardSettingsForm,
    CompareForm,
    DoodMarkForm,
    ScheduleForm,
    ShootDayForm,
)
from scheduling.stripboard.models import DEFAULT_STRIP_COLOURS, Schedule, ShootDay
from scheduling.stripboard.printing import html_to_pdf
from scheduling.stripboard.selectors import (
    CAST,
    board,
    board_settings,
    compare,
    dood,
    schedules_for,
    strips_html,
)
from scheduling.stripboard.services import (
    board_settings_save,
    dood_mark_set,
    schedule_copy,
    schedule_create,
    schedule_delete,
    schedule_publish,
    shoot_day_delete,
    shoot_day_save,
)


def _access(request: HttpRequest, production_id: int, action: Action) -> Access:
    access = production_access(request.user, production_id)
    access.require(action)
    return access


def _read_or_write(request: HttpRequest) -> Action:
    return Action.EDIT_SCHEDULE if request.method == "POST" else Action.VIEW_SCHEDULE


def _context(access: Access, **extra: Any) -> dict[str, Any]:
    return page_context(access, "schedule", can_edit=access.can(Action.EDIT_SCHEDULE), **extra)


def _schedule(access: Access, schedule_id: int) -> Schedule:
    return access.get_object_or_404(Schedule, schedule_id)


@require_http_methods(["GET", "HEAD", "POST"])
def schedule_list_view(request: HttpRequest, production_id: int) -> HttpResponse:
    access = _access(request, production_id, _read_or_write(request))
    form = ScheduleForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            schedule = schedule_create(
                production=access.production, name=form.cleaned_data["name"], user=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(
                "scheduling:board", production_id=access.production.pk, schedule_id=schedule.pk
            )
    context = _context(access, schedules=list(schedules_for(access=access)), form=form)
    return render(
        request,
        "scheduling/schedule_list.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


# An export of a long series is well under a megabyte; this leaves room.
MAX_IMPORT_BYTES = 5 * 1024 * 1024


@require_POST
def schedule_import_view(request: HttpRequest, production_id: int) -> HttpResponse:
    """Read a JSON export back in as a new draft version (the API's import, from a file)."""
    access = _access(request, production_id, Action.EDIT_SCHEDULE)
    upload = request.FILES.get("file")
    back = redirect("scheduling:schedule-list", production_id=access.production.pk)
    if upload is None or upload.size is None or upload.size > MAX_IMPORT_BYTES:
        messages.error(request, gettext("Choose a schedule export (JSON, at most 5 MB)."))
        return back
    try:
        data = json.loads(upload.read())
    except (ValueError, UnicodeDecodeError):
        messages.error(request, gettext("That file is not JSON."))
        return back
    name = request.POST.get("name", "").strip() or None
    try:
        schedule = import_json(access=access, data=data, name=name, user=request.user)
    except ValidationError as error:
        for where, problems in error.message_dict.items():
            for problem in problems:
                messages.error(
                    request,
                    gettext("%(where)s: %(problem)s") % {"where": where, "problem": problem},
                )
        return back
    messages.success(request, gettext("Imported %(name)s as a draft.") % {"name": schedule.name})
    return redirect("scheduling:board", production_id=access.production.pk, schedule_id=schedule.pk)


@require_http_methods(["GET", "HEAD"])
def board_view(request: HttpRequest, production_id: int, schedule_id: int) -> HttpResponse:
    access = _access(request, production_id, Action.VIEW_SCHEDULE)
    schedule = _schedule(access, schedule_id)
    context = _context(
        access,
        schedule=schedule,
        fragments=board_fragments(access, schedule),
        day_form=ShootDayForm(access=access),
        compare_form=CompareForm(access=access),
    )
    return render(request, "scheduling/board.html", context)


@dataclass(frozen=True)
class BoardFragments:
    """The board's days, boneyard, totals and conflicts, rendered: what the page shows of
    the production's data (the rest of the page is the viewer's: forms, CSRF token)."""

    summary: SafeString
    days: SafeString
    colours_json: str


def board_fragments(access: Access, schedule: Schedule) -> BoardFragments:
    """Rendered once per data version (any write to the production, a move included, makes
    a new one) and per "may edit", and kept (``productions.fragments``)."""
    can_edit = access.can(Action.EDIT_SCHEDULE)

    def render_board() -> BoardFragments:
        the_board = board(access=access, schedule=schedule)
        found = conflicts(access=access, board=the_board)
        by_day: dict[int, int] = {}
        for conflict in found:
            for day_id in conflict.day_ids:
                by_day[day_id] = by_day.get(day_id, 0) + 1
        for day in the_board.days:
            day.conflict_count = by_day.get(day.day.pk, 0)  # type: ignore[attr-defined]
            day.strips_html = strips_html(day.strips, movable=can_edit)  # type: ignore[attr-defined]
        context = {
            "production": access.production,
            "schedule": schedule,
            "board": the_board,
            "conflicts": found,
            "can_edit": can_edit,
            "boneyard_html": strips_html(the_board.boneyard, movable=can_edit),
            "several_units": len({day.day.unit_id for day in the_board.days}) > 1,
        }
        return BoardFragments(
            summary=mark_safe(render_to_string("scheduling/_board_summary.html", context)),  # nosec B308 B703  # an autoescaped template
            days=mark_safe(render_to_string("scheduling/_board_days.html", context)),  # nosec B308 B703  # an autoescaped template
            colours_json=json.dumps(the_board.colours),
        )

    return cached_fragment(access, "scheduling.board", (schedule.pk, can_edit), render_board)


@require_POST
def schedule_action_view(
    request: HttpRequest, production_id: int, schedule_id: int, verb: str
) -> HttpResponse:
    """Publish, copy or delete a version (the buttons on the versions and board pages)."""
    access = _access(request, production_id, Action.EDIT_SCHEDULE)
    schedule = _schedule(access, schedule_id)
    try:
        if verb == "publish":
            schedule_publish(schedule=schedule)
            messages.success(
                request,
                gettext("%(name)s is now the published schedule.") % {"name": schedule.name},
            )
        elif verb == "copy":
            form = ScheduleForm(request.POST)
            if not form.is_valid():
                raise ValidationError(
                    list(form.errors.get("name", [gettext("Give the copy a name.")]))
                )
            copied = schedule_copy(
                schedule=schedule, name=form.cleaned_data["name"], user=request.user
            )
            messages.success(request, gettext("Copied to %(name)s.") % {"name": copied.name})
            return redirect(
                "scheduling:board", production_id=access.production.pk, schedule_id=copied.pk
            )
        elif verb == "delete":
            schedule_delete(schedule=schedule)
            messages.success(request, gettext("Deleted %(name)s.") % {"name": schedule.name})
            return redirect("scheduling:schedule-list", production_id=access.production.pk)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("scheduling:board", production_id=access.production.pk, schedule_id=schedule.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def day_view(
    request: HttpRequest, production_id: int, schedule_id: int, day_id: int | None = None
) -> HttpResponse:
    """Add a day (no ``day_id``) or edit one."""
    access = _access(request, production_id, _read_or_write(request))
    schedule = _schedule(access, schedule_id)
    day = (
        access.get_object_or_404(ShootDay.objects.filter(schedule=schedule), day_id)
        if day_id is not None
        else ShootDay(schedule=schedule)
    )
    initial = None
    if day.pk:
        fields = ("date", "kind", "crew_call", "shooting_call", "estimated_wrap", "notes")
        initial = {name: getattr(day, name) for name in fields}
        initial |= {"unit": day.unit_id, "location": day.location_id}
    form = ShootDayForm(posted(request), access=access, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            shoot_day_save(day=day, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Saved the day of %(date)s.") % {"date": day.date})
            return redirect(
                "scheduling:board", production_id=access.production.pk, schedule_id=schedule.pk
            )
    context = _context(access, schedule=schedule, day=day, form=form)
    return render(
        request,
        "scheduling/day_form.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def day_delete_view(
    request: HttpRequest, production_id: int, schedule_id: int, day_id: int
) -> HttpResponse:
    access = _access(request, production_id, Action.EDIT_SCHEDULE)
    schedule = _schedule(access, schedule_id)
    day = access.get_object_or_404(ShootDay.objects.filter(schedule=schedule), day_id)
    shoot_day_delete(day=day)
    messages.success(request, gettext("Deleted the day; its scenes are back in the boneyard."))
    return redirect("scheduling:board", production_id=access.production.pk, schedule_id=schedule.pk)


def _category(request: HttpRequest) -> str:
    category = request.GET.get("category", CAST)
    return category if category == CAST or category.isdigit() else CAST


@require_http_methods(["GET", "HEAD"])
def dood_view(request: HttpRequest, production_id: int, schedule_id: int) -> HttpResponse:
    access = _access(request, production_id, Action.VIEW_SCHEDULE)
    schedule = _schedule(access, schedule_id)
    try:
        grid = dood(access=access, schedule=schedule, category=_category(request))
    except ElementCategory.DoesNotExist:
        grid = dood(access=access, schedule=schedule)
    rows = [(row, row.codes_for(grid.columns)) for row in grid.rows]
    context = _context(
        access,
        mark_form=DoodMarkForm(access=access),
        schedule=schedule,
        grid=grid,
        rows=rows,
        categories=[c for c in element_categories_for(access=access) if not c.is_cast],
    )
    if request.GET.get("format") == "csv":
        return _dood_csv(grid, rows, schedule)
    return render(request, "scheduling/dood.html", context)


def _dood_csv(grid: Any, rows: list[Any], schedule: Schedule) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dood-{schedule.pk}.csv"'
    writer = csv.writer(response)
    totals = ["work", "hold", "travel", "rehearsal", "fitting", "holiday", "start", "finish"]
    writer.writerow(["id", "name", *[c.date.isoformat() for c in grid.columns], *totals])
    for row, codes in rows:
        t = row.line.totals
        writer.writerow(
            [
                row.cast_number or "",
                spreadsheet_safe(row.label),
                *codes,
                t.work, t.hold, t.travel, t.rehearsal, t.fitting, t.holiday,
                t.start.isoformat() if t.start else "",
                t.finish.isoformat() if t.finish else "",
            ]
        )  # fmt: skip
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def board_settings_view(request: HttpRequest, production_id: int) -> HttpResponse:
    access = _access(request, production_id, _read_or_write(request))
    settings = board_settings(access=access)
    colours = {**DEFAULT_STRIP_COLOURS, **(settings.strip_colours or {})}
    initial = {
        **{key: colours[key] for key in BoardSettingsForm.COLOURS},
        "drop_threshold_days": settings.drop_threshold_days,
        "page_target": format_eighths(settings.page_target_eighths)
        if settings.page_target_eighths
        else "",
        "hour_target_minutes": settings.hour_target_minutes,
        "minutes_per_page": settings.minutes_per_page,
    }
    form = BoardSettingsForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            board_settings_save(
                production=access.production,
                strip_colours={**colours, **{key: data[key].lower() for key in form.COLOURS}},
                drop_threshold_days=data["drop_threshold_days"],
                page_target_eighths=data["page_target"],
                hour_target_minutes=data["hour_target_minutes"],
                minutes_per_page=data["minutes_per_page"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Saved the schedule settings."))
            return redirect("scheduling:board-settings", production_id=access.production.pk)
    context = _context(access, form=form, page="settings")
    status = 400 if request.method == "POST" else 200
    return render(request, "scheduling/board_settings.html", context, status=status)


@require_POST
def dood_mark_view(request: HttpRequest, production_id: int, schedule_id: int) -> HttpResponse:
    access = _access(request, production_id, Action.EDIT_SCHEDULE)
    schedule = _schedule(access, schedule_id)
    form = DoodMarkForm(request.POST, access=access)
    if form.is_valid():
        data = form.cleaned_data
        try:
            dood_mark_set(
                schedule=schedule,
                character=data["character"],
                day=data["date"],
                code=data["code"] or None,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, gettext("Saved the mark."))
    else:
        for field, problems in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for problem in problems:
                messages.error(
                    request,
                    gettext("%(where)s: %(problem)s") % {"where": label, "problem": problem},
                )
    back = reverse(
        "scheduling:dood",
        kwargs={"production_id": access.production.pk, "schedule_id": schedule.pk},
    )
    return redirect(back)


LAYOUTS = ("one-liner", "shooting")


@require_http_methods(["GET", "HEAD"])
def print_view(request: HttpRequest, production_id: int, schedule_id: int) -> HttpResponse:
    """The one-liner (``?layout=one-liner``) or the shooting schedule, as HTML or PDF."""
    access = _access(request, production_id, Action.VIEW_SCHEDULE)
    schedule = _schedule(access, schedule_id)
    layout = request.GET.get("layout")
    layout = layout if layout in LAYOUTS else "shooting"
    the_board = board(access=access, schedule=schedule)
    pdf = request.GET.get("format") == "pdf"
    context = _context(
        access,
        schedule=schedule,
        board=the_board,
        layout=layout,
        pdf=pdf,
        several_units=len({day.day.unit_id for day in the_board.days}) > 1,
    )
    if not pdf:
        return render(request, "scheduling/print_schedule.html", context)
    html = render_to_string("scheduling/print_schedule.html", context, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{layout}-{schedule.pk}.pdf"'
    return response


@require_http_methods(["GET", "HEAD"])
def compare_view(request: HttpRequest, production_id: int, schedule_id: int) -> HttpResponse:
    access = _access(request, production_id, Action.VIEW_SCHEDULE)
    schedule = _schedule(access, schedule_id)
    form = CompareForm(request.GET or None, access=access)
    shifts = None
    if form.is_valid():
        shifts = compare(access=access, schedule=schedule, other=form.cleaned_data["other"])
    context = _context(access, schedule=schedule, form=form, shifts=shifts)
    return render(request, "scheduling/compare.html", context)

"""Breakdown pages: scenes, a scene's breakdown, screenplay import, sets and locations.

Reading needs VIEW_SCHEDULE, writing EDIT_BREAKDOWN.  Every object is fetched with
``access.get_object_or_404``, so another production's ids answer 404 whatever the role;
every write is the service the API calls too.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from productions.forms import add_service_errors
from productions.pages import page_context
from productions.roles import Action
from productions.scoping import Access, production_access
from productions.views import posted, posted_files
from scheduling.breakdown.eighths import format_eighths
from scheduling.breakdown.filters import SceneFilterSet
from scheduling.breakdown.forms import (
    LocationForm,
    SceneElementForm,
    SceneForm,
    ScreenplayUploadForm,
    SetForm,
)
from scheduling.breakdown.importing import (
    ImportAlreadyApplied,
    SceneNumbersInvalid,
    screenplay_import_apply,
    screenplay_import_upload,
)
from scheduling.breakdown.list_rows import cached_scene_table
from scheduling.breakdown.models import (
    ImportStatus,
    Location,
    Scene,
    SceneCharacter,
    SceneElement,
    ScreenplayImport,
    Set,
)
from scheduling.breakdown.policies import can_apply_screenplay_import, can_edit_scene
from scheduling.breakdown.screenplay import ScreenplayError
from scheduling.breakdown.selectors import (
    current_script_revision,
    locations_for,
    scene_breakdown,
    scene_detail,
    scene_list,
    scene_neighbours,
    scene_total_eighths,
    screenplay_imports_for,
    sets_for,
)
from scheduling.breakdown.services import (
    element_categories_ensure,
    location_save,
    scene_character_remove,
    scene_element_add,
    scene_element_remove,
    scene_save,
    set_save,
)


def _access(request: HttpRequest, production_id: int, action: Action) -> Access:
    access = production_access(request.user, production_id)
    access.require(action)
    return access


def _read_or_write(request: HttpRequest) -> Action:
    """What a page that shows a list or a row and takes its form needs for this request."""
    return Action.EDIT_BREAKDOWN if request.method == "POST" else Action.VIEW_SCHEDULE


def _context(access: Access, section: str, **extra: Any) -> dict[str, Any]:
    return page_context(access, section, can_edit=access.can(Action.EDIT_BREAKDOWN), **extra)


def _form_errors(form: BaseForm, error: ValidationError | IntegrityError) -> None:
    """A service's field errors next to the fields; a clash the database caught on top."""
    if isinstance(error, ValidationError):
        add_service_errors(form, error)
    else:
        form.add_error(None, gettext("This conflicts with existing data (a duplicate name?)."))


@require_http_methods(["GET", "HEAD"])
def scene_list_view(request: HttpRequest, production_id: int) -> HttpResponse:
    access = _access(request, production_id, Action.VIEW_SCHEDULE)
    # A bad parameter is shown next to its field and left out: the rest still apply.
    query = SceneFilterSet.page_query(request.GET)
    filters = SceneFilterSet(query, access=access)
    key = tuple(sorted((name, value) for name, values in query.lists() for value in values))
    table = cached_scene_table(access, key, filters)
    context = _context(
        access,
        "scenes",
        filter_fields=mark_safe(table.filters_html),  # nosec B308 B703  # _scene_filters.html
        scene_rows=mark_safe(table.html),  # nosec B308 B703  # escaped in list_rows.py
        ordering=filters.sort,
        total_pages=table.total_pages,
        scene_count=table.scene_count,
        omitted_count=table.omitted_count,
        filtered=filters.narrows,
    )
    return render(request, "scheduling/scene_list.html", context)


@require_http_methods(["GET", "HEAD"])
def scene_detail_view(request: HttpRequest, production_id: int, scene_id: int) -> HttpResponse:
    access = _access(request, production_id, Action.VIEW_SCHEDULE)
    scene = scene_detail(access=access, scene_id=scene_id)
    return _render_scene(request, access, scene, SceneElementForm(access=access))


def _render_scene(
    request: HttpRequest,
    access: Access,
    scene: Scene,
    form: SceneElementForm,
    status: int = 200,
    scene_form: SceneForm | None = None,
) -> HttpResponse:
    element_categories_ensure(production=access.production)
    breakdown = scene_breakdown(access=access, scene=scene)
    context = _context(
        access,
        "scenes",
        scene=scene,
        breakdown=breakdown,
        form=form,
        can_edit_scene=can_edit_scene(access, scene),
        scene_form=scene_form or SceneForm(access=access, initial=SceneForm.initial_for(scene)),
        neighbours=scene_neighbours(access=access, scene=scene),
    )
    return render(request, "scheduling/scene_detail.html", context, status=status)


@require_POST
def scene_edit_view(request: HttpRequest, production_id: int, scene_id: int) -> HttpResponse:
    """The scene's own fields, through ``scene_save`` as the API's PATCH does."""
    access = production_access(request.user, production_id)
    scene = scene_detail(access=access, scene_id=scene_id)
    if not can_edit_scene(access, scene):
        access.require(Action.EDIT_BREAKDOWN)
    form = SceneForm(request.POST, access=access)
    if form.is_valid():
        try:
            scene_save(scene=scene, **form.cleaned_data)
        except (ValidationError, IntegrityError) as error:
            _form_errors(form, error)
        else:
            messages.success(request, gettext("Saved scene %(number)s.") % {"number": scene.number})
            return redirect(_scene_url(access, scene_id))
    # Refused: the page shows the scene as saved, the form as typed.
    scene = scene_detail(access=access, scene_id=scene_id)
    return _render_scene(
        request, access, scene, SceneElementForm(access=access), status=400, scene_form=form
    )


@require_POST
def scene_element_add_view(request: HttpRequest, production_id: int, scene_id: int) -> HttpResponse:
    access = _access(request, production_id, Action.EDIT_BREAKDOWN)
    scene = scene_detail(access=access, scene_id=scene_id)
    element_categories_ensure(production=access.production)
    form = SceneElementForm(request.POST, access=access)
    if form.is_valid():
        try:
            scene_element_add(
                scene=scene,
                category=form.cleaned_data["category"],
                name=form.cleaned_data["name"],
                quantity=form.cleaned_data["quantity"],
            )
        except (ValidationError, IntegrityError) as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                gettext("Added %(name)s to the breakdown.") % {"name": form.cleaned_data["name"]},
            )
            return redirect(_scene_url(access, scene_id))
    return _render_scene(request, access, scene, form, status=400)


def _scene_url(access: Access, scene_id: int) -> str:
    return reverse(
        "scheduling:scene-detail",
        kwargs={"production_id": access.production.pk, "scene_id": scene_id},
    )


@require_POST
def scene_element_remove_view(
    request: HttpRequest, production_id: int, scene_id: int, scene_element_id: int
) -> HttpResponse:
    access = production_access(request.user, production_id)
    scene_element = access.get_object_or_404(
        SceneElement.objects.filter(scene_id=scene_id).select_related("element"),
        scene_element_id,
        action=Action.EDIT_BREAKDOWN,
    )
    scene_element_remove(scene_element=scene_element)
    messages.success(
        request,
        gettext("Removed %(name)s from the scene.") % {"name": scene_element.element.name},
    )
    return redirect(_scene_url(access, scene_id))


@require_POST
def scene_character_remove_view(
    request: HttpRequest, production_id: int, scene_id: int, scene_character_id: int
) -> HttpResponse:
    access = production_access(request.user, production_id)
    link = access.get_object_or_404(
        SceneCharacter.objects.filter(scene_id=scene_id).select_related("character"),
        scene_character_id,
        action=Action.EDIT_BREAKDOWN,
    )
    scene_character_remove(scene_character=link)
    messages.success(
        request, gettext("Removed %(name)s from the scene.") % {"name": link.character.name}
    )
    return redirect(_scene_url(access, scene_id))


@require_http_methods(["GET", "HEAD", "POST"])
def screenplay_upload_view(request: HttpRequest, production_id: int) -> HttpResponse:
    access = _access(request, production_id, Action.EDIT_BREAKDOWN)
    form = ScreenplayUploadForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            screenplay_import = screenplay_import_upload(
                access=access, upload=upload, file_name=upload.name or "", size=upload.size
            )
        except ScreenplayError as error:
            form.add_error("file", error.message)
        else:
            return redirect(
                "scheduling:screenplay-preview",
                production_id=access.production.pk,
                import_id=screenplay_import.pk,
            )
    history = screenplay_imports_for(access=access)[:10]
    context = _context(
        access,
        "import",
        form=form,
        history=history,
        current_revision=current_script_revision(access=access),
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "scheduling/screenplay_upload.html", context, status=status)


def _screenplay_import(access: Access, import_id: int, action: Action) -> ScreenplayImport:
    return access.get_object_or_404(screenplay_imports_for(access=access), import_id, action=action)


def _render_preview(
    request: HttpRequest,
    access: Access,
    screenplay_import: ScreenplayImport,
    *,
    numbers: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
) -> HttpResponse:
    numbers = numbers or {}
    errors = errors or {}
    numbering = [
        {
            **item,
            "field": f"number-{item['index']}",
            "value": numbers.get(str(item["index"]), item["number"]),
            "errors": errors.get(str(item["index"]), []),
        }
        for item in screenplay_import.changes.get("numbering", [])
    ]
    context = _context(
        access,
        "import",
        screenplay_import=screenplay_import,
        changes=screenplay_import.changes,
        numbering=numbering,
        numbering_errors=[
            message
            for key, messages in errors.items()
            if key not in {item["field"][len("number-") :] for item in numbering}
            for message in messages
        ],
        is_preview=screenplay_import.status == ImportStatus.PREVIEW,
        can_apply=can_apply_screenplay_import(access, screenplay_import),
    )
    status = 400 if errors else 200
    return render(request, "scheduling/screenplay_preview.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def screenplay_preview_view(
    request: HttpRequest, production_id: int, import_id: int
) -> HttpResponse:
    access = production_access(request.user, production_id)
    screenplay_import = _screenplay_import(access, import_id, Action.VIEW_SCHEDULE)
    return _render_preview(request, access, screenplay_import)


@require_POST
def screenplay_apply_view(request: HttpRequest, production_id: int, import_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    screenplay_import = _screenplay_import(access, import_id, Action.EDIT_BREAKDOWN)
    # Only the proposed numbers are read from the form: one field per proposal, no more.
    numbers = {
        str(item["index"]): request.POST.get(f"number-{item['index']}", "")[:200]
        for item in screenplay_import.changes.get("numbering", [])
        if f"number-{item['index']}" in request.POST
    }
    try:
        applied = screenplay_import_apply(
            access=access, screenplay_import=screenplay_import, numbers=numbers
        )
    except ImportAlreadyApplied as error:
        messages.warning(request, str(error))
        return redirect(
            "scheduling:screenplay-preview", production_id=access.production.pk, import_id=import_id
        )
    except SceneNumbersInvalid as error:
        return _render_preview(
            request, access, screenplay_import, numbers=numbers, errors=error.errors
        )
    messages.success(request, _applied_message(applied))
    return redirect("scheduling:scene-list", production_id=access.production.pk)


def _applied_message(applied: ScreenplayImport) -> str:
    """ "Applied draft.fountain: 4 added, 1 changed, 0 omitted." """
    added, changed, omitted = (len(applied.changes[key]) for key in ("added", "changed", "omitted"))
    revision = gettext("Revision %(number)s (%(colour)s).") % {
        "number": applied.revision,
        "colour": applied.revision_colour,
    }
    return (
        revision
        + " "
        + gettext("Applied %(file)s: %(added)s, %(changed)s, %(omitted)s.")
        % {
            "file": applied.file_name,
            "added": ngettext("%(count)d added", "%(count)d added", added) % {"count": added},
            "changed": ngettext("%(count)d changed", "%(count)d changed", changed)
            % {"count": changed},
            "omitted": ngettext("%(count)d omitted", "%(count)d omitted", omitted)
            % {"count": omitted},
        }
    )


@require_http_methods(["GET", "HEAD", "POST"])
def location_list_view(request: HttpRequest, production_id: int) -> HttpResponse:
    access = _access(request, production_id, _read_or_write(request))
    form = LocationForm(posted(request), instance=Location(production=access.production))
    if request.method == "POST" and form.is_valid():
        try:
            location = location_save(location=form.instance)
        except (ValidationError, IntegrityError) as error:
            _form_errors(form, error)
        else:
            messages.success(
                request, gettext("Added the location %(name)s.") % {"name": location.name}
            )
            return redirect("scheduling:location-list", production_id=access.production.pk)
    context = _context(access, "locations", locations=locations_for(access=access), form=form)
    status = 400 if request.method == "POST" else 200
    return render(request, "scheduling/location_list.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def location_detail_view(
    request: HttpRequest, production_id: int, location_id: int
) -> HttpResponse:
    access = production_access(request.user, production_id)
    location = access.get_object_or_404(Location, location_id, action=_read_or_write(request))
    form = LocationForm(posted(request), instance=location)
    if request.method == "POST" and form.is_valid():
        try:
            location_save(location=form.instance)
        except (ValidationError, IntegrityError) as error:
            _form_errors(form, error)
        else:
            messages.success(request, gettext("Saved %(name)s.") % {"name": location.name})
            return redirect("scheduling:location-list", production_id=access.production.pk)
    if request.method == "POST":  # refused: show the location as saved, not as typed
        location = access.get_object_or_404(Location, location_id)
    sets = sets_for(access=access).filter(location=location)
    context = _context(access, "locations", location=location, form=form, sets=sets)
    status = 400 if request.method == "POST" else 200
    return render(request, "scheduling/location_detail.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def set_list_view(request: HttpRequest, production_id: int) -> HttpResponse:
    access = _access(request, production_id, _read_or_write(request))
    form = SetForm(posted(request), access=access)
    if request.method == "POST" and form.is_valid():
        try:
            set_ = set_save(set_=Set(production=access.production), **form.cleaned_data)
        except (ValidationError, IntegrityError) as error:
            _form_errors(form, error)
        else:
            messages.success(request, gettext("Added the set %(name)s.") % {"name": set_.name})
            return redirect("scheduling:set-list", production_id=access.production.pk)
    context = _context(access, "sets", sets=sets_for(access=access), form=form)
    status = 400 if request.method == "POST" else 200
    return render(request, "scheduling/set_list.html", context, status=status)


def _set(access: Access, set_id: int, action: Action) -> Set:
    return access.get_object_or_404(Set.objects.select_related("location"), set_id, action=action)


@require_http_methods(["GET", "HEAD", "POST"])
def set_detail_view(request: HttpRequest, production_id: int, set_id: int) -> HttpResponse:
    access = production_access(request.user, production_id)
    set_ = _set(access, set_id, _read_or_write(request))
    form = SetForm(
        posted(request),
        access=access,
        initial={"name": set_.name, "location": set_.location_id, "notes": set_.notes},
    )
    if request.method == "POST" and form.is_valid():
        try:
            set_save(set_=set_, **form.cleaned_data)
        except (ValidationError, IntegrityError) as error:
            _form_errors(form, error)
        else:
            messages.success(request, gettext("Saved %(name)s.") % {"name": set_.name})
            return redirect("scheduling:set-list", production_id=access.production.pk)
    if request.method == "POST":  # refused: show the set as saved, not as typed
        set_ = _set(access, set_id, Action.EDIT_BREAKDOWN)
    scenes = scene_list(access=access, filters=SceneFilterSet({"set": set_.pk}, access=access))
    context = _context(
        access,
        "sets",
        set=set_,
        form=form,
        scenes=scenes,
        total_pages=format_eighths(scene_total_eighths(scenes)),
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "scheduling/set_detail.html", context, status=status)

"""The cast list: characters by cast ID (1 = the lead) and who plays them.

Everyone on the production reads it (names only, never contact details); producers and
assistant directors add, renumber, recast, rename and delete characters.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from crew.forms import CharacterForm
from crew.models import Character
from crew.policies import can_edit_characters
from crew.selectors import characters_for
from crew.services import character_delete, character_edit
from productions.forms import add_service_errors
from productions.pages import page_context
from productions.scoping import Access, production_access
from productions.views import posted


def _require_edit(access: Access) -> None:
    if not can_edit_characters(access):
        raise PermissionDenied(_("Only producers and assistant directors edit the cast list."))


def _form(request: HttpRequest, access: Access, character: Character | None) -> CharacterForm:
    initial = None
    if character is not None:
        initial = {
            "name": character.name,
            "cast_number": character.cast_number,
            "engagement": character.engagement_id,
        }
    return CharacterForm(posted(request), initial=initial, access=access)


def _save(form: CharacterForm, character: Character) -> bool:
    try:
        character_edit(character=character, **form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True


@require_http_methods(["GET", "HEAD", "POST"])
def cast_list(request: HttpRequest, production_id: int) -> HttpResponse:
    """The cast list; a POST adds a character (producers and ADs)."""
    access = production_access(request.user, production_id)
    if request.method == "POST":
        _require_edit(access)
    form = _form(request, access, None) if can_edit_characters(access) else None
    if form is not None and request.method == "POST" and form.is_valid():
        character = Character(production=access.production)
        if _save(form, character):
            messages.success(
                request, _("%(name)s added to the cast list.") % {"name": character.name}
            )
            return redirect("crew:cast", production_id=access.production.pk)
    characters = list(characters_for(access=access))
    return render(
        request,
        "crew/cast.html",
        page_context(
            access,
            "cast",
            characters=characters,
            form=form,
            uncast=sum(1 for c in characters if c.engagement_id is None),
        ),
        status=400 if request.method == "POST" else 200,
    )


def _character(access: Access, character_id: int) -> Character:
    return access.get_object_or_404(characters_for(access=access), character_id)


@require_http_methods(["GET", "HEAD", "POST"])
def character_edit_view(
    request: HttpRequest, production_id: int, character_id: int
) -> HttpResponse:
    """Rename, renumber, recast (or uncast) one character."""
    access = production_access(request.user, production_id)
    _require_edit(access)
    character = _character(access, character_id)
    form = _form(request, access, character)
    if request.method == "POST" and form.is_valid() and _save(form, character):
        messages.success(request, _("%(character)s saved.") % {"character": character})
        return redirect("crew:cast", production_id=access.production.pk)
    return render(
        request,
        "crew/character_form.html",
        page_context(
            access,
            "cast",
            character=_character(access, character_id),
            form=form,
            scene_count=character.scene_appearances.count(),
        ),
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def character_delete_view(
    request: HttpRequest, production_id: int, character_id: int
) -> HttpResponse:
    access = production_access(request.user, production_id)
    _require_edit(access)
    character = _character(access, character_id)
    scenes = character.scene_appearances.count()
    character_delete(character=character)
    if scenes:
        deleted = ngettext(
            "%(name)s deleted and taken out of %(count)d scene.",
            "%(name)s deleted and taken out of %(count)d scenes.",
            scenes,
        ) % {"name": character.name, "count": scenes}
    else:
        deleted = _("%(name)s deleted.") % {"name": character.name}
    messages.success(request, deleted)
    return redirect("crew:cast", production_id=access.production.pk)

"""Writes for the script breakdown: locations, sets, scenes, categories and elements.

Screenplay import has its own module (:mod:`scheduling.breakdown.importing`).  Every function takes
objects already fetched through ``for_access``; the checks here are about the data (same
production, sensible values), not about who may write.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from crew.models import Character
from crew.services import character_save
from productions.models import Production
from scheduling.breakdown.models import (
    DEFAULT_ELEMENT_CATEGORIES,
    Element,
    ElementCategory,
    Location,
    Scene,
    SceneCharacter,
    SceneElement,
    Set,
)


def _full_clean(obj: Model, unique: dict[str, str]) -> None:
    """``full_clean``, with a unique constraint's message filed under its field.

    Django reports a multi-column constraint as a form-wide error; "a set with that name
    already exists" belongs next to the name.  ``unique`` maps constraint names to fields.
    """
    try:
        obj.full_clean()
    except ValidationError as error:
        errors = error.message_dict
        messages = {
            str(c.violation_error_message): unique[c.name]
            for c in obj._meta.constraints
            if c.name in unique
        }
        for message in list(errors.get(NON_FIELD_ERRORS, [])):
            if message in messages:
                errors[NON_FIELD_ERRORS].remove(message)
                errors.setdefault(messages[message], []).append(message)
        raise ValidationError({k: v for k, v in errors.items() if v}) from error


# The most of one element a scene can need (also the page's and the API's input bound).
MAX_QUANTITY = 100_000


def _assign(obj: Model, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


def _check_quantity(quantity: int, field: str) -> None:
    if quantity < 1:
        raise ValidationError({field: [gettext("The quantity is at least 1.")]})
    if quantity > MAX_QUANTITY:
        raise ValidationError(
            {field: [gettext("The quantity is at most %(max)s.") % {"max": MAX_QUANTITY}]}
        )


# A related row of another production, by the field that names it.  (Scoped form fields
# and ScopedPrimaryKeyField refuse such ids first; this is the services' own check.)
_ELSEWHERE: dict[str, StrOrPromise] = {
    "location": _("That location belongs elsewhere."),
    "set": _("That set belongs elsewhere."),
    "characters": _("That characters belongs elsewhere."),
    "category": _("That category belongs elsewhere."),
    "scenes": _("That scenes belongs elsewhere."),
}


def _same_production(related: Model | None, field: str, production_id: int) -> None:
    if related is not None and getattr(related, "production_id", None) != production_id:
        raise ValidationError({field: [str(_ELSEWHERE[field])]})


def location_save(*, location: Location, **fields: Any) -> Location:
    """Create or edit a location: ``fields`` (the model's) are set on it, then checked."""
    _assign(location, fields)
    location.name = location.name.strip()
    _full_clean(location, {"location_unique_name": "name"})
    with transaction.atomic():
        location.save()
    return location


def location_delete(*, location: Location) -> None:
    """Delete a location; the sets it played stay, without a location."""
    location.delete()


def set_save(*, set_: Set, **fields: Any) -> Set:
    """Create or edit a set (name in capitals); ``location`` must be the production's."""
    _assign(set_, fields)
    _same_production(set_.location, "location", set_.production_id)
    set_.name = " ".join(set_.name.split()).upper()
    _full_clean(set_, {"set_unique_name": "name"})
    with transaction.atomic():
        set_.save()
    return set_


def set_delete(*, set_: Set) -> None:
    """Delete a set; refused (``RestrictedError``) while scenes are set there."""
    set_.delete()


# The heading's parts, as stored before an edit: (INT/EXT, set id, time of day).
_HeadingParts = tuple[str, int | None, str]


def _heading_parts(scene: Scene) -> _HeadingParts:
    return (scene.int_ext, scene.set_id, scene.time_of_day)


def scene_heading(scene: Scene) -> str:
    """The heading a script would print for the scene's parts: ``INT. KITCHEN - NIGHT``."""
    place = " ".join(
        part
        for part in (f"{scene.int_ext}." if scene.int_ext else "", scene.set and scene.set.name)
        if part
    )
    return " - ".join(part for part in (place, scene.time_of_day_raw or scene.time_of_day) if part)


def _keep_heading_in_step(scene: Scene, before: _HeadingParts, fields: dict[str, Any]) -> None:
    """A changed INT/EXT, set or time of day rewrites the heading (unless one is given), so
    the page and the API never show a heading that contradicts its parts; a new time of day
    drops the script's own wording of the old one (``NIGHT (1973)``)."""
    if before == _heading_parts(scene):
        return
    if before[2] != scene.time_of_day and "time_of_day_raw" not in fields:
        scene.time_of_day_raw = ""
    if "heading" not in fields:
        scene.heading = scene_heading(scene)


def scene_save(
    *, scene: Scene, characters: Sequence[tuple[Character, bool]] | None = None, **fields: Any
) -> Scene:
    """Save a scene with ``fields``; ``characters`` (character, speaking) replaces its cast
    when given.  Editing a saved scene's heading parts keeps its heading in step."""
    before = _heading_parts(scene)
    _assign(scene, fields)
    _same_production(scene.set, "set", scene.production_id)
    if scene.pk is not None:
        _keep_heading_in_step(scene, before, fields)
    for character, _speaking in characters or ():
        _same_production(character, "characters", scene.production_id)
    scene.number = scene.number.strip().upper()
    _full_clean(scene, {"scene_unique_number": "number"})
    with transaction.atomic():
        scene.save()
        if characters is not None:
            wanted = {character.pk: speaking for character, speaking in characters}
            SceneCharacter.objects.filter(scene=scene).exclude(character_id__in=wanted).delete()
            existing = {
                link.character_id: link for link in SceneCharacter.objects.filter(scene=scene)
            }
            for character_id, speaking in wanted.items():
                link = existing.get(character_id)
                if link is None:
                    SceneCharacter.objects.create(
                        scene=scene, character_id=character_id, speaking=speaking
                    )
                elif link.speaking != speaking:
                    link.speaking = speaking
                    link.save(update_fields=["speaking"])
    return scene


def scene_delete(*, scene: Scene) -> None:
    """Delete a scene with its cast and element links (the characters and elements stay)."""
    scene.delete()


def element_categories_ensure(*, production: Production) -> None:
    """Give a production the customary categories the first time its breakdown is used.

    Safe to call on every request: one ``EXISTS`` query once seeded, and two first visits at
    the same time cannot create duplicates (the unique constraints decide).
    """
    if ElementCategory.objects.filter(production=production).exists():
        return
    ElementCategory.objects.bulk_create(
        [
            ElementCategory(
                production=production, name=name, colour=colour, order=index * 10, is_cast=cast
            )
            for index, (name, colour, cast) in enumerate(DEFAULT_ELEMENT_CATEGORIES, start=1)
        ],
        ignore_conflicts=True,
    )


def element_category_save(*, category: ElementCategory, **fields: Any) -> ElementCategory:
    _assign(category, fields)
    category.name = category.name.strip()
    category.colour = category.colour.lower()
    _full_clean(category, {"element_category_unique_name": "name"})
    category.save()
    return category


def element_save(
    *, element: Element, scenes: Sequence[tuple[Scene, int]] | None = None, **fields: Any
) -> Element:
    """Create or edit an element with ``fields``; ``scenes`` (scene, quantity) are then
    exactly the scenes it is in.  Both or neither are saved."""
    _assign(element, fields)
    _same_production(element.category, "category", element.production_id)
    if element.category.is_cast:
        raise ValidationError(
            {
                "category": [
                    gettext("Cast are the production's characters; add a character instead.")
                ]
            }
        )
    for scene, quantity in scenes or ():
        _same_production(scene, "scenes", element.production_id)
        _check_quantity(quantity, "scenes")
    element.name = " ".join(element.name.split())
    _full_clean(element, {"element_unique_name": "name"})
    with transaction.atomic():
        element.save()
        if scenes is not None:
            _element_scenes_set(element, scenes)
    return element


def element_delete(*, element: Element) -> None:
    """Delete an element and take it out of every scene it was in."""
    element.delete()


def _character_named(production: Production, name: str) -> Character:
    existing = Character.objects.filter(production=production, name__iexact=name).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return character_save(character=Character(production=production, name=name))
    except IntegrityError:  # created by someone else a moment ago
        return Character.objects.get(production=production, name__iexact=name)


def scene_element_add(
    *, scene: Scene, category: ElementCategory, name: str, quantity: int = 1
) -> SceneElement | SceneCharacter:
    """Put an element in a scene by category and name, creating the element if it is new.

    In the cast category the name is a character: they join the scene as a silent character
    (speaking parts come from the script's dialogue).  Adding what is already there updates
    its quantity instead of failing.
    """
    _same_production(category, "category", scene.production_id)
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": [gettext("Name the element, e.g. vintage Porsche.")]})
    _check_quantity(quantity, "quantity")
    production = scene.production
    with transaction.atomic():
        if category.is_cast:
            character = _character_named(production, name)
            link, _created = SceneCharacter.objects.get_or_create(
                scene=scene, character=character, defaults={"speaking": False}
            )
            return link
        element = Element.objects.filter(
            production=production, category=category, name__iexact=name
        ).first()
        if element is None:
            element = element_save(
                element=Element(production=production, category=category, name=name)
            )
        scene_element, created = SceneElement.objects.get_or_create(
            scene=scene, element=element, defaults={"quantity": quantity}
        )
        if not created and scene_element.quantity != quantity:
            scene_element.quantity = quantity
            scene_element.save(update_fields=["quantity"])
        return scene_element


def scene_element_remove(*, scene_element: SceneElement) -> None:
    """Take an element out of a scene; the element stays listed for other scenes."""
    scene_element.delete()


def scene_character_remove(*, scene_character: SceneCharacter) -> None:
    scene_character.delete()


def _element_scenes_set(element: Element, scenes: Sequence[tuple[Scene, int]]) -> None:
    """Make ``element`` appear in exactly these scenes, with these quantities."""
    wanted = {scene.pk: quantity for scene, quantity in scenes}
    SceneElement.objects.filter(element=element).exclude(scene_id__in=wanted).delete()
    existing = {link.scene_id: link for link in SceneElement.objects.filter(element=element)}
    for scene_id, quantity in wanted.items():
        link = existing.get(scene_id)
        if link is None:
            SceneElement.objects.create(element=element, scene_id=scene_id, quantity=quantity)
        elif link.quantity != quantity:
            link.quantity = quantity
            link.save(update_fields=["quantity"])


def element_category_delete(*, category: ElementCategory) -> None:
    if category.is_cast:
        raise ValidationError(
            {"category": [gettext("The cast category lists the characters; keep it.")]}
        )
    if category.elements.exists():
        raise ValidationError(
            {"category": [gettext("This category still has elements; move or delete them first.")]}
        )
    category.delete()

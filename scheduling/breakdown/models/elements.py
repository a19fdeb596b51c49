"""Breakdown elements: everything a scene needs on the day, filed under coloured categories.

Categories and their colours are per production because conventions differ between
productions and countries; :data:`DEFAULT_ELEMENT_CATEGORIES` are the customary ones
(DOMAIN.md), seeded the first time a production's breakdown is used.  The cast category is
special: its "elements" are the scene's characters (``SceneCharacter``), so a character is
never also stored as an element.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from productions.models import Production, ScopedQuerySet
from scheduling.breakdown.models.scenes import Scene

# (name, colour, is the cast category). Colours with a customary meaning come first.
# Seeded into each production as data its people rename, so not marked for translation.
DEFAULT_ELEMENT_CATEGORIES: tuple[tuple[str, str, bool], ...] = (
    ("Cast", "#d32f2f", True),
    ("Stunts", "#f57c00", False),
    ("Extras (silent)", "#fbc02d", False),
    ("Extras (atmosphere)", "#388e3c", False),
    ("Special effects", "#1976d2", False),
    ("Props", "#7b1fa2", False),
    ("Vehicles / animals", "#ec407a", False),
    ("Sound / music", "#795548", False),
    ("Wardrobe", "#00838f", False),
    ("Make-up / hair", "#9e9d24", False),
    ("Set dressing", "#546e7a", False),
    ("Special equipment", "#3949ab", False),
    ("VFX", "#00bfa5", False),
    ("Notes", "#9e9e9e", False),
)

validate_colour = RegexValidator(
    r"^#[0-9a-f]{6}$", _("Give the colour as #rrggbb in lower case, e.g. #d32f2f.")
)


class ElementCategory(models.Model):
    production = models.ForeignKey(
        Production, on_delete=models.CASCADE, related_name="element_categories"
    )
    name = models.CharField(max_length=80)
    colour = models.CharField(max_length=7, default="#9e9e9e", validators=[validate_colour])
    order = models.PositiveSmallIntegerField(default=100)
    is_cast = models.BooleanField(
        default=False, editable=False, help_text=_("Lists the scene's characters.")
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = _("element categories")
        constraints = [
            models.UniqueConstraint(
                "production",
                Lower("name"),
                name="element_category_unique_name",
                violation_error_message=_("This production already has a category with that name."),
            ),
            models.UniqueConstraint(
                fields=["production"],
                condition=Q(is_cast=True),
                name="element_category_one_cast",
            ),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9a-f]{6}$"),
                name="element_category_colour_hex",
                violation_error_message=_("Give the colour as #rrggbb, e.g. #d32f2f."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ink(self) -> str:
        """Black or white, whichever reads better on the category colour."""
        red, green, blue = (int(self.colour[i : i + 2], 16) for i in (1, 3, 5))
        return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#ffffff"


class Element(models.Model):
    """One thing on the breakdown ("vintage Porsche"), usable in many scenes."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="elements")
    # RESTRICT: a category in use is kept, but deleting the production removes it.
    category = models.ForeignKey(
        ElementCategory, on_delete=models.RESTRICT, related_name="elements"
    )
    name = models.CharField(max_length=200)
    notes = models.TextField(blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["category__order", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                "production",
                "category",
                Lower("name"),
                name="element_unique_name",
                violation_error_message=_("This category already has an element with that name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class SceneElementQuerySet(ScopedQuerySet["SceneElement"]):
    production_field = "scene__production"


class SceneElement(models.Model):
    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="scene_elements")
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="scene_elements")
    quantity = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)])

    objects = SceneElementQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scene", "element"],
                name="scene_element_unique",
                violation_error_message=_("This element is already in the scene."),
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1),
                name="scene_element_quantity_positive",
                violation_error_message=_("The quantity is at least 1."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(element)s ×%(quantity)s in %(scene)s") % {
            "element": self.element,
            "quantity": self.quantity,
            "scene": self.scene.number,
        }

"""Scenes as a breakdown sheet lists them, and the characters who appear in each.

Scene numbers are text because productions keep a number once it is published: a scene
added between 12 and 13 becomes ``12A`` (or ``A13``), and a cut scene stays in the list as
OMITTED rather than renumbering everything after it.  ``sort_key`` makes such numbers sort
the way a script reads (see :func:`scene_number_sort_key`).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crew.models import Character
from productions.models import Production, ScopedQuerySet
from scheduling.breakdown.eighths import format_eighths
from scheduling.breakdown.models.locations import Set

_NUMBER_RE = re.compile(r"^(?P<prefix>\D*?)(?P<digits>\d+)(?P<suffix>.*)$")
_MAX_NUMBER = 10**9 - 1


def _letters(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def _part(text: str) -> str:
    """A letter part that sorts A, B, ... Z, AA, AB: by length first, then alphabetically."""
    return f"{min(len(text), 99):02d}{text}"


def scene_number_sort_key(number: str) -> str:
    """A string that sorts scene numbers in script order, compared byte by byte.

    ``A12`` and ``B12`` are scenes inserted *before* 12 and ``12A``, ``12B`` after it, so
    the order is the number, then prefixed scenes before the plain one, then the suffix:
    ``11, 11A, A12, B12, 12, 12A, 12B, 13``.  Punctuation does not count (``9.`` is 9);
    a number without digits (``PROLOGUE``) sorts after every numbered scene.
    """
    text = number.strip().upper()
    match = _NUMBER_RE.match(text)
    if match is None:
        return f"{_MAX_NUMBER + 1:010d}1{_part(_letters(text))}"
    prefix, suffix = _letters(match["prefix"]), _letters(match["suffix"])
    value = min(int(match["digits"]), _MAX_NUMBER)
    before = f"0{_part(prefix)}" if prefix else "1"
    return f"{value:010d}{before}{_part(suffix)}"


class IntExt(models.TextChoices):
    INT = "INT", _("INT")
    EXT = "EXT", _("EXT")
    INT_EXT = "INT/EXT", _("INT/EXT")


class TimeOfDay(models.TextChoices):
    DAY = "DAY", _("Day")
    NIGHT = "NIGHT", _("Night")
    DAWN = "DAWN", _("Dawn")
    DUSK = "DUSK", _("Dusk")
    CONTINUOUS = "CONTINUOUS", _("Continuous")
    OTHER = "OTHER", _("Other")


class SceneQuerySet(ScopedQuerySet["Scene"]):
    def in_script_order(self) -> SceneQuerySet:
        return self.order_by("sort_key", "number", "id")


class Scene(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="scenes")
    number = models.CharField(max_length=20, help_text=_("As printed in the script: 12, 12A, A12."))
    sort_key = models.CharField(max_length=40, editable=False, db_collation="C", db_index=True)
    heading = models.TextField(blank=True, help_text=_("The scene heading as the script has it."))
    int_ext = models.CharField(_("INT/EXT"), max_length=7, choices=IntExt.choices, blank=True)
    # RESTRICT: a set with scenes is kept, but deleting the production removes both.
    set = models.ForeignKey(
        Set, on_delete=models.RESTRICT, null=True, blank=True, related_name="scenes"
    )
    time_of_day = models.CharField(max_length=10, choices=TimeOfDay.choices, default=TimeOfDay.DAY)
    time_of_day_raw = models.CharField(
        _("time of day as written"), max_length=100, blank=True, help_text=_("e.g. NIGHT (1973)")
    )
    synopsis = models.TextField(blank=True)
    eighths = models.PositiveIntegerField(
        default=8, validators=[MinValueValidator(1)], help_text=_("Length in eighths of a page.")
    )
    script_day = models.CharField(
        max_length=20, blank=True, help_text=_("Story chronology, e.g. D3 or N2.")
    )
    page_start = models.PositiveIntegerField(null=True, blank=True)
    page_end = models.PositiveIntegerField(null=True, blank=True)
    characters: models.ManyToManyField[Character, SceneCharacter] = models.ManyToManyField(
        Character, through="SceneCharacter", related_name="scenes", blank=True
    )
    notes = models.TextField(blank=True)
    omitted = models.BooleanField(
        default=False, help_text=_("Cut from the script; keeps its number so none is reused.")
    )
    # The applied draft (script revision) that last added, changed or omitted the scene.
    revision = models.ForeignKey(
        "ScreenplayImport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revised_scenes",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SceneQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "number"],
                name="scene_unique_number",
                violation_error_message=_("This production already has a scene with that number."),
            ),
            models.CheckConstraint(
                condition=Q(eighths__gte=1),
                name="scene_eighths_at_least_one",
                violation_error_message=_("A scene is at least 1/8 of a page long."),
            ),
            models.CheckConstraint(
                condition=Q(page_start__isnull=True)
                | Q(page_end__isnull=True)
                | Q(page_end__gte=models.F("page_start")),
                name="scene_pages_in_order",
                violation_error_message=_("The last page cannot come before the first."),
            ),
            models.CheckConstraint(condition=~Q(number=""), name="scene_number_not_blank"),
        ]
        indexes = [models.Index(fields=["production", "sort_key"], name="scene_script_order")]

    def __str__(self) -> str:
        return f"{self.number}. {self.heading}" if self.heading else self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The sort key is derived data, kept in step wherever a scene is saved.
        self.number = self.number.strip()
        self.sort_key = scene_number_sort_key(self.number)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "number" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)

    @property
    def pages(self) -> str:
        """The length as a breakdown sheet writes it: ``3/8``, ``1``, ``2 4/8``."""
        return format_eighths(self.eighths)

    @property
    def page_range(self) -> str:
        if self.page_start is None:
            return ""
        if self.page_end is None or self.page_end == self.page_start:
            return str(self.page_start)
        return f"{self.page_start}–{self.page_end}"


class SceneCharacterQuerySet(ScopedQuerySet["SceneCharacter"]):
    production_field = "scene__production"


class SceneCharacter(models.Model):
    """A character in a scene: speaking (has dialogue) or silent (only in the action)."""

    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="scene_characters")
    character = models.ForeignKey(
        Character, on_delete=models.CASCADE, related_name="scene_appearances"
    )
    speaking = models.BooleanField(default=True)

    objects = SceneCharacterQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scene", "character"],
                name="scene_character_unique",
                violation_error_message=_("This character is already in the scene."),
            )
        ]

    def __str__(self) -> str:
        return gettext("%(character)s in %(scene)s") % {
            "character": self.character,
            "scene": self.scene.number,
        }

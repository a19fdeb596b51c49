"""Where the story happens (``Set``) and the real places that play it (``Location``).

A set is a place in the script ("WILL'S BEDROOM"); a location is an address a unit drives to,
with what a call sheet needs about it: its time zone (sunrise, call times), the nearest
hospital, parking and basecamp.  Several sets are often shot at one location.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.models import validate_time_zone
from productions.models import Production, ScopedQuerySet


class Location(models.Model):
    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(max_length=200)
    address = models.TextField(blank=True)
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("IANA name, e.g. Europe/Paris. Blank: the production's time zone."),
    )
    hospital_name = models.CharField(_("nearest hospital"), max_length=200, blank=True)
    hospital_address = models.TextField(_("hospital address"), blank=True)
    hospital_phone = models.CharField(_("hospital phone"), max_length=32, blank=True)
    parking_notes = models.TextField(_("crew parking"), blank=True)
    basecamp_notes = models.TextField(_("basecamp"), blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                "production",
                Lower("name"),
                name="location_unique_name",
                violation_error_message=_("This production already has a location with that name."),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="location_coordinates_valid",
                violation_error_message=(
                    _("Give both latitude (-90 to 90) and longitude (-180 to 180), or neither.")
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def effective_time_zone(self) -> str:
        return self.time_zone or self.production.time_zone


class Set(models.Model):
    """A place in the story, named as the script's scene headings name it."""

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="sets")
    name = models.CharField(max_length=200)
    location = models.ForeignKey(
        Location,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sets",
        help_text=_("The real place that plays this set."),
    )
    notes = models.TextField(blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                "production",
                Lower("name"),
                name="set_unique_name",
                violation_error_message=_("This production already has a set with that name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

"""Forms for the breakdown pages. They only collect input: services do the writing.

The scene list's filter form is :class:`~scheduling.breakdown.filters.SceneFilterSet`'s, shared
with the API.
"""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.time_zones import TimeZoneField
from productions.forms import ScopedForm, ScopedModelChoiceField
from scheduling.breakdown.models import (
    ElementCategory,
    IntExt,
    Location,
    Scene,
    Set,
    TimeOfDay,
)
from scheduling.breakdown.screenplay import MAX_SCREENPLAY_BYTES
from scheduling.breakdown.selectors import element_categories_for, sets_for
from scheduling.breakdown.services import MAX_QUANTITY


class LocationForm(forms.ModelForm[Location]):
    time_zone = TimeZoneField(
        required=False, help_text=_("Leave empty to use the production's time zone.")
    )

    class Meta:
        model = Location
        fields = [
            "name",
            "address",
            "latitude",
            "longitude",
            "time_zone",
            "hospital_name",
            "hospital_address",
            "hospital_phone",
            "parking_notes",
            "basecamp_notes",
            "notes",
        ]
        labels = {
            "name": _("Name"),
            "address": _("Address"),
            "latitude": _("Latitude"),
            "longitude": _("Longitude"),
            "time_zone": _("Time zone"),
            "notes": _("Notes"),
        }
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "hospital_address": forms.Textarea(attrs={"rows": 2}),
            "parking_notes": forms.Textarea(attrs={"rows": 2}),
            "basecamp_notes": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


class SetForm(ScopedForm):
    """A set's fields, for ``set_save``; ``SetForm(data, access=access, initial=…)``."""

    name = forms.CharField(label=_("Name"), max_length=200)
    location = ScopedModelChoiceField(Location, label=_("Location"), required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SceneForm(ScopedForm):
    """What a scene page edits, for ``scene_save``: the heading's parts and the rest."""

    int_ext = forms.ChoiceField(
        label=_("INT/EXT"), choices=[("", "—"), *IntExt.choices], required=False
    )
    set = ScopedModelChoiceField(Set, selector=sets_for, label=_("Set"), required=False)
    time_of_day = forms.ChoiceField(label=_("Time of day"), choices=TimeOfDay.choices)
    synopsis = forms.CharField(
        label=_("Synopsis"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    script_day = forms.CharField(
        label=_("Script day"),
        max_length=20,
        required=False,
        help_text=_("Story chronology, e.g. D3 or N2."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    omitted = forms.BooleanField(
        label=_("Omitted"),
        required=False,
        help_text=_("Cut from the script; it keeps its number, which is never reused."),
    )

    @staticmethod
    def initial_for(scene: Scene) -> dict[str, object]:
        return {name: getattr(scene, name) for name in SceneForm.base_fields}


class SceneElementForm(ScopedForm):
    category = ScopedModelChoiceField(
        ElementCategory, selector=element_categories_for, label=_("Category")
    )
    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("e.g. vintage Porsche; for cast, a name.")
    )
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=1, max_value=MAX_QUANTITY, initial=1
    )


class ScreenplayUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Screenplay"),
        allow_empty_file=True,  # the importer explains what is wrong with an empty file
        help_text=format_lazy(
            _(
                "Fountain (.fountain) or Final Draft (.fdx), up to {megabytes} MB. "
                "Nothing changes until you apply it."
            ),
            megabytes=MAX_SCREENPLAY_BYTES // 1_048_576,
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".fountain,.fdx,.txt,.spmd,.xml"}),
    )

"""Forms for the breakdown pages. They only collect input: services do the writing.

The scene list's filter form is :class:`~scheduling.breakdown.filters.SceneFilterSet`'s, shared
with the API.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from productions.scoping import Access
from scheduling.breakdown.models import ElementCategory, Location, Set
from scheduling.breakdown.screenplay import MAX_SCREENPLAY_BYTES
from scheduling.breakdown.selectors import element_categories_for


class LocationForm(forms.ModelForm[Location]):
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


class SetForm(forms.ModelForm[Set]):
    class Meta:
        model = Set
        fields = ["name", "location", "notes"]
        labels = {"name": _("Name"), "location": _("Location"), "notes": _("Notes")}
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        location = self.fields["location"]
        assert isinstance(location, forms.ModelChoiceField)
        location.queryset = Location.objects.for_access(access)


class SceneElementForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=ElementCategory.objects.none())
    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("e.g. vintage Porsche; for cast, a name.")
    )
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=100_000, initial=1)

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = element_categories_for(access=access)


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

"""Forms for the breakdown pages. They only collect input: services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms

from crew.models import Character
from crew.selectors import characters_for
from productions.scoping import Access
from scheduling.models import ElementCategory, Location, Set, TimeOfDay
from scheduling.screenplay import MAX_SCREENPLAY_BYTES
from scheduling.selectors import SCENE_SORTS, element_categories_for, sets_for


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
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        location = self.fields["location"]
        assert isinstance(location, forms.ModelChoiceField)
        location.queryset = Location.objects.for_access(access)


class SceneFilterForm(forms.Form):
    set = forms.ModelChoiceField(queryset=Set.objects.none(), required=False, empty_label="Any")
    character = forms.ModelChoiceField(
        queryset=Character.objects.none(), required=False, empty_label="Anyone"
    )
    time_of_day = forms.ChoiceField(
        label="Time of day", choices=[("", "Any"), *TimeOfDay.choices], required=False
    )
    # A free field cleaned to a known sort: a stale bookmark should not drop the filters.
    sort = forms.CharField(
        required=False,
        widget=forms.Select(
            choices=[
                ("number", "Scene number"),
                ("-number", "Scene number, last first"),
                ("set", "Set"),
                ("pages", "Shortest first"),
                ("-pages", "Longest first"),
            ]
        ),
    )

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_field = self.fields["set"]
        character = self.fields["character"]
        assert isinstance(set_field, forms.ModelChoiceField)
        assert isinstance(character, forms.ModelChoiceField)
        set_field.queryset = sets_for(access=access)
        character.queryset = characters_for(access=access)

    def clean_sort(self) -> str:
        sort = self.cleaned_data.get("sort") or "number"
        return sort if sort in SCENE_SORTS else "number"


class SceneElementForm(forms.Form):
    category = forms.ModelChoiceField(queryset=ElementCategory.objects.none())
    name = forms.CharField(max_length=200, help_text="e.g. vintage Porsche; for cast, a name.")
    quantity = forms.IntegerField(min_value=1, max_value=100_000, initial=1)

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = element_categories_for(access=access)


class ScreenplayUploadForm(forms.Form):
    file = forms.FileField(
        label="Screenplay",
        allow_empty_file=True,  # the importer explains what is wrong with an empty file
        help_text=(
            f"Fountain (.fountain) or Final Draft (.fdx), up to "
            f"{MAX_SCREENPLAY_BYTES // 1_048_576} MB. Nothing changes until you apply it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".fountain,.fdx,.txt,.spmd,.xml"}),
    )

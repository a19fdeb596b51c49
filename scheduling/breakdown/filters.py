"""The breakdown lists' query parameters, defined once for the pages and the API.

A FilterSet names each parameter, validates it and says what it does to the queryset; the
selector (``scene_list``, ``element_list``) applies it to its scoped read.  Both surfaces
read the same request parameters the same way and differ only in what they do with a bad
value: the API answers 400 naming the parameter, the page shows the error next to the
field and leaves that one filter out.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField
from django_stubs_ext import StrOrPromise

from crew.selectors import characters_for
from productions.scoping import Access
from scheduling.breakdown.models import Element, Scene, TimeOfDay
from scheduling.breakdown.selectors import element_categories_for, sets_for

# ?ordering= value: (label on the page, order_by).  The last columns keep the order stable.
SCENE_SORTS: dict[str, tuple[StrOrPromise, tuple[str, ...]]] = {
    "number": (_("Scene number"), ("sort_key", "number", "id")),
    "-number": (_("Scene number, last first"), ("-sort_key", "-number", "-id")),
    "set": (_("Set"), ("set__name", "sort_key", "id")),
    "-set": (_("Set, Z to A"), ("-set__name", "sort_key", "id")),
    "pages": (_("Shortest first"), ("eighths", "sort_key", "id")),
    "-pages": (_("Longest first"), ("-eighths", "sort_key", "id")),
}


class IdChoiceField(ModelChoiceField):
    """An id of a row the viewer's production has; anything else is refused by name."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not (text.isascii() and text.isdigit()):  # "²".isdigit() is true, int("²") is not
            raise forms.ValidationError(_("Give a numeric id."), code="invalid")
        return super().to_python(text)


class IdFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


class UpperChoiceField(django_filters.fields.ChoiceField):
    """A choice written in any case: ``?time_of_day=night`` is NIGHT."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).strip().upper()

    def prepare_value(self, value: Any) -> Any:
        # Shown selected as the filter applies it, whatever the case of the link.
        return value.strip().upper() if isinstance(value, str) else value


class UpperChoiceFilter(django_filters.ChoiceFilter):
    field_class = UpperChoiceField


class FlagField(forms.Field):
    """true/false (also 1/0, yes/no), or nothing; any other value is an error, not "no"."""

    TRUE = ("true", "1", "yes")
    FALSE = ("false", "0", "no")

    def to_python(self, value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        text = str(value or "").strip().lower()
        if not text:
            return None
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError(_("Use true or false."), code="invalid")


class FlagFilter(django_filters.BooleanFilter):
    field_class = FlagField


class BreakdownFilterSet(django_filters.FilterSet):
    """Validates once; an unbound set (a page opened without a query) filters nothing."""

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if not self.is_bound:
            return queryset
        self.form.is_valid()  # only the values that validated are applied
        filtered: QuerySet[Any] = super().filter_queryset(queryset)
        return filtered

    @property
    def values(self) -> dict[str, Any]:
        """The filters that validated and are set, by name."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}

    @property
    def errors_by_name(self) -> dict[str, list[str]]:
        """The bad values' messages by parameter name (empty when all are fine)."""
        if not self.is_bound:
            return {}
        return {name: [str(m) for m in messages] for name, messages in self.form.errors.items()}


class SceneFilterSet(BreakdownFilterSet):
    """The scene list's filters: ``?set=&character=&time_of_day=&omitted=&ordering=``."""

    set = IdFilter(
        label=_("Set"),
        queryset=None,
        empty_label=_("Any"),
        error_messages={"invalid_choice": _("This production has no set with that id.")},
    )
    character = IdFilter(
        label=_("Character"),
        field_name="scene_characters__character",
        queryset=None,
        empty_label=_("Anyone"),
        error_messages={"invalid_choice": _("This production has no character with that id.")},
    )
    time_of_day = UpperChoiceFilter(
        label=_("Time of day"),
        choices=TimeOfDay.choices,
        empty_label=_("Any"),
        error_messages={
            "invalid_choice": format_lazy(_("Use one of: {}."), ", ".join(TimeOfDay.values))
        },
    )
    omitted = FlagFilter(
        label=_("Omitted scenes"),
        widget=forms.Select(
            choices=[("", _("Shown")), ("false", _("Hidden")), ("true", _("Only omitted"))]
        ),
    )
    ordering = django_filters.ChoiceFilter(
        label=_("Sort"),
        choices=[(value, label) for value, (label, _order) in SCENE_SORTS.items()],
        empty_label=None,
        method="order",
        error_messages={
            "invalid_choice": format_lazy(_("Use one of: {}."), ", ".join(SCENE_SORTS))
        },
    )

    def __init__(self, data: Any = None, *, access: Access) -> None:
        super().__init__(data, queryset=Scene.objects.none())
        self.filters["set"].queryset = sets_for(access=access)
        self.filters["character"].queryset = characters_for(access=access)

    def order(self, queryset: QuerySet[Scene], name: str, value: str) -> QuerySet[Scene]:
        return queryset.order_by(*SCENE_SORTS[value][1])

    @property
    def narrows(self) -> bool:
        """A filter other than the order is applied, so some scenes may be left out."""
        return any(name != "ordering" for name in self.values)


class ElementFilterSet(BreakdownFilterSet):
    """The element list's filters: ``?category=&scene=``."""

    category = IdFilter(
        label=_("Category"),
        queryset=None,
        error_messages={"invalid_choice": _("This production has no category with that id.")},
    )
    scene = IdFilter(
        label=_("Scene"),
        field_name="scene_elements__scene",
        queryset=None,
        error_messages={"invalid_choice": _("This production has no scene with that id.")},
    )

    def __init__(self, data: Any = None, *, access: Access) -> None:
        super().__init__(data, queryset=Element.objects.none())
        self.filters["category"].queryset = element_categories_for(access=access)
        self.filters["scene"].queryset = Scene.objects.for_access(access)

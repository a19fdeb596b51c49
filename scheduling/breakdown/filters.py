"""The breakdown lists' query parameters, defined once for the pages and the API.

Built on the shared pieces in :mod:`productions.filters`: each FilterSet is a
:class:`~productions.filters.ProductionFilterSet` bound to the viewer's access
(``SceneFilterSet(request.GET, access=access)``), and its selector (``scene_list``,
``element_list``) narrows the scoped read with it.  The page leaves a bad value out (and
shows its error next to the field); the API answers 400 naming it
(``ProductionScopedViewSet.filters``).  What is the breakdown's own: the scene orders
(``?ordering=``), the time of day in any case, and the page's old ``?sort=`` links.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from django_stubs_ext import StrOrPromise

from crew.models import Character
from crew.selectors import characters_for
from productions.filters import (
    ChoicesFilter,
    FlagFilter,
    ProductionFilterSet,
    ScopedModelChoiceFilter,
)
from scheduling.breakdown.models import Element, ElementCategory, Scene, Set, TimeOfDay

# ?ordering= value: (label on the page, order_by).  The last columns keep the order stable.
SCENE_SORTS: dict[str, tuple[StrOrPromise, tuple[str, ...]]] = {
    "number": (_("Scene number"), ("sort_key", "number", "id")),
    "-number": (_("Scene number, last first"), ("-sort_key", "-number", "-id")),
    "set": (_("Set"), ("set__name", "sort_key", "id")),
    "-set": (_("Set, Z to A"), ("-set__name", "sort_key", "id")),
    "pages": (_("Shortest first"), ("eighths", "sort_key", "id")),
    "-pages": (_("Longest first"), ("-eighths", "sort_key", "id")),
}
DEFAULT_SCENE_SORT = "number"


class UpperChoiceField(django_filters.fields.ChoiceField):
    """A choice written in any case: ``?time_of_day=night`` is NIGHT."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).strip().upper()

    def prepare_value(self, value: Any) -> Any:
        # Shown selected as the filter applies it, whatever the case of the link.
        return value.strip().upper() if isinstance(value, str) else value


class UpperChoicesFilter(ChoicesFilter):
    field_class = UpperChoiceField


class SceneFilterSet(ProductionFilterSet):
    """The scene list's filters: ``?set=&character=&time_of_day=&omitted=&ordering=``."""

    set = ScopedModelChoiceFilter(
        Set, label=_("Set"), empty_label=_("Any"), help_text=_("Only scenes in this set.")
    )
    character = ScopedModelChoiceFilter(
        Character,
        field_name="scene_characters__character",
        selector=characters_for,
        label=_("Character"),
        empty_label=_("Anyone"),
        help_text=_("Only scenes with this character."),
    )
    time_of_day = UpperChoicesFilter(
        choices=TimeOfDay.choices,
        label=_("Time of day"),
        empty_label=_("Any"),
        help_text=_("Only scenes at this time of day (in any case)."),
    )
    omitted = FlagFilter(
        label=_("Omitted scenes"),
        widget=forms.Select(
            choices=[("", _("Shown")), ("false", _("Hidden")), ("true", _("Only omitted"))]
        ),
        help_text=_("true: only omitted; false: none."),
    )
    ordering = ChoicesFilter(
        choices=[(value, label) for value, (label, _order) in SCENE_SORTS.items()],
        label=_("Sort"),
        empty_label=None,
        method="order",
        help_text=_("The order of the list; script order by default."),
    )

    class Meta:
        model = Scene
        fields: list[str] = []

    def order(self, queryset: QuerySet[Scene], name: str, value: str) -> QuerySet[Scene]:
        return queryset.order_by(*SCENE_SORTS[value][1])

    @property
    def sort(self) -> str:
        """The order the list is in (script order unless a valid ``ordering`` says else)."""
        return str(self.cleaned.get("ordering") or DEFAULT_SCENE_SORT)

    @property
    def narrows(self) -> bool:
        """A filter other than the order is applied, so some scenes may be left out."""
        return any(
            value not in EMPTY_VALUES for name, value in self.cleaned.items() if name != "ordering"
        )

    @staticmethod
    def page_query(query: QueryDict) -> QueryDict:
        """The scene page's query: links and bookmarks from before the page shared the
        API's parameters say ``sort`` for ``ordering`` (the API never took ``sort``)."""
        if "sort" in query and "ordering" not in query:
            query = query.copy()
            query.setlist("ordering", query.getlist("sort"))
        return query


class ElementFilterSet(ProductionFilterSet):
    """The element list's filters: ``?category=&scene=``."""

    category = ScopedModelChoiceFilter(
        ElementCategory, label=_("Category"), help_text=_("Only elements in this category.")
    )
    scene = ScopedModelChoiceFilter(
        Scene,
        field_name="scene_elements__scene",
        label=_("Scene"),
        help_text=_("Only elements in this scene."),
    )

    class Meta:
        model = Element
        fields: list[str] = []

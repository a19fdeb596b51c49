"""A list's query parameters: one FilterSet per list, shared by its page, API and export.

A :class:`ProductionFilterSet` is bound to the viewer's :class:`Access`, and the list's
selector takes it (``crew_list(access=…, filters=…)``), so every surface narrows the rows
with the same code. Surfaces differ only in what they do with a bad parameter: a page
leaves it out (``cleaned`` holds the valid parameters only, so the list is the default
one) and the API answers 400 naming it (``ProductionScopedViewSet.filters``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any, TypeVar, cast

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.functional import lazy
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from django_stubs_ext import StrOrPromise

from productions.forms import ScopedModelChoiceField
from productions.scoping import Access

_Rows = TypeVar("_Rows", bound=QuerySet[Any])
_TRUE = frozenset({"1", "true", "yes"})
_FALSE = frozenset({"0", "false", "no"})


class ProductionFilterSet(django_filters.FilterSet):
    """A FilterSet for one production's rows: ``CrewFilter(request.GET, access=access)``."""

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        queryset: QuerySet[Any] | None = None,
        *,
        access: Access,
        request: Any = None,
        prefix: str | None = None,
    ) -> None:
        self.access = access
        super().__init__(data, queryset, request=request, prefix=prefix)

    @cached_property
    def cleaned(self) -> dict[str, Any]:
        """The valid parameters by name; a bad one is absent, so it narrows nothing."""
        self.form.is_valid()
        return dict(self.form.cleaned_data)

    @property
    def active(self) -> bool:
        return any(value not in EMPTY_VALUES for value in self.cleaned.values())

    def filter_queryset(self, queryset: _Rows) -> _Rows:
        """``queryset`` narrowed by the valid parameters (the selector calls this)."""
        self.form.is_valid()
        return cast(_Rows, super().filter_queryset(queryset))

    def as_query(self) -> str:
        """The valid parameters as a query string, for links that keep the filters."""
        params: dict[str, Any] = {}
        for name, value in self.cleaned.items():
            if value in EMPTY_VALUES:
                continue
            if isinstance(value, Model):
                value = value.pk
            elif isinstance(value, bool):
                value = int(value)
            params[name] = value
        return urlencode(params)


class SearchField(forms.CharField):
    """Free text, trimmed; a very long search is cut short rather than refused."""

    max_search_length = 100

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value))[: self.max_search_length]


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class FlagField(forms.Field):
    """1/0, true/false or yes/no (any case); empty means not given; anything else is an error."""

    default_error_messages = {"invalid": _("Use 1 or 0.")}

    def to_python(self, value: Any) -> bool | None:
        text = str(value).strip().lower() if value is not None else ""
        if not text:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class FlagFilter(django_filters.BooleanFilter):
    field_class = FlagField


def _use_one_of(values: str) -> str:
    return gettext("Use one of: %(values)s.") % {"values": values}


class ChoicesFilter(django_filters.ChoiceFilter):
    """One of ``choices``; anything else is an error that lists them."""

    def __init__(self, *, choices: Iterable[tuple[str, StrOrPromise]], **kwargs: Any) -> None:
        choices = list(choices)
        values = ", ".join(value for value, _ in choices)
        # Filters are made when their FilterSet class is defined: the message is
        # translated when it is shown, in the language of whoever sees it.
        message = lazy(_use_one_of, str)(values)
        kwargs.setdefault("error_messages", {"invalid_choice": message})
        super().__init__(choices=choices, **kwargs)


class ScopedIdField(ScopedModelChoiceField[Any]):
    """The id of a row on the viewer's production; the error says which of the two is wrong."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not (text.isascii() and text.isdigit()):
            raise ValidationError(
                _("“%(value)s” is not an id."), code="invalid", params={"value": value}
            )
        try:
            return self.queryset.get(pk=int(text))
        except self.scoped_model.DoesNotExist:
            noun = self.scoped_model._meta.verbose_name
            raise ValidationError(
                _("No %(noun)s with id %(id)s on this production."),
                code="invalid_choice",
                params={"noun": noun, "id": text},
            ) from None


class ScopedModelChoiceFilter(django_filters.Filter):
    """Narrow by a row of the viewer's production (given by id); another production's id
    is invalid, as in every scoped form field."""

    field_class = ScopedIdField

    def __init__(self, model: type[Model], **kwargs: Any) -> None:
        super().__init__(model=model, **kwargs)

    @property
    def field(self) -> ScopedIdField:
        field: ScopedIdField = super().field
        field.bind(self.parent.access)
        return field

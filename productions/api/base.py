"""The base for every API route under ``/productions/{production_id}/``.

Like NetBox's ``restrict()``, the production scoping happens once, here: the view
resolves ``production_access`` from the URL before anything else (non-members get 404),
and ``get_queryset()`` always narrows to that production with ``for_access``, so a
list and its detail routes cannot disagree about what exists.

A list's query is read one way: the viewset names the list's FilterSet
(``filterset_class``, the one its page uses too) and hands ``self.filters`` to its
selector.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from functools import cached_property
from typing import Any, Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.conditional import ConditionalMixin
from productions.filters import ProductionFilterSet
from productions.models import ScopedQuerySet
from productions.roles import Action
from productions.scoping import Access, production_access
from productions.versioning import passed_marks

_M = TypeVar("_M", bound=models.Model)

WRITE_ACTIONS = frozenset({"create", "update", "partial_update", "destroy"})


def write_actions(required: Action) -> dict[str, Action]:
    """``required_actions`` for a viewset whose every write needs ``required``."""
    return {name: required for name in WRITE_ACTIONS}


class ProductionFilterBackend(DjangoFilterBackend):
    """Describes a viewset's ``filterset_class`` (its query parameters) in the schema.

    It filters nothing itself: the viewset hands ``self.filters`` to its selector, as the
    page does, and detail routes (``get_object`` runs the backends) ignore the query.
    """

    def filter_queryset(self, request: Request, queryset: QuerySet[Any], view: Any) -> Any:
        return queryset


class ProductionScopedViewSet(ConditionalMixin, viewsets.GenericViewSet[_M], Generic[_M]):
    """Subclasses set ``queryset = Model.objects.all()`` (a model with ``for_access``).

    - ``self.access``: the viewer's :class:`Access` on the production in the URL.
    - ``get_base_queryset()``: override to use a selector; the result is narrowed with
      ``for_access`` again by ``get_queryset()`` whatever the override does.
    - ``required_actions``: ``{viewset action: role Action}`` checked before the handler
      runs (403); rules that depend on the object are checked by the handler.
    - ``list`` and ``retrieve`` are provided; both render rows through ``serialize()``, so
      a row, its detail and its ETag always agree.
    - ``filterset_class``: the list's :class:`ProductionFilterSet`; ``self.filters`` is the
      request's query parsed by it, for the selector.
    - Reads revalidate cheaply: the validator is the production's data version (bumped by
      database triggers on every write, see ``productions.versioning``), the clock marks
      passed (deadlines falling due), and the viewer and role; a matching
      ``If-None-Match`` is answered 304 before ``get_queryset()`` runs. A subclass whose
      reads depend on anything else adds it in ``validator_parts()`` (or returns None).
    """

    production_url_kwarg = "production_id"
    required_actions: Mapping[str, Action] = {}
    filterset_class: type[ProductionFilterSet] | None = None
    filter_backends = [ProductionFilterBackend]

    @cached_property
    def access(self) -> Access:
        return production_access(self.request.user, self.kwargs.get(self.production_url_kwarg, ""))

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # After authentication (401 first), before parsing anything (404 before 400).
        access = self.access
        required = self.required_actions.get(self.action)
        if required is not None:
            access.require(required)
        self.check_not_modified()

    def validator_parts(self) -> tuple[Hashable, ...] | None:
        version = self.access.data_version
        if version is None:
            return None
        return (
            "production",
            self.access.production.pk,
            version.version,
            passed_marks(version.clock_marks, timezone.now()),
            self.request.user.pk,
            self.access.membership.role,
        )

    def scope(self, queryset: QuerySet[_M]) -> QuerySet[_M]:
        if not isinstance(queryset, ScopedQuerySet):
            raise ImproperlyConfigured(
                f"{type(self).__name__}: {queryset.model.__name__} has no for_access(); "
                "production-scoped API views serve only scoped models."
            )
        return queryset.for_access(self.access)

    def get_base_queryset(self) -> QuerySet[_M]:
        if self.queryset is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a queryset.")
        return self.queryset.all()

    def get_queryset(self) -> QuerySet[_M]:
        return self.scope(self.get_base_queryset())

    def serialize(self, instances: Sequence[_M]) -> list[Any]:
        """Response rows; override to load what the rows need in one query per page."""
        return list(self.get_serializer(instances, many=True).data)

    def representation(self, instance: _M) -> Any:
        return self.serialize([instance])[0]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.serialize(page or []))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.representation(self.get_object()))

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["access"] = self.access
        return context

    @cached_property
    def filters(self) -> Any:
        """The query parsed by ``filterset_class`` (None without one) for the selector.

        A bad parameter is a 400 naming it (``{"errors": {"status": [...]}}``), raised
        before any row is read.
        """
        if self.filterset_class is None:
            return None
        filters = self.filterset_class(self.request.query_params, access=self.access)
        if not filters.is_valid():
            raise translate_validation(filters.errors)
        return filters

    def lock_for_write(self) -> None:
        """``SELECT … FOR UPDATE`` the object in the URL (only that table's row)."""
        if self.queryset is None:
            return
        try:
            pk = int(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        except (KeyError, TypeError, ValueError):
            raise Http404 from None
        rows = self.scope(self.queryset.all()).select_for_update(of=("self",)).filter(pk=pk)
        list(rows.values_list("pk", flat=True))


@extend_schema_field(OpenApiTypes.INT)
class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField[Any]):
    """An id of a row on the viewer's production; any other id "does not exist" (400).

    The serializer's context must hold ``access`` (ProductionScopedViewSet provides it).
    """

    def __init__(self, model: type[models.Model], **kwargs: Any) -> None:
        self.scoped_model = model
        # The unscoped queryset only tells the schema generator the id's type.
        kwargs.setdefault("queryset", model._default_manager.none())
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        access = self.context.get("access")
        if access is None:
            return self.scoped_model._default_manager.none()
        manager: Any = self.scoped_model._default_manager
        queryset: QuerySet[Any] = manager.for_access(access)
        return queryset

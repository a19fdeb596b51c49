"""The scoping every breakdown endpoint shares, in one place (list and detail cannot differ).

``/api/v1/productions/{production_id}/...``: a non-member gets 404 for the whole production
(:func:`production_access`), reads need ``read_action`` and writes ``write_action`` (403),
and querysets start from ``Model.objects.for_access``, so another production's ids are 404.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from rest_framework import permissions, viewsets
from rest_framework.request import Request

from productions.roles import Action
from productions.scoping import Access, production_access

M = TypeVar("M", bound=Model)


class ProductionScopedMixin(Generic[M]):
    read_action = Action.VIEW_SCHEDULE
    write_action = Action.EDIT_BREAKDOWN
    access: Access
    kwargs: dict[str, Any]

    def check_production_access(self, request: Request) -> None:
        self.access = production_access(request.user, self.kwargs["production_id"])
        safe = request.method in permissions.SAFE_METHODS
        self.access.require(self.read_action if safe else self.write_action)

    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = super().get_serializer_context()  # type: ignore[misc]
        if hasattr(self, "access"):
            context["access"] = self.access
        return context


class ProductionScopedViewSet(ProductionScopedMixin[M], viewsets.ModelViewSet[M]):
    """A model viewset under a production; subclasses name ``model`` and ``scoped_queryset``."""

    model: type[M]
    lookup_value_converter = "int"

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # authentication, throttles
        self.check_production_access(request)

    def get_queryset(self) -> QuerySet[M]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no production
            return self.model._default_manager.none()
        return self.scoped_queryset(self.access)

    def scoped_queryset(self, access: Access) -> QuerySet[M]:
        return self.model._default_manager.for_access(access)  # type: ignore[attr-defined,no-any-return]

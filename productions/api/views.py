"""Productions, their co-producers, members and deadlines over REST."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from core.api.conditional import ConditionalMixin
from productions.api.base import ProductionScopedViewSet, write_actions
from productions.api.serializers import (
    CoProducerInput,
    CoProducerSerializer,
    ProductionInput,
    ProductionSerializer,
)
from productions.models import CoProducer, Production
from productions.roles import Action
from productions.scoping import Access, production_access
from productions.selectors import memberships_for_user, productions_for_user
from productions.services import (
    co_producer_delete,
    co_producer_save,
    production_create,
    production_delete,
    production_update,
)

_NO_CONTENT = {204: None}


def _user(request: Request) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


class ProductionViewSet(ConditionalMixin, viewsets.GenericViewSet[Production]):
    """Productions you are a member of. Anyone signed in may create one (and produce it)."""

    queryset = Production.objects.all()
    serializer_class = ProductionSerializer
    lookup_url_kwarg = "production_id"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    @cached_property
    def access(self) -> Access:
        return production_access(self.request.user, self.kwargs.get(self.lookup_url_kwarg, ""))

    def get_queryset(self) -> QuerySet[Production]:
        return productions_for_user(user=self.request.user).prefetch_related("co_producers")

    def get_object(self) -> Production:
        production: Production = self.get_queryset().get(pk=self.access.production.pk)
        return production

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        if self.lookup_url_kwarg in self.kwargs:
            context["roles"] = {self.access.production.pk: self.access.role.value}
        else:
            context["roles"] = {
                m.production_id: m.role for m in memberships_for_user(user=self.request.user)
            }
        return context

    def lock_for_write(self) -> None:
        rows = Production.objects.for_user(self.request.user).select_for_update(of=("self",))
        list(rows.filter(pk=self.access.production.pk).values_list("pk", flat=True))

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, production_id: str) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=ProductionInput, responses={201: ProductionSerializer})
    def create(self, request: Request) -> Response:
        payload = ProductionInput(data=request.data)
        payload.is_valid(raise_exception=True)
        fields = dict(payload.validated_data)
        created = production_create(by=_user(request), **fields)
        production = self.get_queryset().get(pk=created.pk)
        return Response(self.get_serializer(production).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ProductionInput, responses=ProductionSerializer)
    def partial_update(self, request: Request, production_id: str) -> Response:
        self.access.require(Action.MANAGE_PRODUCTION)
        with self.guarded_write() as production:
            payload = ProductionInput(production, data=request.data, partial=True)
            payload.is_valid(raise_exception=True)
            production_update(production=production, **payload.validated_data)
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(responses=_NO_CONTENT)
    def destroy(self, request: Request, production_id: str) -> Response:
        self.access.require(Action.MANAGE_PRODUCTION)
        with self.guarded_write() as production:
            production_delete(production=production)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CoProducerViewSet(ProductionScopedViewSet[CoProducer]):
    """Companies behind the production. Read: members; write: producers."""

    queryset = CoProducer.objects.all()
    serializer_class = CoProducerSerializer
    required_actions = write_actions(Action.MANAGE_PRODUCTION)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    @extend_schema(request=CoProducerInput, responses={201: CoProducerSerializer})
    def create(self, request: Request, production_id: int) -> Response:
        payload = CoProducerInput(data=request.data)
        payload.is_valid(raise_exception=True)
        co_producer = co_producer_save(
            co_producer=CoProducer(production=self.access.production, **payload.validated_data)
        )
        return Response(self.representation(co_producer), status=status.HTTP_201_CREATED)

    @extend_schema(request=CoProducerInput, responses=CoProducerSerializer)
    def partial_update(self, request: Request, production_id: int, pk: str) -> Response:
        with self.guarded_write() as co_producer:
            payload = CoProducerInput(data=request.data, partial=True)
            payload.is_valid(raise_exception=True)
            for name, value in payload.validated_data.items():
                setattr(co_producer, name, value)
            co_producer_save(co_producer=co_producer)
        return Response(self.representation(co_producer))

    @extend_schema(responses=_NO_CONTENT)
    def destroy(self, request: Request, production_id: int, pk: str) -> Response:
        with self.guarded_write() as co_producer:
            co_producer_delete(co_producer=co_producer)
        return Response(status=status.HTTP_204_NO_CONTENT)

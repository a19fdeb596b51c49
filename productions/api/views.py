"""Productions, their co-producers, members and deadlines over REST."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from core.api.conditional import ConditionalMixin
from core.api.viewsets import ProductionScopedViewSet
from crew.models import Engagement, Person
from productions.api.serializers import (
    CoProducerInput,
    CoProducerSerializer,
    DeadlineInput,
    DeadlineSerializer,
    MemberInput,
    MemberRoleInput,
    MemberSerializer,
    ProductionInput,
    ProductionSerializer,
)
from productions.invitations import member_invite
from productions.models import CoProducer, Deadline, DeadlineStatus, Membership, Production
from productions.roles import Action
from productions.scoping import Access, production_access
from productions.selectors import deadlines_for_access, memberships_for_user, productions_for_user
from productions.services import (
    co_producer_delete,
    co_producer_save,
    deadline_complete,
    deadline_delete,
    deadline_save,
    membership_change_role,
    membership_remove,
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


def _writes(required: Action) -> dict[str, Action]:
    return {name: required for name in ("create", "partial_update", "destroy")}


class CoProducerViewSet(ProductionScopedViewSet[CoProducer]):
    """Companies behind the production. Read: members; write: producers."""

    queryset = CoProducer.objects.all()
    serializer_class = CoProducerSerializer
    required_actions = _writes(Action.MANAGE_PRODUCTION)
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


class MemberViewSet(ProductionScopedViewSet[Membership]):
    """Who is on the production and in what role. Read: members; write: producers.

    POST invites by e-mail (creating the account if needed; the e-mail is sent after
    commit). A production keeps at least one producer.
    """

    queryset = Membership.objects.all()
    serializer_class = MemberSerializer
    required_actions = _writes(Action.MANAGE_MEMBERS)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_base_queryset(self) -> QuerySet[Membership]:
        return Membership.objects.select_related("user").order_by("role", "user__email", "id")

    def serialize(self, instances: Sequence[Membership]) -> list[Any]:
        """Member rows with their crew records (for the e-mail privacy rule), in one query."""
        people = (
            Person.objects.for_access(self.access)
            .filter(user_id__in=[m.user_id for m in instances])
            .prefetch_related(
                Prefetch(
                    "engagements",
                    queryset=Engagement.objects.for_access(self.access).only(
                        "id", "person_id", "department_id"
                    ),
                )
            )
        )
        context = {
            **self.get_serializer_context(),
            "people_by_user": {person.user_id: person for person in people},
        }
        return list(MemberSerializer(instances, many=True, context=context).data)

    @extend_schema(request=MemberInput, responses={201: MemberSerializer})
    def create(self, request: Request, production_id: int) -> Response:
        payload = MemberInput(data=request.data)
        payload.is_valid(raise_exception=True)
        membership = member_invite(
            production=self.access.production,
            invited_by=_user(request),
            email=payload.validated_data["email"],
            role=payload.validated_data["role"],
            name=payload.validated_data.get("name", ""),
        )
        return Response(self.representation(membership), status=status.HTTP_201_CREATED)

    @extend_schema(request=MemberRoleInput, responses=MemberSerializer)
    def partial_update(self, request: Request, production_id: int, pk: str) -> Response:
        with self.guarded_write() as membership:
            payload = MemberRoleInput(data=request.data)
            payload.is_valid(raise_exception=True)
            membership_change_role(membership=membership, role=payload.validated_data["role"])
        return Response(self.representation(membership))

    @extend_schema(responses=_NO_CONTENT)
    def destroy(self, request: Request, production_id: int, pk: str) -> Response:
        with self.guarded_write() as membership:
            membership_remove(membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("mine", OpenApiTypes.BOOL, description="Only deadlines you own."),
            OpenApiParameter("status", str, enum=DeadlineStatus.values),
        ]
    )
)
class DeadlineViewSet(ProductionScopedViewSet[Deadline]):
    """Milestones, overdue first. Read: members; write: producers; complete: also owners."""

    queryset = Deadline.objects.all()
    serializer_class = DeadlineSerializer
    required_actions = _writes(Action.MANAGE_DEADLINES)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_base_queryset(self) -> QuerySet[Deadline]:
        if self.action != "list":
            return deadlines_for_access(access=self.access)
        return deadlines_for_access(
            access=self.access,
            mine=self.query_flag("mine"),
            status=self.query_choice("status", DeadlineStatus.values),
        )

    @extend_schema(request=DeadlineInput, responses={201: DeadlineSerializer})
    def create(self, request: Request, production_id: int) -> Response:
        payload = DeadlineInput(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        fields = dict(payload.validated_data)
        owners = fields.pop("owners", None)
        deadline = deadline_save(
            deadline=Deadline(production=self.access.production, **fields),
            owner_ids=[p.pk for p in owners] if owners is not None else None,
        )
        deadline = self.get_queryset().get(pk=deadline.pk)
        return Response(self.representation(deadline), status=status.HTTP_201_CREATED)

    @extend_schema(request=DeadlineInput, responses=DeadlineSerializer)
    def partial_update(self, request: Request, production_id: int, pk: str) -> Response:
        with self.guarded_write() as deadline:
            payload = DeadlineInput(
                deadline, data=request.data, partial=True, context=self.get_serializer_context()
            )
            payload.is_valid(raise_exception=True)
            fields = dict(payload.validated_data)
            owners = fields.pop("owners", None)
            for name, value in fields.items():
                setattr(deadline, name, value)
            deadline_save(
                deadline=deadline,
                owner_ids=[p.pk for p in owners] if owners is not None else None,
            )
        return Response(self.representation(self.get_object()))

    @extend_schema(responses=_NO_CONTENT)
    def destroy(self, request: Request, production_id: int, pk: str) -> Response:
        with self.guarded_write() as deadline:
            deadline_delete(deadline=deadline)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def require_can_complete(self, deadline: Deadline) -> None:
        owner_ids = {owner.pk for owner in deadline.owners.all()}
        if not owner_ids & self.access.own_person_ids:
            self.access.require(Action.MANAGE_DEADLINES)

    @extend_schema(request=None, responses=DeadlineSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, production_id: int, pk: str) -> Response:
        """Mark done (producers, and the deadline's owners). Completing twice is harmless."""
        with self.guarded_write(check=self.require_can_complete) as deadline:
            if deadline.status != DeadlineStatus.DONE:
                deadline_complete(deadline=deadline)
        return Response(self.representation(self.get_object()))

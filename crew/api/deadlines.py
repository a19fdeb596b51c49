"""Deadlines over REST: milestones, overdue first."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from crew.deadlines import deadline_complete, deadline_delete, deadline_save, deadlines_for_access
from crew.filters import DeadlineFilter
from crew.models import Deadline, DeadlineStatus, Department, Person
from crew.policies import can_complete_deadline
from productions.api.base import ProductionScopedViewSet, ScopedPrimaryKeyField, write_actions
from productions.roles import Action

_NO_CONTENT = {204: None}


class DeadlineSerializer(serializers.ModelSerializer[Deadline]):
    owners = serializers.PrimaryKeyRelatedField[Person](many=True, read_only=True)
    overdue = serializers.BooleanField(
        source="is_overdue", read_only=True, help_text=_("Open and past due.")
    )

    class Meta:
        model = Deadline
        fields = [
            "id",
            "title",
            "due",
            "department",
            "owners",
            "status",
            "overdue",
            "notes",
            "completed_at",
            "created_at",
        ]
        read_only_fields = fields


class DeadlineInput(serializers.Serializer[Deadline]):
    title = serializers.CharField(max_length=200)
    due = serializers.DateTimeField()
    department = ScopedPrimaryKeyField(Department, allow_null=True, required=False)
    owners = ScopedPrimaryKeyField(
        Person, many=True, required=False, help_text=_("Crew record (person) ids.")
    )
    status = serializers.ChoiceField(choices=DeadlineStatus.choices, required=False)
    notes = serializers.CharField(allow_blank=True, required=False)


class DeadlineViewSet(ProductionScopedViewSet[Deadline]):
    """Milestones, overdue first. Read: members; write: producers; complete: also owners."""

    queryset = Deadline.objects.all()
    serializer_class = DeadlineSerializer
    required_actions = write_actions(Action.MANAGE_DEADLINES)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filterset_class = DeadlineFilter

    def get_base_queryset(self) -> QuerySet[Deadline]:
        filters = self.filters if self.action == "list" else None
        return deadlines_for_access(access=self.access, filters=filters)

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
        if not can_complete_deadline(self.access, deadline):
            self.access.require(Action.MANAGE_DEADLINES)

    @extend_schema(request=None, responses=DeadlineSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, production_id: int, pk: str) -> Response:
        """Mark done (producers, and the deadline's owners). Completing twice is harmless."""
        with self.guarded_write(check=self.require_can_complete) as deadline:
            if deadline.status != DeadlineStatus.DONE:
                deadline_complete(deadline=deadline)
        return Response(self.representation(self.get_object()))

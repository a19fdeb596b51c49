"""Crew, departments, positions, characters and unavailability over REST."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from crew.access import own_person_ids
from crew.api.serializers import (
    CharacterSerializer,
    CrewMemberInput,
    CrewMemberSerializer,
    DepartmentSerializer,
    PositionSerializer,
    UnavailabilitySerializer,
)
from crew.models import (
    Character,
    Department,
    Engagement,
    EngagementStatus,
    Position,
    Unavailability,
)
from crew.policies import can_edit_characters, can_manage_department
from crew.privacy import can_see_unavailability_reason, person_department_ids
from crew.selectors import (
    characters_for,
    crew_list,
    departments_for,
    positions_for,
    unavailability_for,
)
from crew.services import (
    ENGAGEMENT_FIELDS,
    PERSON_FIELDS,
    InUseError,
    character_delete,
    character_edit,
    crew_member_add,
    department_create,
    department_delete,
    department_save,
    engagement_delete,
    engagement_save,
    person_save,
    position_create,
    position_delete,
    position_save,
    unavailability_add,
    unavailability_delete,
)
from productions.api.base import WRITE_ACTIONS, ProductionScopedViewSet, write_actions
from productions.roles import Action

_NO_CONTENT = {204: None}
_EDIT_METHODS = ["get", "post", "patch", "delete", "head", "options"]


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class _SimpleWriteViewSet(ProductionScopedViewSet[Any]):
    """Create / patch / delete of a row whose serializer also parses the input.

    Subclasses write through the same services as the pages: ``create_instance``,
    ``update_instance`` (the current row and the changed fields) and ``delete_instance``.
    """

    http_method_names = _EDIT_METHODS

    def create_instance(self, fields: dict[str, Any]) -> Any:
        raise NotImplementedError

    def update_instance(self, instance: Any, fields: dict[str, Any]) -> Any:
        raise NotImplementedError

    def delete_instance(self, instance: Any) -> None:
        raise NotImplementedError

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        instance = self.create_instance(dict(payload.validated_data))
        return Response(self.representation(instance), status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with self.guarded_write() as instance:
            payload = self.get_serializer(instance, data=request.data, partial=True)
            payload.is_valid(raise_exception=True)
            self.update_instance(instance, dict(payload.validated_data))
        return Response(self.representation(self.get_object()))

    @extend_schema(responses=_NO_CONTENT)
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            with self.guarded_write() as instance:
                self.delete_instance(instance)
        except InUseError as exc:
            raise Conflict(exc.message) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class DepartmentViewSet(_SimpleWriteViewSet):
    """Departments in call-sheet order. Read: members; write: producers.

    A new department without an order goes last; deleting one takes its positions with
    it, and is refused (409) while anyone is engaged in it or holds one of its positions.
    """

    queryset = Department.objects.all()
    serializer_class = DepartmentSerializer
    required_actions = write_actions(Action.MANAGE_DEPARTMENTS)

    def create_instance(self, fields: dict[str, Any]) -> Department:
        return department_create(production=self.access.production, **fields)

    def update_instance(self, department: Department, fields: dict[str, Any]) -> Department:
        for name, value in fields.items():
            setattr(department, name, value)
        return department_save(department=department)

    def delete_instance(self, department: Department) -> None:
        department_delete(department=department)

    def get_base_queryset(self) -> QuerySet[Department]:
        return departments_for(access=self.access)


class PositionViewSet(_SimpleWriteViewSet):
    """Positions (titles) and their departments. Read: members; write: producers.

    A new position without an order goes after its department's others; deleting one is
    refused (409) while anyone holds it.
    """

    queryset = Position.objects.all()
    serializer_class = PositionSerializer
    required_actions = write_actions(Action.MANAGE_DEPARTMENTS)

    def create_instance(self, fields: dict[str, Any]) -> Position:
        fields.setdefault("department", None)
        return position_create(production=self.access.production, **fields)

    def update_instance(self, position: Position, fields: dict[str, Any]) -> Position:
        for name, value in fields.items():
            setattr(position, name, value)
        return position_save(position=position)

    def delete_instance(self, position: Position) -> None:
        position_delete(position=position)

    def get_base_queryset(self) -> QuerySet[Position]:
        return positions_for(access=self.access)


class CharacterViewSet(_SimpleWriteViewSet):
    """Characters with cast IDs and who plays them. Read: members; write: producers, ADs.

    A name or cast ID another character has is an error on that field, naming it.
    """

    queryset = Character.objects.all()
    serializer_class = CharacterSerializer

    def create_instance(self, fields: dict[str, Any]) -> Character:
        return character_edit(
            character=Character(production=self.access.production),
            name=fields["name"],
            cast_number=fields.get("cast_number"),
            engagement=fields.get("engagement"),
        )

    def update_instance(self, character: Character, fields: dict[str, Any]) -> Character:
        return character_edit(
            character=character,
            name=fields.get("name", character.name),
            cast_number=fields.get("cast_number", character.cast_number),
            engagement=fields.get("engagement", character.engagement),
        )

    def delete_instance(self, character: Character) -> None:
        character_delete(character=character)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if self.action in WRITE_ACTIONS and not can_edit_characters(self.access):
            raise PermissionDenied("Only producers and assistant directors edit characters.")

    def get_base_queryset(self) -> QuerySet[Character]:
        return characters_for(access=self.access)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("department", int, description="Department id."),
            OpenApiParameter("position", int, description="Position id."),
            OpenApiParameter("status", str, enum=EngagementStatus.values),
            OpenApiParameter("q", str, description="Name, position, department or character."),
        ]
    )
)
class CrewViewSet(ProductionScopedViewSet[Engagement]):
    """Engagements with the person's details, in call-sheet order.

    Read: members (contact and private fields only as crew.privacy allows). Write:
    producers, and department heads for their own department's engagements.
    """

    queryset = Engagement.objects.all()
    serializer_class = CrewMemberSerializer
    http_method_names = _EDIT_METHODS

    def get_base_queryset(self) -> QuerySet[Engagement]:
        if self.action != "list":
            return crew_list(access=self.access)
        return crew_list(
            access=self.access,
            q=self.request.query_params.get("q", ""),
            department_id=self.query_int("department"),
            position_id=self.query_int("position"),
            status=self.query_choice("status", EngagementStatus.values),
        )

    def serialize(self, instances: Sequence[Engagement]) -> list[Any]:
        context = self.get_serializer_context()
        # A department head sees contacts of anyone who also works in their department.
        context["person_departments"] = person_department_ids(
            self.access, {e.person_id for e in instances}
        )
        return list(CrewMemberSerializer(instances, many=True, context=context).data)

    def require_manage(self, engagement: Engagement) -> None:
        if not can_manage_department(self.access, engagement.department_id):
            raise PermissionDenied("You may not change this engagement.")

    def require_manage_department(self, department: Department | None) -> None:
        if not can_manage_department(self.access, department.pk if department else None):
            raise PermissionDenied("You may manage only your own department's crew.")

    @extend_schema(request=CrewMemberInput, responses={201: CrewMemberSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Add a person and their engagement in one go (nothing is saved if either is bad)."""
        if not (
            self.access.can(Action.MANAGE_CREW) or self.access.can(Action.MANAGE_DEPARTMENT_CREW)
        ):
            raise PermissionDenied("Only producers and department heads add crew.")
        payload = CrewMemberInput(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        fields = payload.validated_data
        self.require_manage_department(fields.get("department") or fields["position"].department)
        engagement = crew_member_add(
            production=self.access.production,
            person_fields={k: v for k, v in fields.items() if k in PERSON_FIELDS},
            engagement_fields={k: v for k, v in fields.items() if k in ENGAGEMENT_FIELDS},
        )
        engagement = self.get_queryset().get(pk=engagement.pk)
        return Response(self.representation(engagement), status=status.HTTP_201_CREATED)

    @extend_schema(request=CrewMemberInput, responses=CrewMemberSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with self.guarded_write(check=self.require_manage) as engagement:
            payload = CrewMemberInput(
                engagement, data=request.data, partial=True, context=self.get_serializer_context()
            )
            payload.is_valid(raise_exception=True)
            fields = dict(payload.validated_data)
            if not self.access.can(Action.MANAGE_CREW) and fields.keys() & set(PERSON_FIELDS):
                # A department head manages the engagement, not the person: their contact
                # details and what they share are theirs (and the producers') to change.
                raise PermissionDenied("Only producers change a person's details and sharing.")
            if "position" in fields and "department" not in fields:
                # A new position moves the engagement to that position's department.
                fields["department"] = fields["position"].department or engagement.department
            if "department" in fields:
                self.require_manage_department(fields["department"])
            self.save_crew_member(engagement, fields)
        return Response(self.representation(self.get_object()))

    @staticmethod
    def save_crew_member(engagement: Engagement, fields: dict[str, Any]) -> None:
        """Person and engagement together, reporting every bad field at once."""
        errors: dict[str, list[str]] = {}
        person_fields = {k: v for k, v in fields.items() if k in PERSON_FIELDS}
        engagement_fields = {k: v for k, v in fields.items() if k in ENGAGEMENT_FIELDS}
        if person_fields:
            try:
                person_save(person=engagement.person, **person_fields)
            except ValidationError as exc:
                errors.update(exc.message_dict)
        if engagement_fields:
            try:
                engagement_save(engagement=engagement, **engagement_fields)
            except ValidationError as exc:
                errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)

    @extend_schema(responses=_NO_CONTENT)
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Remove the engagement (and the person, if that was their only one and no login)."""
        with self.guarded_write(check=self.require_manage) as engagement:
            engagement_delete(engagement=engagement)
        return Response(status=status.HTTP_204_NO_CONTENT)


class UnavailabilityViewSet(ProductionScopedViewSet[Unavailability]):
    """Dates a crew member cannot work, under ``/crew/{crew_id}/``.

    Read: the person and those who see the schedule (the reason only for producers and
    the person). Write: producers and the person themself.
    """

    queryset = Unavailability.objects.all()
    serializer_class = UnavailabilitySerializer
    http_method_names = ["get", "post", "delete", "head", "options"]

    @cached_property
    def engagement(self) -> Engagement:
        engagements = Engagement.objects.for_access(self.access).select_related("person")
        engagement: Engagement = get_object_or_404(engagements, pk=self.kwargs["crew_id"])
        return engagement

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        person = self.engagement.person  # 404 for an engagement of another production
        own = person.pk in own_person_ids(self.access)
        if self.action in WRITE_ACTIONS:
            if not (own or self.access.can(Action.MANAGE_CREW)):
                raise PermissionDenied("Only producers and the person themself edit their dates.")
        elif not (own or self.access.can(Action.VIEW_SCHEDULE)):
            raise PermissionDenied("Only those who schedule see other people's dates.")

    def get_base_queryset(self) -> QuerySet[Unavailability]:
        return unavailability_for(access=self.access, person=self.engagement.person)

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            person = self.engagement.person
            context["show_reason"] = can_see_unavailability_reason(self.access, person)
        return context

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        unavailability = unavailability_add(person=self.engagement.person, **payload.validated_data)
        return Response(self.representation(unavailability), status=status.HTTP_201_CREATED)

    @extend_schema(responses=_NO_CONTENT)
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with self.guarded_write() as unavailability:
            unavailability_delete(unavailability=unavailability)
        return Response(status=status.HTTP_204_NO_CONTENT)

"""Crew, departments, positions, characters and unavailability over REST."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response

from crew.access import person_department_ids
from crew.api.serializers import (
    CharacterSerializer,
    CrewMemberInput,
    CrewMemberSerializer,
    DepartmentSerializer,
    PositionSerializer,
    UnavailabilitySerializer,
)
from crew.email_confirmation import pending_emails
from crew.filters import CrewFilter
from crew.models import (
    Character,
    Department,
    Engagement,
    Position,
    Unavailability,
)
from crew.policies import (
    can_add_crew,
    can_change_unavailability,
    can_edit_characters,
    can_edit_engagement,
    can_edit_person,
    can_place_engagement,
    can_see_unavailability,
    can_see_unavailability_reason,
    editable_person_fields,
)
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
    crew_member_update,
    department_create,
    department_delete,
    department_save,
    engagement_apply,
    engagement_delete,
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
    """Departments in the crew list's order. Read: members; write: producers."""

    # (Docstrings here are the OpenAPI descriptions.) The writes are the department
    # page's: a new department without an order goes last; a delete takes the positions
    # with it, and is refused (409) while anyone is in it or holds one of its positions.

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
    """Positions (titles) and their departments. Read: members; write: producers."""

    # The page's writes: a new position without an order goes after its department's
    # others; a delete is refused (409) while anyone holds it.

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
    """Characters with cast IDs and who plays them. Read: members; write: producers, ADs."""

    # The cast page's writes: a name or cast ID another character has is an error on
    # that field, naming the character.

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
            raise PermissionDenied(_("Only producers and assistant directors edit characters."))

    def get_base_queryset(self) -> QuerySet[Character]:
        return characters_for(access=self.access)


class CrewViewSet(ProductionScopedViewSet[Engagement]):
    """Engagements with the person's details, in the crew list's order.

    Read: members (contact and private fields only as crew.privacy allows). Write:
    producers, and department heads for their own department's engagements.
    """

    queryset = Engagement.objects.all()
    serializer_class = CrewMemberSerializer
    http_method_names = _EDIT_METHODS
    filterset_class = CrewFilter

    def get_base_queryset(self) -> QuerySet[Engagement]:
        filters = self.filters if self.action == "list" else None
        return crew_list(access=self.access, filters=filters)

    def serialize(self, instances: Sequence[Engagement]) -> list[Any]:
        context = self.get_serializer_context()
        # A department head sees contacts of anyone who also works in their department.
        person_ids = {e.person_id for e in instances}
        context["person_departments"] = person_department_ids(self.access, person_ids)
        context["pending_emails"] = pending_emails(self.access, person_ids)
        return list(CrewMemberSerializer(instances, many=True, context=context).data)

    def require_edit(self, engagement: Engagement) -> None:
        """Something on the row is the viewer's to change: the engagement or the person."""
        if not (
            can_edit_engagement(self.access, engagement)
            or can_edit_person(self.access, engagement.person)
        ):
            raise PermissionDenied(_("You may not change this engagement."))

    def require_edit_engagement(self, engagement: Engagement) -> None:
        if not can_edit_engagement(self.access, engagement):
            raise PermissionDenied(_("You may not change this engagement."))

    def require_place(self, engagement: Engagement) -> None:
        if not can_place_engagement(self.access, engagement):
            raise PermissionDenied(_("You may manage only your own department's crew."))

    @extend_schema(request=CrewMemberInput, responses={201: CrewMemberSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Add a person and their engagement in one go (nothing is saved if either is bad)."""
        if not can_add_crew(self.access):
            raise PermissionDenied(_("Only producers and department heads add crew."))
        payload = CrewMemberInput(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        fields = payload.validated_data
        engagement_fields = {k: v for k, v in fields.items() if k in ENGAGEMENT_FIELDS}
        self.require_place(
            engagement_apply(
                engagement=Engagement(production=self.access.production), **engagement_fields
            )
        )
        engagement = crew_member_add(
            production=self.access.production,
            person_fields={k: v for k, v in fields.items() if k in PERSON_FIELDS},
            engagement_fields=engagement_fields,
            access=self.access,
        )
        engagement = self.get_queryset().get(pk=engagement.pk)
        return Response(self.representation(engagement), status=status.HTTP_201_CREATED)

    @extend_schema(request=CrewMemberInput, responses=CrewMemberSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # The engagement as its managers may; the person's details as crew.policies allows
        # (producers all of them, the person their own contact details and sharing).
        with self.guarded_write(check=self.require_edit) as engagement:
            payload = CrewMemberInput(
                engagement, data=request.data, partial=True, context=self.get_serializer_context()
            )
            payload.is_valid(raise_exception=True)
            fields = dict(payload.validated_data)
            person_fields = {k: v for k, v in fields.items() if k in PERSON_FIELDS}
            engagement_fields = {k: v for k, v in fields.items() if k in ENGAGEMENT_FIELDS}
            refused = person_fields.keys() - editable_person_fields(self.access, engagement.person)
            if refused:
                raise PermissionDenied(
                    _(
                        "Only producers and the person themself change a person's details and "
                        "sharing; a name only producers."
                    )
                )
            if engagement_fields:
                self.require_edit_engagement(engagement)
                if engagement_fields.keys() & {"position", "department"}:
                    self.require_place(engagement_apply(engagement=engagement, **engagement_fields))
            crew_member_update(
                engagement=engagement,
                person_fields=person_fields,
                engagement_fields=engagement_fields,
                access=self.access,
            )
        return Response(self.representation(self.get_object()))

    @extend_schema(responses=_NO_CONTENT)
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Remove the engagement (and the person, if that was their only one and no login)."""
        with self.guarded_write(check=self.require_edit_engagement) as engagement:
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
        return self.access.get_object_or_404(
            Engagement.objects.select_related("person"), self.kwargs["crew_id"]
        )

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        person = self.engagement.person  # 404 for an engagement of another production
        if self.action in WRITE_ACTIONS:
            if not can_change_unavailability(self.access, person):
                raise PermissionDenied(
                    _("Only producers and the person themself edit their dates.")
                )
        elif not can_see_unavailability(self.access, person):
            raise PermissionDenied(_("Only those who schedule see other people's dates."))

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

"""Members over REST: who is on the production and in what role.

The rows come from productions' memberships; the login e-mail in them follows the
privacy rules of the member's crew record, which is why this lives in crew.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from crew.models import Engagement, Person
from crew.privacy import can_see_login_email
from productions.api.base import ProductionScopedViewSet, write_actions
from productions.api.serializers import InvitationSerializer, MemberInput, MemberRoleInput
from productions.invitations import invitation_create
from productions.models import Membership
from productions.roles import Action
from productions.selectors import memberships_for
from productions.services import membership_change_role, membership_remove

_NO_CONTENT = {204: None}


def _user(request: Request) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


class MemberSerializer(serializers.ModelSerializer[Membership]):
    """A member's account e-mail follows the privacy rules of their crew record."""

    user = serializers.IntegerField(source="user_id", read_only=True)
    name = serializers.CharField(source="user.name", read_only=True)
    # Not read-only, so the schema marks it optional: it is absent for most viewers.
    email = serializers.EmailField(source="user.email", required=False)
    person = serializers.SerializerMethodField(help_text=_("Their crew record's id."))

    class Meta:
        model = Membership
        fields = ["id", "user", "name", "email", "role", "person", "created_at"]
        read_only_fields = ["id", "user", "name", "role", "person", "created_at"]

    def get_person(self, membership: Membership) -> int | None:
        person = self.context["people_by_user"].get(membership.user_id)
        return person.pk if person is not None else None

    def to_representation(self, instance: Membership) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        person = self.context["people_by_user"].get(instance.user_id)
        departments = (
            {e.department_id for e in person.engagements.all() if e.department_id}
            if person is not None
            else set()
        )
        if not can_see_login_email(self.context["access"], instance.user_id, person, departments):
            data.pop("email", None)
        return data


class MemberViewSet(ProductionScopedViewSet[Membership]):
    """Who is on the production and in what role. Read: members; write: producers.

    POST invites by e-mail and answers with the invitation (201): the same answer whether
    the address has an account or not. The invitee joins when they accept the link they
    are e-mailed (see ``…/invitations/``). A production keeps at least one producer.
    """

    queryset = Membership.objects.all()
    serializer_class = MemberSerializer
    required_actions = write_actions(Action.MANAGE_MEMBERS)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_base_queryset(self) -> QuerySet[Membership]:
        return memberships_for(access=self.access)

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

    @extend_schema(request=MemberInput, responses={201: InvitationSerializer})
    def create(self, request: Request, production_id: int) -> Response:
        payload = MemberInput(data=request.data)
        payload.is_valid(raise_exception=True)
        invitation = invitation_create(
            production=self.access.production,
            invited_by=_user(request),
            email=payload.validated_data["email"],
            role=payload.validated_data["role"],
            name=payload.validated_data.get("name", ""),
        )
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)

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

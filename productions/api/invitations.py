"""Invitations waiting for an answer, over REST (producers): list, resend, withdraw.

They are made by ``POST …/members/`` (which answers with the invitation). An accepted
invitation is a member; a declined or withdrawn one leaves this list.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from productions.api.base import ProductionScopedViewSet
from productions.api.serializers import InvitationSerializer
from productions.invitations import invitation_cancel, invitation_resend
from productions.models import Invitation, InvitationStatus
from productions.roles import Action

_NO_CONTENT = {204: None}


class InvitationViewSet(ProductionScopedViewSet[Invitation]):
    """Invitations without an answer yet (waiting or expired). Producers only.

    ``POST …/{id}/resend/`` sends a new link (the old one stops working) valid for another
    14 days; ``DELETE`` withdraws the invitation (its link stops working).
    """

    queryset = Invitation.objects.all()
    serializer_class = InvitationSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]
    required_actions = {
        name: Action.MANAGE_MEMBERS for name in ("list", "retrieve", "destroy", "resend")
    }

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if "pk" in kwargs:
            self.get_object()  # another production's id: 404 before anything else

    def get_base_queryset(self) -> QuerySet[Invitation]:
        return (
            Invitation.objects.filter(
                status__in=[InvitationStatus.PENDING, InvitationStatus.EXPIRED]
            )
            .select_related("invited_by")
            .order_by("-sent_at", "id")
        )

    @extend_schema(request=None, responses=InvitationSerializer)
    @action(detail=True, methods=["post"])
    def resend(self, request: Request, production_id: int, pk: str) -> Response:
        with self.guarded_write() as invitation:
            invitation_resend(invitation=invitation)
        return Response(self.representation(self.get_object()))

    @extend_schema(responses=_NO_CONTENT)
    def destroy(self, request: Request, production_id: int, pk: str) -> Response:
        with self.guarded_write() as invitation:
            invitation_cancel(invitation=invitation)
        return Response(status=status.HTTP_204_NO_CONTENT)

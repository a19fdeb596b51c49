from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from accounts.api.serializers import (
    NewTokenSerializer,
    TokenCreateSerializer,
    TokenSerializer,
)
from accounts.models import ApiToken, User
from accounts.services import api_token_create, api_token_revoke
from accounts.throttles import TokenCreateByAddressThrottle, TokenCreateByEmailThrottle


class TokenViewSet(
    mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet[ApiToken]
):
    """Personal API tokens. Create one with e-mail and password; the value is shown once."""

    serializer_class = TokenSerializer
    throttle_scope = "token_create"

    def get_queryset(self) -> Any:
        return ApiToken.objects.filter(user_id=cast(User, self.request.user).pk)

    def get_permissions(self) -> Sequence[Any]:
        if self.action == "create":
            return [permissions.AllowAny()]
        return super().get_permissions()

    def get_throttles(self) -> list[Any]:
        if self.action != "create":
            return []
        return [TokenCreateByAddressThrottle(), TokenCreateByEmailThrottle()]

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        return TokenCreateSerializer if self.action == "create" else TokenSerializer

    @extend_schema(request=TokenCreateSerializer, responses={201: NewTokenSerializer})
    def create(self, request: Request) -> Response:
        payload = TokenCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            email=payload.validated_data["email"],
            password=payload.validated_data["password"],
        )
        if not isinstance(user, User):
            raise serializers.ValidationError(
                {"non_field_errors": [_("Invalid e-mail or password.")]}
            )
        token, raw = api_token_create(user=user, name=payload.validated_data["name"])
        data = {**TokenSerializer(token).data, "token": raw}
        return Response(data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: ApiToken) -> None:
        api_token_revoke(token=instance)

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from accounts import lockout
from accounts.api.serializers import (
    NewTokenSerializer,
    TokenCreateSerializer,
    TokenSerializer,
)
from accounts.models import ApiToken, User
from accounts.services import api_token_create, api_token_revoke
from core.api.schema import LOCKED_OUT, RETRY_AFTER, error_response


class LockedOut(APIException):
    """429 with Retry-After: too many failed attempts (accounts.lockout)."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "throttled"

    def __init__(self, attempt: lockout.Attempt) -> None:
        super().__init__(attempt.message())
        self.wait = attempt.retry_after


class TokenViewSet(
    mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet[ApiToken]
):
    """Personal API tokens. Create one with e-mail and password; the value is shown once.

    Creation shares the login form's lockout: 5 failures per account and 20 per client
    address in 15 minutes, then 429 with Retry-After until the lockout ends.
    """

    serializer_class = TokenSerializer

    def get_queryset(self) -> Any:
        return ApiToken.objects.filter(user_id=cast(User, self.request.user).pk)

    def get_permissions(self) -> Sequence[Any]:
        if self.action == "create":
            return [permissions.AllowAny()]
        return super().get_permissions()

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        return TokenCreateSerializer if self.action == "create" else TokenSerializer

    @extend_schema(
        request=TokenCreateSerializer,
        responses={
            201: NewTokenSerializer,
            429: error_response(LOCKED_OUT),
        },
        parameters=[
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                description=RETRY_AFTER,
                response=[429],
            )
        ],
    )
    def create(self, request: Request) -> Response:
        payload = TokenCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        email = payload.validated_data["email"]
        attempt = lockout.attempt("login", request=request._request, account=email)
        if not attempt.allowed:
            raise LockedOut(attempt)
        user = authenticate(
            request._request, email=email, password=payload.validated_data["password"]
        )
        if not isinstance(user, User):
            attempt.failed()
            raise serializers.ValidationError(
                {"non_field_errors": [_("Invalid e-mail or password.")]}
            )
        attempt.succeeded()
        token, raw = api_token_create(user=user, name=payload.validated_data["name"])
        data = {**TokenSerializer(token).data, "token": raw}
        return Response(data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: ApiToken) -> None:
        api_token_revoke(token=instance)

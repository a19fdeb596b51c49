"""The OpenAPI schema describes the errors too: one ``Error`` component, on every operation
for every status it can answer.

:class:`AutoSchema` (``DEFAULT_SCHEMA_CLASS``) adds them in one place, so a new view is
described like every other. A view that answers something rarer (the token endpoint's
429) says so with ``@extend_schema(responses={429: error_response(...)})``; what a view
describes itself is kept.
"""

from __future__ import annotations

from typing import Any, Literal

from django.utils.translation import gettext_lazy as _
from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

from core.api.conditional import ConditionalMixin

# The one error shape: ``{"detail": "…", "errors": {"field": ["…"]}}``.
ErrorSerializer = inline_serializer(
    name="Error",
    fields={
        "detail": serializers.CharField(help_text=_("What went wrong, in the viewer's language.")),
        "errors": serializers.DictField(
            child=serializers.JSONField(),
            help_text=_(
                "Messages by field name (non_field_errors for rules spanning fields); "
                "empty unless the input was refused."
            ),
        ),
    },
)


def error_response(description: Any) -> OpenApiResponse:
    return OpenApiResponse(response=ErrorSerializer, description=description)


BAD_REQUEST = _("Bad input: errors names every field it could check.")
UNAUTHENTICATED = _("No or an invalid token or session.")
FORBIDDEN = _("Your role may not do this (or a session write without its CSRF token).")
NOT_FOUND = _(
    "Not found, on a production you are not a member of, of another production, "
    "or a page past the last."
)
CONFLICT = _("Conflicts with existing data (for example still in use elsewhere).")
PRECONDITION_FAILED = _("If-Match did not match: it changed since you read it.")
TOO_LARGE = _("The request body is over the size limit.")
LOCKED_OUT = _("Locked out after too many failed attempts; Retry-After says for how long.")
RETRY_AFTER = _("Seconds until the lockout ends.")

ETAG = _("A hash of exactly the JSON sent; send it back in If-None-Match or If-Match.")
IF_NONE_MATCH = _("An ETag read before: 304 with no body when nothing you can see changed.")
IF_MATCH = _("The ETag you read: 412 and nothing written if it changed since.")
NOT_MODIFIED = _("Nothing you can see changed since the ETag in If-None-Match.")

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
_GUARDED_METHODS = frozenset({"PUT", "PATCH", "DELETE"})


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema, plus the error answers each operation can give."""

    def _conditional(self) -> bool:
        """ETags on reads and updates, If-Match on writes (core.api.conditional)."""
        return isinstance(self.view, ConditionalMixin)

    def get_override_parameters(self) -> list[Any]:
        parameters: list[Any] = list(super().get_override_parameters())
        if not self._conditional():
            return parameters
        method = self.method.upper()
        header: Literal["header"] = "header"
        if method == "GET":
            parameters.append(
                OpenApiParameter("If-None-Match", str, header, description=IF_NONE_MATCH)
            )
        if method in _GUARDED_METHODS:
            parameters.append(OpenApiParameter("If-Match", str, header, description=IF_MATCH))
        if method in ("GET", "PUT", "PATCH"):
            codes = [200, 304] if method == "GET" else [200]
            parameters.append(
                OpenApiParameter(
                    "ETag", str, header, required=True, response=codes, description=ETAG
                )
            )
        return parameters

    def error_responses(self) -> dict[str, Any]:
        method = self.method.upper()
        errors: dict[str, Any] = {
            "400": BAD_REQUEST,
            "401": UNAUTHENTICATED,
            "403": FORBIDDEN,
        }
        if "{" in self.path or self._paginated():
            errors["404"] = NOT_FOUND
        if method != "GET":
            errors["409"] = CONFLICT
        if method in _GUARDED_METHODS and self._conditional():
            errors["412"] = PRECONDITION_FAILED
        if method in _BODY_METHODS:
            errors["413"] = TOO_LARGE
        return errors

    def _paginated(self) -> bool:
        # A page past the last one ("?page=99") is 404 "Invalid page."
        spectacular: Any = self  # its private helpers are untyped
        return bool(self._is_list_view() and spectacular._get_paginator() is not None)

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        spectacular: Any = self
        if self._conditional() and self.method.upper() == "GET":
            responses["304"] = spectacular._get_response_for_code(
                OpenApiResponse(description=NOT_MODIFIED), "304", direction=direction
            )
        for code, description in self.error_responses().items():
            if code not in responses:
                responses[code] = spectacular._get_response_for_code(
                    error_response(description), code, direction=direction
                )
        return responses

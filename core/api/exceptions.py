"""One error shape for the whole API: ``{"detail": "...", "errors": {field: [...]}}``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _as_lists(detail: Any) -> dict[str, Any]:
    if isinstance(detail, dict):
        return {
            str(key): value if isinstance(value, (list, dict)) else [value]
            for key, value in detail.items()
        }
    if isinstance(detail, list):
        return {"non_field_errors": detail}
    return {"non_field_errors": [detail]}


def in_use_message(exc: ProtectedError | RestrictedError) -> str:
    """ "Still used by 12 scenes." rather than a bare conflict."""
    used_by = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
    rows = list(used_by)
    if not rows:
        return _("This is still in use.")
    meta = type(rows[0])._meta
    noun = meta.verbose_name if len(rows) == 1 else meta.verbose_name_plural
    return ngettext(
        "This is still used by %(count)d %(noun)s; change or remove those first.",
        "This is still used by %(count)d %(noun)s; change or remove those first.",
        len(rows),
    ) % {"count": len(rows), "noun": noun}


def _refused_request(exc: SuspiciousOperation) -> Response:
    """What Django refuses while reading a body (too big, too many fields): the API's shape,
    not the site's HTML error page."""
    if isinstance(exc, RequestDataTooBig):
        detail = _("The request body is over the limit of %(bytes)d bytes.") % {
            "bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        }
        code: int = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    elif isinstance(exc, (TooManyFieldsSent, TooManyFilesSent)):
        detail = _("The request has too many fields or files to read.")
        code = status.HTTP_400_BAD_REQUEST
    else:
        detail = _("The request could not be read.")
        code = status.HTTP_400_BAD_REQUEST
    return Response({"detail": detail, "errors": {}}, status=code)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, SuspiciousOperation):
        return _refused_request(exc)
    # Services raise Django's ValidationError; the API answers it like a serializer error.
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            # Model-wide errors (constraints spanning fields) come as "__all__".
            errors = {
                ("non_field_errors" if key == NON_FIELD_ERRORS else key): messages
                for key, messages in exc.message_dict.items()
            }
            exc = exceptions.ValidationError(errors)
        else:
            exc = exceptions.ValidationError({"non_field_errors": exc.messages})
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        return Response(
            {"detail": in_use_message(exc), "errors": {}}, status=status.HTTP_409_CONFLICT
        )
    elif isinstance(exc, IntegrityError):
        # The constraint caught what validation missed: a conflict, not a server error.
        return Response(
            {"detail": _("This conflicts with existing data."), "errors": {}},
            status=status.HTTP_409_CONFLICT,
        )

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": _("Invalid input."), "errors": _as_lists(exc.detail)}
    else:
        detail = response.data.get("detail") if isinstance(response.data, dict) else response.data
        response.data = {"detail": str(detail), "errors": {}}
    return response

"""Conditional requests: ``ETag`` on reads, ``If-None-Match`` → 304, ``If-Match`` → 412.

The ETag is a hash of the JSON the viewer receives. It therefore changes whenever
anything that viewer can see changes, and two viewers who may see different fields (a
producer and a grip looking at the same crew row) get different tags. A write that
carries ``If-Match`` is compared with the tag of what the same viewer would GET now,
under a row lock, so two clients editing the same object cannot silently clobber each
other.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

if TYPE_CHECKING:
    from rest_framework.generics import GenericAPIView

    _Base = GenericAPIView[Any]
else:
    _Base = object

_READS = frozenset({"GET", "HEAD"})
_UPDATES = frozenset({"PUT", "PATCH"})


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "This changed since you read it (If-Match does not match its current ETag). "
        "Fetch it again, reapply your change and retry."
    )
    default_code = "precondition_failed"


def etag_for(data: Any) -> str:
    """A strong ETag for a response body, computed exactly as the API renders it."""
    body = JSONRenderer().render(data)
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def _tags(header: str) -> set[str]:
    """The entity tags in an If-Match / If-None-Match header (weak prefix dropped)."""
    tags = set()
    for part in header.split(","):
        tag = part.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag:
            tags.add(tag)
    return tags


class ConditionalMixin(_Base):
    """Add to an API view (before the DRF base class) to make its reads and writes conditional.

    Reads need nothing more. Writes use :meth:`guarded_write`::

        with self.guarded_write(check=self.require_manage) as engagement:
            engagement_save(engagement=engagement, ...)

    The representation compared with ``If-Match`` is :meth:`representation`, by default
    ``self.get_serializer(instance).data`` (what ``retrieve`` returns).
    """

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if response.status_code != status.HTTP_200_OK or data is None:
            return response
        if request.method in _READS:
            etag = etag_for(data)
            response["ETag"] = etag
            # Representations depend on who asks; no shared cache may reuse them.
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ("Authorization", "Cookie"))
            if (
                etag in _tags(request.headers.get("If-None-Match", ""))
                or request.headers.get("If-None-Match", "").strip() == "*"
            ):
                response.status_code = status.HTTP_304_NOT_MODIFIED
                response.data = None
        elif request.method in _UPDATES:
            response["ETag"] = etag_for(data)
        return response

    def representation(self, instance: Any) -> Any:
        return self.get_serializer(instance).data

    def check_if_match(self, instance: Any) -> None:
        header = self.request.headers.get("If-Match")
        if header is None or header.strip() == "*":
            return
        if etag_for(self.representation(instance)) not in _tags(header):
            raise PreconditionFailed()

    def lock_for_write(self) -> None:
        """Lock the row being written (views override; the default locks nothing)."""

    @contextmanager
    def guarded_write(self, check: Callable[[Any], None] | None = None) -> Iterator[Any]:
        """A transaction holding the object; ``check`` (permission) runs before If-Match.

        Anything raised inside the block rolls the whole write back.
        """
        with transaction.atomic():
            if "If-Match" in self.request.headers:
                self.lock_for_write()
            instance = self.get_object()
            if check is not None:
                check(instance)
            self.check_if_match(instance)
            yield instance

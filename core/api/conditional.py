"""Conditional requests: ``ETag`` on reads, ``If-None-Match`` → 304, ``If-Match`` → 412.

The ETag is a hash of the JSON the viewer receives. It therefore changes whenever
anything that viewer can see changes, and two viewers who may see different fields (a
producer and a grip looking at the same crew row) get different tags. A write that
carries ``If-Match`` is compared with the tag of what the same viewer would GET now,
under a row lock, so two clients editing the same object cannot silently clobber each
other.

**Revalidation without the work.** A view that knows a cheap *validator* of its data
(``validator_parts()``: for production-scoped views, the production's data version, which
database triggers bump on every write, and the viewer's id and role) gets a short cut:
the tag it last sent for the same key (validator, path and query, host, language, time
zone, media type, code release) is kept in the cache, and a request whose
``If-None-Match`` holds that tag is answered 304 before any queryset is built or any row
serialised (the tag is looked up in this process's :class:`RecentTags`, then in Redis).
Anything else is built as before, rendered once, hashed, and its tag stored under the key.
Views must call :meth:`ConditionalMixin.check_not_modified` at the end of ``initial()``,
once the viewer's permissions are checked (``ProductionScopedViewSet`` does).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as django_cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from redis.exceptions import RedisError
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
KEY_PREFIX = "etag:"
logger = logging.getLogger(__name__)


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "This changed since you read it (If-Match does not match its current ETag). "
        "Fetch it again, reapply your change and retry."
    )
    default_code = "precondition_failed"


def _tag(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def etag_for(data: Any) -> str:
    """A strong ETag for a response body, computed exactly as the API renders it."""
    return _tag(JSONRenderer().render(data))


def render_with_etag(response: Response) -> str:
    """Render ``response`` once (its content is kept) and return the tag of its data.

    When the negotiated renderer writes exactly what :func:`etag_for` hashes (plain
    compact JSON, the usual case), the sent bytes are hashed; otherwise (``indent=``
    asked for) the tag is still that of the compact JSON, so it matches ``If-Match``.
    """
    body = response.rendered_content
    renderer = response.accepted_renderer
    context: dict[str, Any] = getattr(response, "renderer_context", {})
    canonical = (
        type(renderer) is JSONRenderer
        and renderer.get_indent(response.accepted_media_type, context) is None
    )
    etag = _tag(body) if canonical else etag_for(response.data)
    response.content = body  # marks the response rendered: it is not rendered again
    return etag


@cache
def code_release() -> str:
    """A fingerprint of this process's code and translations (computed once).

    It is part of every validator key, so tags cached by a previous deploy (which may
    have rendered other fields) are never answered by this one.
    """
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    # The project's own apps (top-level packages), not the installed libraries.
    roots = {Path(config.path) for config in apps.get_app_configs()}
    roots = {root for root in roots if root.parent == base}
    roots.add(base / "config")
    roots.update(Path(path) for path in settings.LOCALE_PATHS)
    for root in sorted(roots):
        for path in sorted([*root.rglob("*.py"), *root.rglob("*.mo")]):
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def validator_cache_key(request: Request, parts: tuple[Hashable, ...]) -> str:
    """The cache key of the tag a read answered: the view's validator and the request."""
    query = sorted((name, tuple(values)) for name, values in request.query_params.lists())
    material = repr(
        (
            code_release(),
            parts,
            request.scheme,
            request.get_host(),
            request.path,
            query,
            translation.get_language(),
            timezone.get_current_timezone_name(),
            getattr(request, "accepted_media_type", None),
        )
    )
    return KEY_PREFIX + hashlib.sha256(material.encode()).hexdigest()


class RecentTags:
    """The tags this process last sent or found, by validator key: a bounded local cache in
    front of Redis, so a repeated revalidation costs no Redis round trip.

    Safe for the same reason the shared cache is: a key names a data version, so its tag
    never goes stale; a new version is a new key. Entries expire with the shared ones.
    """

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._items: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        item = self._items.get(key)
        if item is None or item[0] < time.monotonic():
            return None
        return item[1]

    def set(self, key: str, etag: str) -> None:
        with self._lock:
            self._items.pop(key, None)
            while len(self._items) >= self.size:
                del self._items[next(iter(self._items))]  # the oldest
            self._items[key] = (time.monotonic() + settings.ETAG_CACHE_SECONDS, etag)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


recent_tags = RecentTags()


class _NotModified(APIException):
    """Raised by the short cut; answered 304 by ``ConditionalMixin.handle_exception``."""

    status_code = status.HTTP_304_NOT_MODIFIED

    def __init__(self, etag: str) -> None:
        super().__init__()
        self.etag = etag


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


def _private(response: Response) -> None:
    # Representations depend on who asks; no shared cache may reuse them.
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Authorization", "Cookie"))


class ConditionalMixin(_Base):
    """Add to an API view (before the DRF base class) to make its reads and writes conditional.

    Reads need nothing more. Writes use :meth:`guarded_write`::

        with self.guarded_write(check=self.require_manage) as engagement:
            engagement_save(engagement=engagement, ...)

    The representation compared with ``If-Match`` is :meth:`representation`, by default
    ``self.get_serializer(instance).data`` (what ``retrieve`` returns).

    Reads get the 304 short cut when the view returns a validator from
    :meth:`validator_parts` and calls :meth:`check_not_modified` in ``initial()``.
    """

    _validator_key: str | None = None

    def validator_parts(self) -> tuple[Hashable, ...] | None:
        """What, besides the request itself, decides this read's body; ``None``: no short cut.

        Return only values that change whenever the body could: a data version bumped on
        every write, the viewer and their role, and anything time-dependent.
        """
        return None

    def check_not_modified(self) -> None:
        """Answer 304 now, before any work, when ``If-None-Match`` holds the cached tag."""
        request = self.request
        if request.method not in _READS:
            return
        parts = self.validator_parts()
        if parts is None:
            return
        self._validator_key = validator_cache_key(request, parts)
        header = request.headers.get("If-None-Match", "").strip()
        if not header:
            return
        wanted = _tags(header)

        def matches(etag: object) -> bool:
            return isinstance(etag, str) and (header == "*" or etag in wanted)

        etag = recent_tags.get(self._validator_key)
        if not matches(etag):
            try:
                etag = django_cache.get(self._validator_key)
            except RedisError:
                logger.warning("ETag cache unavailable; building the response", exc_info=True)
                return
            if not matches(etag):
                return
            recent_tags.set(self._validator_key, etag)
        raise _NotModified(str(etag))

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, _NotModified):
            response = Response(status=status.HTTP_304_NOT_MODIFIED)
            response["ETag"] = exc.etag
            return response
        return super().handle_exception(exc)

    def _remember(self, etag: str) -> None:
        if self._validator_key is None:
            return
        recent_tags.set(self._validator_key, etag)
        try:
            django_cache.set(self._validator_key, etag, settings.ETAG_CACHE_SECONDS)
        except RedisError:
            logger.warning("ETag cache unavailable; tag not kept", exc_info=True)

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in _READS and response.status_code == status.HTTP_304_NOT_MODIFIED:
            _private(response)  # the short cut's 304 carries what the 200 would
            return response
        data = getattr(response, "data", None)
        if response.status_code != status.HTTP_200_OK or data is None:
            return response
        if request.method in _READS:
            etag = render_with_etag(response)
            response["ETag"] = etag
            _private(response)
            self._remember(etag)
            header = request.headers.get("If-None-Match", "").strip()
            if etag in _tags(header) or header == "*":
                response.status_code = status.HTTP_304_NOT_MODIFIED
                response.data = None
                response.content = b""
        elif request.method in _UPDATES:
            response["ETag"] = render_with_etag(response)
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

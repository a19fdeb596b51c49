"""A cheap fixed-window rate limit in Redis, for public endpoints outside the API.

One round trip per request (``SET NX EX`` and ``INCR`` pipelined). When Redis does not
answer, callers are let through: a rate limit must not take the endpoint down with it.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any, cast

from django.core.cache import cache
from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int


def client_address(request: HttpRequest) -> str:
    """The caller's address, read as the API's throttles read it (``NUM_PROXIES``)."""
    # get_ident reads only request.META, which a plain HttpRequest has.
    return str(BaseThrottle().get_ident(cast(Any, request)))


def hit(scope: str, ident: str, *, limit: int, window: int = 60) -> Verdict:
    """Count one request of ``ident`` in ``scope``; refused past ``limit`` per ``window``.

    ``limit`` 0 means no limit.
    """
    if limit <= 0:
        return Verdict(True, 0)
    now = time.time()
    bucket = int(now // window)
    retry_after = max(1, int((bucket + 1) * window - now))
    key = cache.make_key(f"ratelimit:{scope}:{ident}:{bucket}")
    try:
        client: Any = cache._cache.get_client(key, write=True)  # type: ignore[attr-defined]
        pipe = client.pipeline(transaction=False)
        pipe.set(key, 0, ex=window, nx=True)
        pipe.incr(key)
        count = int(pipe.execute()[1])
    except Exception:
        logger.warning("rate limit %s not counted", scope, exc_info=True)
        return Verdict(True, 0)
    return Verdict(count <= limit, retry_after)

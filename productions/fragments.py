"""Rendered list fragments cached until the production's data changes.

The crew and scene list pages render hundreds of rows that change only when somebody
writes to the production, which bumps its data version (``productions.versioning``: a
trigger in the writing transaction, whatever the surface). A fragment is kept under a
key naming everything its HTML depends on:

- the production, its data version and how many clock marks have passed;
- ``parts`` from the caller: the list's query, and the viewer's *visibility class* (for
  the crew list, everything ``crew.privacy.visible_fields`` and the edit policy read about
  the viewer, so two viewers share a fragment only if they would see the same thing);
- the active language and time zone, the URL prefix, and a fingerprint of the deployed
  code, translations and templates (a deploy never serves the previous one's markup).

A key names a version, so its value never goes stale: a write makes a new key and the old
one is left to expire. Values live in the shared cache (Redis) for ``FRAGMENT_SECONDS``,
with the last few in each process's memory in front of it; a cache that does not answer
only costs the render.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import cache
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache as django_cache
from django.urls import get_script_prefix
from django.utils import timezone, translation
from redis.exceptions import RedisError

from core.api.conditional import code_release
from productions.scoping import Access
from productions.versioning import passed_marks

logger = logging.getLogger(__name__)

KEY_PREFIX = "fragment:"
FRAGMENT_SECONDS = 600
_T = TypeVar("_T")


@cache
def templates_release() -> str:
    """A fingerprint of the code, translations and templates (computed once per process)."""
    digest = hashlib.sha256(code_release().encode())
    base = Path(settings.BASE_DIR)
    folders = [base / "templates", *sorted(base.glob("*/templates"))]
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            digest.update(str(path.relative_to(base)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class RecentFragments:
    """The last fragments this process rendered or fetched, by key (a small LRU)."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._items: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> object | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def set(self, key: str, value: object) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


recent_fragments = RecentFragments()


def fragment_key(access: Access, name: str, parts: tuple[Hashable, ...]) -> str | None:
    """The cache key of ``name`` for this viewer and request, or None (nothing to key on)."""
    version = access.data_version
    if version is None:
        return None
    material = repr(
        (
            templates_release(),
            name,
            access.production.pk,
            version.version,
            passed_marks(version.clock_marks, timezone.now()),
            parts,
            translation.get_language(),
            timezone.get_current_timezone_name(),
            get_script_prefix(),
        )
    )
    return KEY_PREFIX + hashlib.sha256(material.encode()).hexdigest()


def cached_fragment(
    access: Access, name: str, parts: tuple[Hashable, ...], render: Callable[[], _T]
) -> _T:
    """``render()``'s value for this production's data version, viewer class and request.

    ``render`` must read only the production's data (through the scoping helper) and what
    ``parts`` name; its value must pickle (a string, or a small dataclass of strings).
    """
    key = fragment_key(access, name, parts) if settings.FRAGMENT_CACHE else None
    if key is None:
        return render()
    found = recent_fragments.get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    try:
        found = django_cache.get(key)
    except RedisError:
        logger.warning("fragment cache unavailable; rendering", exc_info=True)
        return render()
    if found is None:
        found = render()
        try:
            django_cache.set(key, found, FRAGMENT_SECONDS)
        except RedisError:
            logger.warning("fragment cache unavailable; fragment not kept", exc_info=True)
    recent_fragments.set(key, found)
    return found

"""Checks behind /healthz: can we reach the database, Redis, and at least one worker?"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connection

from config.celery import app as celery_app

WORKER_PING_TIMEOUT = 2.0
logger = logging.getLogger(__name__)
_PUBLIC_ERRORS = {
    "database": "the database does not answer",
    "redis": "Redis does not answer",
    "worker": "no worker answered a ping",
}


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _redis() -> None:
    client: Any = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
    if not client.ping():
        raise RuntimeError("no PONG")


def _worker() -> str:
    replies = celery_app.control.ping(timeout=WORKER_PING_TIMEOUT, limit=1)
    if not replies:
        raise RuntimeError("no worker answered a ping")
    return next(iter(replies[0]))


CHECKS: dict[str, Callable[[], object]] = {
    "database": _database,
    "redis": _redis,
    "worker": _worker,
}


def run_checks() -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            detail = check()
        except Exception as exc:  # noqa: BLE001 - any failure means "down"
            # The endpoint is public: name the kind of failure, keep hosts and ports for the log.
            logger.warning("health check %s failed: %s", name, exc)
            results[name] = {"ok": False, "error": _PUBLIC_ERRORS.get(name, "unavailable")}
        else:
            results[name] = {"ok": True}
            if isinstance(detail, str):
                results[name]["detail"] = detail
        results[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    return results

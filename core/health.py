"""Checks behind /healthz: can we reach the database, Redis, and is a worker alive?

The worker check sends nothing to the broker: every worker writes a heartbeat into Redis
(``HEARTBEAT_KEY``, see :class:`core.worker.HeartbeatStep`) every
``HEALTHZ_WORKER_TTL / 3`` seconds with a time to live of ``HEALTHZ_WORKER_TTL``
seconds (30 by default), and the endpoint reads it. When the last worker stops or hangs,
the key expires and /healthz reports the worker down within ``HEALTHZ_WORKER_TTL``
seconds. The answer never names a worker's host.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection

HEARTBEAT_KEY = "healthz:worker"
logger = logging.getLogger(__name__)
_PUBLIC_ERRORS = {
    "database": "the database does not answer",
    "redis": "Redis does not answer",
    "worker": "no worker has reported in time",
}


def heartbeat_interval() -> float:
    """How often a worker writes its heartbeat: three beats per time to live."""
    return max(1.0, settings.HEALTHZ_WORKER_TTL / 3)


def record_worker_heartbeat() -> None:
    """Called by each worker on a timer; never raises (a failed beat is only logged)."""
    try:
        cache.set(HEARTBEAT_KEY, time.time(), timeout=settings.HEALTHZ_WORKER_TTL)
    except Exception:
        logger.warning("worker heartbeat not written", exc_info=True)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _redis() -> None:
    client: Any = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
    if not client.ping():
        raise RuntimeError("no PONG")


def _worker() -> dict[str, Any]:
    beat = cache.get(HEARTBEAT_KEY)
    if not isinstance(beat, float):
        raise RuntimeError(f"no worker heartbeat in the last {settings.HEALTHZ_WORKER_TTL} s")
    return {"last_seen_s": round(max(0.0, time.time() - beat), 1)}


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
            if isinstance(detail, dict):
                results[name].update(detail)
        results[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    return results

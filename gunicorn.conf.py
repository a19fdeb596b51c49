"""gunicorn settings for Callboard: ``gunicorn -c gunicorn.conf.py config.wsgi:application``.

Used by the Dockerfile (and so docker-compose) and by ``bench/load.py``; documented in
docs/operations.md. Every choice can be changed from the environment:

==========================  ==================  =============================================
variable                    default             meaning
==========================  ==================  =============================================
``GUNICORN_BIND``           ``0.0.0.0:$PORT``   address (``PORT`` defaults to 8000)
``WEB_CONCURRENCY``         cores + 1           worker processes
``GUNICORN_WORKER_CLASS``   ``gthread``         ``gthread`` or ``sync``
``GUNICORN_THREADS``        3                   threads per worker (gthread)
``GUNICORN_TIMEOUT``        30                  seconds before a silent worker is restarted
``GUNICORN_MAX_REQUESTS``   2000                requests before a worker is recycled (+ jitter)
``GUNICORN_GC_FREEZE``      ``true``            freeze the loaded app out of the garbage collector
``GUNICORN_GC_THRESHOLDS``  ``10000,20,100``    collector thresholds in each worker (below)
``GUNICORN_ACCESS_LOG``     ``-``               access log file (``-``: stdout; empty: none)
``GUNICORN_LOG_LEVEL``      ``info``            gunicorn's own log
==========================  ==================  =============================================

Why (figures in docs/performance.md, measured by ``make bench``):

- **gthread, cores + 1 processes × 3 threads.** Every endpoint is bound by Python CPU, so
  a few processes per core are enough; sync workers, however, close the connection after
  every response, so a client (or a proxy's upstream pool) reconnects for every request.
  In three runs on a shared 2-core machine (wrk, keep-alive), 3 × 3 gthread matched or beat
  5 sync workers on the 200-row API and the overview (1.2-3x the requests/s at concurrency
  8, up to 1.3x at 1), in fewer processes; on the 304 the two traded places from run to
  run. Threads share a worker's GIL, so more than a few per process buy nothing.
- **The application is loaded once, in the master** (``preload_app``), then forked: the
  workers share its memory, and a worker recycled by ``max_requests`` starts at once.
- **The garbage collector skips the application's own objects.** Django, DRF, the URL
  resolver and the compiled templates are over a hundred thousand long-lived objects;
  every full collection walked them all (a pause of tens of milliseconds every few dozen
  requests: the p95 of the API). The master imports and warms the app (URL resolver,
  reverse tables, the project's templates) with the collector off, and each worker, right
  after the fork, moves everything it inherited into the permanent generation
  (``gc.freeze()``) and turns the collector back on: collections walk only what requests
  create, and the pages shared with the master are not dirtied by the collector.
- **Rarer collections.** A 200-row API answer leaves about 4 000 container objects to the
  collector: with Python's thresholds (700, 10, 10), 5.4 young collections per request
  and a full one every 25 requests or so (4 % of requests: the p95), frozen heap or not.
  With 10000, 20, 100: 0.4 young collections per request, no full one in 100 requests
  (``make bench`` reports p95/p50 for both, with the freeze off and on).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from pathlib import Path
from typing import Any


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SystemExit(f"callboard: configuration error: {name}: {value!r} is not a boolean")


bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() + 1)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS") or "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 3)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = timeout
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 2000)
max_requests_jitter = max_requests // 10
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No runtime control socket: one fixed path per machine would be shared by every instance.
control_socket_disable = True
# The worker heartbeat file on tmpfs: a slow disk never makes a worker look hung.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # nosec B108  # gunicorn's own heartbeat files, created safely by gunicorn

GC_FREEZE = _flag("GUNICORN_GC_FREEZE", True)


def _thresholds(name: str, default: tuple[int, int, int]) -> tuple[int, int, int]:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        first, second, third = (int(part) for part in value.split(","))
    except ValueError:
        raise SystemExit(
            f"callboard: configuration error: {name}: {value!r} is not three integers"
        ) from None
    if min(first, second, third) < 1:
        raise SystemExit(f"callboard: configuration error: {name}: {value!r}: each at least 1")
    return first, second, third


GC_THRESHOLDS = _thresholds("GUNICORN_GC_THRESHOLDS", (10_000, 20, 100))
if GC_FREEZE:
    # No collection while the master imports the app: nothing to copy on write later.
    gc.disable()


def when_ready(server: Any) -> None:
    """In the master, once the app is loaded: build what the first requests would build,
    so that it is shared with the workers and frozen with the rest."""
    from django.conf import settings
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template
    from django.urls import get_resolver

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports every view, serializer and form
    resolver.reverse_dict  # noqa: B018 - the reverse tables {% url %} uses
    # The project's templates, compiled into the cached loader (DEBUG off).
    folders = [Path(settings.BASE_DIR) / "templates"]
    folders += sorted(Path(settings.BASE_DIR).glob("*/templates"))
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            try:
                get_template(str(path.relative_to(folder)))
            except (TemplateDoesNotExist, TemplateSyntaxError):
                server.log.warning("template %s not precompiled", path)


def post_fork(server: Any, worker: Any) -> None:
    """In each new worker: the inherited heap leaves the collector's view for good."""
    gc.set_threshold(*GC_THRESHOLDS)
    if GC_FREEZE:
        gc.freeze()
        gc.enable()

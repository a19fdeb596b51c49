"""Tests: real PostgreSQL and Redis. Every test process (each pytest-xdist worker, and
each of several pytest runs on one machine) gets its own database, Redis database,
cache prefix and Celery queue, so parallel runs never see each other's rows or messages."""

import os

from config.env import celery_broker_url, redis_url_with_db
from config.settings.base import *  # noqa: F403
from config.settings.base import CACHES, DATABASES, REDIS_URL, config_errors_exit, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker process started by a test is pointed at a real SMTP sink through EMAIL_BACKEND.
with config_errors_exit():
    EMAIL_BACKEND = env.str(
        "EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend"
    )

# The run id is inherited through the environment by pytest-xdist workers and by worker
# processes that tests start, so they all join the same run. pytest-django adds _gwN to
# the database name for each xdist worker; the Redis side adds the worker number itself.
_run = int(os.environ.setdefault("CALLBOARD_TEST_RUN", str(os.getpid())))
_xdist = os.environ.get("PYTEST_XDIST_WORKER", "gw-1")[2:]
_slot = _run * 16 + int(_xdist) + 1
DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{_run}"}
TEST_REDIS_DB = 1 + _slot % 15
REDIS_URL = redis_url_with_db(REDIS_URL, TEST_REDIS_DB)
CACHES = {"default": {**CACHES["default"], "LOCATION": REDIS_URL, "KEY_PREFIX": f"t{_slot}"}}
CELERY_BROKER_URL = celery_broker_url(REDIS_URL)
CELERY_TASK_DEFAULT_QUEUE = f"callboard-test-{_slot}"
# A worker stopped by a test shows as down within seconds (worker processes read it too).
with config_errors_exit():
    HEALTHZ_WORKER_TTL = env.int("HEALTHZ_WORKER_TTL", default=3, minimum=2)
WHITENOISE_USE_FINDERS = True

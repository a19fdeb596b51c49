"""Tests: real PostgreSQL and Redis, but each test process gets its own Redis database
and Celery queue so parallel runs (pytest-xdist) never see each other's messages."""

import os

from config.env import celery_broker_url, redis_url_with_db
from config.settings.base import *  # noqa: F403
from config.settings.base import CACHES, REDIS_URL, config_errors_exit, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker process started by a test is pointed at a real SMTP sink through EMAIL_BACKEND.
with config_errors_exit():
    EMAIL_BACKEND = env.str(
        "EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend"
    )

_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
TEST_REDIS_DB = 2 + int(_worker[2:]) if _worker.startswith("gw") else 1
REDIS_URL = redis_url_with_db(REDIS_URL, TEST_REDIS_DB)
CACHES = {"default": {**CACHES["default"], "LOCATION": REDIS_URL}}
CELERY_BROKER_URL = celery_broker_url(REDIS_URL)
CELERY_TASK_DEFAULT_QUEUE = f"callboard-test-{TEST_REDIS_DB}"
WHITENOISE_USE_FINDERS = True

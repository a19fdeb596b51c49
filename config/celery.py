"""The Celery application. Workers start with ``celery -A config worker``."""

import os

from celery import Celery

from core.worker import HeartbeatStep

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("callboard")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Every worker writes the heartbeat /healthz reads (core/health.py).
app.steps["consumer"].add(HeartbeatStep)

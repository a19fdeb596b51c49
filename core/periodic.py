"""Periodic schedules, defined in code and installed into django-celery-beat's tables
by ``manage.py setup_periodic_tasks`` (run by ``make run`` and on deploy)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Periodic:
    name: str
    task: str
    every_seconds: int


SCHEDULES: tuple[Periodic, ...] = (
    Periodic(
        name="Clear expired sessions",
        task="core.tasks.clear_expired_sessions",
        every_seconds=24 * 3600,
    ),
)

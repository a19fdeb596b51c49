from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from core.periodic import SCHEDULES


class Command(BaseCommand):
    help = "Install the periodic schedules defined in core/periodic.py (idempotent)."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        for periodic in SCHEDULES:
            interval, _ = IntervalSchedule.objects.get_or_create(
                every=periodic.every_seconds, period=IntervalSchedule.SECONDS
            )
            PeriodicTask.objects.update_or_create(
                name=periodic.name,
                defaults={"task": periodic.task, "interval": interval, "enabled": True},
            )
        self.stdout.write(f"{len(SCHEDULES)} periodic task(s) installed.")

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from demo.data import seed_demo


class Command(BaseCommand):
    help = "Load the demo production (idempotent: running it again changes nothing)."

    def handle(self, *args: Any, **options: Any) -> None:
        production, created = seed_demo()
        verb = "Loaded" if created else "Already loaded:"
        self.stdout.write(f"{verb} demo production “{production.title}” (id {production.pk}).")

"""``make run``: migrate, load the demo, start web + Celery worker + beat, stop on Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo.data import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Run the whole development stack: web, Celery worker and beat."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-demo", action="store_true", help="Do not load the demo data.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("setup_periodic_tasks")
        if not options["no_demo"]:
            call_command("seed_demo")

        port = settings.PORT  # SITE_URL, and so the links in e-mails, follow it
        python = sys.executable
        commands = {
            "web": [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-l",
                "info",
                "-Q",
                settings.CELERY_TASK_DEFAULT_QUEUE,
                "--concurrency",
                "2",
            ],
            "beat": [
                python,
                "-m",
                "celery",
                "-A",
                "config",
                "beat",
                "-l",
                "info",
                "--schedule",
                str(settings.BASE_DIR / ".devdata" / "celerybeat-schedule"),
            ],
        }
        processes = {}
        for name, command in commands.items():
            # This interpreter running manage.py or celery with fixed arguments; no shell.
            processes[name] = subprocess.Popen(command)  # nosec B603

        url = f"http://127.0.0.1:{port}/"
        self.stdout.write(self.style.SUCCESS(f"\nCallboard is running at {url}"))
        if f"{settings.SITE_URL}/" != url:
            self.stdout.write(f"Links in e-mails point at SITE_URL: {settings.SITE_URL}/")
        self.stdout.write(f"Health: {url}healthz   API docs: {url}api/v1/docs/")
        if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
            self.stdout.write("E-mails are printed here, by the worker (console backend).")
        if not options["no_demo"]:
            self.stdout.write(f"Demo logins (password {DEMO_PASSWORD!r}):")
            for email, role in DEMO_LOGINS:
                self.stdout.write(f"  {email:<22} {role}")
        self.stdout.write("Press Ctrl-C to stop.\n")

        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(p.poll() is None for p in processes.values()):
            time.sleep(0.5)
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
        for name, process in processes.items():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.stderr.write(f"{name} did not stop in time; killing it.")
                process.kill()
        self.stdout.write("Stopped.")

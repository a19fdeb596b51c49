"""What every Celery worker runs besides tasks: the heartbeat behind /healthz."""

from __future__ import annotations

from typing import Any

from celery import bootsteps

from core.health import heartbeat_interval, record_worker_heartbeat


class HeartbeatStep(bootsteps.StartStopStep):
    """Write the worker heartbeat on the consumer's timer (no broker message, no beat).

    A consumer step: it starts once the worker consumes tasks, runs on the worker's own
    event loop (a hung loop stops the beats), and stops with the consumer.
    """

    requires = ("celery.worker.consumer.tasks:Tasks",)

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        self.timer_entry: Any = None
        super().__init__(parent, **kwargs)

    def start(self, parent: Any) -> None:
        record_worker_heartbeat()
        self.timer_entry = parent.timer.call_repeatedly(
            heartbeat_interval(), record_worker_heartbeat
        )

    def stop(self, parent: Any) -> None:
        if self.timer_entry is not None:
            self.timer_entry.cancel()
            self.timer_entry = None

    shutdown = stop

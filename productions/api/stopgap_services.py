"""Writes the API needs that productions/services.py does not offer yet.

Kept apart so they are easy to move into productions/services.py (and to spot until then).
"""

from __future__ import annotations

from productions.models import CoProducer, Deadline


def co_producer_delete(*, co_producer: CoProducer) -> None:
    co_producer.delete()


def deadline_delete(*, deadline: Deadline) -> None:
    deadline.delete()

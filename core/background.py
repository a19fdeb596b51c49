"""Enqueue Celery work only once the current database transaction has committed.

A task enqueued inside a transaction that later rolls back would act on rows that never
existed (or send a message about them); one enqueued before commit may run before its
rows are visible to the worker. ``transaction.on_commit`` avoids both.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from celery import Task
from django.db import transaction


def enqueue_after_commit(task: Task[Any, Any], /, **kwargs: Any) -> None:
    transaction.on_commit(partial(task.apply_async, kwargs=kwargs))

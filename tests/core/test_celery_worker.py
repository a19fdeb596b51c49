"""Background work runs in a separate worker process, and only after commit."""

from __future__ import annotations

import os
import time

import pytest
import redis
from django.conf import settings
from django.core import mail
from django.db import transaction

from core.background import enqueue_after_commit
from core.tasks import send_email
from tests.factories import make_user


def queued_messages() -> int:
    client = redis.Redis.from_url(settings.REDIS_URL)
    return int(client.llen(settings.CELERY_TASK_DEFAULT_QUEUE))


@transaction.atomic
def failed_request(*, subject: str) -> None:
    """Work that asks for an e-mail, then fails before its transaction commits."""
    enqueue_after_commit(send_email, subject=subject, body="-", to=["a@example.test"])
    raise RuntimeError("the request failed")


@pytest.fixture
def empty_queue():
    redis.Redis.from_url(settings.REDIS_URL).delete(settings.CELERY_TASK_DEFAULT_QUEUE)
    yield
    redis.Redis.from_url(settings.REDIS_URL).delete(settings.CELERY_TASK_DEFAULT_QUEUE)


@pytest.mark.worker
def test_password_reset_mail_is_sent_by_a_worker_process(client, celery_worker, smtp_sink):
    user = make_user(email="gaffer@example.test")

    response = client.post("/accounts/password-reset/", {"email": "gaffer@example.test"})

    assert response.status_code == 302
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == user.email
    assert "/accounts/reset/" in message.get_payload()
    # This process never sent anything itself: the mail went worker → SMTP.
    assert mail.outbox == []
    assert celery_worker.pid != os.getpid()


@pytest.mark.django_db(transaction=True)
def test_task_is_enqueued_only_when_the_transaction_commits(empty_queue):
    with transaction.atomic():
        enqueue_after_commit(send_email, subject="Call", body="7:00", to=["a@example.test"])
        assert queued_messages() == 0

    assert queued_messages() == 1


@pytest.mark.django_db(transaction=True)
def test_task_is_not_enqueued_when_the_transaction_rolls_back(empty_queue):
    with pytest.raises(RuntimeError):
        failed_request(subject="Call")

    assert queued_messages() == 0


@pytest.mark.worker
def test_rolled_back_work_never_reaches_the_worker(celery_worker, smtp_sink):
    with pytest.raises(RuntimeError):
        failed_request(subject="Rolled back")
    enqueue_after_commit(send_email, subject="Committed", body="-", to=["b@example.test"])

    # The queue is FIFO and the worker runs one task at a time: had the rolled-back
    # task been enqueued, it would have arrived first.
    [message] = smtp_sink.wait_for(1)
    assert message["Subject"] == "Committed"
    time.sleep(0.5)
    assert len(smtp_sink.messages) == 1

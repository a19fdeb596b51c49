"""Two producers stepping down at the same moment must not leave the production without one."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

import productions.services as services
from productions.models import Membership
from tests.factories import add_member, make_production


@pytest.mark.django_db(transaction=True)
def test_two_producers_demoting_each_other_at_once_leave_one(monkeypatch):
    production = make_production(title="Salt Road")
    a = Membership.objects.get(production=production, role="producer")
    b_user, _, _ = add_member(production, "producer", department="Production")
    b = Membership.objects.get(production=production, user=b_user)
    barrier = threading.Barrier(2, timeout=3)
    original = services._ensure_another_producer

    def slow_check(m):
        original(m)
        barrier.wait()  # both checks pass before either write lands (a real race window)

    monkeypatch.setattr(services, "_ensure_another_producer", slow_check)
    errors = []

    def demote(pk):
        try:
            with transaction.atomic():
                services.membership_change_role(
                    membership=Membership.objects.get(pk=pk), role="crew"
                )
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=demote, args=(pk,)) for pk in (a.pk, b.pk)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    producers = Membership.objects.filter(production=production, role="producer").count()
    assert producers >= 1, (producers, errors)

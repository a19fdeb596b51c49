from __future__ import annotations

import socket
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from config.celery import app
from core.health import HEARTBEAT_KEY, record_worker_heartbeat


@pytest.mark.worker
def test_healthy_when_database_redis_and_worker_answer(client, celery_worker):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "redis": True,
        "worker": True,
    }


@pytest.mark.worker
def test_a_stopped_worker_is_reported_down_once_its_heartbeat_expires(client, celery_worker):
    assert client.get("/healthz").status_code == 200

    celery_worker.terminate()
    celery_worker.wait(timeout=20)
    stopped = time.monotonic()
    while client.get("/healthz").status_code == 200:
        assert time.monotonic() - stopped < settings.HEALTHZ_WORKER_TTL + 2, "still ok"
        time.sleep(0.2)
    body = client.get("/healthz").json()

    assert body["status"] == "unavailable"
    assert body["checks"]["worker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.worker
def test_the_answer_never_names_the_workers_host(client, celery_worker):
    body = client.get("/healthz").content.decode()

    assert socket.gethostname() not in body
    assert "@" not in body


@pytest.mark.django_db
def test_the_worker_check_sends_nothing_to_the_broker(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a broker round trip per request")

    monkeypatch.setattr(app.control, "ping", refuse)
    monkeypatch.setattr(app.control, "broadcast", refuse)
    record_worker_heartbeat()

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["checks"]["worker"]["ok"] is True


@pytest.mark.django_db
def test_a_heartbeat_lives_only_its_time_to_live(client):
    record_worker_heartbeat()
    redis = cache._cache.get_client(write=False)  # type: ignore[attr-defined]

    assert 0 < redis.ttl(cache.make_key(HEARTBEAT_KEY)) <= settings.HEALTHZ_WORKER_TTL


@pytest.mark.django_db
@override_settings(HEALTHZ_RATE_PER_MINUTE=5)
def test_a_burst_from_one_address_gets_429(client):
    statuses = [client.get("/healthz").status_code for _ in range(7)]
    elsewhere = client.get("/healthz", REMOTE_ADDR="192.0.2.7")
    refused = client.get("/healthz")

    assert all(status in {200, 503} for status in statuses[:5])
    assert statuses[5:] == [429, 429]
    assert elsewhere.status_code in {200, 503}
    assert refused.status_code == 429
    assert refused.json()["detail"]
    assert 1 <= int(refused["Retry-After"]) <= 60


@pytest.mark.django_db
@override_settings(HEALTHZ_RATE_PER_MINUTE=2)
def test_signed_in_callers_are_not_rate_limited(client, user):
    client.force_login(user)

    assert {client.get("/healthz").status_code for _ in range(5)} <= {200, 503}


@pytest.mark.django_db
@override_settings(HEALTHZ_RATE_PER_MINUTE=2, REST_FRAMEWORK={"NUM_PROXIES": 1})
def test_behind_a_proxy_the_limit_is_per_client_not_per_proxy(client):
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        for _ in range(2):
            response = client.get("/healthz", HTTP_X_FORWARDED_FOR=address)
            assert response.status_code != 429

    assert client.get("/healthz", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429


@pytest.mark.django_db
def test_503_naming_the_worker_when_no_worker_runs(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["worker"]["ok"] is False
    assert "no worker" in checks["worker"]["error"]
    assert checks["database"]["ok"] is True


@pytest.mark.django_db
def test_503_when_redis_is_unreachable(client):
    dead = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=dead):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["redis"]["ok"] is False


def test_healthz_needs_no_login(client, db):
    assert client.get("/healthz").status_code in {200, 503}


@pytest.mark.django_db
def test_a_failure_is_named_without_hosts_or_ports(client):
    dead = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=dead):
        body = client.get("/healthz").json()

    assert body["checks"]["redis"]["error"] == "Redis does not answer"
    assert "127.0.0.1" not in str(body)

from __future__ import annotations

import pytest
from django.test import override_settings


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

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.factories import make_user
from tests.services import SmtpSink, running_smtp_sink, running_worker


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    yield
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def smtp_sink() -> Iterator[SmtpSink]:
    with running_smtp_sink() as sink:
        yield sink


@pytest.fixture
def celery_worker(transactional_db: Any, smtp_sink: SmtpSink) -> Iterator[Any]:
    """A real worker process. Tests using it must commit: they run with transactional_db."""
    smtp_sink.clear()
    with running_worker(smtp=smtp_sink) as process:
        yield process


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def user(db: Any) -> Any:
    return make_user()

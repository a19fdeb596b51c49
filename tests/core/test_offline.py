"""Pages stay readable offline once opened: the service worker and its fallback page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import make_user


def test_the_service_worker_is_served_from_the_root_without_login(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert "callboard-pages" in body
    assert "/offline/" in body


def test_the_offline_page_needs_no_login(client):
    response = client.get("/offline/")

    assert response.status_code == 200
    assert "No signal" in response.content.decode()


@pytest.mark.django_db
def test_the_offline_page_carries_no_personal_data(client):
    """The service worker saves it with the user's cookies, and logging out keeps it."""
    client.force_login(make_user(name="Alice Secret"))
    assert b"Alice" not in client.get("/offline/").content


def static_script(name: str) -> str:
    return (Path(settings.BASE_DIR) / "static" / "js" / name).read_text()


@pytest.mark.django_db
def test_every_page_registers_the_service_worker(client, user):
    """By a script file (the Content-Security-Policy refuses inline ones) told the URL."""
    client.force_login(user)

    page = client.get("/productions/").content.decode()

    assert 'js/callboard.js" data-service-worker="/sw.js"' in page
    assert "navigator.serviceWorker.register(url)" in static_script("callboard.js")


@pytest.mark.django_db
def test_logging_out_forgets_the_saved_pages(client, user):
    client.force_login(user)

    response = client.post("/accounts/logout/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert 'src="/static/js/forget-saved-pages.js"' in response.content.decode()
    assert 'caches.delete("callboard-pages")' in static_script("forget-saved-pages.js")

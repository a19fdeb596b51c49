"""Pages stay readable offline once opened: the service worker and its fallback page."""

from __future__ import annotations

import pytest

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


@pytest.mark.django_db
def test_every_page_registers_the_service_worker(client, user):
    client.force_login(user)

    page = client.get("/productions/").content.decode()

    assert 'navigator.serviceWorker.register("/sw.js")' in page


@pytest.mark.django_db
def test_logging_out_forgets_the_saved_pages(client, user):
    client.force_login(user)

    response = client.post("/accounts/logout/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert 'caches.delete("callboard-pages")' in response.content.decode()

"""Absolute links are built from SITE_URL, never from the request's Host header.

Behind a proxy that passes any Host through (or with a broad ALLOWED_HOSTS), a request
for someone else's password reset with ``Host: evil.example`` would otherwise mail them
a link to the attacker's site, carrying a valid reset token.
"""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db

SITE_URL = "https://callboard.example"
EVIL = {"HTTP_HOST": "evil.example", "HTTP_X_FORWARDED_HOST": "evil.example"}


@pytest.fixture(autouse=True)
def _site():
    # ALLOWED_HOSTS as open as a careless proxy makes it: the Host header gets through.
    with override_settings(SITE_URL=SITE_URL, ALLOWED_HOSTS=["*"], USE_X_FORWARDED_HOST=True):
        yield


@pytest.fixture
def queued(monkeypatch):
    """The e-mails handed to the worker, as keyword arguments of send_email."""
    emails: list[dict[str, object]] = []

    def enqueue(task, **kwargs):
        emails.append(kwargs)

    monkeypatch.setattr("accounts.forms.enqueue_after_commit", enqueue)
    monkeypatch.setattr("productions.invitations.enqueue_after_commit", enqueue)
    return emails


def _links(body: object) -> list[str]:
    return re.findall(r"https?://\S+", str(body))


def test_a_password_reset_asked_for_with_a_forged_host_links_to_site_url(client, queued):
    make_user(email="dp@example.test")

    response = client.post("/accounts/password-reset/", {"email": "dp@example.test"}, **EVIL)

    assert response.status_code == 302
    [email] = queued
    [link] = _links(email["body"])
    assert link.startswith(f"{SITE_URL}/accounts/reset/")
    assert "evil.example" not in str(email)


def test_an_invitation_sent_with_a_forged_host_links_to_site_url(client, queued):
    producer = make_user(name="Pat Producer")
    production = make_production(producer=producer)
    client.force_login(producer)

    client.post(
        reverse("productions:member-invite", kwargs={"production_id": production.pk}),
        {"email": "new@example.test", "role": "crew", "name": "Nia New"},
        **EVIL,
    )

    [email] = queued
    [link] = _links(email["body"])
    assert link.startswith(f"{SITE_URL}/accounts/invitations/")
    assert "evil.example" not in str(email)


def test_api_page_links_follow_site_url_not_the_host_header(api_client):
    producer = make_user()
    production = make_production(producer=producer)
    for _ in range(2):
        add_member(production, "crew", department="Grip")
    api_client.force_authenticate(producer)
    url = f"/api/v1/productions/{production.pk}/crew/"

    first = api_client.get(url, {"page_size": 1}, **EVIL).json()
    second = api_client.get(first["next"].removeprefix(SITE_URL), **EVIL).json()

    assert first["next"] == f"{SITE_URL}{url}?page=2&page_size=1"
    assert second["previous"] == f"{SITE_URL}{url}?page_size=1"

from __future__ import annotations

import re

import pytest

from accounts.forms import QueuedPasswordResetForm
from accounts.models import ApiToken, User
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/productions/", "/account/profile/", "/admin/"])
def test_pages_redirect_anonymous_visitors_to_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password-reset/", "/healthz"])
def test_public_routes_answer_without_login(client, path):
    assert client.get(path).status_code in {200, 503}


def test_login_with_email_case_insensitively(client):
    make_user(email="dp@example.test")

    response = client.post(
        "/accounts/login/", {"username": "DP@Example.test", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.get("/productions/").status_code == 200


def test_bad_login_shows_a_form_error(client):
    make_user(email="dp@example.test")

    response = client.post("/accounts/login/", {"username": "dp@example.test", "password": "nope"})

    assert response.status_code == 200
    assert "correct" in response.content.decode()


def test_an_account_without_a_password_can_ask_for_a_password_link(client, monkeypatch):
    """Accounts made by invitations before they had to be accepted have no usable password
    until their holder sets one: the reset form must still send them a link."""
    User.objects.create_user("new@example.test", password=None)
    sent = []
    monkeypatch.setattr(QueuedPasswordResetForm, "send_mail", lambda self, *a, **k: sent.append(a))
    assert (
        client.post("/accounts/password-reset/", {"email": "new@example.test"}).status_code == 302
    )
    assert sent


def test_profile_creates_a_token_shown_once_and_revokes_it(client):
    user = make_user()
    client.force_login(user)

    response = client.post("/account/tokens/", {"name": "my scripts"})

    assert response.status_code == 200
    match = re.search(r'id="new-token">(cb_[^<]+)<', response.content.decode())
    assert match is not None
    raw = match.group(1)
    token = ApiToken.objects.get(user=user)
    assert raw not in client.get("/account/profile/").content.decode()

    response = client.post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert not ApiToken.objects.exists()


def test_profile_rejects_an_unknown_time_zone(client):
    user = make_user()
    client.force_login(user)

    response = client.post(
        "/account/profile/", {"name": "X", "language": "en", "time_zone": "Mars/Olympus"}
    )

    assert response.status_code == 200
    assert "Mars/Olympus" in response.content.decode()
    user.refresh_from_db()
    assert user.time_zone == "UTC"

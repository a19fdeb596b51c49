from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from accounts.models import ApiToken
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def create_token(api_client, email, password=PASSWORD, name="payroll"):
    return api_client.post(
        "/api/v1/tokens/", {"email": email, "password": password, "name": name}, format="json"
    )


def test_token_is_shown_once_and_stored_only_as_a_hash(api_client):
    user = make_user()

    response = create_token(api_client, user.email)

    assert response.status_code == 201
    raw = response.json()["token"]
    assert raw.startswith("cb_")
    assert len(raw) > 40
    stored = ApiToken.objects.get(user=user)
    assert raw not in {stored.key_hash, stored.hint}
    assert raw not in str(
        api_client.get("/api/v1/tokens/", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    )


def test_bearer_token_authenticates_the_api(api_client):
    user = make_user(name="Ingrid Solberg")
    raw = create_token(api_client, user.email).json()["token"]

    response = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 200
    assert response.json()["email"] == user.email
    assert response.json()["name"] == "Ingrid Solberg"


def test_revoked_token_no_longer_works(api_client):
    user = make_user()
    created = create_token(api_client, user.email).json()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {created['token']}"}

    assert api_client.delete(f"/api/v1/tokens/{created['id']}/", **auth).status_code == 204

    response = api_client.get("/api/v1/me/", **auth)
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or revoked token.", "errors": {}}


def test_wrong_password_gets_a_clear_error_and_creates_nothing(api_client):
    user = make_user()

    response = create_token(api_client, user.email, password="wrong")

    assert response.status_code == 400
    assert response.json()["errors"] == {"non_field_errors": ["Invalid e-mail or password."]}
    assert not ApiToken.objects.exists()


def test_missing_fields_are_named(api_client):
    response = api_client.post("/api/v1/tokens/", {"email": "not-an-email"}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid input."
    assert set(body["errors"]) == {"email", "password", "name"}


def test_duplicate_token_name_is_a_field_error(api_client):
    user = make_user()
    create_token(api_client, user.email, name="phone")

    response = create_token(api_client, user.email, name="phone")

    assert response.status_code == 400
    assert "name" in response.json()["errors"]
    assert ApiToken.objects.count() == 1


def test_a_user_cannot_revoke_someone_elses_token(api_client):
    owner, other = make_user(), make_user()
    token_id = create_token(api_client, owner.email).json()["id"]
    other_raw = create_token(api_client, other.email).json()["token"]

    response = api_client.delete(
        f"/api/v1/tokens/{token_id}/", HTTP_AUTHORIZATION=f"Bearer {other_raw}"
    )

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token_id).exists()


def test_anonymous_api_request_gets_401_json(api_client):
    response = api_client.get("/api/v1/me/")

    assert response.status_code == 401
    assert response.json()["detail"]
    assert response["WWW-Authenticate"] == "Bearer"


def test_token_creation_is_throttled(api_client):
    for _ in range(10):
        create_token(api_client, "nobody@example.test", password="x")

    response = create_token(api_client, "nobody@example.test", password="x")

    assert response.status_code == 429


def test_the_token_throttle_cannot_be_dodged_with_x_forwarded_for(api_client):
    user = make_user()
    codes = [
        api_client.post(
            "/api/v1/tokens/",
            {"email": user.email, "password": "wrong", "name": f"t{i}"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{i}",
        ).status_code
        for i in range(15)
    ]
    assert 429 in codes


def test_changing_the_password_revokes_api_tokens(client):
    user = make_user()
    raw = (
        APIClient()
        .post(
            "/api/v1/tokens/",
            {"email": user.email, "password": PASSWORD, "name": "x"},
            format="json",
        )
        .json()["token"]
    )
    client.force_login(user)
    new = "N3w-long-passw0rd!"
    assert (
        client.post(
            "/accounts/password-change/",
            {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        ).status_code
        == 302
    )
    assert APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401

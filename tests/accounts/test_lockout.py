"""Password guessing is locked out on every way in, per account and per client address.

The login form and the API's token creation share one budget (both check a password):
5 failures per account and 20 per client address in a window (15 minutes by default).
The address is the connection's (X-Forwarded-For is read only as ``NUM_PROXIES`` says),
the counters are atomic in Redis, and a lockout ends by itself when its window does.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed attempts"


def login(client: Client, email: str, password: str, address: str = "127.0.0.1", **extra: Any):
    return client.post(
        "/accounts/login/",
        {"username": email, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def token(email: str, password: str, address: str = "127.0.0.1"):
    return APIClient().post(
        "/api/v1/tokens/",
        {"email": email, "password": password, "name": "sync"},
        format="json",
        REMOTE_ADDR=address,
    )


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def expire_lockouts() -> None:
    """The end of the window: every lockout counter lapses (as its TTL would make it)."""
    from accounts.lockout import redis_client

    redis = redis_client()
    for key in redis.scan_iter(match="*lockout:*"):
        redis.pexpire(key, 1)
    time.sleep(0.05)


@pytest.fixture
def dana():
    return make_user(email="dana@example.test", name="Dana DP")


def test_five_bad_passwords_lock_the_account_with_a_clear_message(client, dana):
    for _ in range(5):
        response = login(client, dana.email, "wrong")
        assert response.status_code == 200
        assert LOCKED not in response.content.decode()

    response = login(client, dana.email, "wrong")

    assert response.status_code == 429
    assert "Too many failed attempts. Try again in 15 minutes." in response.content.decode()
    assert int(response["Retry-After"]) > 0


def test_the_right_password_is_refused_during_the_lockout(client, dana):
    for _ in range(5):
        login(client, dana.email, "wrong")

    response = login(client, dana.email, PASSWORD)

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not logged_in(client)


def test_the_lockout_ends_by_itself(client, dana):
    for _ in range(6):
        login(client, dana.email, "wrong")
    expire_lockouts()

    response = login(client, dana.email, PASSWORD)

    assert response.status_code == 302
    assert logged_in(client)


def test_the_window_is_a_setting(client, dana, settings):
    settings.LOCKOUT_WINDOW_SECONDS = 60
    for _ in range(5):
        login(client, dana.email, "wrong")

    response = login(client, dana.email, PASSWORD)

    assert "Try again in 1 minute." in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 60


def test_another_address_is_still_locked_out_of_the_account(client, dana):
    for i in range(5):
        login(client, dana.email, "wrong", address=f"10.0.0.{i + 1}")

    response = login(client, dana.email, PASSWORD, address="10.9.9.9")

    assert response.status_code == 429
    assert not logged_in(client)


def test_one_address_is_locked_out_after_twenty_failures_on_any_accounts(client, dana):
    for i in range(20):
        login(client, f"someone{i}@example.test", "wrong", address="10.0.0.7")

    locked = login(client, dana.email, PASSWORD, address="10.0.0.7")
    elsewhere = login(Client(), dana.email, PASSWORD, address="10.0.0.8")

    assert locked.status_code == 429
    assert elsewhere.status_code == 302


def test_x_forwarded_for_does_not_give_a_new_address(client):
    for i in range(20):
        login(client, f"someone{i}@example.test", "wrong", HTTP_X_FORWARDED_FOR=f"10.1.0.{i}")

    response = login(client, "someone-else@example.test", "wrong", HTTP_X_FORWARDED_FOR="10.2.0.1")

    assert response.status_code == 429


def test_a_login_elsewhere_does_not_reset_the_count_against_the_account(client, dana):
    for _ in range(3):
        login(client, dana.email, "wrong", address="10.0.0.66")
    assert login(Client(), dana.email, PASSWORD, address="10.0.0.1").status_code == 302
    for _ in range(2):
        login(client, dana.email, "wrong", address="10.0.0.66")

    response = login(client, dana.email, "wrong", address="10.0.0.66")

    assert response.status_code == 429


def test_an_unknown_address_is_counted_like_a_known_one(client):
    for _ in range(5):
        login(client, "nobody@example.test", "wrong")

    response = login(client, "nobody@example.test", "wrong")

    assert response.status_code == 429


@pytest.mark.django_db(transaction=True)
def test_parallel_attempts_do_not_get_past_the_limit():
    make_user(email="dana@example.test")
    start = threading.Barrier(20)
    answers: list[int] = []
    lock = threading.Lock()

    def attempt(i: int) -> None:
        try:
            client = Client()
            start.wait()
            status = login(client, "dana@example.test", "wrong", address=f"10.3.0.{i}").status_code
            with lock:
                answers.append(status)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers) == [200] * 5 + [429] * 15


def test_token_creation_shares_the_login_budget_and_answers_429_json(client, dana):
    for _ in range(3):
        login(client, dana.email, "wrong")
    for _ in range(2):
        assert token(dana.email, "wrong").status_code == 400

    response = token(dana.email, PASSWORD)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json() == {
        "detail": "Too many failed attempts. Try again in 15 minutes.",
        "errors": {},
    }
    assert login(client, dana.email, PASSWORD).status_code == 429


def test_password_reset_requests_are_limited_per_account(client, dana, monkeypatch):
    sent = []
    monkeypatch.setattr("accounts.forms.enqueue_after_commit", lambda task, **kw: sent.append(kw))
    for i in range(3):
        response = client.post(
            "/accounts/password-reset/", {"email": dana.email}, REMOTE_ADDR=f"10.4.0.{i}"
        )
        assert response.status_code == 302

    response = client.post(
        "/accounts/password-reset/", {"email": dana.email}, REMOTE_ADDR="10.4.0.9"
    )

    assert response.status_code == 429
    assert "Too many requests. Try again in 15 minutes." in response.content.decode()
    assert len(sent) == 3


def test_password_reset_requests_are_limited_per_address(client, monkeypatch):
    monkeypatch.setattr("accounts.forms.enqueue_after_commit", lambda task, **kw: None)
    for i in range(20):
        client.post("/accounts/password-reset/", {"email": f"p{i}@example.test"})

    response = client.post("/accounts/password-reset/", {"email": "last@example.test"})

    assert response.status_code == 429


def test_guessing_set_password_links_is_locked_out(client, dana):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(dana.pk))
    for i in range(10):
        response = client.get(f"/accounts/reset/{uid}/abc-{i}/")
        assert response.status_code == 200

    response = client.get(f"/accounts/reset/{uid}/abc-x/")

    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_the_counter_itself_lets_exactly_the_limit_through_under_contention():
    from django.test import RequestFactory

    from accounts import lockout

    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="10.5.0.1")
    start = threading.Barrier(40)
    allowed: list[bool] = []
    lock = threading.Lock()

    def guess() -> None:
        start.wait()
        result = lockout.attempt("login", request=request, account="eve@example.test")
        with lock:
            allowed.append(result.allowed)

    threads = [threading.Thread(target=guess) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert allowed.count(True) == 5


def test_the_admin_login_shares_the_lockout(client, dana):
    for _ in range(5):
        login(client, dana.email, "wrong")

    response = client.post(
        "/admin/login/?next=/admin/", {"username": dana.email, "password": PASSWORD}
    )

    assert LOCKED in response.content.decode()
    assert not logged_in(client)


def test_guessing_through_the_admin_login_counts_too(client, dana):
    for _ in range(5):
        client.post("/admin/login/?next=/admin/", {"username": dana.email, "password": "wrong"})

    assert login(client, dana.email, PASSWORD).status_code == 429

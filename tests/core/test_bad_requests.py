"""Malformed requests answer 4xx, never 500: NUL in query strings and cookies, JSON nested
too deeply to parse."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/productions/{p}/crew/?q=a%00b",
        "/productions/{p}/crew/export.csv?q=a%00b",
        "/api/v1/productions/{p}/crew/?q=a%00b",
        "/api/v1/productions/{p}/scenes/?time_of_day=a%00b",
    ],
)
def test_nul_in_a_query_string_is_not_a_500(cast, path):
    c = cast.api if path.startswith("/api") else cast.client
    response = c("producer", raise_request_exception=False).get(path.format(p=cast.production.pk))
    assert response.status_code < 500


def test_nul_hidden_in_a_repeated_query_parameter_is_400(cast):
    client = cast.client("producer")

    response = client.get(f"/productions/{cast.production.pk}/crew/?q=ok&q=a%00b")

    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/accounts/login/", "/productions/", "/api/v1/me/", "/healthz"])
def test_nul_in_the_session_cookie_is_not_a_500(client, path):
    client.raise_request_exception = False
    r = client.get(path, HTTP_COOKIE='sessionid="' + "\\000" * 32 + '"')
    # /healthz answers 503 here only because no worker runs in this test.
    assert r.status_code != 500
    assert r.status_code < 500 or path == "/healthz"


def test_json_nested_too_deeply_to_parse_is_400():
    api = APIClient()
    api.raise_request_exception = False
    r = api.post("/api/v1/tokens/", data="[" * 100_000, content_type="application/json")
    assert r.status_code == 400

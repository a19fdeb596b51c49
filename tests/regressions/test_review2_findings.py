"""Defects found in the second review (import, breakdown, foundation); each failed before."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.forms import QueuedPasswordResetForm
from productions.invitations import member_invite
from tests.factories import PASSWORD, add_member, make_production, make_user


@pytest.fixture
def ad_api(db):
    producer = make_user()
    production = make_production(producer=producer)
    ad, _, _ = add_member(production, "ad", department="Production")
    api = APIClient()
    api.force_authenticate(ad)
    api.raise_request_exception = False
    return production, api, ad


def _upload(api, production, data: bytes, name: str = "draft.fountain"):
    return api.post(
        f"/api/v1/productions/{production.pk}/screenplays/",
        {"file": SimpleUploadedFile(name, data)},
        format="multipart",
    )


# 1. Quadratic note/boneyard stripping: 60 KB upload ties up a worker for ~30 s.
def test_unclosed_note_markers_are_parsed_quickly(ad_api):
    production, api, _ = ad_api
    data = b"INT. A - DAY\n\nx\n\n" + b"[[" * 30_000 + b"\n"
    started = time.monotonic()
    _upload(api, production, data)
    assert time.monotonic() - started < 2


# 2. Apply crashes (KeyError -> 500) when two cues are distinct in Python .upper() but equal
#    under PostgreSQL lower() (the unique constraint), so one bulk_create row is skipped.
@pytest.mark.parametrize(("a", "b"), [("IPEK", "\u0130PEK"), ("KAI", "\u212aAI")])
def test_apply_with_cues_equal_under_db_case_folding(ad_api, a, b):
    production, api, _ = ad_api
    preview = _upload(api, production, f"INT. A - DAY\n\n{a}\nHi.\n\n{b}\nHello.\n".encode())
    assert preview.status_code == 201
    applied = api.post(
        f"/api/v1/productions/{production.pk}/screenplays/{preview.json()['id']}/apply/"
    )
    assert applied.status_code == 200


# 3. FDX declaring an encoding expat cannot use -> LookupError/ValueError -> 500 (API and page).
FDX = (
    b'<?xml version="1.0" encoding="%s"?><FinalDraft><Content><Paragraph Type="Scene Heading">'
    b"<Text>INT. A - DAY</Text></Paragraph></Content></FinalDraft>"
)


@pytest.mark.parametrize("encoding", [b"bogus", b"utf-32", b"shift_jis"])
def test_fdx_with_unusable_encoding_is_400(ad_api, encoding):
    production, api, _ = ad_api
    assert _upload(api, production, FDX % encoding, "draft.fdx").status_code == 400


def test_fdx_with_unusable_encoding_page(ad_api, client):
    production, _, ad = ad_api
    client.force_login(ad)
    client.raise_request_exception = False
    r = client.post(
        f"/productions/{production.pk}/screenplays/upload/",
        {"file": SimpleUploadedFile("draft.fdx", FDX % b"bogus")},
    )
    assert r.status_code == 400


# 4. A session cookie holding NUL (octal-escaped in a quoted cookie) -> 500 on every route.
@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/productions/", "/api/v1/me/", "/healthz"])
def test_nul_in_session_cookie_is_not_500(client, path):
    client.raise_request_exception = False
    r = client.get(path, HTTP_COOKIE='sessionid="' + "\\000" * 32 + '"')
    # /healthz answers 503 here only because no worker runs in this test.
    assert r.status_code != 500
    assert r.status_code < 500 or path == "/healthz"


# 5. Deeply nested JSON -> RecursionError -> 500 (anonymous, on /api/v1/tokens/).
@pytest.mark.django_db
def test_deeply_nested_json_is_400():
    api = APIClient()
    api.raise_request_exception = False
    r = api.post("/api/v1/tokens/", data="[" * 100_000, content_type="application/json")
    assert r.status_code == 400


# 6. Token-creation throttle keyed on a client-supplied X-Forwarded-For.
@pytest.mark.django_db
def test_token_throttle_cannot_be_dodged_with_x_forwarded_for(api_client):
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


# 7. Tokens survive a password change / reset.
@pytest.mark.django_db
def test_password_change_revokes_api_tokens(client):
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


# 8. Invited users (unusable password) never get a reset e-mail once the 3-day link expires.
def test_invited_user_can_request_a_new_password_link(db, client, monkeypatch):
    producer = make_user()
    production = make_production(producer=producer)
    member_invite(production=production, email="new@example.test", role="crew", invited_by=producer)
    sent = []
    monkeypatch.setattr(QueuedPasswordResetForm, "send_mail", lambda self, *a, **k: sent.append(a))
    assert (
        client.post("/accounts/password-reset/", {"email": "new@example.test"}).status_code == 302
    )
    assert sent


# 9. No title page + first heading with a clock time: the heading is read as a title page
#    and scene 1 silently disappears (applied to a breakdown, it would be OMITTED).
def test_first_heading_with_clock_time_is_a_scene(ad_api):
    production, api, _ = ad_api
    text = (
        b"INT. KITCHEN - 7:00 AM\n\nMaya cooks.\n\nMAYA\nMorning.\n\nEXT. GARDEN - DAY\n\nBirds.\n"
    )
    added = _upload(api, production, text).json()["changes"]["added"]
    assert [a["heading"] for a in added] == ["INT. KITCHEN - 7:00 AM", "EXT. GARDEN - DAY"]


# 10. The offline page, precached by the service worker with the user's cookies, carries
#     their name; logout clears only the page cache, not this one.
@pytest.mark.django_db
def test_offline_page_has_no_personal_data(client):
    client.force_login(make_user(name="Alice Secret"))
    assert b"Alice" not in client.get("/offline/").content


# 11. Anonymous visitors get the whole API schema and Swagger UI.
@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/"])
def test_api_schema_needs_login(client, path):
    assert client.get(path).status_code in (401, 403)

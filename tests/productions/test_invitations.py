"""Being added to a production is an invitation the invitee accepts (issue 8, defect 4).

Until they accept, the production knows only what the inviter typed (e-mail, name, role),
and the inviter's answer is the same whether the address has a Callboard account or not:
nothing from the account (its name, its id) and no "already has an account".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from crew.models import Person, Position
from productions.models import Invitation, Membership
from tests.factories import make_production, make_user

pytestmark = pytest.mark.django_db

FIXED_NOW = dt.datetime(2030, 1, 15, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def outbox(monkeypatch):
    """Invitation e-mails are sent at once (the locmem backend keeps them in mail.outbox)."""

    def send_now(task: Any, **kwargs: Any) -> None:
        task.apply(kwargs=kwargs)

    monkeypatch.setattr("productions.invitations.enqueue_after_commit", send_now)
    mail.outbox.clear()
    return mail.outbox


@pytest.fixture
def producer():
    return make_user(name="Pat Producer", email="pat@example.test")


@pytest.fixture
def production(producer):
    return make_production(producer=producer, title="Harbour Lights")


def invite_api(producer, production, email, role="crew", name=""):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(producer)
    return api.post(
        f"/api/v1/productions/{production.pk}/members/",
        {"email": email, "role": role, "name": name},
        format="json",
    )


def invite_page(client, producer, production, email, role="crew", name=""):
    client.force_login(producer)
    return client.post(
        reverse("productions:member-invite", kwargs={"production_id": production.pk}),
        {"email": email, "role": role, "name": name},
        follow=True,
    )


def link_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/invitations/[^\s]+/)", message.body)
    assert match is not None, message.body
    return match.group(1)


def without_ids(body: Any) -> Any:
    if isinstance(body, dict):
        return {k: ("<id>" if k == "id" else without_ids(v)) for k, v in body.items()}
    return body


# The inviter's answer -------------------------------------------------------------------


def test_the_api_answer_is_the_same_whether_the_address_has_an_account(
    producer, outbox, monkeypatch
):
    monkeypatch.setattr(timezone, "now", lambda: FIXED_NOW)
    first = make_production(producer=producer, title="One")
    second = make_production(producer=producer, title="Two")

    before = invite_api(producer, first, "Dana@Example.test", name="D. Reyes")
    make_user(email="dana@example.test", name="Dana Real-Name")
    after = invite_api(producer, second, "Dana@Example.test", name="D. Reyes")

    assert (before.status_code, after.status_code) == (201, 201)
    assert before.json()["id"] != after.json()["id"]
    assert without_ids(before.json()) == without_ids(after.json())
    assert re.sub(rb'"id":\d+', b"", before.content) == re.sub(rb'"id":\d+', b"", after.content)
    body = after.json()
    assert body["email"] == "dana@example.test"
    assert body["name"] == "D. Reyes"
    assert body["status"] == "pending"
    assert "Real-Name" not in after.content.decode()


def test_the_page_answer_is_the_same_whether_the_address_has_an_account(client, producer, outbox):
    first = make_production(producer=producer, title="Same Title")
    second = make_production(producer=producer, title="Same Title")

    before = invite_page(client, producer, first, "dana@example.test")
    make_user(email="dana@example.test", name="Dana Real-Name")
    after = invite_page(client, producer, second, "dana@example.test")

    def page(response) -> str:
        html = response.content.decode()
        html = re.sub(r"/productions/\d+/", "/productions/N/", html)
        html = re.sub(r"(member|role|invitation)-\d+", r"\1-N", html)
        html = re.sub(r"/(members|invitations)/\d+/", r"/\1/N/", html)
        html = re.sub(r"[A-Za-z0-9]{64}", "<csrf>", html)  # a fresh CSRF token per page
        return re.sub(r"/invitations/\d+/", "/invitations/N/", html)

    assert before.status_code == after.status_code == 200
    assert page(before) == page(after)
    assert "Dana Real-Name" not in after.content.decode()


def test_nothing_is_added_until_the_invitee_accepts(producer, production, outbox):
    make_user(email="dana@example.test", name="Dana DP")

    invite_api(producer, production, "dana@example.test", role="ad")
    invite_api(producer, production, "new@example.test", role="crew")

    assert Membership.objects.filter(production=production).count() == 1  # the producer
    assert Person.objects.filter(production=production).count() == 1
    assert not User.objects.filter(email="new@example.test").exists()
    assert Invitation.objects.filter(production=production, status="pending").count() == 2
    assert [m.to for m in outbox] == [["dana@example.test"], ["new@example.test"]]


def test_the_token_is_stored_only_as_a_hash(producer, production, outbox):
    invite_api(producer, production, "dana@example.test")

    raw = link_path(outbox[0]).rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert raw not in invitation.token_hash
    assert len(invitation.token_hash) == 64


# Accepting ------------------------------------------------------------------------------


def test_a_new_address_accepts_by_choosing_a_password(client, producer, production, outbox):
    invite_api(producer, production, "new@example.test", role="ad", name="Nia New")
    path = link_path(outbox[0])

    page = client.get(path)
    assert page.status_code == 200
    assert "Harbour Lights" in page.content.decode()
    response = client.post(
        path,
        {
            "action": "create",
            "name": "Nia New",
            "new_password1": "Zx-long-enough-9",
            "new_password2": "Zx-long-enough-9",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="new@example.test")
    assert user.check_password("Zx-long-enough-9")
    assert Membership.objects.get(production=production, user=user).role == "ad"
    assert Person.objects.get(production=production, user=user).name == "Nia New"
    assert Invitation.objects.get().status == "accepted"
    assert client.get(f"/productions/{production.pk}/").status_code == 200


def test_an_existing_account_logs_in_then_accepts(client, producer, production, outbox):
    dana = make_user(email="dana@example.test", name="Dana DP")
    invite_api(producer, production, "dana@example.test", role="hod")
    path = link_path(outbox[0])

    anonymous = client.get(path)
    assert "Log in as dana@example.test to accept" in anonymous.content.decode()
    assert not Membership.objects.filter(user=dana, production=production).exists()

    client.force_login(dana)
    response = client.post(path, {"action": "accept"})

    assert response.status_code == 302
    assert response["Location"] == f"/productions/{production.pk}/"
    assert Membership.objects.get(production=production, user=dana).role == "hod"
    assert Person.objects.filter(production=production, user=dana).exists()


def test_the_wrong_logged_in_user_cannot_accept(client, producer, production, outbox):
    make_user(email="dana@example.test")
    mallory = make_user(email="mallory@example.test")
    invite_api(producer, production, "dana@example.test")
    path = link_path(outbox[0])
    client.force_login(mallory)

    seen = client.get(path)
    accepted = client.post(path, {"action": "accept"})

    assert seen.status_code == 403
    assert accepted.status_code == 403
    assert "dana@example.test" not in accepted.content.decode()
    assert not Membership.objects.filter(production=production, user=mallory).exists()
    assert Invitation.objects.get().status == "pending"


def test_a_used_link_is_refused(client, producer, production, outbox):
    dana = make_user(email="dana@example.test")
    invite_api(producer, production, "dana@example.test")
    path = link_path(outbox[0])
    client.force_login(dana)
    assert client.post(path, {"action": "accept"}).status_code == 302
    Membership.objects.filter(user=dana, production=production).delete()

    again = client.post(path, {"action": "accept"})

    assert again.status_code == 410
    assert not Membership.objects.filter(user=dana, production=production).exists()


def test_an_expired_link_is_refused_and_adds_nobody(client, producer, production, outbox):
    dana = make_user(email="dana@example.test")
    invite_api(producer, production, "dana@example.test")
    path = link_path(outbox[0])
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(dana)

    response = client.post(path, {"action": "accept"})

    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Membership.objects.filter(user=dana, production=production).exists()
    assert Invitation.objects.get().status == "expired"


def test_an_unknown_link_is_a_404(client):
    response = client.get("/accounts/invitations/not-a-real-token/")

    assert response.status_code == 404


def test_declining_adds_nothing(client, producer, production, outbox):
    invite_api(producer, production, "new@example.test")
    path = link_path(outbox[0])

    response = client.post(path, {"action": "decline"})

    assert response.status_code == 200
    assert Invitation.objects.get().status == "declined"
    assert not User.objects.filter(email="new@example.test").exists()
    assert Membership.objects.filter(production=production).count() == 1
    assert client.post(path, {"action": "create"}).status_code == 410


def test_guessing_invitation_links_is_locked_out(client):
    for i in range(20):
        client.get(f"/accounts/invitations/guess-{i}/")

    response = client.get("/accounts/invitations/guess-last/")

    assert response.status_code == 429


# The members page and the invitations API ----------------------------------------------


def test_the_members_page_lists_pending_invitations_to_resend_or_cancel(
    client, producer, production, outbox
):
    invite_api(producer, production, "dana@example.test", role="ad", name="Dana")
    invitation = Invitation.objects.get()
    old_path = link_path(outbox[0])
    client.force_login(producer)
    members = reverse("productions:members", kwargs={"production_id": production.pk})

    html = client.get(members).content.decode()
    assert "dana@example.test" in html
    assert "Waiting for an answer" in html

    kwargs = {"production_id": production.pk, "invitation_id": invitation.pk}
    resent = client.post(reverse("productions:invitation-resend", kwargs=kwargs))
    assert resent.status_code == 302
    assert len(outbox) == 2
    assert client.get(old_path).status_code == 404  # a resend replaces the link
    new_path = link_path(outbox[1])
    assert client.get(new_path).status_code in (200, 403)

    cancelled = client.post(reverse("productions:invitation-cancel", kwargs=kwargs))
    assert cancelled.status_code == 302
    assert Invitation.objects.get().status == "cancelled"
    assert f'id="invitation-{invitation.pk}"' not in client.get(members).content.decode()
    client.logout()
    assert client.get(new_path).status_code == 410


def test_the_invitations_api_lists_resends_and_cancels(api_client, producer, production, outbox):
    invite_api(producer, production, "dana@example.test", role="ad")
    invitation = Invitation.objects.get()
    api_client.force_authenticate(producer)
    base = f"/api/v1/productions/{production.pk}/invitations/"

    listed = api_client.get(base).json()
    resent = api_client.post(f"{base}{invitation.pk}/resend/")
    cancelled = api_client.delete(f"{base}{invitation.pk}/")

    assert [row["email"] for row in listed["results"]] == ["dana@example.test"]
    assert resent.status_code == 200
    assert resent.json()["status"] == "pending"
    assert len(outbox) == 2
    assert cancelled.status_code == 204
    assert Invitation.objects.get().status == "cancelled"


def test_inviting_someone_already_on_the_production_is_a_field_error(
    api_client, producer, production, outbox
):
    response = invite_api(producer, production, producer.email)

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "email": ["pat@example.test is already a member of this production."]
    }
    assert not Invitation.objects.exists()


def test_adding_someone_to_the_crew_with_a_log_in_uses_the_same_invitation(
    client, producer, production, outbox
):
    client.force_login(producer)
    key_grip = Position.objects.get(production=production, title="Key Grip")

    response = client.post(
        reverse("crew:add", kwargs={"production_id": production.pk}),
        {
            "name": "Gus Grip",
            "email": "Gus@Example.test",
            "position": key_grip.pk,
            "status": "offered",
            "call_offset_minutes": "0",
            "account": "invite",
            "role": "hod",
        },
    )

    assert response.status_code == 302
    person = Person.objects.get(production=production, email="gus@example.test")
    assert person.user is None
    invitation = Invitation.objects.get(production=production)
    assert (invitation.email, invitation.name, invitation.role) == (
        "gus@example.test",
        "Gus Grip",
        "hod",
    )
    assert not User.objects.filter(email="gus@example.test").exists()

    client.logout()
    client.post(
        link_path(outbox[-1]),
        {
            "action": "create",
            "name": "Gus",
            "new_password1": "Zx-long-enough-9",
            "new_password2": "Zx-long-enough-9",
        },
    )
    gus = User.objects.get(email="gus@example.test")
    person.refresh_from_db()
    assert person.user == gus  # the crew record the producer made, not a second one
    assert Person.objects.filter(production=production).count() == 2
    assert Membership.objects.get(production=production, user=gus).role == "hod"


@pytest.mark.worker
def test_the_invitation_leaves_from_a_worker_and_its_link_works(client, celery_worker, smtp_sink):
    producer = make_user(name="Pat Producer", email="pat@example.test")
    production = make_production(producer=producer, title="Harbour Lights")

    response = invite_api(producer, production, "gus@example.test", role="hod", name="Gus")

    assert response.status_code == 201
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "gus@example.test"
    assert "Harbour Lights" in message["Subject"]
    body = message.get_payload(decode=True).decode()
    link = re.search(r"https?://[^/\s]+(/accounts/invitations/\S+/)", body)
    assert link is not None
    path = link.group(1)
    answer = client.post(
        path,
        {
            "action": "create",
            "name": "Gus Grip",
            "new_password1": "Zx-long-enough-9",
            "new_password2": "Zx-long-enough-9",
        },
    )
    assert answer.status_code == 302
    gus = User.objects.get(email="gus@example.test")
    assert Membership.objects.get(production=production, user=gus).role == "hod"
    assert client.login(email="gus@example.test", password="Zx-long-enough-9")

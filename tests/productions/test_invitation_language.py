"""The invitation e-mail is in the invitee's language, not the inviter's.

As for the password-reset e-mail (accounts.locale.user_language): the invitee's account
language when the site offers it, otherwise the language of the request that invited.
A new account has the site's default language until its holder chooses another.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import make_production, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    """The queued e-mails, each with the language its subject was translated in."""
    emails: list[dict[str, object]] = []
    languages: list[str | None] = []

    def spy(message: str) -> str:
        languages.append(translation.get_language())
        return translation.gettext(message)

    def enqueue(task, **kwargs):
        emails.append({**kwargs, "language": languages[-1]})

    monkeypatch.setattr("productions.invitations._", spy)
    monkeypatch.setattr("productions.invitations.enqueue_after_commit", enqueue)
    return emails


@pytest.fixture
def producer():
    # The inviter reads the site in German.
    return make_user(name="Pat Producer", email="pat@example.test", language="de")


@pytest.fixture
def production(producer):
    return make_production(producer=producer, title="Harbour Lights")


def _invite(client, production, email):
    url = reverse("productions:member-invite", kwargs={"production_id": production.pk})
    return client.post(url, {"email": email, "name": "", "role": "crew"})


@pytest.mark.parametrize(("language", "expected"), [("fr", "fr"), ("en", "en"), ("tlh", "de")])
def test_an_existing_account_is_invited_in_its_own_language(
    client, sent, producer, production, language, expected
):
    invitee = make_user(email="dana@example.test", name="Dana DP")
    type(invitee).objects.filter(pk=invitee.pk).update(language=language)
    client.force_login(producer)

    response = _invite(client, production, "dana@example.test")

    assert response.status_code == 302
    [email] = sent
    assert email["to"] == ["dana@example.test"]
    assert email["language"] == expected


def test_a_new_address_is_invited_in_the_sites_default_language(client, sent, producer, production):
    client.force_login(producer)

    response = _invite(client, production, "new@example.test")

    assert response.status_code == 302
    [email] = sent
    assert email["language"] == "en"
    assert email["subject"] == "Invitation to Harbour Lights"
    body = str(email["body"])
    assert body.startswith(
        "Pat Producer invited you to Harbour Lights on Callboard.\n\n"
        "You would join as: Crew / cast.\n\n"
        "To accept or decline, open this link:\nhttp"
    )
    assert "/accounts/invitations/" in body
    assert body.endswith(
        "\n\nThe link works for 14 days. If you did not expect this invitation, ignore this "
        "e-mail: nothing happens unless you accept.\n"
    )


def test_an_address_with_an_account_gets_the_same_e_mail_but_its_link(
    client, sent, producer, production
):
    make_user(email="dana@example.test", name="Dana DP")
    client.force_login(producer)

    _invite(client, production, "dana@example.test")
    _invite(client, make_production(producer=producer, title="Harbour Lights"), "new@example.test")

    existing, new = sent
    link = re.compile(r"/accounts/invitations/[^/\s]+/")
    assert existing["subject"] == new["subject"]
    assert link.sub("", str(existing["body"])) == link.sub("", str(new["body"]))

"""The password-reset e-mail is in the account holder's language, not the requester's."""

from __future__ import annotations

import pytest
from django.template import loader
from django.utils import translation

from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered_in(monkeypatch):
    """The active language each reset e-mail template was rendered in, by template."""
    languages: dict[str, str | None] = {}
    render = loader.render_to_string

    def spy(template_name, *args, **kwargs):
        languages[template_name] = translation.get_language()
        return render(template_name, *args, **kwargs)

    monkeypatch.setattr(loader, "render_to_string", spy)
    monkeypatch.setattr("accounts.forms.enqueue_after_commit", lambda task, **kwargs: None)
    return languages


@pytest.mark.parametrize(("language", "expected"), [("fr", "fr"), ("en", "en"), ("tlh", "de")])
def test_the_reset_email_speaks_the_account_holders_language(
    client, rendered_in, language, expected
):
    user = make_user(email="dp@example.test")
    type(user).objects.filter(pk=user.pk).update(language=language)

    response = client.post(
        "/accounts/password-reset/", {"email": "dp@example.test"}, HTTP_ACCEPT_LANGUAGE="de"
    )

    assert response.status_code == 302
    assert rendered_in == {
        "registration/password_reset_subject.txt": expected,
        "registration/password_reset_email.html": expected,
    }

"""A favicon on every page, a way back from the API docs, and where development mail goes."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db
ICON = "/static/img/favicon.svg"


def test_the_favicon_is_a_static_svg():
    path = finders.find("img/favicon.svg")
    assert path is not None
    assert Path(path).read_text(encoding="utf-8").lstrip().startswith("<svg")


@pytest.mark.parametrize("name", ["login", "offline"])
def test_pages_name_the_icon(client, name):
    html = client.get(reverse(name)).content.decode()
    assert f'<link rel="icon" href="{ICON}" type="image/svg+xml">' in html


def test_a_logged_in_page_names_the_icon(client):
    client.force_login(make_user())
    html = client.get(reverse("productions:list")).content.decode()
    assert f'<link rel="icon" href="{ICON}"' in html


def test_favicon_ico_leads_to_the_icon_without_a_login(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == ICON


@pytest.mark.parametrize("name", ["api:docs", "api:redoc"])
def test_the_api_docs_lead_back_into_the_app(client, name):
    client.force_login(make_user())
    html = client.get(reverse(name)).content.decode()
    assert f'<a href="{reverse("home")}">← Back to Callboard</a>' in html
    assert f'<link rel="icon" href="{ICON}"' in html


def test_the_readme_says_where_development_mail_goes():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    section = readme.split("**E-mails in development**", 1)
    assert len(section) == 2, "the README has no paragraph on development e-mail"
    paragraph = section[1].split("\n\n", 1)[0]
    assert "make run" in paragraph
    assert "console" in paragraph
    # … and it is true: the development settings print mail to the console by default.
    local = (Path(settings.BASE_DIR) / "config" / "settings" / "local.py").read_text()
    assert "django.core.mail.backends.console.EmailBackend" in local

"""Each signed-in user's language and time zone are active for their whole request.

Anonymous visitors get the language their browser asks for (Accept-Language) and UTC;
the API answers every client by Accept-Language and in UTC; a production's pages keep
showing times in the production's zone.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.template import Context, Template
from django.urls import path
from django.utils import timezone, translation

from accounts.locale import user_language, user_time_zone
from accounts.models import ApiToken
from crew.models import Deadline
from tests.factories import make_production, make_user

pytestmark = pytest.mark.django_db

_ZONE = Template("{% load tz %}{% get_current_timezone as zone %}{{ zone }}")


@login_not_required
def _what_is_active(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {
            "request_language": request.LANGUAGE_CODE,
            "active_language": translation.get_language(),
            "template_zone": _ZONE.render(Context()),
        }
    )


urlpatterns = [path("what-is-active/", _what_is_active)]
on_probe = pytest.mark.urls(__name__)


@on_probe
def test_a_users_language_and_time_zone_are_active_for_their_request(client):
    client.force_login(make_user(language="fr", time_zone="Europe/Paris"))

    response = client.get("/what-is-active/", HTTP_ACCEPT_LANGUAGE="de")

    assert response.json() == {
        "request_language": "fr",
        "active_language": "fr",
        "template_zone": "Europe/Paris",
    }
    assert response["Content-Language"] == "fr"


@on_probe
def test_nothing_stays_active_after_the_request(client):
    client.force_login(make_user(language="fr", time_zone="Asia/Tokyo"))

    client.get("/what-is-active/")

    assert timezone.get_current_timezone_name() == "UTC"
    assert translation.get_language() != "fr"


@on_probe
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("de-DE,de;q=0.9,en;q=0.5", "de"), ("es", "es"), ("pt-BR", "en"), ("", "en")],
)
def test_anonymous_visitors_get_their_browsers_language_and_utc(client, accept_language, expected):
    response = client.get("/what-is-active/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.json() == {
        "request_language": expected,
        "active_language": expected,
        "template_zone": "UTC",
    }
    assert response["Content-Language"] == expected


@on_probe
def test_a_language_the_site_does_not_offer_falls_back_to_the_browsers(client):
    user = make_user(time_zone="America/New_York")
    type(user).objects.filter(pk=user.pk).update(language="tlh")
    client.force_login(user)

    response = client.get("/what-is-active/", HTTP_ACCEPT_LANGUAGE="es")

    assert response.json()["request_language"] == "es"
    assert response.json()["template_zone"] == "America/New_York"
    assert response["Content-Language"] == "es"


@on_probe
def test_an_unknown_time_zone_falls_back_to_utc(client):
    user = make_user(language="de")
    type(user).objects.filter(pk=user.pk).update(time_zone="Mars/Olympus_Mons")
    client.force_login(user)

    response = client.get("/what-is-active/")

    assert response.json()["template_zone"] == "UTC"
    assert response["Content-Language"] == "de"


def test_the_profile_page_is_in_the_users_language_and_shows_times_in_their_zone(client):
    user = make_user(language="fr", time_zone="Europe/Paris")
    token = ApiToken.objects.create(user=user, name="scripts", key_hash="0" * 64, hint="cb_0000")
    last_used = dt.datetime(2027, 1, 2, 3, 4, tzinfo=dt.UTC)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=last_used)
    client.force_login(user)

    response = client.get("/account/profile/")

    html = response.content.decode()
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr">' in html
    # Django's own French catalogue names the month; 03:04 UTC is 04:04 in Paris.
    assert "2 janvier 2027 04:04" in html


def test_the_same_page_for_an_english_user_in_utc(client):
    user = make_user()
    token = ApiToken.objects.create(user=user, name="scripts", key_hash="0" * 64, hint="cb_0000")
    last_used = dt.datetime(2027, 1, 2, 3, 4, tzinfo=dt.UTC)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=last_used)
    client.force_login(user)

    response = client.get("/account/profile/", HTTP_ACCEPT_LANGUAGE="fr")

    html = response.content.decode()
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in html
    assert "Jan. 2, 2027, 3:04 a.m." in html


def test_production_pages_keep_showing_the_productions_time_zone(client):
    producer = make_user(language="en", time_zone="Asia/Tokyo")
    production = make_production(producer=producer, time_zone="Europe/London")
    Deadline.objects.create(
        production=production,
        title="Script lock",
        due=dt.datetime(2027, 7, 1, 11, 0, tzinfo=dt.UTC),
    )
    client.force_login(producer)

    html = client.get(f"/productions/{production.pk}/deadlines/", {"tab": "all"}).content.decode()

    assert "Thu 1 Jul 2027, 12:00" in html  # British Summer Time, not Tokyo's 20:00


def test_the_api_answers_by_accept_language_and_in_utc_whoever_signs_in(client):
    user = make_user(language="fr", time_zone="Europe/Paris")
    ApiToken.objects.create(user=user, name="scripts", key_hash="0" * 64, hint="cb_0000")
    client.force_login(user)

    english = client.get("/api/v1/tokens/")
    german = client.get("/api/v1/tokens/", HTTP_ACCEPT_LANGUAGE="de")

    assert english.status_code == 200
    assert english["Content-Language"] == "en"
    assert german["Content-Language"] == "de"
    assert english.json()["results"][0]["created_at"].endswith("Z")


def test_the_rule_for_a_users_language_and_zone():
    fr_user = make_user(language="fr", time_zone="Europe/Paris")

    assert user_language(fr_user) == "fr"
    assert user_language(type(fr_user)(language="fr-ca")) == "fr"
    assert user_language(type(fr_user)(language="tlh")) is None
    assert user_language(type(fr_user)(language="")) is None
    assert str(user_time_zone(fr_user)) == "Europe/Paris"
    assert user_time_zone(type(fr_user)(time_zone="")) is dt.UTC
    assert user_time_zone(type(fr_user)(time_zone="../etc/passwd")) is dt.UTC

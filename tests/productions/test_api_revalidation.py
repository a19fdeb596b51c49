"""Revalidation skips the work, and is never stale.

A read's tag is remembered under its validator key (production data version, clock marks
passed, viewer, role, request); a matching ``If-None-Match`` is answered 304 before the
queryset is built. Every write that changes what a reader sees, whatever surface makes it
(API, page form, CSV import, the admin's bulk update, a profile page), must make the same
``If-None-Match`` answer 200 with the new body.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from accounts.services import api_token_create
from core.api.conditional import recent_tags
from crew.models import Deadline, Person
from productions.api.base import ProductionScopedViewSet
from productions.models import Membership
from scheduling.breakdown.models import SceneCharacter
from tests.factories import SceneFactory, add_crew, make_production

pytestmark = pytest.mark.django_db


def _crew_url(production) -> str:
    return f"/api/v1/productions/{production.pk}/crew/?page_size=200"


def _names(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


def _row(response, name):
    return next(row for row in response.json()["results"] if row["name"] == name)


def _prime(api, url) -> str:
    response = api.get(url)
    assert response.status_code == 200
    assert api.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    return str(response["ETag"])


def _refetch(api, url, etag):
    """The same revalidation again: must be a full 200 with a new tag."""
    response = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200, "a stale 304 after a write"
    assert response["ETag"] != etag
    return response


@pytest.fixture
def no_work(monkeypatch):
    """Fail the test if a view builds its queryset (what the short cut must skip)."""

    def refuse(self):
        raise AssertionError("get_queryset() ran: the 304 did the work")

    def install():
        monkeypatch.setattr(ProductionScopedViewSet, "get_queryset", refuse)

    return install


# -- the short cut ----------------------------------------------------------------------


def test_a_revalidation_is_answered_before_any_row_is_read(cast, no_work):
    api = cast.api("crew")
    url = _crew_url(cast.production)
    first = api.get(url)
    no_work()

    again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    star = api.get(url, HTTP_IF_NONE_MATCH="*")

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "private" in again["Cache-Control"]
    assert "no-cache" in again["Cache-Control"]
    assert "Cookie" in again["Vary"]
    assert star.status_code == 304


def test_a_detail_revalidates_the_same_way(cast, no_work):
    api = cast.api("producer")
    url = f"/api/v1/productions/{cast.production.pk}/crew/{cast.hod.engagement.pk}/"
    etag = api.get(url)["ETag"]
    no_work()

    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_200_is_rendered_once_and_its_tag_is_the_hash_of_what_was_sent(cast, monkeypatch):
    calls = []
    render = JSONRenderer.render

    def counting(self, *args, **kwargs):
        calls.append(1)
        return render(self, *args, **kwargs)

    monkeypatch.setattr(JSONRenderer, "render", counting)
    response = cast.api("producer").get(_crew_url(cast.production))

    assert response.status_code == 200
    assert len(calls) == 1
    assert response["ETag"] == f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'


def test_an_indented_body_keeps_the_tag_of_the_compact_json(cast):
    api = cast.api("producer")
    url = _crew_url(cast.production)

    compact = api.get(url)
    indented = api.get(url, HTTP_ACCEPT="application/json; indent=2")

    assert indented.content != compact.content
    assert indented["ETag"] == compact["ETag"]


@pytest.mark.parametrize("size", [10, 200])
def test_a_304_costs_a_constant_number_of_queries(django_assert_num_queries, size):
    production = make_production()
    add_crew(production, size)
    producer = Membership.objects.get(production=production, role="producer").user
    _, raw = api_token_create(user=producer, name="phone")
    api = APIClient(HTTP_AUTHORIZATION=f"Bearer {raw}")
    url = _crew_url(production)
    etag = api.get(url)["ETag"]

    # The token (with its user) and the membership (with the production and its version).
    with django_assert_num_queries(2):
        response = api.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


def test_another_viewer_another_language_or_another_query_builds_its_own(cast, monkeypatch):
    url = _crew_url(cast.production)
    etag = cast.api("producer").get(url)["ETag"]
    built = []
    original = ProductionScopedViewSet.get_queryset

    def counting(self):
        built.append(self.request.get_full_path())
        return original(self)

    monkeypatch.setattr(ProductionScopedViewSet, "get_queryset", counting)
    producer = cast.api("producer")

    cast.api("ad").get(url, HTTP_IF_NONE_MATCH=etag)
    producer.get(url, HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT_LANGUAGE="fr")
    producer.get(url + "&q=cai", HTTP_IF_NONE_MATCH=etag)
    assert len(built) == 3
    searched = producer.get(url + "&q=", HTTP_IF_NONE_MATCH=etag)
    assert len(built) == 4
    reordered = producer.get(
        f"/api/v1/productions/{cast.production.pk}/crew/?q=&page_size=200",
        HTTP_IF_NONE_MATCH=searched["ETag"],
    )

    assert reordered.status_code == 304
    assert len(built) == 4  # the same parameters in another order: no work


def test_a_repeated_revalidation_needs_no_redis_round_trip(cast, monkeypatch, no_work):
    api, url = cast.api("crew"), _crew_url(cast.production)
    etag = api.get(url)["ETag"]
    no_work()

    def refuse(*args, **kwargs):
        raise AssertionError("asked Redis")

    monkeypatch.setattr(cache, "get", refuse)

    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_another_process_finds_the_tag_in_redis(cast, no_work):
    api, url = cast.api("crew"), _crew_url(cast.production)
    etag = api.get(url)["ETag"]
    recent_tags.clear()  # as if the next request reached another gunicorn worker
    no_work()

    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_without_redis_reads_still_answer_and_revalidate(cast):
    api, url = cast.api("crew"), _crew_url(cast.production)
    dead = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    recent_tags.clear()
    with override_settings(CACHES=dead):
        first = api.get(url)
        recent_tags.clear()
        again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert again.status_code == 304  # built, hashed and compared, as before the short cut


def test_a_write_to_another_production_keeps_the_304(cast, no_work):
    api = cast.api("producer")
    url = _crew_url(cast.production)
    etag = _prime(api, url)
    Person.objects.filter(production=cast.other_production).update(name="Someone Else")
    no_work()

    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


# -- never stale: a write through any surface ---------------------------------------------


def test_after_an_api_write(cast):
    reader, url = cast.api("crew"), _crew_url(cast.production)
    etag = _prime(reader, url)

    patched = cast.api("producer").patch(
        f"/api/v1/productions/{cast.production.pk}/crew/{cast.hod.engagement.pk}/",
        {"name": "Hal Hartley"},
        format="json",
    )

    assert patched.status_code == 200
    assert "Hal Hartley" in _names(_refetch(reader, url, etag))


def test_after_a_page_form(cast):
    reader, url = cast.api("crew"), _crew_url(cast.production)
    etag = _prime(reader, url)
    person = cast.hod.person

    posted = cast.client("producer").post(
        reverse(
            "crew:person-edit",
            kwargs={"production_id": cast.production.pk, "person_id": person.pk},
        ),
        {"name": "Hal Renamed", "email": person.email, "language": "en", "phone": ""},
    )

    assert posted.status_code == 302
    assert "Hal Renamed" in _names(_refetch(reader, url, etag))


def test_after_a_csv_import(cast):
    reader, url = cast.api("crew"), _crew_url(cast.production)
    etag = _prime(reader, url)
    content = "name,email,department,position\nGus Grip,gus@example.test,Grip,Key Grip\n"

    posted = cast.client("producer").post(
        reverse("crew:import", kwargs={"production_id": cast.production.pk}),
        {"file": SimpleUploadedFile("crew.csv", content.encode(), content_type="text/csv")},
    )

    assert posted.status_code in {200, 302}
    assert "Gus Grip" in _names(_refetch(reader, url, etag))


def test_after_a_person_shares_their_phone(cast):
    """Privacy: the share flag decides whether a crew member sees the phone at all."""
    Person.objects.filter(pk=cast.hod_other.person.pk).update(phone="+447911000111")
    reader, url = cast.api("crew"), _crew_url(cast.production)
    etag = _prime(reader, url)
    assert "phone" not in _row(reader.get(url), "Sol Sound")
    person = cast.hod_other.person

    posted = cast.client("hod_other").post(
        reverse(
            "crew:person-edit",
            kwargs={"production_id": cast.production.pk, "person_id": person.pk},
        ),
        {"email": person.email, "phone": "+447911000111", "language": "en", "share_phone": "on"},
    )

    assert posted.status_code == 302
    assert _row(_refetch(reader, url, etag), "Sol Sound")["phone"] == "+447911000111"


def test_after_the_readers_role_changes(cast):
    """An assistant director sees everyone's e-mail; demoted to crew, no longer."""
    reader, url = cast.api("ad"), _crew_url(cast.production)
    etag = _prime(reader, url)
    assert "email" in _row(reader.get(url), "Sol Sound")

    patched = cast.api("producer").patch(
        f"/api/v1/productions/{cast.production.pk}/members/{cast.ad.membership.pk}/",
        {"role": "crew"},
        format="json",
    )

    assert patched.status_code == 200
    assert "email" not in _row(_refetch(reader, url, etag), "Sol Sound")


def test_after_a_member_renames_themself_on_their_profile(cast):
    reader = cast.api("producer")
    url = f"/api/v1/productions/{cast.production.pk}/members/"
    etag = _prime(reader, url)

    posted = cast.client("director").post(
        "/account/profile/", {"name": "Dee Renamed", "language": "en", "time_zone": "UTC"}
    )

    assert posted.status_code == 302
    body = _refetch(reader, url, etag).json()
    assert "Dee Renamed" in str(body)


def test_after_a_bulk_update_that_sends_no_signal(cast):
    reader, url = cast.api("crew"), _crew_url(cast.production)
    etag = _prime(reader, url)

    Person.objects.filter(production=cast.production).update(pronouns="they/them")

    assert {row["pronouns"] for row in _refetch(reader, url, etag).json()["results"]} == {
        "they/them"
    }


def test_after_a_page_removes_a_character_from_a_scene(cast):
    scene = SceneFactory.create(production=cast.production)
    character = cast.production.characters.create(name="ANNA")
    link = SceneCharacter.objects.create(scene=scene, character=character)
    reader = cast.api("producer")
    url = f"/api/v1/productions/{cast.production.pk}/scenes/"
    etag = _prime(reader, url)

    posted = cast.client("producer").post(
        reverse(
            "scheduling:scene-character-remove",
            kwargs={
                "production_id": cast.production.pk,
                "scene_id": scene.pk,
                "scene_character_id": link.pk,
            },
        )
    )

    assert posted.status_code == 302
    assert _refetch(reader, url, etag).json()["results"][0]["characters"] == []


# -- time: a deadline falls due without any write -----------------------------------------


@pytest.mark.parametrize("detail", [False, True], ids=["list", "detail"])
def test_a_deadline_falling_due_changes_the_answer(cast, monkeypatch, detail):
    now = timezone.now()
    deadline = Deadline.objects.create(
        production=cast.production, title="Script lock", due=now + timedelta(hours=1)
    )
    reader = cast.api("crew")
    base = f"/api/v1/productions/{cast.production.pk}/deadlines/"
    url = f"{base}{deadline.pk}/" if detail else base
    etag = _prime(reader, url)

    def overdue(response) -> bool:
        body = response.json()
        return bool(body["overdue"] if detail else body["results"][0]["overdue"])

    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=30))
    before_due = reader.get(url, HTTP_IF_NONE_MATCH=etag)
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(hours=2))
    after_due = reader.get(url, HTTP_IF_NONE_MATCH=etag)

    assert before_due.status_code == 304
    assert after_due.status_code == 200
    assert overdue(after_due) is True
    assert after_due["ETag"] != etag

"""Productions and co-producers over REST, including conditional requests."""

from __future__ import annotations

import pytest

from crew.models import Department
from productions.models import CoProducer, Membership, Production
from tests.factories import add_crew, add_member, make_production, make_user

pytestmark = pytest.mark.django_db


def detail(production):
    return f"/api/v1/productions/{production.pk}/"


def producer_of(production):
    return Membership.objects.get(production=production, role="producer").user


def test_creating_a_production_makes_you_its_producer(api_client, user):
    api_client.force_authenticate(user)

    response = api_client.post(
        "/api/v1/productions/",
        {
            "title": "Harbour Lights",
            "kind": "series",
            "time_zone": "Europe/Lisbon",
            "shoot_start": "2030-03-02",
            "shoot_end": "2030-04-30",
            "languages": ["pt", "en"],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["title"], body["kind"], body["role"]) == ("Harbour Lights", "series", "producer")
    assert body["co_producers"] == []
    production = Production.objects.get(pk=body["id"])
    assert Membership.objects.get(production=production).user == user
    assert Department.objects.filter(production=production, name="Camera").exists()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"title": ""}, {"title"}),
        ({"title": "X", "kind": "opera"}, {"kind"}),
        ({"title": "X", "time_zone": "Europe/Atlantis"}, {"time_zone"}),
        ({"title": "X", "shoot_start": "2030-05-10", "shoot_end": "2030-05-01"}, {"shoot_end"}),
        ({"title": "X", "shoot_start": "soon"}, {"shoot_start"}),
    ],
)
def test_bad_production_input_names_the_field_and_creates_nothing(api_client, user, body, fields):
    api_client.force_authenticate(user)

    response = api_client.post("/api/v1/productions/", body, format="json")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == fields
    assert not Production.objects.exists()


def test_list_shows_only_your_productions_with_your_role(api_client, user):
    mine = make_production(title="Mine", producer=user)
    crewing = make_production(title="Crewing")
    add_member(crewing, "crew", user=user)
    make_production(title="Not mine")
    add_crew(mine, 3)
    api_client.force_authenticate(user)

    body = api_client.get("/api/v1/productions/").json()

    assert body["count"] == 2
    assert [(p["title"], p["role"]) for p in body["results"]] == [
        ("Crewing", "crew"),
        ("Mine", "producer"),
    ]
    assert body["results"][1]["crew_count"] == 3


def test_detail_includes_co_producers(api_client):
    production = make_production()
    CoProducer.objects.create(production=production, name="Nordfilm", country="DE", role="majority")
    api_client.force_authenticate(producer_of(production))

    body = api_client.get(detail(production)).json()

    assert body["co_producers"] == [
        {
            "id": production.co_producers.get().pk,
            "name": "Nordfilm",
            "country": "DE",
            "role": "majority",
            "share_percent": None,
        }
    ]


def test_producer_updates_and_deletes_others_may_not(api_client):
    production = make_production(title="Draft")
    ad = make_user()
    Membership.objects.create(production=production, user=ad, role="ad")

    api_client.force_authenticate(ad)
    assert api_client.patch(detail(production), {"title": "AD's"}).status_code == 403
    assert api_client.delete(detail(production)).status_code == 403
    api_client.force_authenticate(producer_of(production))
    updated = api_client.patch(detail(production), {"title": "Final", "status": "production"})
    bad = api_client.patch(
        detail(production), {"wrap_date": "2000-01-01", "shoot_end": "2030-01-01"}
    )
    deleted = api_client.delete(detail(production))

    assert updated.status_code == 200
    assert (updated.json()["title"], updated.json()["status"]) == ("Final", "production")
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"wrap_date"}
    assert deleted.status_code == 204
    assert not Production.objects.filter(pk=production.pk).exists()


def test_a_production_with_crew_can_be_deleted(api_client):
    production = make_production()
    add_crew(production, 2)
    api_client.force_authenticate(producer_of(production))

    assert api_client.delete(detail(production)).status_code == 204


def test_patch_dates_are_checked_against_the_stored_ones(api_client):
    production = make_production(shoot_start="2030-05-10")
    api_client.force_authenticate(producer_of(production))

    response = api_client.patch(detail(production), {"shoot_end": "2030-05-01"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"shoot_end"}
    production.refresh_from_db()
    assert production.shoot_end is None


def test_production_detail_etag_304_and_412(api_client):
    production = make_production(title="Tagged")
    api_client.force_authenticate(producer_of(production))
    etag = api_client.get(detail(production))["ETag"]

    cached = api_client.get(detail(production), HTTP_IF_NONE_MATCH=f'W/{etag}, "other"')
    fresh = api_client.patch(detail(production), {"title": "Retitled"}, HTTP_IF_MATCH=etag)
    stale = api_client.patch(detail(production), {"title": "Clobbered"}, HTTP_IF_MATCH=etag)
    stale_delete = api_client.delete(detail(production), HTTP_IF_MATCH=etag)
    changed = api_client.get(detail(production), HTTP_IF_NONE_MATCH=etag)

    assert cached.status_code == 304
    assert cached["ETag"] == etag
    assert fresh.status_code == 200
    assert stale.status_code == 412
    assert stale.json()["detail"].startswith("This changed since you read it")
    assert stale_delete.status_code == 412
    assert changed.status_code == 200
    assert changed["ETag"] == fresh["ETag"]
    assert Production.objects.get(pk=production.pk).title == "Retitled"


def test_list_sends_an_etag_too(api_client, user):
    make_production(producer=user)
    api_client.force_authenticate(user)
    etag = api_client.get("/api/v1/productions/")["ETag"]

    assert api_client.get("/api/v1/productions/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    make_production(producer=user, title="Another")
    assert api_client.get("/api/v1/productions/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_producers_manage_co_producers(api_client):
    production = make_production()
    url = f"/api/v1/productions/{production.pk}/co-producers/"
    api_client.force_authenticate(producer_of(production))

    created = api_client.post(
        url, {"name": "Lumière SA", "country": "fr", "role": "minority", "share_percent": "30"}
    )
    duplicate = api_client.post(url, {"name": "Lumière SA", "country": "FR"})
    bad = api_client.post(url, {"name": "Nowhere", "country": "F1", "share_percent": "130"})
    co_id = created.json()["id"]
    patched = api_client.patch(f"{url}{co_id}/", {"share_percent": "40.5"})
    listed = api_client.get(detail(production)).json()["co_producers"]
    deleted = api_client.delete(f"{url}{co_id}/")

    assert created.status_code == 201
    assert created.json()["country"] == "FR"
    assert duplicate.status_code == 400
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"country", "share_percent"}
    assert patched.json()["share_percent"] == "40.50"
    assert [c["name"] for c in listed] == ["Lumière SA"]
    assert deleted.status_code == 204
    assert not CoProducer.objects.exists()


def test_co_producers_are_readable_by_any_member(api_client):
    production = make_production()
    CoProducer.objects.create(production=production, name="Nordfilm", country="DE")
    crew, _, _ = add_member(production, "crew")
    api_client.force_authenticate(crew)

    response = api_client.get(f"/api/v1/productions/{production.pk}/co-producers/")

    assert response.status_code == 200
    assert [c["name"] for c in response.json()["results"]] == ["Nordfilm"]


def test_a_non_numeric_co_producer_id_with_if_match_is_404(cast):
    api = cast.api("producer", raise_request_exception=False)
    r = api.delete(
        f"/api/v1/productions/{cast.production.pk}/co-producers/abc/", HTTP_IF_MATCH='"x"'
    )
    assert r.status_code == 404


def test_anonymous_gets_401(api_client):
    assert api_client.get("/api/v1/productions/").status_code == 401
    assert api_client.post("/api/v1/productions/", {"title": "X"}).status_code == 401
    assert not Production.objects.exists()


def test_production_list_query_count_is_constant(api_client, user, django_assert_max_num_queries):
    api_client.force_authenticate(user)
    for size in (1, 15):
        while Membership.objects.filter(user=user).count() < size:
            production = make_production(producer=user)
            CoProducer.objects.create(production=production, name="Nordfilm", country="DE")
        with django_assert_max_num_queries(4):
            response = api_client.get("/api/v1/productions/")
        assert response.json()["count"] == size

"""The crew list over REST: adding, editing and removing people as producers and HODs do."""

from __future__ import annotations

import pytest

from crew.models import Department, Engagement, Person, Position
from productions.models import Membership
from tests.factories import add_crew, add_member, make_production

pytestmark = pytest.mark.django_db


@pytest.fixture
def production():
    return make_production(title="Salt Road")


@pytest.fixture
def producer(production):
    return Membership.objects.get(production=production, role="producer").user


def url(production, engagement_id=None):
    base = f"/api/v1/productions/{production.pk}/crew/"
    return f"{base}{engagement_id}/" if engagement_id else base


def position(production, title):
    return Position.objects.get(production=production, title=title)


def test_producer_adds_a_crew_member_with_their_engagement(api_client, production, producer):
    api_client.force_authenticate(producer)
    gaffer = position(production, "Gaffer")

    response = api_client.post(
        url(production),
        {
            "name": "  Tomasz Nowak ",
            "pronouns": "he/him",
            "email": "Tomasz@Example.test",
            "phone": "+48 601 234 567",
            "position": gaffer.pk,
            "start_date": "2030-04-01",
            "end_date": "2030-05-15",
            "call_offset_minutes": -30,
            "status": "confirmed",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    row = response.json()
    assert row["name"] == "Tomasz Nowak"
    assert row["email"] == "tomasz@example.test"
    assert row["phone"] == "+48601234567"
    assert (row["position_title"], row["department_name"]) == ("Gaffer", "Electric")
    assert row["call_offset_minutes"] == -30
    engagement = Engagement.objects.get(pk=row["id"])
    assert engagement.department == gaffer.department
    assert engagement.person.name == "Tomasz Nowak"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"phone": "12345"}, {"phone"}),
        ({"emergency_contact_phone": "call my mum"}, {"emergency_contact_phone"}),
        ({"start_date": "2030-05-10", "end_date": "2030-05-01"}, {"end_date"}),
        ({"email": "not-an-address"}, {"email"}),
        ({"department": 999999}, {"department"}),
        ({"position": 999999}, {"position"}),
        ({"position": None}, {"position"}),
        ({"name": ""}, {"name"}),
        ({"call_offset_minutes": 900}, {"call_offset_minutes"}),
        ({"status": "hired"}, {"status"}),
        ({"language": "xx"}, {"language"}),
        ({"time_zone": "Mars/Olympus"}, {"time_zone"}),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(
    api_client, production, producer, body, fields
):
    api_client.force_authenticate(producer)
    people = Person.objects.count()
    valid = {"name": "Ana Silva", "position": position(production, "Gaffer").pk}

    response = api_client.post(url(production), {**valid, **body}, format="json")

    assert response.status_code == 400, response.json()
    assert response.json()["detail"] == "Invalid input."
    assert set(response.json()["errors"]) == fields
    assert Person.objects.count() == people


def test_ids_from_another_production_are_unknown_here(api_client, production, producer):
    other = make_production(title="Elsewhere")
    api_client.force_authenticate(producer)

    response = api_client.post(
        url(production),
        {
            "name": "Ana Silva",
            "position": position(other, "Gaffer").pk,
            "department": Department.objects.get(production=other, name="Grip").pk,
        },
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"position", "department"}
    assert not Person.objects.filter(name="Ana Silva").exists()


def test_a_second_person_with_the_same_email_is_refused(api_client, production, producer):
    add_member(production, "crew", email="taken@example.test", name="Tam Taken")
    api_client.force_authenticate(producer)

    response = api_client.post(
        url(production),
        {
            "name": "Twin",
            "email": "TAKEN@example.test",
            "position": position(production, "Grip").pk,
        },
        format="json",
    )

    assert response.status_code == 400
    # On the field, as on the page; named, since a producer sees everyone's e-mail.
    assert response.json()["errors"] == {
        "email": ["Tam Taken on this production already has that e-mail."]
    }
    assert not Person.objects.filter(name="Twin").exists()


def test_a_department_head_adds_and_edits_only_their_own_department(api_client, production):
    gaffer_user, _, _ = add_member(production, "hod", department="Electric")
    [grip_engagement] = add_crew(production, 1, department="Grip")
    [spark] = add_crew(production, 1, department="Electric")
    api_client.force_authenticate(gaffer_user)

    own = api_client.post(
        url(production),
        {"name": "Best Boy", "position": position(production, "Best Boy Electric").pk},
        format="json",
    )
    other = api_client.post(
        url(production),
        {"name": "Dolly", "position": position(production, "Dolly Grip").pk},
        format="json",
    )
    patch_own = api_client.patch(url(production, spark.pk), {"call_offset_minutes": -60})
    patch_other = api_client.patch(
        url(production, grip_engagement.pk), {"call_offset_minutes": -60}
    )
    move_away = api_client.patch(
        url(production, spark.pk), {"position": position(production, "Key Grip").pk}
    )

    assert own.status_code == 201
    assert other.status_code == 403
    assert patch_own.status_code == 200
    assert patch_own.json()["call_offset_minutes"] == -60
    assert patch_other.status_code == 403
    assert move_away.status_code == 403
    assert not Person.objects.filter(name="Dolly").exists()
    assert Engagement.objects.get(pk=grip_engagement.pk).call_offset_minutes == 0
    assert Engagement.objects.get(pk=spark.pk).position.title != "Key Grip"


@pytest.mark.parametrize("role", ["crew", "director", "ad"])
def test_roles_without_crew_management_get_403(api_client, production, role):
    viewer, _, _ = add_member(production, role, department="Camera")
    [engagement] = add_crew(production, 1, department="Camera")
    api_client.force_authenticate(viewer)

    assert (
        api_client.patch(url(production, engagement.pk), {"status": "wrapped"}).status_code == 403
    )
    assert api_client.delete(url(production, engagement.pk)).status_code == 403
    assert (
        api_client.post(
            url(production), {"name": "X", "position": position(production, "Grip").pk}
        ).status_code
        == 403
    )
    assert Engagement.objects.get(pk=engagement.pk).status == "offered"


def test_patch_updates_person_and_engagement_together_or_not_at_all(
    api_client, production, producer
):
    [engagement] = add_crew(production, 1, department="Grip")
    api_client.force_authenticate(producer)

    bad = api_client.patch(
        url(production, engagement.pk),
        {"name": "Renamed", "phone": "not a phone", "start_date": "2030-01-10"},
        format="json",
    )
    good = api_client.patch(
        url(production, engagement.pk),
        {"name": "Renamed", "phone": "+44 20 7946 0958", "status": "confirmed"},
        format="json",
    )

    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"phone"}
    assert good.status_code == 200
    assert (good.json()["name"], good.json()["phone"], good.json()["status"]) == (
        "Renamed",
        "+442079460958",
        "confirmed",
    )
    engagement.refresh_from_db()
    assert engagement.start_date is None


def test_end_before_existing_start_is_a_field_error_on_patch(api_client, production, producer):
    [engagement] = add_crew(production, 1)
    api_client.force_authenticate(producer)
    api_client.patch(url(production, engagement.pk), {"start_date": "2030-05-10"})

    response = api_client.patch(url(production, engagement.pk), {"end_date": "2030-05-01"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"end_date"}


def test_removing_the_only_engagement_of_a_person_without_login_removes_them(
    api_client, production, producer
):
    [engagement] = add_crew(production, 1)
    _, member, member_engagement = add_member(production, "crew", department="Grip")
    api_client.force_authenticate(producer)

    assert api_client.delete(url(production, engagement.pk)).status_code == 204
    assert api_client.delete(url(production, member_engagement.pk)).status_code == 204

    assert not Person.objects.filter(pk=engagement.person_id).exists()
    assert Person.objects.filter(pk=member.pk).exists()  # still a member, keeps their record
    assert api_client.get(url(production, engagement.pk)).status_code == 404


def test_filters(api_client, production, producer):
    add_crew(production, 3, department="Grip")
    add_crew(production, 2, department="Sound")
    sound = Department.objects.get(production=production, name="Sound")
    Engagement.objects.filter(department=sound).update(status="confirmed")
    api_client.force_authenticate(producer)

    def names(query):
        response = api_client.get(url(production), query)
        assert response.status_code == 200, response.json()
        return [row["department_name"] for row in response.json()["results"]]

    assert names({"department": sound.pk}) == ["Sound", "Sound"]
    assert names({"status": "confirmed"}) == ["Sound", "Sound"]
    assert set(names({"q": "grip"})) == {"Grip"}
    assert len(names({})) == 5
    assert api_client.get(url(production), {"department": "camera"}).json()["errors"] == {
        "department": ["“camera” is not an id."]
    }
    assert "status" in api_client.get(url(production), {"status": "hired"}).json()["errors"]


def test_crew_detail_etag_and_if_match(api_client, production, producer):
    [engagement] = add_crew(production, 1)
    api_client.force_authenticate(producer)
    first = api_client.get(url(production, engagement.pk))
    etag = first["ETag"]

    not_modified = api_client.get(url(production, engagement.pk), HTTP_IF_NONE_MATCH=etag)
    updated = api_client.patch(
        url(production, engagement.pk), {"call_offset_minutes": 15}, HTTP_IF_MATCH=etag
    )
    stale = api_client.patch(
        url(production, engagement.pk), {"call_offset_minutes": 45}, HTTP_IF_MATCH=etag
    )
    after = api_client.get(url(production, engagement.pk), HTTP_IF_NONE_MATCH=etag)

    assert first.status_code == 200
    assert etag.startswith('"')
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert updated.status_code == 200
    assert updated["ETag"] != etag
    assert stale.status_code == 412
    assert stale.json()["errors"] == {}
    assert after.status_code == 200
    assert after["ETag"] == updated["ETag"]
    assert Engagement.objects.get(pk=engagement.pk).call_offset_minutes == 15


def test_etag_differs_between_viewers_who_see_different_fields(api_client, production, producer):
    [engagement] = add_crew(production, 1)
    crew_user, _, _ = add_member(production, "crew")
    api_client.force_authenticate(producer)
    producer_tag = api_client.get(url(production, engagement.pk))["ETag"]
    api_client.force_authenticate(crew_user)

    response = api_client.get(url(production, engagement.pk), HTTP_IF_NONE_MATCH=producer_tag)

    assert response.status_code == 200
    assert "address" not in response.json()


def test_a_department_head_cannot_change_sharing_or_private_details_of_their_crew(
    api_client, production
):
    hod, _, _ = add_member(production, "hod", department="Grip")
    _, victim, eng = add_member(
        production, "crew", department="Grip", phone="+447911123456", address="Home 1"
    )
    api_client.force_authenticate(hod)
    r = api_client.patch(
        f"/api/v1/productions/{production.pk}/crew/{eng.pk}/",
        {"share_phone": True, "address": "overwritten"},
        format="json",
    )
    victim.refresh_from_db()
    assert r.status_code == 403
    assert not victim.share_phone
    assert victim.address == "Home 1"

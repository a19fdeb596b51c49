"""Contact and private fields are absent (no key at all) for viewers who may not see them."""

from __future__ import annotations

import datetime as dt

import pytest

from crew.models import Unavailability
from tests.factories import add_member, make_user

pytestmark = pytest.mark.django_db

CONTACT = {"email", "phone"}
PRIVATE = {"address", "emergency_contact_name", "emergency_contact_phone", "dietary_notes"}


@pytest.fixture
def ines(cast):
    """Ines (Camera, has an account), and everyone in the cast who might look at her row."""
    ines_user, person, engagement = add_member(
        cast.production,
        "crew",
        department="Camera",
        name="Ines Duarte",
        email="ines@example.test",
        phone="+351912345678",
        address="Rua das Flores 12, Lisboa",
        emergency_contact_name="Rui Duarte",
        emergency_contact_phone="+351912345679",
        dietary_notes="Vegetarian",
    )
    viewers = {
        "producer": cast.producer.user,
        "ad": cast.ad.user,
        "hod_own_department": cast.hod.user,  # heads Camera
        "hod_other_department": cast.hod_other.user,  # heads Sound
        "director": cast.director.user,
        "crew": cast.crew.user,  # in Camera too, but crew see no one's contacts
        "self": ines_user,
    }
    Unavailability.objects.create(
        person=person,
        start_date=dt.date(2030, 6, 1),
        end_date=dt.date(2030, 6, 3),
        reason="Sister's wedding",
    )
    return {
        "production": cast.production,
        "person": person,
        "engagement": engagement,
        "viewers": viewers,
    }


EXPECTED = {
    "producer": CONTACT | PRIVATE,
    "ad": CONTACT | PRIVATE,
    "hod_own_department": CONTACT,
    "hod_other_department": set(),
    "director": set(),
    "crew": set(),
    "self": CONTACT | PRIVATE,
}


def crew_row(api_client, ines, viewer):
    api_client.force_authenticate(ines["viewers"][viewer])
    url = f"/api/v1/productions/{ines['production'].pk}/crew/"
    detail = api_client.get(f"{url}{ines['engagement'].pk}/")
    assert detail.status_code == 200
    [row] = [r for r in api_client.get(url).json()["results"] if r["id"] == ines["engagement"].pk]
    assert row == detail.json()
    return row


@pytest.mark.parametrize(("viewer", "expected"), EXPECTED.items(), ids=EXPECTED.keys())
def test_contact_and_private_fields_follow_the_viewers_role(api_client, ines, viewer, expected):
    row = crew_row(api_client, ines, viewer)

    assert (CONTACT | PRIVATE) & row.keys() == expected
    assert row["name"] == "Ines Duarte"
    assert row["department_name"] == "Camera"
    if "phone" in expected:
        assert row["phone"] == "+351912345678"
    if "address" in expected:
        assert row["address"] == "Rua das Flores 12, Lisboa"


@pytest.mark.parametrize(
    ("flags", "shown"),
    [
        ({"share_email": True}, {"email"}),
        ({"share_phone": True}, {"phone"}),
        ({"share_email": True, "share_phone": True}, {"email", "phone"}),
    ],
)
def test_sharing_opens_only_the_chosen_contact_field_to_everyone(api_client, ines, flags, shown):
    for field, value in flags.items():
        setattr(ines["person"], field, value)
    ines["person"].save()

    for viewer in ("crew", "director", "hod_other_department"):
        row = crew_row(api_client, ines, viewer)
        assert (CONTACT | PRIVATE) & row.keys() == shown, viewer


def test_share_flags_and_department_notes_are_for_the_person_and_managers(api_client, ines):
    ines["engagement"].notes = "Needs a parking spot near the truck."
    ines["engagement"].save()

    seen = {viewer: crew_row(api_client, ines, viewer).keys() for viewer in EXPECTED}

    assert {v for v, keys in seen.items() if "share_phone" in keys} == {
        "producer",
        "hod_own_department",
        "self",
    }
    assert {v for v, keys in seen.items() if "notes" in keys} == {
        "producer",
        "hod_own_department",
    }


def test_a_department_head_sees_contacts_of_people_who_also_work_in_their_department(
    api_client, ines
):
    """Ines also works in Sound: the Sound head sees her contacts on her Camera row too."""
    from crew.models import Engagement, Position

    production = ines["production"]
    boom = Position.objects.get(production=production, title="Boom Operator")
    Engagement.objects.create(
        production=production, person=ines["person"], position=boom, department=boom.department
    )

    row = crew_row(api_client, ines, "hod_other_department")

    assert (CONTACT | PRIVATE) & row.keys() == CONTACT


@pytest.mark.parametrize(
    ("viewer", "sees_reason"),
    [
        ("producer", True),
        ("self", True),
        ("ad", False),
        ("hod_own_department", False),
        ("director", False),
    ],
)
def test_unavailability_reason_only_for_producers_and_the_person(
    api_client, ines, viewer, sees_reason
):
    api_client.force_authenticate(ines["viewers"][viewer])
    url = (
        f"/api/v1/productions/{ines['production'].pk}/crew/{ines['engagement'].pk}/unavailability/"
    )

    [entry] = api_client.get(url).json()["results"]
    detail = api_client.get(f"{url}{entry['id']}/").json()

    assert entry == detail
    assert (entry["start_date"], entry["end_date"]) == ("2030-06-01", "2030-06-03")
    assert ("reason" in entry) is sees_reason
    if sees_reason:
        assert entry["reason"] == "Sister's wedding"


def test_crew_see_their_own_dates_but_not_other_peoples(api_client, ines):
    production = ines["production"]
    crew_user = ines["viewers"]["crew"]
    own = crew_user.people.get(production=production).engagements.get()
    api_client.force_authenticate(crew_user)

    others = api_client.get(
        f"/api/v1/productions/{production.pk}/crew/{ines['engagement'].pk}/unavailability/"
    )
    mine = api_client.get(f"/api/v1/productions/{production.pk}/crew/{own.pk}/unavailability/")

    assert others.status_code == 403
    assert mine.status_code == 200


@pytest.mark.parametrize(
    ("viewer", "sees_email"),
    [
        ("producer", True),
        ("ad", True),
        ("hod_own_department", True),
        ("self", True),
        ("hod_other_department", False),
        ("director", False),
        ("crew", False),
    ],
)
def test_member_list_email_follows_the_same_rules(api_client, ines, viewer, sees_email):
    api_client.force_authenticate(ines["viewers"][viewer])

    rows = api_client.get(f"/api/v1/productions/{ines['production'].pk}/members/").json()

    [row] = [r for r in rows["results"] if r["person"] == ines["person"].pk]
    assert ("email" in row) is sees_email


def test_the_member_list_never_shows_a_members_login_email(cast):
    ines = make_user(email="ines.private@example.test")
    add_member(
        cast.production,
        "crew",
        department="Camera",
        user=ines,
        email="ines.work@example.test",
        share_email=True,
    )
    api = cast.api("crew")
    rows = api.get(f"/api/v1/productions/{cast.production.pk}/members/").json()["results"]
    [row] = [r for r in rows if r["user"] == ines.pk]
    assert row.get("email") != "ines.private@example.test"

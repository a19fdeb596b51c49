"""A person's page, and who may edit what on it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crew.models import Character, Department, Engagement, EngagementStatus, Person, Position
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer():
    return make_user(name="Pat Producer")


@pytest.fixture
def production(producer):
    return make_production(producer=producer, title="Harbour Lights")


def _url(name, production, **kwargs):
    return reverse(name, kwargs={"production_id": production.pk, **kwargs})


def _person_form(person, **changes):
    data = {
        "name": person.name,
        "pronouns": person.pronouns,
        "email": person.email,
        "phone": person.phone,
        "address": person.address,
        "language": person.language,
        "time_zone": person.time_zone,
        "emergency_contact_name": person.emergency_contact_name,
        "emergency_contact_phone": person.emergency_contact_phone,
        "dietary_notes": person.dietary_notes,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _engagement_form(engagement, **changes):
    data = {
        "position": engagement.position_id,
        "department": engagement.department_id or "",
        "start_date": engagement.start_date or "",
        "end_date": engagement.end_date or "",
        "call_offset_minutes": engagement.call_offset_minutes,
        "status": engagement.status,
        "notes": engagement.notes,
    }
    data.update(changes)
    return data


def test_the_page_shows_engagements_call_and_characters(client, production, producer):
    _, person, engagement = add_member(production, "crew", department="Cast", name="Ann Actor")
    Engagement.objects.filter(pk=engagement.pk).update(call_offset_minutes=-90)
    Character.objects.create(
        production=production, name="DETECTIVE", cast_number=1, engagement=engagement
    )
    client.force_login(producer)

    html = client.get(_url("crew:person", production, person_id=person.pk)).content.decode()

    assert "Ann Actor" in html
    assert engagement.position.title in html
    assert "1 h 30 min before" in html
    assert "#1</strong> DETECTIVE" in html


def test_a_producer_edits_everything(client, production, producer):
    _, person, _ = add_member(production, "crew", department="Grip", name="Gus Grip")
    client.force_login(producer)

    response = client.post(
        _url("crew:person-edit", production, person_id=person.pk),
        _person_form(person, name="Gus Grippe", phone="+44 20 7946 0958", share_email="on"),
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Gus Grippe"
    assert person.phone == "+442079460958"
    assert person.share_email is True


def test_a_person_edits_their_own_contact_details_and_sharing(client, production):
    user, person, _ = add_member(production, "crew", department="Grip", name="Gus Grip")
    client.force_login(user)
    url = _url("crew:person-edit", production, person_id=person.pk)
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        _person_form(person, name="Renamed", phone="+33 6 12 34 56 78", share_phone="on"),
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "+33612345678"
    assert person.share_phone is True
    assert person.name == "Gus Grip"  # the name is the production's to change


def test_a_department_head_edits_their_departments_engagement_and_notes(client, production):
    hod, _, _ = add_member(production, "hod", department="Grip")
    _, _person, engagement = add_member(production, "crew", department="Grip")
    client.force_login(hod)

    response = client.post(
        _url("crew:engagement-edit", production, engagement_id=engagement.pk),
        _engagement_form(engagement, notes="Bring the long dolly track.", status="confirmed"),
    )

    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.notes == "Bring the long dolly track."
    assert engagement.status == EngagementStatus.CONFIRMED


def test_a_department_head_cannot_move_someone_into_another_department(client, production):
    hod, _, _ = add_member(production, "hod", department="Grip")
    _, _, engagement = add_member(production, "crew", department="Grip")
    gaffer = Position.objects.get(production=production, title="Gaffer")
    client.force_login(hod)

    response = client.post(
        _url("crew:engagement-edit", production, engagement_id=engagement.pk),
        _engagement_form(engagement, position=gaffer.pk, department=gaffer.department_id),
    )

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    engagement.refresh_from_db()
    assert engagement.position.title != "Gaffer"


def test_department_notes_are_shown_to_those_who_manage_the_department(
    client, production, producer
):
    crew, _, _ = add_member(production, "crew", department="Grip")
    _, person, engagement = add_member(production, "crew", department="Grip")
    Engagement.objects.filter(pk=engagement.pk).update(notes="Owes us a ratchet strap")
    url = _url("crew:person", production, person_id=person.pk)

    client.force_login(producer)
    assert "Owes us a ratchet strap" in client.get(url).content.decode()
    client.force_login(crew)
    assert "Owes us a ratchet strap" not in client.get(url).content.decode()


def test_end_date_before_start_date_is_a_form_error_and_changes_nothing(
    client, production, producer
):
    _, _, engagement = add_member(production, "crew", department="Grip")
    client.force_login(producer)

    response = client.post(
        _url("crew:engagement-edit", production, engagement_id=engagement.pk),
        _engagement_form(engagement, start_date="2026-05-10", end_date="2026-05-01"),
    )

    assert response.status_code == 400
    assert "The end date cannot be before the start date." in response.content.decode()
    engagement.refresh_from_db()
    assert engagement.start_date is None
    assert engagement.end_date is None


@pytest.mark.parametrize("phone", ["not a phone", "+44 12", "12345"])
def test_an_invalid_phone_is_a_form_error_and_changes_nothing(client, production, producer, phone):
    _, person, _ = add_member(production, "crew", department="Grip", phone="+447700900111")
    client.force_login(producer)

    response = client.post(
        _url("crew:person-edit", production, person_id=person.pk),
        _person_form(person, phone=phone, name="Changed"),
    )

    assert response.status_code == 400
    assert "phone number" in response.content.decode()
    person.refresh_from_db()
    assert person.phone == "+447700900111"
    assert person.name != "Changed"


def test_a_duplicate_email_is_an_error_and_changes_nothing(client, production, producer):
    _, first, _ = add_member(production, "crew", department="Grip")
    _, second, _ = add_member(production, "crew", department="Grip")
    client.force_login(producer)

    response = client.post(
        _url("crew:person-edit", production, person_id=second.pk),
        _person_form(second, email=first.email.upper()),
    )

    assert response.status_code == 400
    assert "already has that e-mail" in response.content.decode()
    assert Person.objects.get(pk=second.pk).email == second.email


def test_a_producer_adds_a_second_engagement(client, production, producer):
    _, person, _ = add_member(production, "crew", department="Grip")
    stills = Position.objects.get(production=production, title="Stills Photographer")
    client.force_login(producer)

    response = client.post(
        _url("crew:engagement-add", production, person_id=person.pk),
        {"position": stills.pk, "department": "", "call_offset_minutes": "0", "status": "offered"},
    )

    assert response.status_code == 302
    added = person.engagements.get(position=stills)
    assert added.department == stills.department


def test_holding_the_same_position_twice_is_a_form_error(client, production, producer):
    _, person, engagement = add_member(production, "crew", department="Grip")
    client.force_login(producer)

    response = client.post(
        _url("crew:engagement-add", production, person_id=person.pk),
        _engagement_form(engagement),
    )

    assert response.status_code == 400
    assert "already holds that position" in response.content.decode()
    assert person.engagements.count() == 1


def test_a_department_head_cannot_engage_someone_from_another_department_to_reach_them(
    client, api_client, production, producer
):
    """Engaging the producer into Grip must not give the Grip head their phone or record."""
    hod, _, _ = add_member(production, "hod", department="Grip")
    target = Person.objects.get(production=production, user=producer)
    Person.objects.filter(pk=target.pk).update(phone="+447911000111")
    pos = Position.objects.get(production=production, title="Dolly Grip")
    grip = Department.objects.get(production=production, name="Grip")
    client.force_login(hod)
    client.post(
        f"/productions/{production.pk}/crew/people/{target.pk}/engagements/new/",
        {"position": pos.pk, "department": grip.pk, "status": "offered", "call_offset_minutes": 0},
    )
    page = client.get(f"/productions/{production.pk}/crew/people/{target.pk}/").content.decode()
    eng = Engagement.objects.filter(person=target, position=pos).first()
    api_client.force_authenticate(hod)
    if eng:
        api_client.patch(
            f"/api/v1/productions/{production.pk}/crew/{eng.pk}/",
            {"email": "hod-owned@example.test"},
            format="json",
        )
        api_client.delete(f"/api/v1/productions/{production.pk}/crew/{eng.pk}/")
    target.refresh_from_db()
    assert "7911" not in page, "HOD now reads the producer's phone"
    assert target.email != "hod-owned@example.test", "HOD rewrote the producer's record"

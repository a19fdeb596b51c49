"""Adding a person: with or without a log-in, by producers or the department's head."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.models import User
from crew.models import Department, Engagement, Person, Position
from productions.models import Membership
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer():
    return make_user(name="Pat Producer")


@pytest.fixture
def production(producer):
    return make_production(producer=producer, title="Harbour Lights")


def _url(production):
    return reverse("crew:add", kwargs={"production_id": production.pk})


def _form(production, **changes):
    key_grip = Position.objects.get(production=production, title="Key Grip")
    data = {
        "name": "Gus Grip",
        "pronouns": "he/him",
        "email": "gus@example.test",
        "phone": "+44 7911 123456",
        "position": key_grip.pk,
        "department": "",
        "start_date": "2026-04-01",
        "end_date": "2026-05-30",
        "call_offset_minutes": "-30",
        "status": "confirmed",
        "account": "none",
        "role": "crew",
    }
    data.update(changes)
    return data


def test_a_producer_adds_a_person_without_an_account(client, production, producer):
    client.force_login(producer)

    response = client.post(_url(production), _form(production, phone="+44 7911 123456"))

    assert response.status_code == 302
    person = Person.objects.get(production=production, email="gus@example.test")
    assert person.phone == "+447911123456"
    assert person.user is None
    engagement = person.engagements.get()
    assert str(engagement.department) == "Grip"
    assert engagement.call_offset_minutes == -30
    assert response["Location"].endswith(f"/people/{person.pk}/")


def test_a_national_number_is_read_in_the_lead_co_producers_country(client, production, producer):
    production.co_producers.create(name="Harbour Films", country="GB", role="majority")
    client.force_login(producer)

    client.post(_url(production), _form(production, phone="07911 123456"))

    assert Person.objects.get(email="gus@example.test").phone == "+447911123456"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"phone": "call me maybe"}, "phone", "is not a phone number"),
        ({"phone": "+44 12"}, "phone", "is not a valid phone number"),
        (
            {"start_date": "2026-05-01", "end_date": "2026-04-01"},
            "end_date",
            "The end date cannot be before the start date.",
        ),
        ({"call_offset_minutes": "9000"}, "call_offset_minutes", "less than or equal to 720"),
        ({"name": ""}, "name", "This field is required."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"position": "999999"}, "position", "Select a valid choice."),
        ({"account": "invite", "email": ""}, "email", "An invitation needs an e-mail address."),
    ],
)
def test_bad_input_is_a_form_error_and_saves_nothing(
    client, production, producer, changes, field, message
):
    client.force_login(producer)
    people_before = Person.objects.count()

    response = client.post(_url(production), _form(production, **changes))

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}"' in html
    assert Person.objects.count() == people_before
    assert not Engagement.objects.filter(person__name="Gus Grip").exists()


def test_an_email_already_on_the_production_is_a_form_error(client, production, producer):
    add_member(production, "crew", department="Grip", email="gus@example.test", name="Gus")
    client.force_login(producer)

    response = client.post(_url(production), _form(production, email="GUS@example.test"))

    assert response.status_code == 400
    assert "already has that e-mail" in response.content.decode()
    assert Person.objects.filter(production=production, email="gus@example.test").count() == 1


def test_another_productions_position_is_refused(client, production, producer):
    other = make_production(title="Other")
    their_position = Position.objects.get(production=other, title="Key Grip")
    client.force_login(producer)

    response = client.post(_url(production), _form(production, position=their_position.pk))

    assert response.status_code == 400
    assert not Person.objects.filter(email="gus@example.test").exists()


def test_a_department_head_adds_into_their_own_department_only(client, production):
    hod, _, _ = add_member(production, "hod", department="Grip")
    grip = Department.objects.get(production=production, name="Grip")
    gaffer = Position.objects.get(production=production, title="Gaffer")
    client.force_login(hod)

    page = client.get(_url(production)).content.decode()
    refused = client.post(
        _url(production), _form(production, position=gaffer.pk, department=gaffer.department_id)
    )
    accepted = client.post(_url(production), _form(production, department=grip.pk))

    assert "Gaffer" not in page
    assert refused.status_code == 400
    assert accepted.status_code == 302
    gus = Person.objects.get(production=production, name="Gus Grip")
    assert gus.engagements.get().department == grip
    # A department head's address waits for its owner's confirmation (crew.privacy).
    assert gus.email == ""
    assert gus.email_confirmations.get().email == "gus@example.test"


def test_a_department_head_may_invite_only_as_crew(client, production):
    hod, _, _ = add_member(production, "hod", department="Grip")
    grip = Department.objects.get(production=production, name="Grip")
    client.force_login(hod)

    response = client.post(
        _url(production),
        _form(production, department=grip.pk, account="invite", role="producer"),
    )

    assert response.status_code == 400
    assert not Membership.objects.filter(user__email="gus@example.test").exists()


def test_inviting_someone_already_on_the_production_saves_nothing(client, production, producer):
    existing = make_user(email="gus@example.test")
    Membership.objects.create(user=existing, production=production, role="crew")
    client.force_login(producer)

    response = client.post(_url(production), _form(production, account="invite"))

    assert response.status_code == 400
    assert "already a member" in response.content.decode()
    assert not Person.objects.filter(production=production, email="gus@example.test").exists()


@pytest.mark.worker
def test_an_invitation_reaches_the_inbox_with_a_link_to_accept(client, celery_worker, smtp_sink):
    producer = make_user(name="Pat Producer")
    production = make_production(producer=producer, title="Harbour Lights")
    client.force_login(producer)

    response = client.post(
        _url(production), _form(production, account="invite", role="hod", email="Gus@Example.test")
    )

    assert response.status_code == 302
    person = Person.objects.get(production=production, email="gus@example.test")
    assert person.user is None  # until Gus accepts
    assert not User.objects.filter(email="gus@example.test").exists()
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "gus@example.test"
    assert "Harbour Lights" in message["Subject"]
    body = message.get_payload(decode=True).decode()
    link = re.search(r"https?://\S+(/accounts/invitations/\S+/)", body)
    assert link is not None
    # The link works: it leads to the page where Gus chooses a password to accept.
    client.logout()
    page = client.get(link.group(1))
    assert "Accept and create my account" in page.content.decode()


def test_the_add_form_does_not_tell_a_department_head_whose_email_it_is(client, production):
    hod, _, _ = add_member(production, "hod", department="Grip")
    add_member(production, "crew", department="Camera", name="Secret Sam", email="sam@example.test")
    pos = Position.objects.get(production=production, title="Dolly Grip")
    grip = Department.objects.get(production=production, name="Grip")
    client.force_login(hod)
    r = client.post(
        f"/productions/{production.pk}/crew/add/",
        {
            "name": "X",
            "email": "sam@example.test",
            "position": pos.pk,
            "department": grip.pk,
            "status": "offered",
            "account": "none",
            "role": "crew",
            "call_offset_minutes": 0,
        },
    )
    assert "Secret Sam" not in r.content.decode()

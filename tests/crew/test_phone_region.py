"""National phone numbers are read in the production's country, and the form says how."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crew.models import Person, Position
from crew.phones import default_phone_region, phone_hint
from tests.factories import make_production, make_user

pytestmark = pytest.mark.django_db


def _add(client, production, phone: str):
    key_grip = Position.objects.get(production=production, title="Key Grip")
    return client.post(
        reverse("crew:add", kwargs={"production_id": production.pk}),
        {
            "name": "Gus Grip",
            "email": "gus@example.test",
            "phone": phone,
            "position": key_grip.pk,
            "call_offset_minutes": "0",
            "status": "confirmed",
            "account": "none",
            "role": "crew",
        },
    )


@pytest.mark.parametrize(
    ("time_zone", "typed", "stored"),
    [
        ("Europe/London", "07911 123456", "+447911123456"),
        ("America/Los_Angeles", "(805) 555-0123", "+18055550123"),
        ("Europe/Paris", "06 12 34 56 78", "+33612345678"),
    ],
)
def test_without_co_producers_the_time_zone_gives_the_country(client, time_zone, typed, stored):
    producer = make_user(name="Pat Producer")
    production = make_production(producer=producer, time_zone=time_zone)
    client.force_login(producer)

    page = client.get(reverse("crew:add", kwargs={"production_id": production.pk}))
    region = default_phone_region(production)
    assert phone_hint(region) in page.content.decode()

    assert _add(client, production, typed).status_code == 302
    assert Person.objects.get(production=production, email="gus@example.test").phone == stored


def test_the_lead_co_producer_wins_over_the_time_zone(client):
    producer = make_user(name="Pat Producer")
    production = make_production(producer=producer, time_zone="America/Los_Angeles")
    production.co_producers.create(name="Harbour Films", country="GB", role="majority")
    client.force_login(producer)

    page = client.get(reverse("crew:add", kwargs={"production_id": production.pk}))
    assert "Local format for United Kingdom: 07400 123456." in page.content.decode()
    assert _add(client, production, "07911 123456").status_code == 302
    assert Person.objects.get(production=production, name="Gus Grip").phone == "+447911123456"


def test_a_zone_of_no_country_asks_for_the_country_code(client):
    producer = make_user(name="Pat Producer")
    production = make_production(producer=producer, time_zone="UTC")
    client.force_login(producer)
    assert default_phone_region(production) is None

    page = client.get(reverse("crew:add", kwargs={"production_id": production.pk}))
    assert "Include the country code, e.g. +44 20 7946 0958." in page.content.decode()
    response = _add(client, production, "07911 123456")
    assert response.status_code == 400
    assert "phone" in response.context["form"].errors
    assert not Person.objects.filter(production=production, name="Gus Grip").exists()


def test_the_hint_names_the_country_in_the_viewers_language():
    from django.utils import translation

    with translation.override("fr"):
        assert "Royaume-Uni" in phone_hint("GB")
    assert "(201) 555-0123" in phone_hint("US")

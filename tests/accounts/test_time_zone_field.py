"""Time zones are typed with suggestions (an <input list>), and checked on the server."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.time_zones import TimeZoneField
from productions.models import Production
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_field_forgives_case_and_spaces_and_refuses_the_unknown():
    field = TimeZoneField()
    assert field.clean("europe/london") == "Europe/London"
    assert field.clean(" America/Los Angeles ") == "America/Los_Angeles"
    with pytest.raises(Exception, match="is not a time zone"):
        field.clean("Mars/Olympus")
    assert TimeZoneField(required=False).clean("") == ""


def test_a_new_production_offers_every_zone_and_starts_empty_for_the_browser(client):
    client.force_login(make_user())
    html = client.get(reverse("productions:new")).content.decode()
    assert 'name="time_zone"' in html
    assert 'list="id_time_zone-zones"' in html
    assert "data-browser-time-zone" in html
    assert '<datalist id="id_time_zone-zones">' in html
    assert html.count("<option value=") > 400  # the IANA names, not a 600-entry select
    assert '<select name="time_zone"' not in html
    assert 'src="/static/js/time-zone.js"' in html


def test_a_typed_zone_is_saved_by_its_proper_name(client):
    producer = make_user()
    client.force_login(producer)
    data = {"title": "Salt Marsh", "kind": "feature", "status": "development"}
    response = client.post(reverse("productions:new"), {**data, "time_zone": "europe/lisbon"})
    assert response.status_code == 302
    assert Production.objects.get(title="Salt Marsh").time_zone == "Europe/Lisbon"


@pytest.mark.parametrize("zone", ["", "Mars/Olympus"])
def test_no_or_an_unknown_zone_is_a_form_error(client, zone):
    client.force_login(make_user())
    data = {"title": "Salt Marsh", "kind": "feature", "status": "development", "time_zone": zone}
    response = client.post(reverse("productions:new"), data)
    assert response.status_code == 400
    assert "time_zone" in response.context["form"].errors
    assert not Production.objects.filter(title="Salt Marsh").exists()


def test_the_profile_takes_a_typed_zone(client):
    user = make_user()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"name": "X", "language": "en", "time_zone": "asia/tokyo"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.time_zone == "Asia/Tokyo"

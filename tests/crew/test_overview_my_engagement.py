"""A crew member's production home starts with their own engagement: position, department,
dates, their department head (contacts as crew.privacy allows) and the production office."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from crew.models import Person

pytestmark = pytest.mark.django_db


def _overview(cast, member: str) -> str:
    url = reverse("productions:overview", kwargs={"production_id": cast.production.pk})
    response = cast.client(member).get(url)
    assert response.status_code == 200
    return response.content.decode()


def _card(html: str) -> str:
    match = re.search(r'<section class="card" id="my-engagement".*?</section>', html, re.DOTALL)
    assert match, "no engagement card"
    return match.group(0)


def test_a_crew_member_sees_their_engagement_first(cast):
    engagement = cast.crew.engagement
    engagement.start_date, engagement.end_date = dt.date(2026, 4, 1), dt.date(2026, 5, 30)
    engagement.save()
    production = cast.production
    production.office_address = "Unit 4, Harbour Studios"
    production.office_phone = "+441631562000"
    production.save()

    html = _overview(cast, "crew")
    first_card = html.index('<section class="card"')
    assert html.index('id="my-engagement"') < first_card + 40
    card = _card(html)
    assert "1st Assistant Camera" in card
    assert "Camera" in card
    assert "1 Apr 2026 – 30 May 2026" in card
    assert cast.hod.person.name in card  # the head of Camera
    assert "Director of Photography" in card
    assert "Unit 4, Harbour Studios" in card
    assert 'href="tel:+441631562000"' in card
    person_url = reverse(
        "crew:person",
        kwargs={"production_id": production.pk, "person_id": cast.crew.person.pk},
    )
    assert f'href="{person_url}"' in card


def test_the_heads_contacts_follow_what_they_share(cast):
    head = cast.hod.person
    Person.objects.filter(pk=head.pk).update(
        email="hal@example.test", phone="+447911123456", share_email=False, share_phone=False
    )
    card = _card(_overview(cast, "crew"))
    assert "hal@example.test" not in card
    assert "7911" not in card

    Person.objects.filter(pk=head.pk).update(share_phone=True)
    card = _card(_overview(cast, "crew"))
    assert 'href="tel:+447911123456"' in card
    assert "hal@example.test" not in card


@pytest.mark.parametrize("member", ["producer", "ad", "hod", "director"])
def test_other_roles_keep_the_overview_as_it_was(cast, member):
    assert 'id="my-engagement"' not in _overview(cast, member)


def test_a_crew_member_without_an_engagement_sees_no_card(cast):
    cast.crew.engagement.delete()
    assert 'id="my-engagement"' not in _overview(cast, "crew")


def test_the_card_costs_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    client = cast.client("crew")
    url = reverse("productions:overview", kwargs={"production_id": cast.production.pk})
    client.get(url)
    with django_assert_max_num_queries(16):
        client.get(url)

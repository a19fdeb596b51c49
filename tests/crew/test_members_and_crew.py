"""Members (who logs in, with a role) and the crew list (who works on the production) point
at each other, and a producer sees who is invited or logs in but is not on the list yet."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crew.models import Engagement, Person, Position
from productions.invitations import invitation_accept, invitation_create
from productions.models import Invitation
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer():
    return make_user(name="Pat Producer")


@pytest.fixture
def production(producer):
    return make_production(producer=producer, title="Harbour Lights")


def _crew_list(client, production) -> str:
    return client.get(
        reverse("crew:list", kwargs={"production_id": production.pk})
    ).content.decode()


def test_the_members_page_explains_the_difference_and_links_the_crew_list(
    client, production, producer
):
    client.force_login(producer)
    html = client.get(
        reverse("productions:members", kwargs={"production_id": production.pk})
    ).content.decode()
    assert 'id="members-and-crew"' in html
    assert "are the accounts that log in to this production" in html
    assert f'href="{reverse("crew:list", kwargs={"production_id": production.pk})}"' in html
    assert f'href="{reverse("crew:add", kwargs={"production_id": production.pk})}"' in html


def test_an_invitation_shows_on_the_crew_list_until_it_is_answered(client, production, producer):
    client.force_login(producer)
    assert "invitation without an answer" not in _crew_list(client, production)
    members_url = reverse("productions:members", kwargs={"production_id": production.pk})
    assert f'href="{members_url}"' in _crew_list(client, production)

    client.post(
        reverse("productions:member-invite", kwargs={"production_id": production.pk}),
        {"email": "gus@example.test", "name": "Gus Grip", "role": "crew"},
    )
    html = _crew_list(client, production)
    assert f'<a href="{members_url}#invitations">1 invitation without an answer</a>' in html
    assert "give them a position to put them on this list" in html


def test_a_member_who_accepted_is_offered_a_position(client, production, producer):
    gus = make_user(name="Gus Grip", email="gus@example.test")
    invitation = invitation_create(
        production=production, email=gus.email, role="crew", invited_by=producer
    )
    invitation_accept(invitation=Invitation.objects.get(pk=invitation.pk), user=gus)
    person = Person.objects.get(production=production, user=gus)
    client.force_login(producer)

    html = _crew_list(client, production)
    assert 'id="members-not-engaged"' in html
    add_url = reverse(
        "crew:engagement-add", kwargs={"production_id": production.pk, "person_id": person.pk}
    )
    assert f'href="{add_url}"' in html
    assert "invitation without an answer" not in html

    Engagement.objects.create(
        production=production,
        person=person,
        position=Position.objects.get(production=production, title="Key Grip"),
    )
    assert f'href="{add_url}"' not in _crew_list(client, production)


def test_only_those_who_manage_members_see_the_signposts(client, production, producer):
    invitation_create(
        production=production, email="gus@example.test", role="crew", invited_by=producer
    )
    hod, _, _ = add_member(production, "hod", department="Grip")
    client.force_login(hod)
    html = _crew_list(client, production)
    assert 'id="crew-and-members"' not in html
    assert "invitation without an answer" not in html

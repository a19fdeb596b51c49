"""The members page: invite by e-mail with a role, change roles, remove."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.models import User
from crew.models import Person
from productions.models import Invitation, Membership
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer():
    return make_user(name="Pat Producer", email="pat@example.test")


@pytest.fixture
def production(producer):
    return make_production(producer=producer, title="Harbour Lights")


def _url(name, production, **kwargs):
    return reverse(name, kwargs={"production_id": production.pk, **kwargs})


def _membership(production, user):
    return Membership.objects.get(production=production, user=user)


def test_the_page_lists_members_with_their_roles(client, producer, production):
    add_member(production, "hod", department="Camera", user=make_user(name="Dana DP"))
    client.force_login(producer)

    html = client.get(_url("productions:members", production)).content.decode()

    assert "Dana DP" in html
    assert "Pat Producer" in html
    assert '<option value="hod" selected>Department head</option>' in html
    assert "2 members" in html


def test_the_page_lists_members_by_role_then_name_in_the_apis_order(client, producer, production):
    for name, email in [
        ("Zed Zane", "aa@example.test"),
        ("", "ab@example.test"),  # never gave a name: after those who did
        ("ann Able", "zz@example.test"),
    ]:
        add_member(production, "crew", user=make_user(name=name, email=email))
    add_member(production, "hod", user=make_user(name="Yan Head", email="yy@example.test"))
    client.force_login(producer)

    html = client.get(_url("productions:members", production)).content.decode()
    api = client.get(f"/api/v1/productions/{production.pk}/members/").json()["results"]

    shown = re.findall(r'<li class="card" id="member-(\d+)">', html)
    assert shown == [str(row["id"]) for row in api]
    assert [row["name"] for row in api] == ["Pat Producer", "Yan Head", "ann Able", "Zed Zane", ""]


def test_inviting_a_new_address_makes_an_invitation_and_nothing_else(client, producer, production):
    client.force_login(producer)

    response = client.post(
        _url("productions:member-invite", production),
        {"email": "Dana@Example.test", "name": "Dana DP", "role": "director"},
    )

    assert response.status_code == 302
    assert not User.objects.filter(email="dana@example.test").exists()
    assert Membership.objects.filter(production=production).count() == 1
    assert not Person.objects.filter(production=production, email="dana@example.test").exists()
    invitation = Invitation.objects.get(production=production)
    assert (invitation.email, invitation.name, invitation.role) == (
        "dana@example.test",
        "Dana DP",
        "director",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Invitation sent to dana@example.test as Director / creator." in page
    assert f'id="invitation-{invitation.pk}"' in page


def test_inviting_someone_already_on_the_production_is_a_form_error(client, producer, production):
    dana, _, _ = add_member(production, "crew", department="Grip")
    client.force_login(producer)

    response = client.post(
        _url("productions:member-invite", production),
        {"email": dana.email.upper(), "role": "producer"},
    )

    assert response.status_code == 400
    assert "already a member of this production" in response.content.decode()
    assert _membership(production, dana).role == "crew"
    assert Membership.objects.filter(production=production).count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not an address", "role": "crew"}, "Enter a valid email address."),
        ({"email": "x@example.test", "role": "boss"}, "Select a valid choice."),
        ({}, "This field is required."),
    ],
)
def test_bad_invitations_are_form_errors(client, producer, production, data, message):
    client.force_login(producer)

    response = client.post(_url("productions:member-invite", production), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Membership.objects.filter(production=production).count() == 1


def test_changing_a_role(client, producer, production):
    dana, _, _ = add_member(production, "crew", department="Camera")
    client.force_login(producer)

    response = client.post(
        _url("productions:member-role", production, membership_id=_membership(production, dana).pk),
        {"role": "ad"},
    )

    assert response.status_code == 302
    assert _membership(production, dana).role == "ad"


def test_an_unknown_role_changes_nothing(client, producer, production):
    dana, _, _ = add_member(production, "crew", department="Camera")
    client.force_login(producer)

    response = client.post(
        _url("productions:member-role", production, membership_id=_membership(production, dana).pk),
        {"role": "emperor"},
        follow=True,
    )

    assert "Choose one of the listed roles." in response.content.decode()
    assert _membership(production, dana).role == "crew"


def test_removing_a_member(client, producer, production):
    dana, _, _ = add_member(production, "crew", department="Camera")
    client.force_login(producer)

    response = client.post(
        _url(
            "productions:member-remove", production, membership_id=_membership(production, dana).pk
        ),
        follow=True,
    )

    assert "no longer has access" in response.content.decode()
    assert not Membership.objects.filter(production=production, user=dana).exists()


def test_the_last_producer_cannot_be_removed_or_demoted(client, producer, production):
    client.force_login(producer)
    membership = _membership(production, producer)

    removed = client.post(
        _url("productions:member-remove", production, membership_id=membership.pk), follow=True
    )
    demoted = client.post(
        _url("productions:member-role", production, membership_id=membership.pk),
        {"role": "crew"},
        follow=True,
    )

    assert "is the last producer and cannot be removed" in removed.content.decode()
    assert "A production needs at least one producer." in demoted.content.decode()
    assert _membership(production, producer).role == "producer"


def test_with_a_second_producer_i_can_step_down(client, producer, production):
    add_member(production, "producer", department="Production")
    client.force_login(producer)

    response = client.post(
        _url(
            "productions:member-role",
            production,
            membership_id=_membership(production, producer).pk,
        ),
        {"role": "director"},
    )

    # No longer a producer: back to the overview, not the members page (403 now).
    assert response["Location"] == _url("productions:overview", production)
    assert _membership(production, producer).role == "director"

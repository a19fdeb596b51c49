"""Members over REST: invite by e-mail, change a role, remove, keep a producer."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from crew.models import Person
from productions.models import Invitation, Membership
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def production():
    return make_production(title="Salt Road")


@pytest.fixture
def producer(production):
    return Membership.objects.get(production=production, role="producer").user


def members_url(production, membership_id=None):
    base = f"/api/v1/productions/{production.pk}/members/"
    return f"{base}{membership_id}/" if membership_id else base


def test_inviting_answers_with_the_invitation_and_adds_nobody_yet(
    api_client, production, producer, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(producer)

    with django_capture_on_commit_callbacks() as callbacks:
        response = api_client.post(
            members_url(production),
            {"email": " Lena.Berg@Example.test ", "role": "ad", "name": "Lena Berg"},
            format="json",
        )

    assert response.status_code == 201, response.json()
    body = response.json()
    invitation = Invitation.objects.get(production=production)
    assert body == {
        "id": invitation.pk,
        "email": "lena.berg@example.test",
        "name": "Lena Berg",
        "role": "ad",
        "status": "pending",
        "invited_by": producer.pk,
        "sent_at": body["sent_at"],
        "expires_at": body["expires_at"],
        "created_at": body["created_at"],
    }
    assert not User.objects.filter(email="lena.berg@example.test").exists()
    assert Membership.objects.filter(production=production).count() == 1
    assert Person.objects.filter(production=production).count() == 1
    assert len(callbacks) == 1  # the invitation e-mail, queued after commit


@pytest.mark.worker
def test_the_invitation_email_leaves_from_the_worker(
    api_client, celery_worker, smtp_sink, production, producer
):
    api_client.force_authenticate(producer)

    response = api_client.post(
        members_url(production), {"email": "new@example.test", "role": "crew"}, format="json"
    )

    assert response.status_code == 201
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "new@example.test"
    assert "Salt Road" in message["Subject"]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"email": "not-an-email", "role": "crew"}, {"email"}),
        ({"email": "a@example.test", "role": "star"}, {"role"}),
        ({"role": "crew"}, {"email"}),
    ],
)
def test_bad_invitations_name_the_field(api_client, production, producer, body, fields):
    api_client.force_authenticate(producer)
    before = Membership.objects.count()

    response = api_client.post(members_url(production), body, format="json")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == fields
    assert Membership.objects.count() == before


LONG_EMAIL = "a" * 64 + "@" + ("b" * 63 + ".") * 3 + "com"  # 260 chars: valid syntax, > 254


def test_an_email_longer_than_254_characters_is_refused_by_the_api_and_the_page(
    client, api_client, producer, production
):
    api_client.force_authenticate(producer)
    api_client.raise_request_exception = False
    client.force_login(producer)
    client.raise_request_exception = False
    a = api_client.post(
        f"/api/v1/productions/{production.pk}/members/",
        {"email": LONG_EMAIL, "role": "crew"},
        format="json",
    )
    p = client.post(
        f"/productions/{production.pk}/members/invite/", {"email": LONG_EMAIL, "role": "crew"}
    )
    assert (a.status_code, p.status_code) == (400, 400)


def test_inviting_an_existing_member_again_is_a_400_not_a_conflict(
    api_client, production, producer
):
    member, _, _ = add_member(production, "crew")
    api_client.force_authenticate(producer)

    response = api_client.post(
        members_url(production), {"email": member.email.upper(), "role": "ad"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "email": [f"{member.email} is already a member of this production."]
    }
    assert Membership.objects.get(production=production, user=member).role == "crew"


def test_producer_changes_a_role_and_removes_a_member(api_client, production, producer):
    member, _, _ = add_member(production, "crew")
    membership = Membership.objects.get(production=production, user=member)
    api_client.force_authenticate(producer)

    promoted = api_client.patch(members_url(production, membership.pk), {"role": "hod"})
    removed = api_client.delete(members_url(production, membership.pk))

    assert promoted.status_code == 200
    assert promoted.json()["role"] == "hod"
    assert removed.status_code == 204
    assert not Membership.objects.filter(pk=membership.pk).exists()
    member_client = APIClient()
    member_client.force_authenticate(member)
    assert member_client.get(members_url(production)).status_code == 404


def test_the_last_producer_can_be_neither_demoted_nor_removed(api_client, production, producer):
    mine = Membership.objects.get(production=production, user=producer)
    api_client.force_authenticate(producer)

    demoted = api_client.patch(members_url(production, mine.pk), {"role": "crew"})
    removed = api_client.delete(members_url(production, mine.pk))

    for response in (demoted, removed):
        assert response.status_code == 400
        assert response.json()["errors"] == {"role": ["A production needs at least one producer."]}
    assert Membership.objects.get(pk=mine.pk).role == "producer"


def test_with_a_second_producer_the_first_may_step_down(api_client, production, producer):
    other, _, _ = add_member(production, "producer", department="Production")
    mine = Membership.objects.get(production=production, user=producer)
    api_client.force_authenticate(producer)

    assert api_client.delete(members_url(production, mine.pk)).status_code == 204
    assert Membership.objects.filter(production=production, role="producer").get().user == other


def test_members_list_is_readable_by_every_member(api_client, production):
    crew, _, _ = add_member(production, "crew")
    api_client.force_authenticate(crew)

    body = api_client.get(members_url(production)).json()

    assert body["count"] == 2
    assert {row["role"] for row in body["results"]} == {"producer", "crew"}
    assert {row["user"] for row in body["results"]} >= {crew.pk}


def test_the_members_list_is_ordered_by_role_then_name_never_by_the_hidden_email(
    api_client, production
):
    # The names run opposite to the e-mails: an order by e-mail would give away which
    # address belongs to whom, to members who may not see any of them.
    viewer, _, _ = add_member(
        production, "crew", user=make_user(name="Cai Crew", email="mm@example.test")
    )
    for name, email in [
        ("Zed Zane", "aa@example.test"),
        ("bea Baker", "yy@example.test"),
        ("Ann Able", "zz@example.test"),
    ]:
        add_member(production, "crew", user=make_user(name=name, email=email))
    add_member(production, "ad", user=make_user(name="Yan Assistant", email="ab@example.test"))
    api_client.force_authenticate(viewer)

    rows = api_client.get(members_url(production)).json()["results"]

    producer = production.memberships.get(role="producer").user.name
    assert [row["name"] for row in rows] == [
        producer,
        "Yan Assistant",
        "Ann Able",
        "bea Baker",
        "Cai Crew",
        "Zed Zane",
    ]
    assert [row for row in rows if "email" in row and row["user"] != viewer.pk] == []


def test_member_patch_honours_if_match(api_client, production, producer):
    member, _, _ = add_member(production, "crew")
    membership = Membership.objects.get(production=production, user=member)
    api_client.force_authenticate(producer)
    etag = api_client.get(members_url(production, membership.pk))["ETag"]

    first = api_client.patch(
        members_url(production, membership.pk), {"role": "ad"}, HTTP_IF_MATCH=etag
    )
    second = api_client.patch(
        members_url(production, membership.pk), {"role": "hod"}, HTTP_IF_MATCH=etag
    )

    assert (first.status_code, second.status_code) == (200, 412)
    assert Membership.objects.get(pk=membership.pk).role == "ad"


def test_members_list_query_count_is_constant(api_client, django_assert_max_num_queries):
    for size in (3, 40):
        production = make_production()
        for _ in range(size):
            add_member(production, "crew", user=make_user())
        producer = Membership.objects.get(production=production, role="producer").user
        api_client.force_authenticate(producer)
        with django_assert_max_num_queries(6):
            response = api_client.get(members_url(production))
        assert response.json()["count"] == size + 1

"""Contact and private details appear only to those allowed; otherwise not at all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from tests.factories import add_member, make_user

pytestmark = pytest.mark.django_db

EMAIL = "tess.target@example.test"
PHONE_E164 = "+447700900123"
PHONE_SHOWN = "+44 7700 900123"
PRIVATE_VALUES = ("1 Secret Lane", "Em Contact", "+447700900999", "No nuts")
PRIVATE_LABELS = ("Home address", "Emergency contact", "Dietary notes")


@dataclass
class Targets:
    production: Any
    target: Any  # Tess, in Camera, shares nothing
    sharer: Any  # Sam, in Camera, shares their phone only
    viewers: dict[str, Any]


@pytest.fixture
def targets(cast) -> Targets:
    """Tess and Sam join the cast's Camera department; the cast looks at them."""
    target_user, target, _ = add_member(
        cast.production,
        "crew",
        department="Camera",
        user=make_user(email=EMAIL, name="Tess Target"),
        phone=PHONE_E164,
        address="1 Secret Lane",
        emergency_contact_name="Em Contact",
        emergency_contact_phone="+447700900999",
        dietary_notes="No nuts",
    )
    _, sharer, _ = add_member(
        cast.production,
        "crew",
        department="Camera",
        user=make_user(email="sam.sharer@example.test", name="Sam Sharer"),
        phone="+447700900456",
        share_phone=True,
    )
    viewers = {
        "producer": cast.producer.user,
        "ad": cast.ad.user,
        "hod_own_department": cast.hod.user,  # heads Camera
        "self": target_user,
        "director": cast.director.user,
        "crew": cast.crew.user,  # in Camera too: crew see no one's unshared contacts
        "hod_other_department": cast.hod_other.user,  # heads Sound
    }
    return Targets(production=cast.production, target=target, sharer=sharer, viewers=viewers)


SEE_CONTACTS = ["producer", "ad", "hod_own_department", "self"]
NO_CONTACTS = ["director", "crew", "hod_other_department"]
SEE_PRIVATE = ["producer", "ad", "self"]
NO_PRIVATE = ["hod_own_department", "director", "crew", "hod_other_department"]


def _page(client, targets: Targets, viewer: str, name: str, **kwargs: Any) -> str:
    client.force_login(targets.viewers[viewer])
    url = reverse(name, kwargs={"production_id": targets.production.pk, **kwargs})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _person_page(client, targets: Targets, viewer: str, person: Any = None) -> str:
    person = person or targets.target
    return _page(client, targets, viewer, "crew:person", person_id=person.pk)


def _list_row(client, targets: Targets, viewer: str, person: Any) -> str:
    html = _page(client, targets, viewer, "crew:list")
    engagement = person.engagements.get()
    start = html.index(f'<tr id="engagement-{engagement.pk}">')
    return html[start : html.index("</tr>", start)]


@pytest.mark.parametrize("viewer", SEE_CONTACTS)
def test_contacts_shown_to_producer_ad_own_hod_and_self(client, targets, viewer):
    person_html = _person_page(client, targets, viewer)
    row_html = _list_row(client, targets, viewer, targets.target)

    for html in (person_html, row_html):
        assert EMAIL in html
        assert PHONE_SHOWN in html
        assert f"tel:{PHONE_E164}" in html


@pytest.mark.parametrize("viewer", NO_CONTACTS)
def test_contacts_absent_for_crew_director_and_other_hod(client, targets, viewer):
    person_html = _person_page(client, targets, viewer)
    list_html = _page(client, targets, viewer, "crew:list")

    for html in (person_html, list_html):
        assert EMAIL not in html
        assert PHONE_E164 not in html
        assert PHONE_SHOWN not in html
    # Not even an empty labelled slot on the person page.
    assert "<dt>E-mail</dt>" not in person_html
    assert "<dt>Phone</dt>" not in person_html


@pytest.mark.parametrize("viewer", SEE_PRIVATE)
def test_private_details_shown_to_producer_ad_and_self(client, targets, viewer):
    html = _person_page(client, targets, viewer)

    for value in ("1 Secret Lane", "Em Contact", "+44 7700 900999", "No nuts"):
        assert value in html
    for label in PRIVATE_LABELS:
        assert label in html


@pytest.mark.parametrize("viewer", NO_PRIVATE)
def test_private_details_absent_for_everyone_else(client, targets, viewer):
    html = _person_page(client, targets, viewer)

    for value in (*PRIVATE_VALUES, "+44 7700 900999"):
        assert value not in html
    for label in PRIVATE_LABELS:
        assert label not in html


def test_the_list_never_shows_private_details(client, targets):
    html = _page(client, targets, "producer", "crew:list")

    for value in PRIVATE_VALUES:
        assert value not in html


@pytest.mark.parametrize("viewer", NO_CONTACTS)
def test_a_shared_phone_is_shown_but_the_unshared_email_is_not(client, targets, viewer):
    person_html = _person_page(client, targets, viewer, targets.sharer)
    row_html = _list_row(client, targets, viewer, targets.sharer)

    for html in (person_html, row_html):
        assert "+44 7700 900456" in html
        assert "sam.sharer@example.test" not in html


def test_a_crew_list_where_nobody_shares_has_no_contact_column(client, targets):
    targets.sharer.engagements.all().delete()
    viewer = targets.viewers["director"]
    viewer_person = viewer.people.get()
    viewer_person.engagements.all().delete()

    html = _page(client, targets, "director", "crew:list")

    assert ">Contact</th>" not in html


def test_unavailability_reason_only_for_producers_and_self(client, targets):
    from crew.models import Unavailability

    Unavailability.objects.create(
        person=targets.target, start_date="2026-03-02", end_date="2026-03-04", reason="Surgery"
    )

    assert "Surgery" in _person_page(client, targets, "producer")
    assert "Surgery" in _person_page(client, targets, "self")
    for viewer in ("ad", "hod_own_department"):
        html = _person_page(client, targets, viewer)
        assert "2 Mar 2026" in html
        assert "Surgery" not in html
    # Crew and targets do not schedule: another person's dates are not theirs to see.
    assert "2 Mar 2026" not in _person_page(client, targets, "crew")

"""The contact-detail rules, role by role (pages and API apply the same function)."""

from __future__ import annotations

import pytest
from django.http import Http404

from crew.privacy import CONTACT_FIELDS, PRIVATE_FIELDS, visible_fields
from productions.roles import Role
from productions.scoping import production_access
from tests.factories import add_member, make_production

pytestmark = pytest.mark.django_db
EVERYTHING = frozenset(CONTACT_FIELDS + PRIVATE_FIELDS)


@pytest.fixture
def production():
    return make_production()


@pytest.fixture
def grip(production):
    """A grip who shares nothing."""
    _, person, engagement = add_member(production, Role.CREW, department="Grip")
    return person, engagement


def sees(production, viewer_user, person, engagement):
    access = production_access(viewer_user, production.pk)
    return visible_fields(access, person, {engagement.department_id})


@pytest.mark.parametrize(
    ("role", "department", "expected"),
    [
        (Role.PRODUCER, "Production", EVERYTHING),
        (Role.ASSISTANT_DIRECTOR, "Direction", EVERYTHING),
        (Role.DEPARTMENT_HEAD, "Grip", frozenset(CONTACT_FIELDS)),
        (Role.DEPARTMENT_HEAD, "Camera", frozenset()),
        (Role.DIRECTOR, "Direction", frozenset()),
        (Role.CREW, "Camera", frozenset()),
    ],
)
def test_who_sees_an_unshared_grips_details(production, grip, role, department, expected):
    viewer, _, _ = add_member(production, role, department=department)

    assert sees(production, viewer, *grip) == expected


def test_everyone_sees_what_the_person_chose_to_share(production, grip):
    person, engagement = grip
    person.share_phone = True
    person.save()
    viewer, _, _ = add_member(production, Role.CREW, department="Camera")

    assert sees(production, viewer, person, engagement) == {"phone"}


def test_a_person_always_sees_all_of_their_own_details(production):
    user, person, engagement = add_member(production, Role.CREW, department="Grip")

    assert sees(production, user, person, engagement) == EVERYTHING


def test_a_producer_elsewhere_is_only_crew_here_and_sees_as_crew():
    first, second = make_production(), make_production()
    user, _, _ = add_member(first, Role.PRODUCER, department="Production")
    add_member(second, Role.CREW, user=user)
    _, grip, engagement = add_member(second, Role.CREW, department="Grip")

    assert sees(second, user, grip, engagement) == frozenset()


def test_a_production_one_is_not_on_does_not_exist_for_them():
    production = make_production()
    outsider = add_member(make_production(), Role.PRODUCER, department="Production")[0]

    with pytest.raises(Http404):
        production_access(outsider, production.pk)

"""The test data builders keep the models' rules: factories and the fixed cast."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models

from crew.models import Department, Person
from productions.models import Membership, Production
from scheduling.breakdown.models import Scene
from tests.factories import (
    DepartmentFactory,
    EngagementFactory,
    LocationFactory,
    PersonFactory,
    PositionFactory,
    ProductionFactory,
    SceneFactory,
    SetFactory,
    make_user,
)

pytestmark = pytest.mark.django_db

SCOPED = [
    DepartmentFactory,
    PositionFactory,
    PersonFactory,
    EngagementFactory,
    LocationFactory,
    SetFactory,
    SceneFactory,
]


def _in_its_production(row: models.Model) -> None:
    """Valid (fields and constraints), and every related row is in the same production."""
    row.full_clean()
    production_id = row.production_id  # type: ignore[attr-defined]
    for field in row._meta.concrete_fields:
        related = getattr(row, field.name) if field.is_relation else None
        if related is not None and hasattr(related, "production_id"):
            assert related.production_id == production_id, (row, field.name)
            _in_its_production(related)


@pytest.mark.parametrize("factory", SCOPED, ids=lambda f: f.__name__)
def test_twice_in_one_production(factory: Any):
    production = ProductionFactory.create()

    first = factory(production=production)
    second = factory(production=production)

    assert first.pk != second.pk
    for row in (first, second):
        assert row.production == production
        _in_its_production(row)


@pytest.mark.parametrize("factory", SCOPED, ids=lambda f: f.__name__)
def test_once_in_each_of_two_productions(factory: Any):
    here, there = factory(), factory()

    assert here.production != there.production
    for row in (here, there):
        _in_its_production(row)


def test_a_production_is_made_the_way_a_producer_makes_one():
    pat = make_user(name="Pat Producer")

    first = ProductionFactory.create(producer=pat)
    second = ProductionFactory.create()

    assert first.title != second.title
    [membership] = Membership.objects.filter(production=first)
    assert (membership.user, membership.role) == (pat, "producer")
    assert Person.objects.get(production=first, user=pat).name == "Pat Producer"
    assert Department.objects.filter(production=first, name="Camera").exists()
    assert Membership.objects.get(production=second).user != pat
    for production in (first, second):
        production.full_clean()


def test_scenes_are_numbered_1_2_3_in_each_production_and_last_at_least_an_eighth():
    here, there = ProductionFactory.create(), ProductionFactory.create()

    scenes = [SceneFactory.create(production=here) for _ in range(3)] + [
        SceneFactory.create(production=there)
    ]

    assert [(s.production, s.number) for s in scenes] == [
        (here, "1"),
        (here, "2"),
        (here, "3"),
        (there, "1"),
    ]
    assert list(Scene.objects.filter(production=here).values_list("number", flat=True)) == [
        "1",
        "2",
        "3",
    ]
    assert all(s.eighths >= 1 for s in scenes)
    assert scenes[0].set is not None
    assert scenes[0].heading == f"INT. {scenes[0].set.name} - DAY"
    assert SceneFactory.create(production=here, number="2A").number == "2A"
    assert SceneFactory.create(production=here).number == "4"


def test_one_person_engaged_twice_holds_two_positions():
    person = PersonFactory.create()

    first = EngagementFactory.create(production=person.production, person=person)
    second = EngagementFactory.create(production=person.production, person=person)

    assert first.position != second.position
    assert first.department == first.position.department


def test_factories_build_unsaved_rows_without_a_database_write():
    scene = SceneFactory.build()

    assert scene.pk is None
    assert scene.production.pk is None
    assert scene.number == "1"
    assert not Production.objects.exists()


def test_the_cast_has_one_member_per_role_in_their_departments(cast):
    roles = {name: cast[name].membership.role for name in cast.MEMBERS}
    departments = {name: cast[name].engagement.department.name for name in cast.MEMBERS}

    assert roles == {
        "producer": "producer",
        "ad": "ad",
        "hod": "hod",
        "director": "director",
        "crew": "crew",
        "hod_other": "hod",
        "outsider": "producer",
    }
    assert departments["hod"] == departments["crew"] == "Camera"
    assert departments["hod_other"] == "Sound"
    assert cast.hod.engagement.position.is_head_of_department
    assert cast.hod_other.engagement.position.is_head_of_department
    for name in cast.MEMBERS:
        member = cast[name]
        expected = cast.other_production if name == "outsider" else cast.production
        assert member.membership.production == member.person.production == expected
        assert member.engagement.person == member.person
        assert member.person.user == member.user
    assert not Membership.objects.filter(production=cast.production, user=cast.outsider.user)
    assert cast.position("Boom Operator").department == cast.department("Sound")


def test_the_cast_clients_are_logged_in_as_the_member(cast):
    overview = f"/productions/{cast.production.pk}/"
    me = "/api/v1/me/"

    assert cast.client("crew").get(overview).status_code == 200
    assert cast.client("outsider").get(overview).status_code == 404
    assert cast.client().get(overview).status_code == 302
    assert cast.api("hod").get(me).json()["email"] == "hal.head@example.test"
    assert cast.api().get(me).status_code == 401
    with pytest.raises(KeyError, match="no 'grip' in the cast"):
        cast["grip"]

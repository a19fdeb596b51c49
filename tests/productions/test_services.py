"""Integrity lives in services and the database: bad input changes nothing."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

import productions.services as services
from crew.deadlines import deadline_save
from crew.models import Deadline, Department, Person, Position
from productions.models import Membership, Production
from productions.roles import Role
from productions.services import (
    membership_add,
    membership_change_role,
    membership_remove,
    production_create,
    production_update,
)
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db


def test_creating_a_production_makes_the_creator_its_producer_with_default_departments():
    producer = make_user(name="Priya Natarajan")

    production = production_create(by=producer, title="Harbour Lights", time_zone="Europe/Paris")

    membership = Membership.objects.get(production=production)
    assert (membership.user, membership.role) == (producer, Role.PRODUCER)
    names = set(Department.objects.filter(production=production).values_list("name", flat=True))
    assert {"Camera", "Grip", "Electric", "Art", "Costume", "Sound", "Cast"} <= names
    assert Position.objects.filter(production=production, is_head_of_department=True).count() >= 12
    assert Person.objects.get(production=production, user=producer).name == "Priya Natarajan"


def test_shoot_ending_before_it_starts_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError) as error:
        production_create(
            by=make_user(),
            title="Backwards",
            shoot_start=dt.date(2027, 5, 10),
            shoot_end=dt.date(2027, 5, 1),
        )

    assert "The shoot cannot end before it starts." in str(error.value)
    assert not Production.objects.exists()
    assert not Membership.objects.exists()


def test_unknown_time_zone_is_a_field_error():
    production = make_production()

    with pytest.raises(ValidationError) as error:
        production_update(production=production, time_zone="Europe/Atlantis")

    assert "time_zone" in error.value.message_dict


def test_the_database_itself_refuses_an_inverted_shoot():
    production = make_production()
    with pytest.raises(IntegrityError):
        Production.objects.filter(pk=production.pk).update(
            shoot_start=dt.date(2027, 5, 10), shoot_end=dt.date(2027, 5, 1)
        )


def test_duplicate_membership_is_a_clear_error():
    production = make_production()
    crew_user, _, _ = add_member(production, Role.CREW)

    with pytest.raises(ValidationError) as error:
        membership_add(production=production, user=crew_user, role=Role.ASSISTANT_DIRECTOR)

    assert "already a member" in error.value.message_dict["email"][0]
    assert Membership.objects.get(user=crew_user).role == Role.CREW


def test_duplicate_membership_is_refused_by_the_database_too():
    production = make_production()
    crew_user, _, _ = add_member(production, Role.CREW)
    with pytest.raises(IntegrityError):
        Membership.objects.create(
            production=production, user=crew_user, role=Role.ASSISTANT_DIRECTOR
        )


def test_the_last_producer_cannot_step_down_or_leave():
    production = make_production()
    membership = Membership.objects.get(production=production, role=Role.PRODUCER)

    with pytest.raises(ValidationError):
        membership_change_role(membership=membership, role=Role.CREW)
    with pytest.raises(ValidationError):
        membership_remove(membership=membership)

    assert Membership.objects.filter(production=production, role=Role.PRODUCER).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_producers_stepping_down_at_the_same_moment_leave_one(monkeypatch):
    production = make_production(title="Salt Road")
    a = Membership.objects.get(production=production, role="producer")
    b_user, _, _ = add_member(production, "producer", department="Production")
    b = Membership.objects.get(production=production, user=b_user)
    barrier = threading.Barrier(2, timeout=3)
    original = services._ensure_another_producer

    def slow_check(m):
        original(m)
        barrier.wait()  # both checks pass before either write lands (a real race window)

    monkeypatch.setattr(services, "_ensure_another_producer", slow_check)
    errors = []

    def demote(pk):
        try:
            with transaction.atomic():
                services.membership_change_role(
                    membership=Membership.objects.get(pk=pk), role="crew"
                )
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=demote, args=(pk,)) for pk in (a.pk, b.pk)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    producers = Membership.objects.filter(production=production, role="producer").count()
    assert producers >= 1, (producers, errors)


def test_deadline_owners_must_be_on_the_same_production():
    production, other = make_production(), make_production()
    _, outsider, _ = add_member(other, Role.CREW)
    deadline = Deadline(
        production=production, title="Lock", due=dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    )

    with pytest.raises(ValidationError) as error:
        deadline_save(deadline=deadline, owner_ids=[outsider.pk])

    assert "owners" in error.value.message_dict


def test_completing_a_deadline_records_when():
    production = make_production()
    deadline = deadline_save(
        deadline=Deadline(
            production=production, title="Lock", due=dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
        )
    )
    deadline.status = "done"

    deadline_save(deadline=deadline)

    assert deadline.completed_at is not None
    assert not deadline.is_overdue


def test_wrap_before_the_first_shoot_day_is_refused_even_without_a_last_one():
    with pytest.raises(ValidationError) as error:
        production_create(
            by=make_user(),
            title="Early wrap",
            shoot_start=dt.date(2027, 5, 10),
            wrap_date=dt.date(2027, 5, 1),
        )

    assert "Wrap cannot come before the first shoot day." in str(error.value)
    assert not Production.objects.exists()


def test_a_revision_colour_listed_twice_is_a_field_error():
    production = make_production()

    with pytest.raises(ValidationError) as error:
        production_update(production=production, revision_colours=["White", "Blue", "white"])

    assert "revision_colours" in error.value.message_dict

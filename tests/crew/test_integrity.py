"""People, engagements, characters, unavailability: rules that hold in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from crew.models import Character, Department, Engagement, Person, Position, Unavailability
from crew.phones import display_phone, normalise_phone
from crew.services import character_save, crew_member_add, engagement_save, unavailability_save
from productions.roles import Role
from tests.factories import add_member, make_production

pytestmark = pytest.mark.django_db


def camera(production):
    return Department.objects.get(production=production, name="Camera"), Position.objects.get(
        production=production, title="Camera Operator"
    )


def test_a_phone_in_any_common_form_is_stored_as_e164():
    assert normalise_phone("+44 20 7946 0958") == "+442079460958"
    assert normalise_phone("020 7946 0958", "GB") == "+442079460958"
    assert display_phone("+33612345678") == "+33 6 12 34 56 78"


def test_adding_crew_with_an_invalid_phone_is_a_field_error_and_saves_nothing():
    production = make_production()
    department, position = camera(production)

    with pytest.raises(ValidationError) as error:
        crew_member_add(
            production=production,
            person_fields={"name": "Ana Lima", "email": "ana@example.test", "phone": "12"},
            engagement_fields={"position": position, "department": department},
        )

    assert "phone" in error.value.message_dict
    assert not Person.objects.filter(name="Ana Lima").exists()


def test_end_date_before_start_is_refused_with_every_problem_reported_at_once():
    production = make_production()
    department, position = camera(production)

    with pytest.raises(ValidationError) as error:
        crew_member_add(
            production=production,
            person_fields={"name": "Ana Lima", "phone": "nope"},
            engagement_fields={
                "position": position,
                "department": department,
                "start_date": dt.date(2027, 3, 10),
                "end_date": dt.date(2027, 3, 1),
            },
        )

    messages = error.value.message_dict
    assert "phone" in messages
    assert "The end date cannot be before the start date." in str(messages)
    assert not Engagement.objects.filter(person__name="Ana Lima").exists()


def test_the_database_refuses_an_inverted_engagement():
    production = make_production()
    _, _, engagement = add_member(production, Role.CREW)
    with pytest.raises(IntegrityError):
        Engagement.objects.filter(pk=engagement.pk).update(
            start_date=dt.date(2027, 3, 10), end_date=dt.date(2027, 3, 1)
        )


def test_a_person_can_work_on_two_productions_at_overlapping_dates():
    first, second = make_production(), make_production()
    user, _, one = add_member(first, Role.CREW)
    _, _, two = add_member(second, Role.CREW, user=user)
    for engagement in (one, two):
        engagement_save(
            engagement=engagement, start_date=dt.date(2027, 3, 1), end_date=dt.date(2027, 4, 1)
        )

    assert Person.objects.filter(user=user).count() == 2


def test_engagement_cannot_use_another_productions_department():
    production, other = make_production(), make_production()
    _, _, engagement = add_member(production, Role.CREW)
    foreign_department, _ = camera(other)

    with pytest.raises(ValidationError) as error:
        engagement_save(engagement=engagement, department=foreign_department)

    assert "department" in error.value.message_dict


def test_same_email_twice_on_one_production_is_refused_case_insensitively():
    production = make_production()
    Person.objects.create(production=production, name="A", email="dp@example.test")
    with pytest.raises(IntegrityError):
        Person.objects.create(production=production, name="B", email="DP@example.test")


def test_cast_ids_are_unique_per_production():
    production = make_production()
    character_save(character=Character(production=production, name="Thomas", cast_number=1))

    with pytest.raises(ValidationError) as error:
        character_save(character=Character(production=production, name="Elspeth", cast_number=1))

    assert "That cast ID is taken." in str(error.value)
    assert Character.objects.get(production=production).name == "THOMAS"


def test_unavailability_must_not_end_before_it_starts():
    production = make_production()
    _, person, _ = add_member(production, Role.CREW)

    with pytest.raises(ValidationError):
        unavailability_save(
            unavailability=Unavailability(
                person=person, start_date=dt.date(2027, 3, 5), end_date=dt.date(2027, 3, 1)
            )
        )

    assert not Unavailability.objects.exists()

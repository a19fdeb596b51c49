"""Scoped choice fields: a form bound to an access offers only that production's rows."""

from __future__ import annotations

import pytest
from django import forms

from crew.models import Department, Person, Position
from crew.selectors import positions_for
from productions.forms import ScopedForm, ScopedModelChoiceField, ScopedModelMultipleChoiceField
from productions.models import Membership
from productions.scoping import production_access
from tests.factories import add_member, make_production

pytestmark = pytest.mark.django_db


class _Form(ScopedForm):
    department = ScopedModelChoiceField(Department, required=False)
    position = ScopedModelChoiceField(Position, selector=positions_for, required=False)
    people = ScopedModelMultipleChoiceField(Person, required=False)


class _Unscoped(ScopedForm):
    # A selector that forgets the production: the field narrows it anyway.
    department = ScopedModelChoiceField(
        Department, selector=lambda access: Department.objects.all()
    )


@pytest.fixture
def ours():
    return make_production(title="Ours")


@pytest.fixture
def theirs():
    return make_production(title="Theirs")


def _rows(form, name):
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    assert field.queryset is not None
    return list(field.queryset)


def _access(production):
    producer = Membership.objects.get(production=production, role="producer").user
    return production_access(producer, production.pk)


def test_the_choices_are_the_productions_own_rows(ours, theirs):
    form = _Form(access=_access(ours))

    for name in ("department", "position", "people"):
        assert {row.production_id for row in _rows(form, name)} == {ours.pk}, name
    assert _rows(form, "department") == list(
        Department.objects.filter(production=ours).order_by("order", "name")
    )


def test_another_productions_ids_are_invalid_choices(ours, theirs):
    _, their_person, _ = add_member(theirs, "crew", department="Grip")
    _, our_person, _ = add_member(ours, "crew", department="Grip")
    their_grip = Department.objects.get(production=theirs, name="Grip")
    their_position = Position.objects.filter(production=theirs)[0]

    refused = _Form(
        {
            "department": their_grip.pk,
            "position": their_position.pk,
            "people": [our_person.pk, their_person.pk],
        },
        access=_access(ours),
    )
    accepted = _Form(
        {"department": their_grip.pk, "people": [their_person.pk]}, access=_access(theirs)
    )

    assert not refused.is_valid()
    assert set(refused.errors) == {"department", "position", "people"}
    assert "Select a valid choice" in refused.errors["department"][0]
    assert accepted.is_valid(), accepted.errors
    assert accepted.cleaned_data["department"] == their_grip


def test_a_selector_cannot_reach_outside_the_production(ours, theirs):
    their_grip = Department.objects.get(production=theirs, name="Grip")

    form = _Unscoped({"department": their_grip.pk}, access=_access(ours))

    assert not form.is_valid()
    assert {d.production_id for d in _rows(form, "department")} == {ours.pk}


def test_narrow_keeps_fewer_of_the_productions_rows(ours):
    grip = Department.objects.get(production=ours, name="Grip")
    camera = Department.objects.get(production=ours, name="Camera")
    form = _Form({"department": camera.pk}, access=_access(ours))

    form.scoped_field("department").narrow(pk__in=[grip.pk])

    assert _rows(form, "department") == [grip]
    assert not form.is_valid()


def test_two_forms_on_different_productions_do_not_share_choices(ours, theirs):
    first = _Form(access=_access(ours))
    second = _Form(access=_access(theirs))

    unbound = _Form.base_fields["department"]

    assert {d.production_id for d in _rows(first, "department")} == {ours.pk}
    assert {d.production_id for d in _rows(second, "department")} == {theirs.pk}
    assert isinstance(unbound, forms.ModelChoiceField)
    assert unbound.queryset is not None
    assert not unbound.queryset.exists()

"""The data version: every table of a production's data has triggers, and they bump once.

The walk below fails when a model with a path to a production (a ``production`` foreign
key, or a key to a row that has one: through tables, unavailability…) has no statement
trigger for each of INSERT, UPDATE and DELETE, or when a model that shows a user (a key
to the user table) has no trigger on the user table through it. Add one with
``productions.versioning.AddDataVersionTrigger`` in the app's migration.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from crew.models import Deadline, Person, Unavailability
from productions.models import Membership, Production, ProductionDataVersion
from productions.versioning import AddDataVersionTrigger, passed_marks, trigger_name
from tests.factories import add_crew, add_member, make_production, make_user

pytestmark = pytest.mark.django_db


def _leads_to_production(model: type[models.Model], seen: frozenset[type] = frozenset()) -> bool:
    if model is Production:
        return True
    if model in seen:
        return False
    return any(
        _leads_to_production(field.related_model, seen | {model})
        for field in model._meta.concrete_fields
        if field.is_relation and isinstance(field.related_model, type)
    )


def _scoped_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model is not ProductionDataVersion and _leads_to_production(model)
    ]


def _statement_triggers(table: str) -> dict[str, set[str]]:
    """{event: trigger names} of this table's statement-level ``dv_`` triggers."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT event_manipulation, trigger_name FROM information_schema.triggers "
            "WHERE event_object_table = %s AND action_orientation = 'STATEMENT' "
            "AND action_timing = 'AFTER' AND trigger_name LIKE 'dv\\_%%'",
            [table],
        )
        found: dict[str, set[str]] = {}
        for event, name in cursor.fetchall():
            found.setdefault(event, set()).add(name)
        return found


def _version(production: Production) -> int:
    return ProductionDataVersion.objects.get(production=production).version


def test_the_walk_finds_every_kind_of_production_table():
    tables = {model._meta.db_table for model in _scoped_models()}

    # Direct keys, a key through a parent, an auto-created through table, an explicit one.
    assert {
        "productions_production",
        "crew_person",
        "crew_unavailability",
        "productions_deadline_owners",
        "scheduling_scenecharacter",
    } <= tables
    assert "accounts_user" not in tables
    assert "accounts_apitoken" not in tables


@pytest.mark.parametrize("model", _scoped_models(), ids=lambda m: m._meta.db_table)
def test_every_production_table_bumps_the_version_on_every_write(model):
    table = model._meta.db_table
    found = _statement_triggers(table)
    # A production is created with its counter (and deleted with it): inserts and updates.
    events = ("INSERT", "UPDATE") if model is Production else ("INSERT", "UPDATE", "DELETE")

    missing = [event for event in events if not found.get(event)]

    assert not missing, (
        f"{table} has no data version trigger for {', '.join(missing)}: add "
        "productions.versioning.AddDataVersionTrigger to a migration of its app"
    )


@pytest.mark.parametrize(
    "model",
    [
        m
        for m in _scoped_models()
        if any(
            f.is_relation and f.related_model is apps.get_model(settings.AUTH_USER_MODEL)
            for f in m._meta.concrete_fields
        )
    ],
    ids=lambda m: m._meta.db_table,
)
def test_every_table_that_shows_a_user_bumps_on_a_change_to_that_user(model):
    table = model._meta.db_table
    expected = trigger_name(AddDataVersionTrigger.for_user(table, "{rows}").name, "UPDATE")

    assert expected in _statement_triggers("accounts_user").get("UPDATE", set()), (
        f"{table} shows users but accounts_user has no trigger {expected}: add "
        "AddDataVersionTrigger.for_user(...) to a migration of its app"
    )


def test_a_new_production_has_a_version():
    production = make_production()

    assert _version(production) >= 1


def test_a_bulk_write_bumps_each_production_it_touches_once():
    production = make_production()
    other = make_production()
    before, other_before = _version(production), _version(other)

    add_crew(production, 300)  # two bulk statements: people, then engagements

    assert _version(production) == before + 2
    assert _version(other) == other_before

    before = _version(production)
    Person.objects.filter(production__in=[production, other]).update(dietary_notes="Vegan")
    assert _version(production) == before + 1
    assert _version(other) == other_before + 1

    before = _version(production)
    Person.objects.filter(production=production, name__startswith="Crew").update(pronouns="")
    Person.objects.filter(production=production, name="nobody").update(pronouns="x")
    assert _version(production) == before + 1  # the UPDATE of no rows bumped nothing


def test_a_row_without_a_production_key_bumps_through_its_parent():
    production = make_production()
    person = Person.objects.filter(production=production).first()
    assert person is not None
    today = timezone.localdate()

    before = _version(production)
    unavailability = Unavailability.objects.create(person=person, start_date=today, end_date=today)
    after_insert = _version(production)
    unavailability.delete()

    assert after_insert == before + 1
    assert _version(production) == before + 2


def test_a_through_table_bumps_through_its_parent():
    production = make_production()
    person = Person.objects.filter(production=production).get()
    deadline = Deadline.objects.create(
        production=production, title="Script lock", due=timezone.now() + timedelta(days=3)
    )

    before = _version(production)
    deadline.owners.add(person)
    after_add = _version(production)
    deadline.owners.clear()

    assert after_add == before + 1
    assert _version(production) == before + 2


def test_a_user_change_bumps_every_production_they_are_on_but_a_login_does_not():
    dana = make_user(name="Dana")
    first, second, elsewhere = make_production(), make_production(), make_production()
    add_member(first, "crew", user=dana)
    add_member(second, "director", user=dana)
    versions = [_version(p) for p in (first, second, elsewhere)]

    dana.last_login = timezone.now()
    dana.save(update_fields=["last_login"])
    dana.set_password("another-long-password")
    dana.save()
    unchanged = [_version(p) for p in (first, second, elsewhere)]
    dana.name = "Dana Dorsey"
    dana.save()

    after = [_version(p) for p in (first, second, elsewhere)]

    assert unchanged == versions
    # Bumped (once per table that links them: membership and crew record), elsewhere not.
    assert after[0] > versions[0]
    assert after[1] > versions[1]
    assert after[2] == versions[2]


def test_removing_a_member_bumps_the_production():
    production = make_production()
    user, _, _ = add_member(production, "crew")
    before = _version(production)

    Membership.objects.filter(production=production, user=user).delete()

    assert _version(production) == before + 1


def test_deleting_a_production_takes_its_version_with_it():
    production = make_production()
    add_crew(production, 3)

    production.delete()

    assert not ProductionDataVersion.objects.filter(production_id=production.pk).exists()


def test_open_deadlines_due_later_are_clock_marks():
    production = make_production()
    now = timezone.now()
    soon, later = now + timedelta(hours=1), now + timedelta(days=2)
    Deadline.objects.create(production=production, title="Past", due=now - timedelta(hours=1))
    Deadline.objects.create(production=production, title="Soon", due=soon)
    Deadline.objects.create(production=production, title="Later", due=later)
    Deadline.objects.create(
        production=production,
        title="Done",
        due=later + timedelta(hours=1),
        status="done",
        completed_at=now,
    )

    marks = ProductionDataVersion.objects.get(production=production).clock_marks

    assert marks == [soon, later]
    assert passed_marks(marks, now) == 0
    assert passed_marks(marks, soon) == 0  # overdue means strictly past due
    assert passed_marks(marks, soon + timedelta(seconds=1)) == 1
    assert passed_marks(marks, later + timedelta(seconds=1)) == 2


def test_the_operation_refuses_names_it_would_have_to_quote():
    with pytest.raises(ValueError, match="plain SQL name"):
        AddDataVersionTrigger('crew_person"; DROP TABLE x; --', "SELECT 1 FROM {rows} r")
    with pytest.raises(ValueError, match="rows"):
        AddDataVersionTrigger("crew_person", "SELECT production_id FROM crew_person")

"""Test data: factory_boy factories for the main models, and helpers built on them.

Every factory keeps the models' rules: names unique per production (a sequence number in
each), related rows in the same production as the row itself (``SelfAttribute``), scenes
numbered 1, 2, 3… within their production and at least an eighth of a page long.

* ``ProductionFactory`` makes a production the way a producer does
  (``productions.services.production_create``): a producer, the default departments and
  positions, the producer's crew record.  Pass ``producer=`` to choose who.
* ``PersonFactory``, ``DepartmentFactory``, ``PositionFactory``, ``EngagementFactory``,
  ``LocationFactory``, ``SetFactory``, ``SceneFactory`` each make one row; pass
  ``production=`` to put several in one production.
* ``make_user``, ``make_production``, ``add_member`` and ``add_crew`` are the short ways most
  tests use.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

import factory
from django.db import models

from accounts.models import User
from crew.models import Department, Engagement, Person, Position
from productions.models import Production
from scheduling.breakdown.models import IntExt, Location, Scene, Set, TimeOfDay

PASSWORD = "a-good-long-password"


def make_user(**fields: Any) -> User:
    return cast(User, UserFactory(**fields))


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    name = factory.Sequence(lambda n: f"User {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance: User, create: bool, results: Any = None) -> None:
        if create:
            instance.save()


class ProductionFactory(factory.django.DjangoModelFactory[Production]):
    """A production made by its producer (``producer=`` a user, else a new one)."""

    class Meta:
        model = Production

    title = factory.Sequence(lambda n: f"Production {n}")
    time_zone = "Europe/London"

    @classmethod
    def _create(cls, model_class: type[Production], *args: Any, **kwargs: Any) -> Production:
        return cast(Production, make_production(**kwargs))


_M = TypeVar("_M", bound=models.Model)


class _InProduction(factory.django.DjangoModelFactory[_M]):
    """A production-scoped row; its related rows are made in the same production."""

    class Meta:
        abstract = True

    production = factory.SubFactory(ProductionFactory)


_SAME_PRODUCTION = factory.SelfAttribute("..production")


class DepartmentFactory(_InProduction[Department]):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Department {n}")
    order = 500  # after the default departments (10 to 150)


class PositionFactory(_InProduction[Position]):
    class Meta:
        model = Position

    title = factory.Sequence(lambda n: f"Position {n}")
    department = factory.SubFactory(DepartmentFactory, production=_SAME_PRODUCTION)


class PersonFactory(_InProduction[Person]):
    """A crew record without a login (most people on a production never log in)."""

    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.test")


class EngagementFactory(_InProduction[Engagement]):
    """A new person in a new position of a new department, all in one production."""

    class Meta:
        model = Engagement

    person = factory.SubFactory(PersonFactory, production=_SAME_PRODUCTION)
    position = factory.SubFactory(PositionFactory, production=_SAME_PRODUCTION)
    department = factory.SelfAttribute("position.department")


class LocationFactory(_InProduction[Location]):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Location {n}")
    address = factory.Sequence(lambda n: f"{n} High Street")


class SetFactory(_InProduction[Set]):
    """A set (upper case, as the app stores them) played by a new location."""

    class Meta:
        model = Set

    name = factory.Sequence(lambda n: f"SET {n}")
    location = factory.SubFactory(LocationFactory, production=_SAME_PRODUCTION)


def next_scene_number(production: Production) -> str:
    """The first whole number not yet used by a scene of ``production``: 1, 2, 3…"""
    if production.pk is None:
        return "1"
    taken = set(Scene.objects.filter(production=production).values_list("number", flat=True))
    number = 1
    while str(number) in taken:
        number += 1
    return str(number)


class SceneFactory(_InProduction[Scene]):
    """A one-page interior day scene on a new set, numbered next in its production."""

    class Meta:
        model = Scene

    number = factory.LazyAttribute(lambda scene: next_scene_number(scene.production))
    set = factory.SubFactory(SetFactory, production=_SAME_PRODUCTION)
    int_ext = IntExt.INT
    time_of_day = TimeOfDay.DAY
    heading = factory.LazyAttribute(
        lambda scene: (
            f"{scene.int_ext}. {scene.set.name if scene.set else 'HOUSE'} - {scene.time_of_day}"
        )
    )
    eighths = 8


def make_production(*, producer: User | None = None, **fields: Any) -> Any:
    """A production made the way a producer makes one (default departments included)."""
    from productions.services import production_create

    fields.setdefault("title", "Test Production")
    fields.setdefault("time_zone", "Europe/London")
    return production_create(by=producer or make_user(), **fields)


def add_member(
    production: Any,
    role: str,
    *,
    department: str = "Camera",
    position: str | None = None,
    user: User | None = None,
    **person_fields: Any,
) -> tuple[User, Any, Any]:
    """A user with a membership, their crew record and an engagement in ``department``.

    Returns ``(user, person, engagement)``.
    """
    from crew.models import Department, Engagement, Person, Position
    from productions.models import Membership

    user = user or make_user()
    if not Membership.objects.filter(user=user, production=production).exists():
        Membership.objects.create(user=user, production=production, role=role)
    dept = Department.objects.get(production=production, name=department)
    # Default: the department's head position for a department head, else its last one.
    positions = Position.objects.filter(production=production, department=dept)
    if position:
        pos = Position.objects.get(production=production, title=position)
    elif role == "hod":
        pos = positions.get(is_head_of_department=True)
    else:
        pos = positions.order_by("-order")[0]
    person = Person.objects.filter(production=production, user=user).first()
    if person is None:
        person_fields.setdefault("name", user.name)
        person_fields.setdefault("email", user.email)
        person = Person.objects.create(production=production, user=user, **person_fields)
    engagement = Engagement.objects.create(
        production=production, person=person, position=pos, department=dept
    )
    return user, person, engagement


def add_crew(production: Any, count: int, *, department: str = "Grip") -> list[Any]:
    """``count`` people without accounts, each engaged in ``department`` (bulk, fast)."""
    from crew.models import Department, Engagement, Person, Position

    dept = Department.objects.get(production=production, name=department)
    pos = Position.objects.filter(production=production, department=dept).order_by("order")[0]
    start = Person.objects.filter(production=production).count()
    people = Person.objects.bulk_create(
        Person(
            production=production,
            name=f"Crew Member {start + i:04d}",
            email=f"crew{start + i}-{production.pk}@example.test",
            phone=f"+447911{(start + i) % 1000000:06d}",
            address=f"{i} High Street",
            share_phone=i % 2 == 0,
        )
        for i in range(count)
    )
    return Engagement.objects.bulk_create(
        Engagement(production=production, person=person, position=pos, department=dept)
        for person in people
    )

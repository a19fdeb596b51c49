from __future__ import annotations

from typing import Any, cast

import factory

from accounts.models import User

PASSWORD = "a-good-long-password"


def make_user(**fields: Any) -> User:
    return cast(User, UserFactory(**fields))


class UserFactory(factory.django.DjangoModelFactory):  # type: ignore[type-arg]
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

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

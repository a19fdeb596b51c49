from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import User
from crew.models import Department, Engagement, Person, Position
from productions.models import Membership, Production
from tests.factories import add_member, make_production, make_user
from tests.services import SmtpSink, running_smtp_sink, running_worker


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    yield
    from django.core.cache import cache

    from productions.fragments import recent_fragments

    cache.clear()
    recent_fragments.clear()


@pytest.fixture(scope="session")
def smtp_sink() -> Iterator[SmtpSink]:
    with running_smtp_sink() as sink:
        yield sink


@pytest.fixture
def celery_worker(transactional_db: Any, smtp_sink: SmtpSink) -> Iterator[Any]:
    """A real worker process. Tests using it must commit: they run with transactional_db."""
    smtp_sink.clear()
    with running_worker(smtp=smtp_sink) as process:
        yield process


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def user(db: Any) -> Any:
    return make_user()


@dataclass(frozen=True)
class Member:
    """One user of the cast: their account, membership, crew record and engagement."""

    user: User
    membership: Membership
    person: Person
    engagement: Engagement


@dataclass(frozen=True)
class Cast:
    """One production with one user per role, and an outsider from another production.

    ============  ==========  ======================================================
    member        role        engaged as
    ============  ==========  ======================================================
    producer      producer    Producer (Production); made the production
    ad            ad          1st Assistant Director (Direction)
    hod           hod         Director of Photography: head of Camera
    director      director    Director (Direction)
    crew          crew        1st Assistant Camera (Camera, under ``hod``)
    hod_other     hod         Production Sound Mixer: head of Sound
    outsider      producer    of ``other_production`` only; nothing on ``production``
    ============  ==========  ======================================================

    Nobody shares their e-mail or phone.  ``cast.client("crew")`` is a page client and
    ``cast.api("hod")`` an API client logged in as that member (no member: anonymous).
    """

    MEMBERS: ClassVar[tuple[str, ...]] = (
        "producer",
        "ad",
        "hod",
        "director",
        "crew",
        "hod_other",
        "outsider",
    )

    production: Production
    other_production: Production
    producer: Member
    ad: Member
    hod: Member
    director: Member
    crew: Member
    hod_other: Member
    outsider: Member

    def __getitem__(self, member: str) -> Member:
        if member not in self.MEMBERS:
            raise KeyError(f"no {member!r} in the cast; there are {', '.join(self.MEMBERS)}")
        found: Member = getattr(self, member)
        return found

    def user(self, member: str) -> User:
        return self[member].user

    def client(self, member: str | None = None, *, raise_request_exception: bool = True) -> Client:
        """A page client logged in as ``member`` (anonymous without one)."""
        client = Client()
        client.raise_request_exception = raise_request_exception
        if member is not None:
            client.force_login(self.user(member))
        return client

    def api(self, member: str | None = None, *, raise_request_exception: bool = True) -> APIClient:
        """An API client authenticated as ``member`` (anonymous without one)."""
        api = APIClient()
        api.raise_request_exception = raise_request_exception
        if member is not None:
            api.force_authenticate(self.user(member))
        return api

    def department(self, name: str) -> Department:
        """A department of ``production`` (the default ones: Camera, Grip, Sound…)."""
        return Department.objects.get(production=self.production, name=name)

    def position(self, title: str) -> Position:
        """A position of ``production`` (the default ones: Dolly Grip, Boom Operator…)."""
        return Position.objects.get(production=self.production, title=title)


def _engage(production: Production, user: User, role: str, position: str) -> Member:
    """``user`` as ``role`` on ``production``, engaged in ``position`` (in its department)."""
    department = Position.objects.get(production=production, title=position).department
    assert department is not None
    _, person, engagement = add_member(
        production, role, department=department.name, position=position, user=user
    )
    membership = Membership.objects.get(production=production, user=user)
    return Member(user, membership, person, engagement)


def make_cast() -> Cast:
    """The fixed cast (see :class:`Cast`); each producer makes their production in the app's way."""
    pat = make_user(name="Pat Producer", email="pat.producer@example.test")
    olive = make_user(name="Olive Outsider", email="olive.outsider@example.test")
    production = make_production(producer=pat, title="Salt Road")
    other = make_production(producer=olive, title="Another Film")

    def member(role: str, position: str, name: str) -> Member:
        email = f"{name.lower().replace(' ', '.')}@example.test"
        return _engage(production, make_user(name=name, email=email), role, position)

    return Cast(
        production=production,
        other_production=other,
        producer=_engage(production, pat, "producer", "Producer"),
        ad=member("ad", "1st Assistant Director", "Ada Assistant"),
        hod=member("hod", "Director of Photography", "Hal Head"),
        director=member("director", "Director", "Dee Director"),
        crew=member("crew", "1st Assistant Camera", "Cai Crew"),
        hod_other=member("hod", "Production Sound Mixer", "Sol Sound"),
        outsider=_engage(other, olive, "producer", "Producer"),
    )


@pytest.fixture
def cast(db: Any) -> Cast:
    """One production with a user per role, and an outsider: see :class:`Cast`."""
    return make_cast()

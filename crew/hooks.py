"""How crew answers productions' hooks (productions sits below crew and cannot call it)."""

from __future__ import annotations

from typing import Any

from crew.policies import page_abilities
from crew.services import departments_seed, person_for_user
from productions.models import Production
from productions.pages import register_abilities
from productions.signals import member_added, production_created


def _production_created(*, production: Production, by: Any, **_: Any) -> None:
    departments_seed(production=production)
    person_for_user(production=production, user=by)


def _member_added(*, production: Production, user: Any, **_: Any) -> None:
    person_for_user(production=production, user=user)


def connect() -> None:
    production_created.connect(_production_created, dispatch_uid="crew.production_created")
    member_added.connect(_member_added, dispatch_uid="crew.member_added")
    register_abilities(page_abilities)

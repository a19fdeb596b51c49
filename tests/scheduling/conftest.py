"""A small fixed cast for the breakdown tests: one production with every role, and a
second production whose producer must never see the first one's rows."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from productions.scoping import Access, production_access
from tests.factories import add_member, make_production, make_user

SCREENPLAYS = Path(
    os.environ.get(
        "CALLBOARD_SCREENPLAYS_DIR",
        Path(__file__).resolve().parents[3] / "shared" / "screenplays",
    )
)


def screenplay_path(name: str) -> Path:
    """A real screenplay from the shared folder (never copied into the repository)."""
    if not SCREENPLAYS.is_dir():
        pytest.skip(
            f"real screenplays not found in {SCREENPLAYS}; they live outside the repository "
            "(set CALLBOARD_SCREENPLAYS_DIR to their folder to run these tests)"
        )
    path = SCREENPLAYS / name
    if not path.is_file():
        pytest.skip(f"{name} is not in {SCREENPLAYS}")
    return path


@dataclass
class Team:
    production: Any
    producer: Any
    ad: Any
    hod: Any
    director: Any
    crew: Any
    outsider: Any  # producer of another production
    other_production: Any

    def access(self, user: Any = None) -> Access:
        return production_access(user or self.producer, self.production.pk)

    def other_access(self) -> Access:
        return production_access(self.outsider, self.other_production.pk)


@pytest.fixture
def team(db: Any) -> Team:
    producer = make_user(name="Pat Producer")
    production = make_production(producer=producer, title="Big Fish")
    ad, _, _ = add_member(production, "ad", department="Production")
    hod, _, _ = add_member(production, "hod", department="Camera")
    director, _, _ = add_member(production, "director", department="Production")
    crew, _, _ = add_member(production, "crew", department="Grip")
    outsider = make_user(name="Olive Outsider")
    other = make_production(producer=outsider, title="Another Film")
    return Team(production, producer, ad, hod, director, crew, outsider, other)

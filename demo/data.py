"""The demo production loaded by ``manage.py seed_demo``. Demo data only.

Deterministic (no randomness): the same names, dates and roles every time, so
screenshots and benchmarks are comparable. Loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from itertools import cycle, islice
from typing import Any

from django.db import transaction

from accounts.models import User
from crew.deadlines import deadline_save
from crew.models import (
    Character,
    Deadline,
    Department,
    Engagement,
    EngagementStatus,
    Person,
    Position,
)
from crew.services import (
    character_edit,
    crew_member_add,
    engagement_save,
    person_for_user,
    person_save,
)
from demo.breakdown import seed_demo_breakdown
from demo.schedule import seed_demo_schedule
from productions.models import CoProducer, Membership, Production
from productions.roles import Role
from productions.services import production_create
from scheduling.breakdown.models import Scene
from scheduling.stripboard.models import Schedule

DEMO_TITLE = "The Lighthouse Keeper"
DEMO_PASSWORD = "callboard-demo"  # nosec B105  # the demo logins' password, in the README
DEMO_LOGINS: tuple[tuple[str, str], ...] = (
    ("producer@demo.test", "producer"),
    ("ad@demo.test", "assistant director"),
    ("hod@demo.test", "department head (camera)"),
    ("director@demo.test", "director"),
    ("crew@demo.test", "crew"),
)
# (email, name, role, position title)
_LOGIN_PEOPLE = (
    ("producer@demo.test", "Priya Natarajan", Role.PRODUCER, "Producer"),
    ("ad@demo.test", "Tomás Álvarez", Role.ASSISTANT_DIRECTOR, "1st Assistant Director"),
    ("hod@demo.test", "Ingrid Solberg", Role.DEPARTMENT_HEAD, "Director of Photography"),
    ("director@demo.test", "Marguerite Laval", Role.DIRECTOR, "Director"),
    ("crew@demo.test", "Kwame Mensah", Role.CREW, "1st Assistant Camera"),
)
_FIRST = (
    "Ada",
    "Bruno",
    "Chloé",
    "Dev",
    "Elif",
    "Finn",
    "Greta",
    "Hugo",
    "Isla",
    "Jonas",
    "Keiko",
    "Luca",
    "Maya",
    "Nils",
    "Olu",
    "Pia",
    "Quentin",
    "Rosa",
    "Sami",
    "Tess",
    "Umar",
    "Vera",
    "Wim",
    "Xenia",
    "Yusuf",
    "Zoé",
    "Anouk",
    "Bram",
    "Céline",
    "Dario",
)
_LAST = (
    "Abbott",
    "Berger",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fontaine",
    "Garcia",
    "Hansen",
    "Ibrahim",
    "Jansen",
    "Kowalski",
    "Lefèvre",
    "Moreau",
    "Novak",
    "Okafor",
    "Petit",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Ulrich",
    "Vidal",
    "Walsh",
    "Yilmaz",
    "Zimmer",
)
# Department → how many extra crew (beyond the demo logins), 12 departments, 120 people.
_CREW_PER_DEPARTMENT = {
    "Production": 12,
    "Direction": 8,
    "Camera": 12,
    "Grip": 11,
    "Electric": 11,
    "Art": 14,
    "Costume": 10,
    "Hair & Make-up": 9,
    "Sound": 6,
    "Locations": 8,
    "Transport": 10,
    "VFX": 4,
}
_CHARACTERS = (
    "THOMAS",
    "ELSPETH",
    "YOUNG THOMAS",
    "CAPTAIN HARROW",
    "MAIREAD",
    "FATHER DOYLE",
    "NIAMH",
    "SEAMUS",
    "THE INSPECTOR",
    "ROSALIND",
    "DR. FENWICK",
    "OLD FISHERMAN",
    "BARMAID",
    "CONSTABLE",
    "LIGHTHOUSE BOARD CHAIR",
    "POSTMISTRESS",
    "SHIP'S MATE",
    "RADIO OPERATOR",
    "SCHOOLTEACHER",
    "MRS. KEANE",
    "YOUNG ELSPETH",
    "FERRYMAN",
    "JOURNALIST",
    "PHOTOGRAPHER",
    "COASTGUARD",
    "NURSE",
    "GROCER",
    "CHOIR LEADER",
    "TOURIST 1",
    "TOURIST 2",
    "DOCKWORKER",
    "PUBLICAN",
    "MAYOR",
    "MAYOR'S WIFE",
    "CHILD ON PIER",
    "LIFEBOAT COX",
    "TELEGRAPH BOY",
    "SURVEYOR",
    "AUCTIONEER",
    "NARRATOR",
)


def _name(index: int) -> str:
    return f"{_FIRST[index % len(_FIRST)]} {_LAST[(index * 7) % len(_LAST)]}"


@transaction.atomic
def seed_demo() -> tuple[Production, bool]:
    """Load the demo production; returns it and whether anything was created."""
    existing = Production.objects.filter(
        title=DEMO_TITLE, memberships__user__email="producer@demo.test"
    ).first()
    if existing is not None:
        # A demo loaded by an earlier version may lack what later versions add.
        producer = User.objects.get(email="producer@demo.test")
        created = False
        if not Scene.objects.filter(production=existing).exists():
            seed_demo_breakdown(
                production=existing, producer=producer, characters=list(_CHARACTERS)
            )
            created = True
        if not Schedule.objects.filter(production=existing).exists():
            seed_demo_schedule(production=existing, producer=producer)
            created = True
        return existing, created

    users = {}
    for email, name, _role, _position in _LOGIN_PEOPLE:
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, DEMO_PASSWORD, name=name
        )
        users[email] = user

    shoot_start = dt.date(2027, 3, 1)
    production = production_create(
        by=users["producer@demo.test"],
        title=DEMO_TITLE,
        kind="feature",
        status="pre_production",
        logline="A widowed keeper on a Hebridean rock takes in a stranger the sea gave back.",
        time_zone="Europe/London",
        prep_start=dt.date(2027, 1, 18),
        shoot_start=shoot_start,
        shoot_end=dt.date(2027, 4, 9),
        wrap_date=dt.date(2027, 4, 16),
        languages=["en", "fr"],
        office_address="Unit 4, Harbour Studios, Oban PA34 4LW, Scotland",
        office_phone="+441631562000",
    )
    CoProducer.objects.bulk_create(
        [
            CoProducer(
                production=production,
                name="Northlight Films Ltd",
                country="GB",
                role="majority",
                share_percent=70,
            ),
            CoProducer(
                production=production,
                name="Phare Productions SAS",
                country="FR",
                role="minority",
                share_percent=30,
            ),
        ]
    )
    departments = {d.name: d for d in Department.objects.filter(production=production)}
    positions = {p.title: p for p in Position.objects.filter(production=production)}
    shoot_end = production.shoot_end

    # The demo logins: memberships and their own engagements. People, engagements,
    # characters and deadlines go through the services every page, API and import uses.
    for email, _, role, position_title in _LOGIN_PEOPLE:
        user = users[email]
        if role != Role.PRODUCER:
            Membership.objects.create(user=user, production=production, role=role)
        person = person_save(
            person=person_for_user(production=production, user=user),
            phone=f"+4479110{len(email):02d}{ord(email[0]):03d}",
            share_email=True,
        )
        engagement_save(
            engagement=Engagement(production=production, person=person),
            position=positions[position_title],
            start_date=production.prep_start,
            end_date=production.wrap_date,
            status=EngagementStatus.CONFIRMED,
        )

    # 120 crew across 12 departments, 40 cast with their characters.
    plan: list[tuple[dict[str, Any], Position, Department]] = []
    index = 0
    for dept_name, count in _CREW_PER_DEPARTMENT.items():
        dept_positions = [
            p
            for p in positions.values()
            if p.department_id == departments[dept_name].pk and not p.is_head_of_department
        ]
        for position in islice(cycle(dept_positions), count):
            index += 1
            person_fields = {
                "name": _name(index),
                "email": f"crew{index:03d}@demo.test",
                "phone": f"+44791120{index:04d}",
                "share_phone": index % 3 == 0,
                "address": f"{index} Shore Road, Oban",
                "dietary_notes": "Vegetarian" if index % 5 == 0 else "",
            }
            plan.append((person_fields, position, departments[dept_name]))
    cast_positions = [positions["Lead Cast"], positions["Supporting Cast"], positions["Day Player"]]
    for number in range(1, len(_CHARACTERS) + 1):
        index += 1
        position = cast_positions[0 if number <= 4 else 1 if number <= 15 else 2]
        person_fields = {
            "name": _name(index + 3),
            "email": f"cast{number:02d}@demo.test",
            "phone": f"+44791170{number:04d}",
        }
        plan.append((person_fields, position, departments["Cast"]))
    engagements = [
        crew_member_add(
            production=production,
            person_fields=person_fields,
            engagement_fields={
                "position": position,
                "department": department,
                "start_date": shoot_start
                if department.name != "Production"
                else production.prep_start,
                "end_date": shoot_end,
                "status": EngagementStatus.CONFIRMED if i % 9 else EngagementStatus.OFFERED,
                "call_offset_minutes": -30
                if department.name in {"Hair & Make-up", "Costume"}
                else 0,
            },
        )
        for i, (person_fields, position, department) in enumerate(plan)
    ]
    cast_engagements = engagements[-len(_CHARACTERS) :]
    for number, (name, engagement) in enumerate(
        zip(_CHARACTERS, cast_engagements, strict=True), start=1
    ):
        character_edit(
            character=Character(production=production),
            name=name,
            cast_number=number,
            engagement=engagement,
        )

    # Deadlines: some done, one overdue relative to the demo's own calendar.
    london = zoneinfo.ZoneInfo("Europe/London")
    owners = {
        email: Person.objects.get(production=production, user=user) for email, user in users.items()
    }
    for title, due, owner, dept, status in (
        (
            "Script lock (white draft)",
            dt.datetime(2027, 1, 29, 18, tzinfo=london),
            "producer@demo.test",
            "Production",
            "done",
        ),
        (
            "Location contracts signed",
            dt.datetime(2027, 2, 12, 17, tzinfo=london),
            "producer@demo.test",
            "Locations",
            "open",
        ),
        (
            "Camera package test day",
            dt.datetime(2027, 2, 19, 9, tzinfo=london),
            "hod@demo.test",
            "Camera",
            "open",
        ),
        (
            "Stripboard v1 to HODs",
            dt.datetime(2027, 2, 8, 12, tzinfo=london),
            "ad@demo.test",
            "Direction",
            "open",
        ),
        (
            "Costume fittings: principal cast",
            dt.datetime(2027, 2, 22, 17, tzinfo=london),
            "producer@demo.test",
            "Costume",
            "open",
        ),
        (
            "Tech recce",
            dt.datetime(2027, 2, 24, 8, tzinfo=london),
            "ad@demo.test",
            "Direction",
            "open",
        ),
        (
            "Insurance certificates",
            dt.datetime(2026, 11, 1, 12, tzinfo=london),
            "producer@demo.test",
            "Production",
            "open",
        ),
        (
            "Director's shot list",
            dt.datetime(2027, 2, 20, 18, tzinfo=london),
            "director@demo.test",
            "Direction",
            "open",
        ),
    ):
        deadline_save(
            deadline=Deadline(
                production=production,
                title=title,
                due=due,
                department=departments[dept],
                status=status,
                completed_at=due if status == "done" else None,
            ),
            owner_ids=[owners[owner].pk],
        )
    seed_demo_breakdown(
        production=production, producer=users["producer@demo.test"], characters=list(_CHARACTERS)
    )
    seed_demo_schedule(production=production, producer=users["producer@demo.test"])
    return production, True

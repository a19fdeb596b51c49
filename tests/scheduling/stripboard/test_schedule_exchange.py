"""Open data: the whole schedule out as JSON and CSV, and the JSON back in as a new version."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest

from crew.models import Character
from scheduling.stripboard.models import DoodMark, Schedule, ShootDay, Unit
from scheduling.stripboard.services import schedule_create, shoot_day_save, strip_move
from tests.conftest import Cast
from tests.factories import LocationFactory, SceneFactory

pytestmark = pytest.mark.django_db


def base(cast: Cast, schedule: Schedule) -> str:
    return f"/api/v1/productions/{cast.production.pk}/schedules/{schedule.pk}"


@pytest.fixture
def planned(cast: Cast) -> Schedule:
    scenes = SceneFactory.create_batch(4, production=cast.production)
    studio = LocationFactory.create(
        production=cast.production, name="Studio", time_zone="Europe/Paris"
    )
    schedule = schedule_create(production=cast.production, name="White")
    unit = Unit.objects.get(production=cast.production)
    second = Unit.objects.create(production=cast.production, name="Second unit", kind="second")
    one = shoot_day_save(
        day=ShootDay(schedule=schedule),
        unit=unit,
        date=date(2027, 3, 1),
        location=studio,
        crew_call="07:00",
    )
    shoot_day_save(
        day=ShootDay(schedule=schedule), unit=unit, date=date(2027, 3, 2), kind="holiday"
    )
    two = shoot_day_save(day=ShootDay(schedule=schedule), unit=second, date=date(2027, 3, 3))
    version = 1
    for scene, day, position in ((scenes[0], one, 0), (scenes[1], one, 1), (scenes[2], two, 0)):
        version = strip_move(
            schedule=schedule, scene=scene, to_day=day, position=position, seen_version=version
        ).board_version
    hero = Character.objects.create(production=cast.production, name="MARA", cast_number=1)
    DoodMark.objects.create(schedule=schedule, character=hero, date=date(2027, 2, 28), code="T")
    return schedule


def shape(board: dict[str, Any]) -> list[Any]:
    return [
        (d["date"], d["unit"] is not None, d["kind"], [s["number"] for s in d["strips"]])
        for d in board["days"]
    ] + [[s["number"] for s in board["boneyard"]]]


def test_json_export_reads_back_as_a_new_version_with_the_same_board(
    cast: Cast, planned: Schedule
) -> None:
    api = cast.api("ad")
    exported = api.get(f"{base(cast, planned)}/export/?format=json").json()
    assert exported["format"] == "callboard.schedule"
    assert exported["days"][0]["crew_call"] == "07:00"
    assert exported["days"][0]["local_time_zone"] == "Europe/Paris"
    assert exported["days"][0]["crew_call_at"] == "2027-03-01T07:00:00+01:00"
    answer = api.post(
        f"/api/v1/productions/{cast.production.pk}/schedules/import/?name=Blue",
        exported,
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    blue = Schedule.objects.get(pk=answer.json()["id"])
    assert blue.name == "Blue"
    assert blue.status == "draft"
    old = api.get(f"{base(cast, planned)}/board/").json()
    new = api.get(f"{base(cast, blue)}/board/").json()
    assert shape(new) == shape(old)
    assert DoodMark.objects.get(schedule=blue).code == "T"


def test_csv_export_lists_every_strip_in_order(cast: Cast, planned: Schedule) -> None:
    answer = cast.api("hod").get(f"{base(cast, planned)}/export/?format=csv")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode())))
    assert [(r["date"], r["kind"], r["position"]) for r in rows] == [
        ("2027-03-01", "shoot", "1"),
        ("2027-03-01", "shoot", "2"),
        ("2027-03-02", "holiday", ""),
        ("2027-03-03", "shoot", "1"),
        ("", "boneyard", "1"),
    ]
    assert rows[0]["location"] == "Studio"
    assert rows[0]["day_number"] == "1"


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["days"][0]["strips"][0].update(scene="999"), "days[0].strips[0].scene"),
        (
            lambda d: d["days"][2]["strips"].append(dict(d["days"][0]["strips"][0])),
            "days[2].strips[1].scene",
        ),
        (lambda d: d["days"][1]["strips"].append(d["boneyard"].pop()), "days[1].strips"),
        (lambda d: d["days"][0].update(date="9999-12-31"), "days[0].date"),
        (lambda d: d["days"][0].update(crew_call="25:00"), "days[0].crew_call"),
        (lambda d: d["days"][0].update(location="Nowhere"), "days[0].location"),
        (lambda d: d["days"][0].update(unit="Third unit"), "days[0].unit"),
        (lambda d: d["days"][2].update(date="2027-03-01", unit="Main unit"), "days[2].date"),
        (lambda d: d["days"][0].update(time_zone="Mars/Olympus"), "days[0].time_zone"),
        (lambda d: d["dood_marks"][0].update(code="W"), "dood_marks[0].code"),
        (lambda d: d.update(format="something else"), "format"),
        (lambda d: d.update(days="many"), "days"),
        (lambda d: d.update(name="white"), "name"),  # case-insensitively taken
    ],
)
def test_a_bad_import_names_the_problem_and_saves_nothing(
    cast: Cast, planned: Schedule, change, where
) -> None:
    api = cast.api("ad")
    exported = api.get(f"{base(cast, planned)}/export/?format=json").json()
    change(exported)
    before = (Schedule.objects.count(), ShootDay.objects.count(), Unit.objects.count())
    answer = api.post(
        f"/api/v1/productions/{cast.production.pk}/schedules/import/", exported, format="json"
    )
    assert answer.status_code == 400, answer.json()
    assert where in answer.json()["errors"], answer.json()
    assert (Schedule.objects.count(), ShootDay.objects.count(), Unit.objects.count()) == before


def test_an_import_needs_the_right_to_edit_and_a_json_object(cast: Cast, planned: Schedule) -> None:
    url = f"/api/v1/productions/{cast.production.pk}/schedules/import/"
    assert cast.api("hod").post(url, {}, format="json").status_code == 403
    answer = cast.api("ad").post(url, [1, 2], format="json")
    assert answer.status_code == 400


def test_the_versions_page_imports_an_export_file(cast: Cast, planned: Schedule) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    exported = cast.api("ad").get(f"{base(cast, planned)}/export/?format=json").content
    client = cast.client("ad")
    url = reverse("scheduling:schedule-import", kwargs={"production_id": cast.production.pk})
    answer = client.post(url, {"file": SimpleUploadedFile("white.json", exported), "name": "Pink"})
    pink = Schedule.objects.get(name="Pink")
    assert answer["Location"].endswith(f"/schedule/{pink.pk}/")
    answer = client.post(url, {"file": SimpleUploadedFile("x.json", b"{not json")}, follow=True)
    assert "That file is not JSON." in answer.content.decode()
    answer = client.post(url, {"file": SimpleUploadedFile("w.json", exported)}, follow=True)
    assert "name: This production already has a schedule with that name." in answer.content.decode()
    assert Schedule.objects.count() == 2
